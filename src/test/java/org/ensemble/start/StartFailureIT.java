package org.ensemble.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ensemble.EnsembleJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each start failure an operator can fix, made for real on the packaged jar: one line on standard error that says
 * what is wrong and what to do, the documented exit code, no stack trace on the console, the trace in the log file.
 */
class StartFailureIT {

    private static final Path JOBS = Path.of("src/test/resources/jobs").toAbsolutePath();

    @TempDir
    Path dir;

    /** What the jar printed and how it ended. */
    record Ended(int code, String out, String err) {
        String line() {
            return err.strip();
        }
    }

    private Ended run(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(EnsembleJar.command(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 10 minutes: " + command);
        }
        return new Ended(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Ended run(String... args) throws IOException, InterruptedException {
        return run(List.of(), args);
    }

    private static void assertOneLine(Ended ended, int code, String... words) {
        assertThat(ended.code()).as(ended.out() + ended.err()).isEqualTo(code);
        assertThat(ended.err().lines()).as(ended.err()).hasSize(1);
        assertThat(ended.line()).startsWith("Ensemble cannot start: ").contains(words);
        assertThat(ended.out() + ended.err()).as("no stack trace on the console").doesNotContain("\tat ").doesNotContain("Caused by:");
        assertThat(ended.out()).as("no chain of causes on the console").doesNotContain("cancelling refresh attempt");
    }

    private static void assertTraceLogged(Path home) throws IOException {
        assertThat(Files.readString(home.resolve("logs/ensemble.log"))).contains("Ensemble cannot start: ").contains("\tat ");
    }

    @Test
    void aHomeThatCannotBeAFolder() throws Exception {
        // given a file where the home folder's parent should be (root may write anywhere, but not under a file)
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        Ended server = run("--ensemble.home=" + file.resolve("var"));
        Ended command = run("status", "--home", file.toString());

        assertOneLine(server, 12, "The home folder " + file.resolve("var"), "give --home");
        assertOneLine(command, 12, "The home folder " + file, "Not a directory");
    }

    @Test
    void noFfmpeg() throws Exception {
        Path home = dir.resolve("home");

        Ended ended = run("run", "--show", "tiny-show", "--air-date", "2026-12-14", "--home", home.toString(),
                "--jobs", JOBS.toString(), "--ensemble.media.ffmpeg=" + dir.resolve("no/ffmpeg"), "--ensemble.media.ffprobe=" + dir.resolve("no/ffprobe"));

        assertOneLine(ended, 10, dir.resolve("no/ffmpeg").toString());
        assertTraceLogged(home);
    }

    @Test
    void aDatabaseAnotherProgramHolds() throws Exception {
        // given the H2 file opened by another program without the auto server (as an H2 console or a backup would)
        Path home = Files.createDirectories(dir.resolve("home"));
        try (Connection other = DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/ensemble"), "sa", "")) {
            other.createStatement().execute("CREATE TABLE IF NOT EXISTS held (id INT)");

            Ended ended = run("status", "--home", home.toString());

            assertOneLine(ended, 13, "The database is locked by another process", "or give this command another --home");
            assertTraceLogged(home);
        }
    }

    @Test
    void aPortInUse() throws Exception {
        Path home = dir.resolve("home");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Ended ended = run("--ensemble.home=" + home, "--ensemble.jobs=" + JOBS, "--server.address=127.0.0.1",
                    "--server.port=" + taken.getLocalPort());

            assertOneLine(ended, 14, "Port " + taken.getLocalPort() + " is already in use", "--server.port=<n>");
            assertTraceLogged(home);
        }
    }

    @Test
    void aMissingJobsFolder() throws Exception {
        Path home = dir.resolve("home");

        Ended server = run("--ensemble.home=" + home, "--ensemble.jobs=" + dir.resolve("no-jobs"), "--server.port=0");
        Ended command = run("run", "--show", "tiny-show", "--air-date", "2026-12-14", "--home", home.toString(),
                "--jobs", dir.resolve("no-jobs").toString());

        assertOneLine(server, 15, "The jobs folder " + dir.resolve("no-jobs") + " does not exist", "give --jobs");
        assertOneLine(command, 15, "The jobs folder " + dir.resolve("no-jobs") + " does not exist", "give --jobs");
    }

    @Test
    void fontsJavaCannotUse() throws Exception {
        EnsembleJar.require(EnsembleJar.root(), "root (for a private mount namespace)");
        EnsembleJar.require(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare (util-linux)");
        // given a machine whose FreeType cannot be loaded (the JDK's font library needs it), in a private mount
        // namespace; the bundled FFmpeg does not need it
        Path freetype = Path.of("/lib/x86_64-linux-gnu/libfreetype.so.6");
        EnsembleJar.require(Files.exists(freetype), freetype.toString());
        Path home = dir.resolve("home");
        List<String> hidden = List.of("/usr/bin/unshare", "-m", "/bin/sh", "-c",
                "mount --make-rprivate / && mount --bind /dev/null " + freetype + " && exec \"$0\" \"$@\"");

        Ended ended = run(hidden, "run", "--show", "tiny-show", "--air-date", "2026-12-14", "--home", home.toString(),
                "--jobs", JOBS.toString(), "--ensemble.media.ffmpeg=bundled");

        assertOneLine(ended, 11, "Java cannot use fonts on this machine", "install fontconfig");
        assertTraceLogged(home);
    }

    @Test
    void withDebugTheTraceIsOnTheConsoleToo() throws Exception {
        Path home = dir.resolve("home");

        Ended ended = run("run", "--show", "tiny-show", "--air-date", "2026-12-14", "--home", home.toString(), "--jobs",
                JOBS.toString(), "--debug", "--ensemble.media.ffmpeg=" + dir.resolve("no/ffmpeg"));

        assertThat(ended.code()).isEqualTo(10);
        assertThat(ended.err()).startsWith("Ensemble cannot start: ").contains("\tat ");
    }
}
