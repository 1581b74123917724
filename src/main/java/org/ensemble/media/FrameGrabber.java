package org.ensemble.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.bramp.ffmpeg.builder.FFmpegBuilder;
import org.springframework.stereotype.Component;

/** Takes single frames out of a video (thumbnails, checks). Commands are built with bramp's FFmpegBuilder. */
@Component
public class FrameGrabber {

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;

    public FrameGrabber(FfmpegToolchain toolchain, MediaProcessGateway gateway) {
        this.toolchain = toolchain;
        this.gateway = gateway;
    }

    /** Writes the frame at {@code seconds} as a JPEG of exactly width x height. */
    public void grab(Path video, double seconds, int width, int height, Path jpeg) {
        List<String> command = new ArrayList<>();
        command.add(toolchain.ffmpeg().toString());
        command.addAll(arguments(video, seconds, width, height, jpeg));
        gateway.run(ProcessSpec.of("frame " + jpeg.getFileName(), command, Duration.ofMinutes(2), jpeg));
    }

    static List<String> arguments(Path video, double seconds, int width, int height, Path jpeg) {
        return new FFmpegBuilder()
                .overrideOutputFiles(true)
                .addExtraArgs("-ss", FilterGraphs.seconds(seconds))
                .setInput(video.toString())
                .addOutput(jpeg.toString())
                .setFrames(1)
                .setVideoFilter("scale=" + width + ":" + height + ":force_original_aspect_ratio=decrease,pad="
                        + width + ":" + height + ":(ow-iw)/2:(oh-ih)/2,setsar=1")
                .addExtraArgs("-q:v", "2")
                .done()
                .build();
    }
}
