package org.ensemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the packaged application as a user does ({@code java -jar target/ensemble.jar ...}), for the integration
 * tests that run after {@code package}. Its output (standard output and error together) goes to a file.
 */
public final class EnsembleJar {

    public static final Path JAR = Path.of("target", "ensemble.jar");

    private EnsembleJar() {
    }

    /** The java of the JVM running the tests. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code java -jar target/ensemble.jar} and these arguments. */
    public static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code command} with its output going to {@code log}. */
    public static Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /** Runs {@code command} to its end (at most ten minutes) and returns its exit code. */
    public static int run(List<String> command, Path log) throws IOException, InterruptedException {
        Process process = start(command, log);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("Still running after 10 minutes: " + command);
        }
        return process.exitValue();
    }

    public static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /**
     * What a test needs of the machine (root, a tool); under {@code CI=true} a missing one fails the test instead of
     * skipping it, so that nothing is skipped silently where it counts.
     */
    public static void require(boolean condition, String what) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            if (!condition) {
                throw new AssertionError("CI=true and " + what + " is missing; .ci/run runs as root on Debian");
            }
        } else {
            Assumptions.assumeTrue(condition, what + " is missing");
        }
    }

    /** Whether this JVM runs as root (uid 0). */
    public static boolean root() {
        try {
            return "0".equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString());
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The state letter of a process in {@code /proc/<pid>/stat} (R, S, D, Z …), or empty when there is none. */
    public static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
            return "";
        }
    }

    /** Whether a process runs: it exists and is not a zombie waiting to be reaped. */
    public static boolean running(long pid) {
        String state = state(pid);
        return !state.isEmpty() && !state.equals("Z") && !state.equals("X");
    }
}
