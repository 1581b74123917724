package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ensemble.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FFmpeg's own {@code -progress pipe:1} report read from real runs (picture and sound-only), and the gateway's stop
 * hook killing a real FFmpeg that belongs to stopped work.
 */
class FfmpegProgressTest {

    private final MediaProcessGateway gateway = new MediaProcessGateway();

    @TempDir
    Path dir;

    /** Threads a test started; each has ended when the test is over. */
    private final List<ExecutorService> workers = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        gateway.leave();
        gateway.close();
        for (ExecutorService worker : workers) {
            worker.shutdownNow();
            assertThat(worker.awaitTermination(30, TimeUnit.SECONDS)).as("a test's thread ended").isTrue();
        }
    }

    private List<String> ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of(TestMedia.ffmpeg(), "-hide_banner", "-y"));
        command.addAll(List.of(args));
        return org.ensemble.media.SegmentEncoder.withProgress(command);
    }

    @Test
    void aPictureRunReportsFramesUpToTheTotalAndEnds() {
        // given: 90 frames at 30 fps, encoded for real
        List<MediaProgress> reports = new CopyOnWriteArrayList<>();
        Path out = dir.resolve("picture.mp4");
        ProcessSpec spec = new ProcessSpec("picture", ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30",
                "-frames:v", "90", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", out.toString()),
                Duration.ofSeconds(60), List.of(out), new FfmpegProgress("picture", 90, 30, reports::add));

        // when
        gateway.run(spec);

        // then: progress only grows, the last report is the end with every frame counted
        assertThat(reports).isNotEmpty();
        MediaProgress last = reports.get(reports.size() - 1);
        assertThat(last.finished()).isTrue();
        assertThat(last.framesDone()).isEqualTo(90);
        assertThat(last.framesTotal()).isEqualTo(90);
        assertThat(last.fraction()).isEqualTo(1.0);
        assertThat(last.speed()).isPositive();
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).framesDone()).isGreaterThanOrEqualTo(reports.get(i - 1).framesDone());
        }
        assertThat(reports.subList(0, reports.size() - 1)).noneMatch(MediaProgress::finished);
    }

    @Test
    void aSoundOnlyRunCountsFramesFromItsOutputTime() {
        // given: 2 s of sound and no picture: FFmpeg reports no frames, only out_time_us
        List<MediaProgress> reports = new CopyOnWriteArrayList<>();
        Path out = dir.resolve("sound.flac");
        ProcessSpec spec = new ProcessSpec("sound", ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-t", "2", out.toString()), Duration.ofSeconds(60), List.of(out), new FfmpegProgress("sound", 50, 25, reports::add));

        gateway.run(spec);

        // then: 2 s at 25 fps is 50 frames
        MediaProgress last = reports.get(reports.size() - 1);
        assertThat(last.finished()).isTrue();
        assertThat(last.framesDone()).isEqualTo(50);
    }

    @Test
    void stoppingTheWorkKillsItsRunningFfmpegRemovesTheOutputAndRefusesNewRuns() throws Exception {
        // given: an FFmpeg that would run for a long time, started in the scope of "execution 7"
        Path out = dir.resolve("long.mp4");
        List<MediaProgress> reports = new CopyOnWriteArrayList<>();
        gateway.enter("execution 7", reports::add);
        ProcessSpec spec = new ProcessSpec("long", ffmpeg("-re", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30",
                "-t", "120", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", out.toString()),
                Duration.ofMinutes(5), List.of(out), gateway.progressFor("long", 3600, 30));
        // run from a thread this test starts inside the scope (so it inherits it) and ends before it returns: a shared
        // pool's thread may have been made before, outside the scope, and would keep "execution 7" after this test
        ExecutorService worker = Executors.newSingleThreadExecutor();
        workers.add(worker);
        Future<ProcessResult> running = worker.submit(() -> gateway.run(spec));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (reports.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(reports).as("progress reached the scope's listener").isNotEmpty();
        assertThat(Files.exists(out)).isTrue();

        // when
        long start = System.nanoTime();
        int killed = gateway.cancel("execution 7");

        // then: it ended within seconds, as a cancellation (not a media failure), and left no partial file
        assertThat(killed).isEqualTo(1);
        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ProcessCancelledException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(out).doesNotExist();
        // new work in the stopped scope is refused without starting a process
        assertThatThrownBy(() -> gateway.run(ProcessSpec.of("after", List.of(TestMedia.ffmpeg(), "-version"), Duration.ofSeconds(10))))
                .isInstanceOf(ProcessCancelledException.class);
        // once the scope ends, runs are allowed again
        gateway.leave();
        assertThat(gateway.run(ProcessSpec.of("after", List.of(TestMedia.ffmpeg(), "-version"), Duration.ofSeconds(10))).exitCode())
                .isZero();
    }
}
