package org.ensemble.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.ensemble.FileTrees;
import org.springframework.stereotype.Component;

/**
 * One decoding pass over a finished master that finds its black pictures (blackdetect), its silences
 * (silencedetect) and the integrated loudness of chosen spans of its sound (one ebur128 per span, each behind an
 * {@code atrim} of exact samples). The filters report through metadata files in a private scratch folder, because
 * the process gateway keeps only the tail of FFmpeg's log. Positions come back in frames at the house rate.
 */
@Component
public class MasterScan {

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;
    private final MediaSettings settings;

    public MasterScan(FfmpegToolchain toolchain, MediaProcessGateway gateway, MediaSettings settings) {
        this.toolchain = toolchain;
        this.gateway = gateway;
        this.settings = settings;
    }

    /** Frames {@code [startFrame, endFrame)} of the master. */
    public record Span(long startFrame, long endFrame) {
        public long frames() {
            return endFrame - startFrame;
        }
    }

    /**
     * What the detectors look for.
     *
     * @param blackPixelLuma   a pixel darker than this (0..1 of the luma range) counts as black
     * @param silenceDb        sound below this level counts as silence
     * @param minDetectSeconds shorter runs of black or silence are not reported
     */
    public record Detectors(double blackPixelLuma, double silenceDb, double minDetectSeconds) {
    }

    /** Spans' integrated loudness in LUFS (in the order asked; -70 or below is silence) and the runs found. */
    public record Result(List<Double> spanLufs, List<Span> black, List<Span> silence) {
    }

    public Result scan(Path master, HouseProfile profile, long totalFrames, List<Span> spans, Detectors detectors,
                       Path scratchParent) {
        Path scratch = scratchParent.resolve(".scan-" + UUID.randomUUID());
        try {
            Files.createDirectories(scratch);
            Path black = scratch.resolve("black.txt");
            Path silence = scratch.resolve("silence.txt");
            List<Path> spanFiles = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                spanFiles.add(scratch.resolve("span-" + i + ".txt"));
            }
            String graph = graph(profile, spans, detectors, black, silence, spanFiles);
            List<String> cmd = List.of(toolchain.ffmpeg().toString(), "-hide_banner", "-nostdin", "-nostats",
                    "-protocol_whitelist", "file", "-i", master.toString(), "-filter_complex", graph,
                    "-map", "[v]", "-map", "[a]", "-f", "null", "-");
            gateway.run(ProcessSpec.of("scan " + master.getFileName(), cmd, settings.timeoutFor(profile.seconds(totalFrames))));
            List<Double> lufs = new ArrayList<>();
            for (Path f : spanFiles) {
                lufs.add(lastIntegrated(read(f)));
            }
            int fps = profile.frameRate();
            long minFrames = Math.round(detectors.minDetectSeconds() * fps);
            return new Result(List.copyOf(lufs),
                    runs(read(black), "lavfi.black_start=", "lavfi.black_end=", fps, totalFrames, minFrames),
                    runs(read(silence), "lavfi.silence_start=", "lavfi.silence_end=", fps, totalFrames, minFrames));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan " + master, e);
        } finally {
            FileTrees.delete(scratch);
        }
    }

    static String graph(HouseProfile p, List<Span> spans, Detectors d, Path black, Path silence, List<Path> spanFiles) {
        StringBuilder g = new StringBuilder();
        g.append("[0:v:0]blackdetect=d=").append(FilterGraphs.seconds(d.minDetectSeconds())).append(":pix_th=")
                .append(FilterGraphs.num(d.blackPixelLuma())).append(",metadata=mode=print:file=").append(fileOption(black))
                .append("[v];");
        g.append("[0:a:0]asplit=").append(spans.size() + 1).append("[sil]");
        for (int i = 0; i < spans.size(); i++) {
            g.append("[s").append(i).append(']');
        }
        g.append(";[sil]silencedetect=n=").append(FilterGraphs.num(d.silenceDb())).append("dB:d=")
                .append(FilterGraphs.seconds(d.minDetectSeconds())).append(",ametadata=mode=print:file=")
                .append(fileOption(silence)).append("[a]");
        for (int i = 0; i < spans.size(); i++) {
            Span s = spans.get(i);
            g.append(";[s").append(i).append("]atrim=start_sample=").append(p.samples(s.startFrame())).append(":end_sample=")
                    .append(p.samples(s.endFrame())).append(",ebur128=metadata=1:framelog=verbose,ametadata=mode=print:key=lavfi.r128.I:file=")
                    .append(fileOption(spanFiles.get(i))).append(",anullsink");
        }
        return g.toString();
    }

    /** A path as a filter option inside a graph: escaped for the option parser, then quoted for the graph parser. */
    static String fileOption(Path file) {
        String option = file.toAbsolutePath().toString().replace("\\", "\\\\").replace(":", "\\:").replace("'", "\\'");
        return "'" + option.replace("'", "'\\''") + "'";
    }

    /**
     * Pairs start and end times into runs of frames; a run still open when the file ends lasts to its end. blackdetect
     * marks every black frame's start whatever its {@code d}, so short runs (fades) are dropped here.
     */
    static List<Span> runs(String text, String startKey, String endKey, int fps, long totalFrames, long minFrames) {
        List<Span> runs = new ArrayList<>();
        long start = -1;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith(startKey)) {
                start = frames(l.substring(startKey.length()), fps);
            } else if (l.startsWith(endKey) && start >= 0) {
                runs.add(new Span(start, Math.min(totalFrames, frames(l.substring(endKey.length()), fps))));
                start = -1;
            }
        }
        if (start >= 0 && start < totalFrames) {
            runs.add(new Span(start, totalFrames));
        }
        return runs.stream().filter(r -> r.frames() >= minFrames).toList();
    }

    private static long frames(String seconds, int fps) {
        return Math.max(0, Math.round(Double.parseDouble(seconds.trim()) * fps));
    }

    /** ebur128 puts its running integrated loudness on every frame; the last one covers the whole span. */
    static double lastIntegrated(String text) {
        String key = "lavfi.r128.I=";
        int at = text.lastIndexOf(key);
        if (at < 0) {
            return Double.NaN;
        }
        int end = text.indexOf('\n', at);
        String value = text.substring(at + key.length(), end < 0 ? text.length() : end).trim().toLowerCase(Locale.ROOT);
        return value.contains("inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(value);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
