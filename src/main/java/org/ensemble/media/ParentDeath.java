package org.ensemble.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a child process is tied to the JVM that starts it. Java cannot ask the kernel for that itself (the parent-death
 * signal is set between fork and exec), so on Linux each command is started through util-linux's {@code setpriv},
 * which sets it and then becomes the command: same process, same pid, killed by the kernel when its parent goes.
 * util-linux is an essential package on Debian and Ubuntu, so {@code setpriv} is there wherever a JDK is.
 */
final class ParentDeath {

    private static final Logger LOG = LoggerFactory.getLogger(ParentDeath.class);
    private static final List<String> SEARCHED = List.of("/usr/bin/setpriv", "/bin/setpriv", "/usr/local/bin/setpriv");

    private ParentDeath() {
    }

    /** The words to put before a command so it dies with this JVM, or none where this machine cannot. */
    static List<String> launcher() {
        return Found.LAUNCHER;
    }

    /** Looked for once per JVM. */
    private static final class Found {
        static final List<String> LAUNCHER = find();
    }

    private static List<String> find() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return List.of();
        }
        for (String candidate : SEARCHED) {
            Path setpriv = Path.of(candidate);
            if (Files.isExecutable(setpriv) && works(setpriv)) {
                return List.of(setpriv.toString(), "--pdeathsig", "KILL", "--");
            }
        }
        LOG.warn("util-linux's setpriv was not found (looked at {}): an FFmpeg process would outlive this JVM if it were "
                + "killed with kill -9; install util-linux", SEARCHED);
        return List.of();
    }

    private static boolean works(Path setpriv) {
        try {
            Process probe = new ProcessBuilder(setpriv.toString(), "--pdeathsig", "KILL", "--", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            probe.getOutputStream().close();
            if (!probe.waitFor(10, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
