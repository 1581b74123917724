package org.ensemble.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.ensemble.FileTrees;
import org.springframework.stereotype.Component;

/**
 * One decoding pass over a finished master that measures its sound as an auditor would (integrated loudness, loudness
 * range and true peak of the whole, with ebur128), the integrated loudness of chosen spans (one ebur128 per span, each
 * behind an {@code atrim} of exact samples) and its silences (silencedetect), and, when asked, its black pictures
 * (blackdetect). The picture is optional because a master's video is its segments' video copied without re-encoding:
 * the black runs were found while each segment was encoded, and decoding a full-HD master again costs more than a
 * minute of CPU. The filters report through metadata files in a private scratch folder, because the process gateway
 * keeps only the tail of FFmpeg's log. Positions come back in frames at the house rate.
 */
@Component
public class MasterScan {

    /** A pixel below this share of the luma range counts as black (blackdetect's own default). */
    public static final double BLACK_PIXEL_LUMA = 0.10;

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

    /**
     * The whole programme's loudness (integrated, true peak, range), spans' integrated loudness in LUFS (in the order
     * asked; -70 or below is silence) and the runs found; {@code black} is empty when the picture was not scanned.
     */
    public record Result(LoudnessMeasurement programme, List<Double> spanLufs, List<Span> black, List<Span> silence) {
    }

    /** Scans the sound, and the picture when {@code picture} (its video is then decoded, every frame). */
    public Result scan(Path master, HouseProfile profile, long totalFrames, List<Span> spans, Detectors detectors,
                       boolean picture, Path scratchParent) {
        return scan(master, List.of(), "", profile, totalFrames, spans, detectors, picture, scratchParent);
    }

    /**
     * Scans a master's sound as the AAC stream it is made of ({@code adts}, as {@link SoundTrack} joined it), while the
     * master is still being written: the same packets, decoded without the encoder's priming and cut to the
     * programme's samples, as the master's edit list and length present them.
     */
    public Result scanSound(Path adts, HouseProfile profile, long totalFrames, List<Span> spans, Detectors detectors,
                            Path scratchParent) {
        long samples = profile.samples(totalFrames);
        String exact = "atrim=start_sample=" + SoundTrack.FRAME + ":end_sample=" + (SoundTrack.FRAME + samples)
                + ",asetpts=N/SR/TB,";
        return scan(adts, List.of("-f", "aac"), exact, profile, totalFrames, spans, detectors, false, scratchParent);
    }

    private Result scan(Path master, List<String> inputOptions, String exact, HouseProfile profile, long totalFrames,
                        List<Span> spans, Detectors detectors, boolean picture, Path scratchParent) {
        Path scratch = scratchParent.resolve(".scan-" + UUID.randomUUID());
        try {
            Files.createDirectories(scratch);
            Path black = scratch.resolve("black.txt");
            Path silence = scratch.resolve("silence.txt");
            Path whole = scratch.resolve("programme.txt");
            List<Path> spanFiles = new ArrayList<>();
            for (int i = 0; i < spans.size(); i++) {
                spanFiles.add(scratch.resolve("span-" + i + ".txt"));
            }
            // two processes, one per core: the whole programme's loudness and true peak (the true peak, at four times the
            // rate, is half the work), and everything else: each event's loudness, the silences, the black runs
            String parts = graph(profile, spans, detectors, picture ? black : null, silence, spanFiles)
                    .replace("[0:a:0]", "[0:a:0]" + exact);
            // (the whole programme as the verify meter reads it: running values, the last ones cover everything)
            List<String> wholeCmd = command(master, inputOptions, false, "[0:a:0]" + exact
                    + "ebur128=peak=true:metadata=1,ametadata=mode=print:file="
                    + fileOption(whole) + "[a]");
            List<String> partsCmd = command(master, inputOptions, picture, parts);
            Duration timeout = settings.timeoutFor(profile.seconds(totalFrames));
            String label = "scan " + master.getFileName();
            MediaProcessGateway.alongside(() -> gateway.run(ProcessSpec.of(label + " (programme)", wholeCmd, timeout)),
                    () -> gateway.run(ProcessSpec.of(label, partsCmd, timeout)));
            List<Double> lufs = new ArrayList<>();
            for (Path f : spanFiles) {
                lufs.add(lastIntegrated(read(f)));
            }
            int fps = profile.frameRate();
            long minFrames = Math.round(detectors.minDetectSeconds() * fps);
            return new Result(programme(read(whole)), List.copyOf(lufs),
                    picture ? runs(read(black), "lavfi.black_start=", "lavfi.black_end=", fps, totalFrames, minFrames) : List.of(),
                    runs(read(silence), "lavfi.silence_start=", "lavfi.silence_end=", fps, totalFrames, minFrames));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot scan " + master, e);
        } finally {
            FileTrees.delete(scratch);
        }
    }

