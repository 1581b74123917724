package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.ensemble.EnsembleJar;
import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;

/**
 * An FFmpeg started through the gateway dies with the JVM that started it, even one that writes nothing to its
 * pipes (so no broken pipe would ever stop it) and even when that JVM is killed with SIGKILL, which runs no
 * shutdown hook.
 */
class ParentDeathTest {

    /** The other JVM: runs a silent ten-minute FFmpeg through a gateway and waits for it. */
    public static void main(String[] args) {
        MediaProcessGateway gateway = new MediaProcessGateway();
        gateway.run(ProcessSpec.of("silent", List.of(TestMedia.ffmpeg(), "-nostdin", "-nostats", "-loglevel", "quiet",
                "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30,realtime", "-t", "600", "-f", "null", "-"), Duration.ofMinutes(15)));
    }

    @Test
    void aSilentFfmpegIsGoneWithinTwoSecondsOfItsJvmBeingKilled() throws Exception {
        EnsembleJar.require(!ParentDeath.launcher().isEmpty(), "util-linux's setpriv");

        // given another JVM whose gateway runs an FFmpeg that would go on for ten minutes
        Process jvm = new ProcessBuilder(EnsembleJar.java(), "-cp", System.getProperty("java.class.path"),
                ParentDeathTest.class.getName()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ProcessHandle ffmpeg = waitForFfmpeg(jvm);

        // when that JVM is killed with SIGKILL
        jvm.destroyForcibly();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();

        // then its FFmpeg stops running within two seconds
        while (EnsembleJar.running(ffmpeg.pid()) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(EnsembleJar.running(ffmpeg.pid())).as("ffmpeg %d after its JVM was killed", ffmpeg.pid()).isFalse();
    }

    private static ProcessHandle waitForFfmpeg(Process jvm) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> ffmpeg = jvm.descendants()
                    .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals("ffmpeg")).orElse(false))
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("testsrc2")).orElse(false))
                    .findFirst();
            if (ffmpeg.isPresent()) {
                return ffmpeg.get();
            }
            assertThat(jvm.isAlive()).as("the other JVM ended before its FFmpeg started").isTrue();
            Thread.onSpinWait();
        }
        throw new AssertionError("no FFmpeg started within two minutes");
    }
}
