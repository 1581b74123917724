package org.ensemble.start;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.boot.web.server.PortInUseException;

/**
 * Why Ensemble cannot start, for the failures an operator can fix: each is one line saying what is wrong and what
 * to do, and an exit code of its own (the README's table). Found in the cause chain of whatever stopped the start.
 */
public enum StartFailure {

    /** No usable FFmpeg: none found, the bundled one cannot run here, or the one found lacks what is needed. */
    MEDIA_TOOLS(10),
    /** Java cannot use fonts (the JDK needs fontconfig), so no card or credit can be drawn. */
    FONTS(11),
    /** The home folder cannot be made or written. */
    HOME_UNUSABLE(12),
    /** Another process holds the H2 database file without sharing it. */
    DATABASE_LOCKED(13),
    /** The HTTP port is taken. */
    PORT_IN_USE(14),
    /** The jobs folder (show definitions) does not exist. */
    JOBS_MISSING(15);

    /** H2's "Database may be already in use" (ErrorCode.DATABASE_ALREADY_OPEN_1). */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private final int exitCode;

    StartFailure(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A known failure: its kind and its line. */
    public record Found(StartFailure kind, String line) {
    }

    /** The known failure in {@code failure}'s cause chain, if there is one (the outermost wins). */
    public static Optional<Found> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartFailureException known) {
                return Optional.of(new Found(known.kind(), known.getMessage()));
            }
            if (t instanceof PortInUseException port) {
                return Optional.of(new Found(PORT_IN_USE, "Port " + port.getPort() + " is already in use by another "
                        + "process: stop it, or give Ensemble another port with --server.port=<n>"));
            }
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return Optional.of(new Found(DATABASE_LOCKED, "The database is locked by another process ("
                        + firstSentence(sql.getMessage()) + "): close the program that opened it directly (an H2 "
                        + "console, a backup), or give this command another --home"));
            }
        }
        return Optional.empty();
    }

    /** The exit code for a failed start: the known failure's, else 1. */
    public static int exitCode(Throwable failure) {
        return find(failure).map(f -> f.kind().exitCode()).orElse(1);
    }

    /** From now on a start failure's trace is printed on standard error too ({@code --debug}), not only logged. */
    public static void traceToConsole() {
        System.setProperty(OneLineFailureReporter.DEBUG, "true");
    }

    /**
     * Reports a known failure that surfaced after Spring started (a bean made on first use) as Spring reports one at
     * start: one line on {@code err}, the trace in the log file (and on {@code err} with {@code --debug}).
     *
     * @return its exit code, or empty when it is not a known failure
     */
    public static OptionalInt report(Throwable failure, PrintStream err) {
        return find(failure).map(found -> {
            OneLineFailureReporter.print(OneLineFailureReporter.PREFIX + found.line(), failure, err);
            return OptionalInt.of(found.kind().exitCode());
        }).orElse(OptionalInt.empty());
    }

    /** The one line for a failure found before Spring started, as Spring's own report would print it. */
    public static String line(StartFailureException failure) {
        return OneLineFailureReporter.PREFIX + failure.getMessage();
    }

    /** The jobs folder is not there. */
    public static StartFailureException jobsMissing(Path jobs) {
        return new StartFailureException(JOBS_MISSING, "The jobs folder " + jobs + " does not exist, so no show is "
                + "defined: give --jobs <the folder of show files> (or --ensemble.jobs=<dir>), or start Ensemble where jobs/ is", null);
    }

    private static String firstSentence(String message) {
        String text = message == null ? "" : message.strip();
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end);
    }
}
