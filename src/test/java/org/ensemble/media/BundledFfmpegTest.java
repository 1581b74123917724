package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine with only a JDK must still run: the FFmpeg bundled in the jar (org.bytedeco:ffmpeg, LGPL build with
 * libopenh264 instead of libx264) is found, its capabilities are detected, and it makes a house-format segment.
 */
class BundledFfmpegTest {

    @TempDir
    Path dir;

    @Test
    void theBundledFfmpegMakesAnExactHouseSegmentWithOpenH264() {
        // given the binaries inside the jar, forced as on a machine without a system FFmpeg
        MediaProcessGateway gateway = new MediaProcessGateway();
        MediaSettings settings = new MediaSettings(FfmpegToolchain.BUNDLED, "", Duration.ofSeconds(60), Duration.ofSeconds(10),
                "veryfast", 20);
        FfmpegToolchain bundled = FfmpegToolchain.detect(settings, gateway);
        assertThat(bundled.origin()).startsWith("bundled");
        assertThat(bundled.videoEncoder()).isEqualTo(FfmpegToolchain.VideoEncoder.LIBOPENH264);
        assertThat(bundled.version()).startsWith("7.");

        // when it conforms a 2-second 25 fps clip into the 30 fps house format
        Path source = TestMedia.video(dir.resolve("clip.mp4"), 2, 426, 240, 25, -20);
        HouseProfile profile = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
        LoudnessTarget target = new LoudnessTarget(-16, -1.5, 11);
        LoudnessMeasurement measured = new LoudnessMeter(bundled, gateway, settings)
                .analyse(source, "0:a:0", 0, 2, -16, -1.5, 11, "clip");
        SegmentRequest request = new SegmentRequest("bundled", new SegmentRequest.Footage(source, 0),
                new SegmentRequest.FromFile(source, "a:0", 0, target, measured), 45, null,
                dir.resolve("picture.mp4"), dir.resolve("sound.flac"));
        new SegmentEncoder(bundled, gateway, settings).encode(request, profile, 1);

        // then the picture has exactly 45 frames and the sound exactly 45 * 1600 samples
        ProbeResult picture = new MediaProbe(bundled, gateway).probe(dir.resolve("picture.mp4"), true);
        assertThat(picture.video().orElseThrow().frameCount()).isEqualTo(45);
        assertThat(picture.video().orElseThrow().codecName()).isEqualTo("h264");
        String samples = TestMedia.ffprobe("-show_entries", "stream=duration_ts,sample_rate", "-of", "csv=p=0",
                dir.resolve("sound.flac").toString()).strip();
        assertThat(samples).isEqualTo("48000,72000");
        // a sine at 1/8 full scale, lowered 20 dB: about -42 LUFS
        assertThat(measured.integratedLufs()).isBetween(-45.0, -38.0);
    }
}
