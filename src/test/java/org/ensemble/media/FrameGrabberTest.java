package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.imageio.ImageIO;

import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameGrabberTest {

    @Test
    void argumentsSeekTakeOneFrameAndFitIt() {
        List<String> args = FrameGrabber.arguments(Path.of("/work/master.mp4"), 75.5, 640, 360, Path.of("/work/thumb.jpg"));

        // input seeking: -ss comes before the input
        assertThat(args).containsSequence("-ss", "75.500000");
        assertThat(args).containsSequence("-i", "/work/master.mp4");
        assertThat(args.indexOf("-ss")).isLessThan(args.indexOf("-i"));
        assertThat(args).contains("-y");
        // one frame, scaled into 640x360 and padded to exactly that size
        int frames = Math.max(args.indexOf("-vframes"), args.indexOf("-frames:v"));
        assertThat(frames).isPositive();
        assertThat(args.get(frames + 1)).isEqualTo("1");
        int filter = Math.max(args.indexOf("-vf"), args.indexOf("-filter:v"));
        assertThat(filter).isPositive();
        assertThat(args.get(filter + 1)).isEqualTo(
                "scale=640:360:force_original_aspect_ratio=decrease,pad=640:360:(ow-iw)/2:(oh-ih)/2,setsar=1");
        assertThat(args).containsSequence("-q:v", "2");
        assertThat(args.get(args.size() - 1)).isEqualTo("/work/thumb.jpg");
    }

    @Test
    void grabsAFrameOfExactlyTheAskedSize(@TempDir Path dir) throws Exception {
        // given a 1 s 16:9 clip and a square thumbnail
        Path clip = TestMedia.mp4(dir.resolve("clip.mp4"), 1, false);
        MediaProcessGateway gateway = new MediaProcessGateway();
        FfmpegToolchain toolchain = FfmpegToolchain.detect(new MediaSettings("", "", Duration.ofSeconds(60),
                Duration.ofSeconds(10), "veryfast", 20), gateway);
        Path jpeg = dir.resolve("thumbs/frame.jpg");

        // when
        new FrameGrabber(toolchain, gateway).grab(clip, 0.5, 200, 200, jpeg);

        // then: letterboxed into exactly 200x200
        BufferedImage image = ImageIO.read(jpeg.toFile());
        assertThat(Files.size(jpeg)).isPositive();
        assertThat(image.getWidth()).isEqualTo(200);
        assertThat(image.getHeight()).isEqualTo(200);
    }
}
