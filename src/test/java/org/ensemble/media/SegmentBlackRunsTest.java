package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.assertj.core.data.Offset;
import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black runs are found while a segment is encoded (the master's picture is its segments' pictures copied, so verify
 * does not decode it again): a clip with a black second in the middle, encoded for real, reports that second in frames,
 * and a blackdetect over the decoded segment finds the same run.
 */
class SegmentBlackRunsTest {

    private static final HouseProfile HOUSE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    private static final MediaSettings SETTINGS = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(5),
            "ultrafast", 23);

    @TempDir
    Path dir;

    @Test
    void theEncodeReportsTheBlackFramesItWrote() throws Exception {
        // given 1 s of picture, 1 s of black, 1 s of picture (30 fps)
        Path clip = dir.resolve("clip.mp4");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1", "-f", "lavfi", "-i",
                "color=c=black:s=320x180:r=30:d=1", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1",
                "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0,format=yuv420p[v]", "-map", "[v]",
                "-c:v", "libx264", "-preset", "ultrafast", clip.toString());
        MediaProcessGateway gateway = new MediaProcessGateway();
        FfmpegToolchain toolchain = FfmpegToolchain.detect(SETTINGS, gateway);
        Path black = dir.resolve("black.txt");
        SegmentRequest request = new SegmentRequest("segment clip", new SegmentRequest.Footage(clip, 0, false),
                new SegmentRequest.Silence(), 90, null, dir.resolve("picture.mp4"), dir.resolve("sound.flac"), black);

        // when
        new SegmentEncoder(toolchain, gateway, SETTINGS).encode(request, HOUSE, 1);

        // then the report names frames 30-60, plus the first frame of the segment's own dip from black
        List<MasterScan.Span> runs = MasterScan.blackRuns(Files.readString(black), 90);
        assertThat(runs).contains(new MasterScan.Span(30, 60));
        assertThat(runs).allSatisfy(r -> assertThat(r.startFrame() == 30 || r.frames() <= SegmentEncoder.FADE_FRAMES).isTrue());
        // and an independent blackdetect on the decoded segment agrees on the long run
        String out = TestMedia.ffmpeg("-i", dir.resolve("picture.mp4").toString(), "-vf", "blackdetect=d=0.5:pix_th=0.10",
                "-f", "null", "-");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("black_start:([\\d.]+) black_end:([\\d.]+)").matcher(out);
        assertThat(m.find()).isTrue();
        assertThat(Double.parseDouble(m.group(1)) * 30).isCloseTo(30, Offset.offset(0.5));
        assertThat(Double.parseDouble(m.group(2)) * 30).isCloseTo(60, Offset.offset(0.5));
    }
}