    /** ffmpeg reading the master (its sound only unless {@code picture}) through {@code graph} into nothing. */
    private List<String> command(Path master, List<String> inputOptions, boolean picture, String graph) {
        List<String> cmd = new ArrayList<>(List.of(toolchain.ffmpeg().toString(), "-hide_banner", "-nostdin", "-nostats",
                "-protocol_whitelist", "file"));
        if (!picture) {
            cmd.add("-vn"); // the demuxer drops the video packets: nothing of the picture is decoded
        }
        cmd.addAll(inputOptions);
        cmd.addAll(List.of("-i", master.toString(), "-filter_complex", graph));
        if (picture) {
            cmd.addAll(List.of("-map", "[v]"));
        }
        cmd.addAll(List.of("-map", "[a]", "-f", "null", "-"));
        return cmd;
    }

    /** The scan's graph but for the whole programme's loudness (another process measures that): spans, silence, black. */
    static String graph(HouseProfile p, List<Span> spans, Detectors d, Path black, Path silence, List<Path> spanFiles) {
        StringBuilder g = new StringBuilder();
        if (black != null) {
            g.append("[0:v:0]blackdetect=d=").append(FilterGraphs.seconds(d.minDetectSeconds())).append(":pix_th=")
                    .append(FilterGraphs.num(d.blackPixelLuma())).append(",metadata=mode=print:file=").append(fileOption(black))
                    .append("[v];");
        }
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

    /** The whole programme from ebur128's running metadata: the last integrated, range and (linear) true peak values. */
    static LoudnessMeasurement programme(String text) {
        double peak = last(text, "lavfi.r128.true_peak=");
        double peakDb = Double.isNaN(peak) ? Double.NaN : peak <= 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak);
        return new LoudnessMeasurement(last(text, "lavfi.r128.I="), Math.round(peakDb * 100) / 100.0, last(text, "lavfi.r128.LRA="),
                Double.NaN, Double.NaN);
    }

