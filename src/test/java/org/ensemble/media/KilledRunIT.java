package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.ensemble.EnsembleJar;
import org.ensemble.TinyWeek;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No process outlives its run: a run killed with {@code kill -9} while FFmpeg conforms a piece leaves no FFmpeg
 * behind (the kernel ends them with the JVM), and the same command then publishes exactly one revision.
 */
class KilledRunIT {

    @TempDir
    Path dir;

    @Test
    void aRunKilledMidConformLeavesNoFfmpegAndTheSameCommandPublishesOneRevision() throws Exception {
        assertThat(EnsembleJar.JAR).as("run after package").isRegularFile();

        // given a week whose first piece keeps conform busy for a while, and the README's run command
        Path inbox = TinyWeek.make(dir.resolve("week"), 90);
        Path home = dir.resolve("home");
        List<String> command = EnsembleJar.command("run", "--show", "tiny-show", "--air-date", "2026-12-14", "--inbox",
                inbox.toString(), "--home", home.toString(), "--jobs", Path.of("src/test/resources/jobs").toAbsolutePath().toString());
        Process jvm = EnsembleJar.start(command, dir.resolve("killed.log"));

        // when the JVM is killed with SIGKILL while an FFmpeg of it is encoding a segment
        List<ProcessHandle> encoding = waitForEncodes(jvm);
        jvm.destroyForcibly();
        long killedAt = System.nanoTime();

        // then within 2 s no FFmpeg of that run is running, neither the ones seen nor any other with the home in its command
        long deadline = killedAt + 2_000_000_000L;
        while (System.nanoTime() < deadline && (encoding.stream().anyMatch(p -> EnsembleJar.running(p.pid())) || !ofHome(home).isEmpty())) {
            Thread.onSpinWait();
        }
        assertThat(encoding).as("FFmpeg processes seen encoding").allSatisfy(p ->
                assertThat(EnsembleJar.running(p.pid())).as("pid %d 2 s after the kill", p.pid()).isFalse());
        assertThat(ofHome(home)).as("processes still working in the home").isEmpty();

        // and the same command again finishes the week: exactly one revision
        Path log = dir.resolve("again.log");
        int exit = EnsembleJar.run(command, log);
        String output = EnsembleJar.read(log);
        assertThat(exit).as(output).isZero();
        assertThat(output).contains("Published tiny-show/2026-12-14 as r1");
        try (Stream<Path> revisions = Files.list(home.resolve("outbox/tiny-show/2026-12-14"))) {
            assertThat(revisions.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("current", "r1");
        }
        try (Stream<Path> left = Files.walk(home.resolve("cache"), 2)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList())
                    .as("half-made segments").isEmpty();
        }
    }

    /** Waits (at most five minutes) until an FFmpeg child of {@code jvm} makes a segment; returns its FFmpeg children. */
    private static List<ProcessHandle> waitForEncodes(Process jvm) {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<ProcessHandle> ffmpeg = jvm.descendants().filter(KilledRunIT::isFfmpeg).toList();
            if (ffmpeg.stream().anyMatch(p -> p.info().arguments().map(a -> List.of(a).contains("-filter_complex")).orElse(false))) {
                return ffmpeg;
            }
            assertThat(jvm.isAlive()).as("the run ended before conform encoded anything").isTrue();
            Thread.onSpinWait();
        }
        throw new AssertionError("no segment encode started within five minutes");
    }

    private static boolean isFfmpeg(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/ffmpeg") || c.endsWith("/ffprobe")).orElse(false);
    }

    /** Processes whose command line names a file under {@code home} (every FFmpeg of a run does). */
    private static List<Long> ofHome(Path home) {
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.filter(p -> p.getFileName().toString().matches("[0-9]+"))
                    .filter(p -> EnsembleJar.running(Long.parseLong(p.getFileName().toString())))
                    .filter(p -> {
                        try {
                            String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                            return cmdline.contains(home.toString()) && !cmdline.contains("ensemble.jar");
                        } catch (IOException e) {
                            return false;
                        }
                    }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
