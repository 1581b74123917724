package org.ensemble.start;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two folders Ensemble needs before Spring starts, resolved the same way for the server and every command:
 * the home folder (database, inbox, cache, work, outbox, logs) and the jobs folder (show definitions). H2 wants an
 * absolute file URL, so the home is made absolute here and handed to Spring as {@code ensemble.home}.
 *
 * @param home the home folder, absolute
 * @param jobs the jobs folder, absolute
 */
public record StartSettings(Path home, Path jobs) {

    /**
     * The given folders, else the system properties {@code ensemble.home} and {@code ensemble.jobs}, else the
     * variables {@code ENSEMBLE_HOME} and {@code ENSEMBLE_JOBS}, else {@code ./var} and {@code ./jobs}.
     */
    public static StartSettings resolve(String home, String jobs) {
        return new StartSettings(absolute(home, "ensemble.home", "ENSEMBLE_HOME", "var"),
                absolute(jobs, "ensemble.jobs", "ENSEMBLE_JOBS", "jobs"));
    }

    private static Path absolute(String given, String property, String variable, String fallback) {
        String value = given != null ? given : System.getProperty(property, System.getenv().getOrDefault(variable, fallback));
        return Path.of(value).toAbsolutePath().normalize();
    }

    /** Fixes {@code ensemble.home} for Spring (a system property, so {@code application.yml} can refer to it). */
    public StartSettings useHome() {
        System.setProperty("ensemble.home", home.toString());
        return this;
    }

    /** Where the log goes: {@code <home>/logs/ensemble.log} (start failures are written there with their trace). */
    public Path logFile() {
        return home.resolve("logs").resolve("ensemble.log");
    }

    /**
     * Makes sure the home folder exists and can be written, before anything (the log, H2) tries to.
     *
     * @throws StartFailureException {@link StartFailure#HOME_UNUSABLE} with what is wrong
     */
    public StartSettings requireUsableHome() {
        try {
            Files.createDirectories(logFile().getParent());
            Files.delete(Files.createTempFile(home, ".write-check-", ""));
            return this;
        } catch (IOException | SecurityException e) {
            throw new StartFailureException(StartFailure.HOME_UNUSABLE, "The home folder " + home + " cannot be used ("
                    + reason(e) + "): give --home <a folder Ensemble may write> or set ENSEMBLE_HOME", e);
        }
    }

    /**
     * Makes sure the jobs folder exists.
     *
     * @throws StartFailureException {@link StartFailure#JOBS_MISSING}
     */
    public StartSettings requireJobsFolder() {
        if (!Files.isDirectory(jobs)) {
            throw StartFailure.jobsMissing(jobs);
        }
        return this;
    }

    private static String reason(Exception e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return (f.getFile() == null ? "" : f.getFile() + ": ") + f.getReason();
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        return e.getMessage();
    }
}
