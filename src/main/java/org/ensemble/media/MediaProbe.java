package org.ensemble.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs ffprobe and reads its JSON into a {@link ProbeResult}. */
@Component
public class MediaProbe {

    /**
     * The containers ffprobe may open. Playlists and scripts (hls, concat, dash, the image2 patterns' siblings)
     * are left out: they make FFmpeg open the files they name, and {@code -protocol_whitelist file} still allows
     * any local file.
     */
    public static final String DEMUXERS = String.join(",", "mov", "matroska", "avi", "mpegts", "mpeg", "flv", "asf",
            "ogg", "wav", "w64", "aiff", "caf", "mp3", "flac", "aac", "ac3", "eac3", "m4v", "h264", "hevc", "dv", "gif",
            "image2", "apng", "png_pipe", "jpeg_pipe", "gif_pipe", "webp_pipe", "bmp_pipe", "tiff_pipe");

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;
    private final JsonMapper json = JsonMapper.builder().build();

    public MediaProbe(FfmpegToolchain toolchain, MediaProcessGateway gateway) {
        this.toolchain = toolchain;
        this.gateway = gateway;
    }

    public ProbeResult probe(Path file) {
        return probe(file, false);
    }

    /** With {@code countFrames}, ffprobe reads every packet to count video frames exactly (slower, for verification). */
    public ProbeResult probe(Path file, boolean countFrames) {
        List<String> command = new ArrayList<>(List.of(toolchain.ffprobe().toString(), "-v", "error",
                "-protocol_whitelist", "file", "-format_whitelist", DEMUXERS, "-print_format", "json", "-show_format", "-show_streams"));
        if (countFrames) {
            command.add("-count_packets");
        }
        command.add(file.toString());
        ProcessResult result = gateway.run(ProcessSpec.of("probe " + file.getFileName(), command, Duration.ofMinutes(5)));
        return parse(result.stdout());
    }

    /**
     * Reads the packets of every stream (nothing is decoded) to find how long each really lasts; see
     * {@link PacketTimeline}. Reading stops after {@code maxSeconds} of the file's time, so a file far longer than
     * anything Ensemble would take costs no more than one just over the limit.
     */
    public PacketTimeline readPackets(Path file, double maxSeconds) {
        List<String> command = List.of(toolchain.ffprobe().toString(), "-v", "error",
                "-protocol_whitelist", "file", "-format_whitelist", DEMUXERS,
                "-read_intervals", "%+" + FilterGraphs.seconds(maxSeconds),
                "-show_entries", "packet=stream_index,pts_time,dts_time,duration_time", "-of", "compact=p=0", file.toString());
        PacketTimeline.Reader reader = new PacketTimeline.Reader();
        gateway.run(ProcessSpec.of("packets " + file.getFileName(), command, Duration.ofMinutes(10)).withProgress(reader::accept));
        PacketTimeline timeline = reader.timeline(false);
        boolean capped = timeline.streams().stream().anyMatch(s -> s.endSeconds() - timeline.startSeconds() >= maxSeconds);
        return new PacketTimeline(timeline.streams(), capped);
    }

    ProbeResult parse(String ffprobeJson) {
        JsonNode root = json.readTree(ffprobeJson);
        JsonNode format = root.path("format");
        List<ProbeResult.Stream> streams = new ArrayList<>();
        for (JsonNode s : root.path("streams")) {
            int rotation = s.path("tags").path("rotate").asInt(0);
            for (JsonNode side : s.path("side_data_list")) {
                if (side.has("rotation")) {
                    rotation = -side.path("rotation").asInt(0);
                }
            }
            long frames = s.path("nb_read_packets").asLong(s.path("nb_frames").asLong(0));
            streams.add(new ProbeResult.Stream(
                    s.path("index").asInt(),
                    s.path("codec_type").asString(""),
                    s.path("codec_name").asString(""),
                    s.path("width").asInt(0),
                    s.path("height").asInt(0),
                    s.path("pix_fmt").asString(""),
                    rational(s.path("r_frame_rate").asString("0/1")),
                    rational(s.path("avg_frame_rate").asString("0/1")),
                    frames,
                    ((rotation % 360) + 360) % 360,
                    s.path("sample_rate").asInt(0),
                    s.path("channels").asInt(0),
                    s.path("duration").asDouble(0),
                    s.path("disposition").path("attached_pic").asInt(0) == 1,
                    s.path("disposition").path("default").asInt(0) == 1,
                    aspect(s.path("sample_aspect_ratio").asString("1:1")),
                    s.path("field_order").asString(""),
                    s.path("color_transfer").asString(""),
                    s.path("color_primaries").asString("")));
        }
        return new ProbeResult(format.path("format_name").asString(""), format.path("duration").asDouble(0),
                format.path("size").asLong(0), List.copyOf(streams));
    }

    /** "16:11" as a number; unknown or 0:1 (FFmpeg's "not set") means square pixels. */
    static double aspect(String value) {
        double ratio = rational(value.replace(':', '/'));
        return ratio > 0 ? ratio : 1.0;
    }

    static double rational(String value) {
        String[] parts = value.split("/");
        try {
            double num = Double.parseDouble(parts[0]);
            double den = parts.length > 1 ? Double.parseDouble(parts[1]) : 1;
            return den == 0 ? 0 : num / den;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
