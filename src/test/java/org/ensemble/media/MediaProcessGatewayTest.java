package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaProcessGatewayTest {

    private final MediaProcessGateway gateway = new MediaProcessGateway();

    @TempDir
    Path dir;

    @AfterEach
    void stopAnythingLeft() {
        gateway.close();
    }

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    @Test
    void capturesStdoutAndTheStderrTail() {
        // given a command that writes both streams
        ProcessSpec spec = ProcessSpec.of("echo", sh("echo hello; echo world; echo oops >&2; echo 'ünïcode' "),
                Duration.ofSeconds(10));

        // when
        long before = System.nanoTime();
        ProcessResult result = gateway.run(spec);
        Duration around = Duration.ofNanos(System.nanoTime() - before);

        // then (the time it took is measured, whatever the machine's load: within the time around the call)
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo("hello\nworld\nünïcode\n");
        assertThat(result.stderrTail()).isEqualTo("oops");
        assertThat(result.elapsed()).isPositive().isLessThanOrEqualTo(around);
    }

    @Test
    void keepsOnlyTheLastEightyLinesOfStderr() {
        ProcessSpec spec = ProcessSpec.of("chatty", sh("i=1; while [ $i -le 200 ]; do echo \"line $i\" >&2; i=$((i+1)); done"),
                Duration.ofSeconds(10));

        String tail = gateway.run(spec).stderrTail();

        List<String> lines = tail.lines().toList();
        assertThat(lines).hasSize(80);
        assertThat(lines.get(0)).isEqualTo("line 121");
        assertThat(lines.get(79)).isEqualTo("line 200");
    }

    @Test
    void aLargeStdoutDoesNotBlockTheProcess() {
        // 2 MB, far more than a pipe buffer holds
        ProcessSpec spec = ProcessSpec.of("big", sh("head -c 2000000 /dev/zero | tr '\\0' 'x'; echo; echo done >&2"),
                Duration.ofSeconds(20));

        ProcessResult result = gateway.run(spec);

        assertThat(result.stdout()).hasSize(2_000_001);
        assertThat(result.stderrTail()).isEqualTo("done");
    }

    @Test
    void progressLinesReachTheListener() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        ProcessSpec spec = ProcessSpec.of("progress", sh("echo frame=1; echo frame=2; echo progress=end"), Duration.ofSeconds(10))
                .withProgress(seen::add);

        gateway.run(spec);

        assertThat(seen).containsExactly("frame=1", "frame=2", "progress=end");
    }

    @Test
    void failureThrowsWithTheStderrTailAndDeletesTheOutputs() throws Exception {
        // given a command that writes half an output, complains and fails
        Path output = dir.resolve("out/half.mp4");
        Path other = dir.resolve("out/other.flac");
        ProcessSpec spec = ProcessSpec.of("conform ct-01",
                sh("echo partial > '" + output + "'; echo partial > '" + other + "'; echo 'first problem' >&2; "
                        + "echo 'moov atom not found' >&2; exit 3"),
                Duration.ofSeconds(10), output, other);

        // when
        MediaProcessException e = catchThrowableOfType(() -> gateway.run(spec), MediaProcessException.class);

        // then
        assertThat(e).hasMessageStartingWith("conform ct-01 failed with exit code 3")
                .hasMessageContaining("first problem | moov atom not found");
        assertThat(e.errorTail()).isEqualTo("first problem\nmoov atom not found");
        assertThat(output).doesNotExist();
        assertThat(other).doesNotExist();
        // the folder for the outputs was made before the run
        assertThat(output.getParent()).isDirectory();
    }

    @Test
    void runAllowingFailureReturnsTheExitCodeAndKeepsOutputs() {
        Path output = dir.resolve("kept.txt");
        ProcessSpec spec = ProcessSpec.of("tolerant", sh("echo data > '" + output + "'; exit 1"), Duration.ofSeconds(10), output);

        ProcessResult result = gateway.runAllowingFailure(spec);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(output).hasContent("data");
    }

    @Test
    void aTimeoutKillsTheProcessTreeAndDeletesTheOutputs() throws Exception {
        // given a command that starts writing, then hangs in a child process; 2 s leave a loaded machine time to start
        // the shell and write both files, 30 s of sleep leave no doubt that it hangs
        Path output = dir.resolve("hanging.mp4");
        Path childPid = dir.resolve("child.pid");
        Duration timeout = Duration.ofSeconds(2);
        ProcessSpec spec = ProcessSpec.of("hang",
                sh("echo started > '" + output + "'; sleep 30 & echo $! > '" + childPid + "'; echo waiting >&2; wait"),
                timeout, output);
        long start = System.nanoTime();

        // when
        MediaProcessException e = catchThrowableOfType(() -> gateway.run(spec), MediaProcessException.class);

        // then: it gave up at the timeout, long before the sleep would end, said why, and left nothing behind
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(Duration.ofSeconds(20));
        assertThat(e).hasMessageContaining("hang timed out");
        // (the child's pid is written after the output, so the output was there before the timeout removed it)
        assertThat(childPid).exists();
        assertThat(output).doesNotExist();
        // the child got its kill signal too (it may take a moment to be gone, so wait for that)
        long pid = Long.parseLong(Files.readString(childPid).trim());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("sleep child %d", pid).isFalse();
    }

    @Test
    void aProgramThatDoesNotExistCannotStart() {
        ProcessSpec spec = ProcessSpec.of("ghost", List.of(dir.resolve("no-such-ffmpeg").toString(), "-version"),
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> gateway.run(spec))
                .isInstanceOf(MediaProcessException.class)
                .hasMessageContaining("ghost: cannot start")
                .hasMessageContaining("no-such-ffmpeg");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // plain words stay as they are
            "-hide_banner|-hide_banner",
            // spaces are quoted
            "my clip.mp4|'my clip.mp4'",
            // a filter graph with ; [ ] is quoted as a whole
            "[0:v]scale=2:2[v];[v]null|'[0:v]scale=2:2[v];[v]null'",
            // single quotes inside are closed, escaped and reopened
            "it's.mp4|'it'\\''s.mp4'",
            // an empty argument stays visible
            "\"\"|''",
    })
    void commandLinesAreLoggedCopyPasteable(String argument, String expected) {
        ProcessSpec spec = ProcessSpec.of("log", List.of("ffmpeg", argument), Duration.ofSeconds(1));

        assertThat(MediaProcessGateway.commandLine(spec)).isEqualTo("ffmpeg " + expected);
    }
}