    /**
     * Black runs in a segment from blackdetect's report with {@code d=0}, by frame number (the {@code frame:} lines
     * count the frames that reached the encoder): a run starts at the frame marked black_start and ends before the one
     * marked black_end; one still open at the end lasts to the end.
     */
    public static List<Span> blackRuns(String text, long totalFrames) {
        List<Span> runs = new ArrayList<>();
        long frame = -1;
        long start = -1;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("frame:")) {
                frame = Long.parseLong(l.substring("frame:".length()).trim().split("\\s+")[0]);
            } else if (l.startsWith("lavfi.black_start=") && frame >= 0) {
                start = frame;
            } else if (l.startsWith("lavfi.black_end=") && start >= 0) {
                runs.add(new Span(start, Math.min(totalFrames, frame)));
                start = -1;
            }
        }
        if (start >= 0 && start < totalFrames) {
            runs.add(new Span(start, totalFrames));
        }
        return List.copyOf(runs);
    }

    /** Segments' black runs laid end to end at their places in the master, runs touching at a join made one. */
    public static List<Span> joined(List<List<Span>> perSegment, List<Long> segmentFrames) {
        List<Span> runs = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < perSegment.size(); i++) {
            for (Span s : perSegment.get(i)) {
                Span placed = new Span(offset + s.startFrame(), offset + s.endFrame());
                Span previous = runs.isEmpty() ? null : runs.get(runs.size() - 1);
                if (previous != null && previous.endFrame() == placed.startFrame()) {
                    runs.set(runs.size() - 1, new Span(previous.startFrame(), placed.endFrame()));
                } else {
                    runs.add(placed);
                }
            }
            offset += segmentFrames.get(i);
        }
        return List.copyOf(runs);
    }

    /** Runs shorter than {@code minFrames} dropped (fades). */
    public static List<Span> atLeast(List<Span> runs, long minFrames) {
        return runs.stream().filter(r -> r.frames() >= minFrames).toList();
    }

    /**
     * Keeps a master's scan beside it ({@code master.mp4.scan}), so the step after the one that made and measured the
     * master need not decode it again. It holds for this very file only: its size and modification time, the spans and
     * the detectors are part of what is kept, and {@link #load} finds nothing when any of them differs.
     */
    public static void save(Path master, List<Span> spans, Detectors detectors, Result result) {
        StringBuilder text = new StringBuilder();
        text.append("for=").append(identity(master, spans, detectors)).append('\n');
        text.append("integrated=").append(result.programme().integratedLufs()).append('\n');
        text.append("truePeak=").append(result.programme().truePeakDbtp()).append('\n');
        text.append("range=").append(result.programme().rangeLu()).append('\n');
        result.spanLufs().forEach(v -> text.append("span=").append(v).append('\n'));
        result.black().forEach(b -> text.append("black=").append(b.startFrame()).append('-').append(b.endFrame()).append('\n'));
        result.silence().forEach(b -> text.append("silence=").append(b.startFrame()).append('-').append(b.endFrame()).append('\n'));
        try {
            FileTrees.replace(sidecar(master), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the scan of " + master, e);
        }
    }

    /** The scan kept beside this master by {@link #save}, if it is there and was made of this very file with these spans and detectors. */
    public static Optional<Result> load(Path master, List<Span> spans, Detectors detectors) {
        Path file = sidecar(master);
        try {
            if (!Files.isRegularFile(file) || !Files.isRegularFile(master)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals("for=" + identity(master, spans, detectors))) {
                return Optional.empty();
            }
            double integrated = Double.NaN;
            double peak = Double.NaN;
            double range = Double.NaN;
            List<Double> spanLufs = new ArrayList<>();
            List<Span> black = new ArrayList<>();
            List<Span> silence = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                int eq = line.indexOf('=');
                String key = line.substring(0, eq);
                String value = line.substring(eq + 1);
                switch (key) {
                    case "integrated" -> integrated = Double.parseDouble(value);
                    case "truePeak" -> peak = Double.parseDouble(value);
                    case "range" -> range = Double.parseDouble(value);
                    case "span" -> spanLufs.add(Double.parseDouble(value));
                    case "black" -> black.add(span(value));
                    case "silence" -> silence.add(span(value));
                    default -> { }
                }
            }
            return Optional.of(new Result(new LoudnessMeasurement(integrated, peak, range, Double.NaN, Double.NaN),
                    List.copyOf(spanLufs), List.copyOf(black), List.copyOf(silence)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: scan again
        }
    }

    static Path sidecar(Path master) {
        return master.resolveSibling(master.getFileName() + ".scan");
    }

    private static String identity(Path master, List<Span> spans, Detectors detectors) throws UncheckedIOException {
        try {
            return Files.size(master) + "/" + Files.getLastModifiedTime(master).toMillis() + "/" + spans.hashCode() + "/" + detectors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Span span(String text) {
        int dash = text.indexOf('-');
        return new Span(Long.parseLong(text.substring(0, dash)), Long.parseLong(text.substring(dash + 1)));
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
    public static List<Span> runs(String text, String startKey, String endKey, int fps, long totalFrames, long minFrames) {
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
        return last(text, "lavfi.r128.I=");
    }

    private static double last(String text, String key) {
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
