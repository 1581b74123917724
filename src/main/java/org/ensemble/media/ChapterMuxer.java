package org.ensemble.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Copies a master into a published MP4 without re-encoding: chapters and tags from an FFmpeg metadata file are
 * embedded, and the index (moov) is put first so players can start before the download ends.
 */
@Component
public class ChapterMuxer {

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;

    public ChapterMuxer(FfmpegToolchain toolchain, MediaProcessGateway gateway) {
        this.toolchain = toolchain;
        this.gateway = gateway;
    }

    public void remux(Path master, Path ffmetadata, Map<String, String> tags, Path output) {
        FfmpegCommand cmd = command(master, ffmetadata, tags, output);
        gateway.run(new ProcessSpec("chapters " + output.getFileName(), cmd.commandLine(toolchain.ffmpeg()), Duration.ofMinutes(10),
                cmd.outputFiles(), null));
    }

    static FfmpegCommand command(Path master, Path ffmetadata, Map<String, String> tags, Path output) {
        List<String> out = new ArrayList<>(List.of("-map", "0:v:0", "-map", "0:a:0", "-map_metadata", "0", "-map_chapters", "1",
                "-c", "copy", "-movflags", "+faststart"));
        tags.forEach((k, v) -> {
            out.add("-metadata");
            out.add(k + "=" + v);
        });
        return new FfmpegCommand()
                .input(master.toString(), "-protocol_whitelist", "file")
                .input(ffmetadata.toString(), "-f", "ffmetadata", "-protocol_whitelist", "file")
                .output(output, out.toArray(String[]::new));
    }
}
