package org.ensemble.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Copies a master into a published MP4 without re-encoding: chapters and tags from an FFmpeg metadata file are
 * embedded, and the index (moov) is put first so players can start before the download ends. The index is written
 * into room kept for it before the media (the master's own index, measured, plus room for chapters and tags), so the
 * file is written once; {@code +faststart}, which writes it a second time to move the index up, is the fallback if
 * the room was too small.
 */
@Component
public class ChapterMuxer {

    private static final Logger LOG = LoggerFactory.getLogger(ChapterMuxer.class);

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;

    public ChapterMuxer(FfmpegToolchain toolchain, MediaProcessGateway gateway) {
        this.toolchain = toolchain;
        this.gateway = gateway;
    }

    public void remux(Path master, Path ffmetadata, Map<String, String> tags, Path output) {
        remux(master, ffmetadata, tags, output, indexRoom(master, ffmetadata, tags));
    }

    /** {@link #remux(Path, Path, Map, Path)} with {@code room} bytes kept for the index (0: none, +faststart). */
    void remux(Path master, Path ffmetadata, Map<String, String> tags, Path output, long room) {
        String label = "chapters " + output.getFileName();
        if (room > 0) {
            FfmpegCommand cmd = command(master, ffmetadata, tags, output, List.of("-moov_size", Long.toString(room)));
            ProcessResult result = gateway.runAllowingFailure(new ProcessSpec(label, cmd.commandLine(toolchain.ffmpeg()),
                    Duration.ofMinutes(10), cmd.outputFiles(), null));
            // FFmpeg 5 reports an index too big for its room only on its log, exits 0 and leaves a broken file: the
            // file's boxes are checked instead of the exit code
            if (result.exitCode() == 0 && indexFirst(output)) {
                return;
            }
            LOG.warn("{}: the index did not fit in {} bytes kept for it ({}); writing it with +faststart", label, room,
                    result.stderrTail());
        }
        FfmpegCommand cmd = command(master, ffmetadata, tags, output);
        gateway.run(new ProcessSpec(label, cmd.commandLine(toolchain.ffmpeg()), Duration.ofMinutes(10), cmd.outputFiles(), null));
    }

    /** Room to keep for the published file's index: the master's, plus the chapters and tags, plus a margin; 0 if unknown. */
    static long indexRoom(Path master, Path ffmetadata, Map<String, String> tags) {
        long moov = moovSize(master);
        if (moov <= 0) {
            return 0;
        }
        long metadata;
        try {
            metadata = Files.size(ffmetadata);
        } catch (IOException e) {
            return 0;
        }
        for (Map.Entry<String, String> t : tags.entrySet()) {
            metadata += t.getKey().length() + t.getValue().getBytes(StandardCharsets.UTF_8).length + 32;
        }
        // a chapter track costs a few hundred bytes of tables per chapter; the metadata file's size bounds their number
        return moov + 4 * metadata + 64 * 1024;
    }

    /** The size of the top-level moov box of an MP4, or 0 if it cannot be read. */
    static long moovSize(Path mp4) {
        return boxes(mp4).stream().filter(b -> b.type().equals("moov")).mapToLong(Box::size).findFirst().orElse(0);
    }

    /** True when the MP4's top-level boxes fill the file exactly and the index (moov) comes before the media (mdat). */
    static boolean indexFirst(Path mp4) {
        List<String> types = boxes(mp4).stream().map(Box::type).toList();
        return types.contains("moov") && types.contains("mdat") && types.indexOf("moov") < types.indexOf("mdat");
    }

    record Box(String type, long size) {
    }

    /** The top-level boxes of an MP4; empty when they do not fill the file exactly (a broken or unfinished file). */
    static List<Box> boxes(Path mp4) {
        List<Box> boxes = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(mp4)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            long at = 0;
            long end = ch.size();
            while (at < end) {
                header.clear();
                ch.read(header, at);
                header.flip();
                if (header.remaining() < 8) {
                    return List.of();
                }
                long size = header.getInt() & 0xFFFFFFFFL;
                String type = new String(new byte[] {header.get(), header.get(), header.get(), header.get()},
                        StandardCharsets.ISO_8859_1);
                if (size == 1) {
                    if (header.remaining() < 8) {
                        return List.of();
                    }
                    size = header.getLong();
                } else if (size == 0) {
                    size = end - at;
                }
                if (size < 8 || at + size > end) {
                    return List.of();
                }
                boxes.add(new Box(type, size));
                at += size;
            }
            return boxes;
        } catch (IOException e) {
            return List.of();
        }
    }

    static FfmpegCommand command(Path master, Path ffmetadata, Map<String, String> tags, Path output) {
        return command(master, ffmetadata, tags, output, List.of("-movflags", "+faststart"));
    }

    static FfmpegCommand command(Path master, Path ffmetadata, Map<String, String> tags, Path output, List<String> index) {
        List<String> out = new ArrayList<>(List.of("-map", "0:v:0", "-map", "0:a:0", "-map_metadata", "0", "-map_chapters", "1",
                "-c", "copy"));
        out.addAll(index);
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
