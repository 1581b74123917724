package org.ensemble.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Joins house-format segments into a master. The picture is copied, never re-encoded (every segment was made with
 * the same encoder settings and ends on whole frames); the sound is joined sample-exactly from the segments' FLAC and
 * encoded to AAC by {@link SoundTrack}, in chunks on the AAC frame grid that are kept, so a re-render encodes only the
 * sound around what changed. Each piece left conform at the target and under the ceiling and the beds are made at
 * the target, so the joined sound is encoded as it is; the master is then measured in one pass over its sound
 * ({@link MasterScan}), and only a programme outside the window around the target is made again with one linear
 * gain (with a limiter at four times the sample rate, which sees the peaks between samples, when the gain raises
 * it), or one the AAC encode pushed over the ceiling, limited lower. loudnorm is not used for the final step: in
 * linear mode it silently turns dynamic when the gain would break the ceiling. The master is a work file: publishing
 * writes the index first when it copies it into the package, so it is not done twice.
 */
@Component
public class MasterAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(MasterAssembler.class);

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;
    private final MediaSettings settings;
    private final LoudnessMeter meter;
    private final MasterScan scanner;
    private final SoundTrack sound;

    public MasterAssembler(FfmpegToolchain toolchain, MediaProcessGateway gateway, MediaSettings settings, LoudnessMeter meter,
                           MasterScan scanner, SoundTrack sound) {
        this.toolchain = toolchain;
        this.gateway = gateway;
        this.settings = settings;
        this.meter = meter;
        this.scanner = scanner;
        this.sound = sound;
    }

    /** One segment: its picture, its sound, its length and the black runs found while it was encoded. */
    public record Part(Path picture, Path sound, long frames, List<MasterScan.Span> black) {
        public Part {
            black = List.copyOf(black);
        }
    }

    /**
     * What the assembly did and measured: the programme's loudness before correction, the gain applied, and the scan
     * of the finished master (its sound measured after the AAC encode; its black runs are the segments').
     */
    public record Assembly(LoudnessMeasurement programme, double gainDb, MasterScan.Result measured) {
    }

    /**
     * Joins the parts into {@code master} and measures it with {@link MasterScan} (sound only; the picture's black runs
     * come from the segments), keeping the measurement beside the master for verify.
     */
    public Assembly assemble(List<Part> parts, long totalFrames, HouseProfile profile, LoudnessTarget target,
                             Map<String, String> metadata, MasterScan.Detectors detectors, Path workDir, Path master) {
        Path pictures = workDir.resolve("pictures.ffconcat");
        Path sounds = workDir.resolve("sounds.ffconcat");
        write(pictures, parts.stream().map(Part::picture).toList());
        write(sounds, parts.stream().map(Part::sound).toList());
        double seconds = profile.seconds(totalFrames);
        List<String> concat = List.of("-f", "concat", "-safe", "0");
        List<MasterScan.Span> spans = spans(parts);
        List<MasterScan.Span> black = MasterScan.joined(parts.stream().map(Part::black).toList(),
                parts.stream().map(Part::frames).toList());
        // every piece was conformed to the target under the ceiling, and the beds are made at the target: the joined
        // sound nearly always needs no correction, so it is encoded as it is and the master's own measurement (needed
        // anyway) decides. Only a programme outside the window around the target, or a peak the AAC encode pushed over
        // the ceiling, is made again
        double ceiling = ceilingDb(target);
        double gain = 0;
        boolean limit = false;
        LoudnessMeasurement programme = null;
        List<SoundTrack.Source> sources = parts.stream().map(p -> new SoundTrack.Source(p.sound(), profile.samples(p.frames()))).toList();
        int cores = Runtime.getRuntime().availableProcessors();
        for (int pass = 1; ; pass++) {
            SoundTrack.Encoded track = sound.encode(sources, profile.samples(totalFrames), soundChain(gain, ceiling, limit, profile),
                    profile, cores, workDir);
            FfmpegCommand cmd = command(pictures, track, profile, metadata, master);
            String label = "assemble " + master.getFileName();
            // the master's sound is those very packets: they are measured while the picture is copied beside them
            MasterScan.Result scan = MediaProcessGateway.alongside(
                    () -> scanner.scanSound(track.adts(), profile, totalFrames, spans, detectors, workDir),
                    () -> gateway.run(new ProcessSpec(label, SegmentEncoder.withProgress(cmd.commandLine(toolchain.ffmpeg())),
                            settings.timeoutFor(seconds), cmd.outputFiles(), gateway.progressFor(label, totalFrames, profile.frameRate()))));
            LoudnessMeasurement made = scan.programme();
            if (programme == null) {
                programme = made;
            }
            double correction = gainDb(target, made);
            double excess = made.truePeakDbtp() - target.truePeakDbtp();
            if ((correction == 0 && !(excess > 0)) || pass == MAX_PASSES) {
                LOG.info("Master {}: {} LUFS, {} dBTP (gain {} dB, {}, pass {})", master.getFileName(), made.integratedLufs(),
                        made.truePeakDbtp(), FilterGraphs.num(gain),
                        limit ? "limiter at " + FilterGraphs.num(ceiling) + " dBFS" : "no limiter: the pieces are under the ceiling", pass);
                MasterScan.Result measured = new MasterScan.Result(made, scan.spanLufs(), black, scan.silence());
                MasterScan.save(master, spans, detectors, measured);
                return new Assembly(programme, gain, measured);
            }
            if (correction != 0) {
                gain += correction;
                // raising the sound could lift peaks over the ceiling: the master then gets a limiter of its own, and the
                // loudness it takes off the loudest passages is measured and made up
                limit = limit || gain > 0;
                for (int makeUpPass = 0; limit && makeUpPass < MAX_PASSES; makeUpPass++) {
                    LoudnessMeasurement limited = meter.measure(sounds, concat, soundChain(gain, ceiling, true, profile), seconds,
                            "limited programme");
                    double makeUp = gainDb(target, limited);
                    LOG.info("Programme {} LUFS: gain {} dB leaves {} LUFS after limiting; adding {} dB", programme.integratedLufs(),
                            FilterGraphs.num(gain), limited.integratedLufs(), FilterGraphs.num(makeUp));
                    if (makeUp == 0) {
                        break;
                    }
                    gain += makeUp;
                }
                LOG.info("Master {} measures {} LUFS, outside {} ± {} LU: made again with {} dB", master.getFileName(),
                        made.integratedLufs(), target.integratedLufs(), PROGRAMME_WINDOW_LU, FilterGraphs.num(gain));
            }
            if (excess > 0) {
                LOG.warn("Master {} peaks at {} dBTP after encoding, over the {} dBTP ceiling; limiting {} dB lower",
                        master.getFileName(), made.truePeakDbtp(), target.truePeakDbtp(), FilterGraphs.num(excess + 0.2));
                ceiling = (limit ? ceiling : ceilingDb(target)) - (excess + 0.2);
                limit = true;
            }
        }
    }

    /** Where each part lies in the master, in frames. */
    static List<MasterScan.Span> spans(List<Part> parts) {
        List<MasterScan.Span> spans = new ArrayList<>();
        long at = 0;
        for (Part p : parts) {
            spans.add(new MasterScan.Span(at, at + p.frames()));
            at += p.frames();
        }
        return spans;
    }

    /** At most this many measuring passes for the limiter's make-up gain, and this many encodes of the master. */
    static final int MAX_PASSES = 3;


    /**
     * The programme is brought into this window around the target, not onto the target itself: every piece was already
     * conformed to the target, and titles, credits and silent stills pull the programme's average away from it, so the
     * smallest gain that lands the programme in the window keeps the pieces closest to where conform put them.
     * Smaller than the verify tolerance, so encoding drift cannot push a master out of spec.
     */
    static final double PROGRAMME_WINDOW_LU = 0.25;

    /** The smallest linear gain that brings the programme within the window around the target; none for silence. */
    static double gainDb(LoudnessTarget target, LoudnessMeasurement programme) {
        if (programme == null || programme.isSilent()) {
            return 0;
        }
        double exact = target.integratedLufs() - programme.integratedLufs();
        return Math.max(exact - PROGRAMME_WINDOW_LU, Math.min(exact + PROGRAMME_WINDOW_LU, 0));
    }

    /** The ceiling the limiter holds, in dBFS at the oversampled rate. */
    static double ceilingDb(LoudnessTarget target) {
        return FilterGraphs.ceilingDb(target);
    }

    /** The gain (none when 0), then, when {@code limit}, the true-peak limiter (see {@link FilterGraphs#truePeakLimiter}). */
    static String soundChain(double gainDb, double ceilingDb, boolean limit, HouseProfile p) {
        List<String> chain = new ArrayList<>();
        if (gainDb != 0) {
            chain.add("volume=" + FilterGraphs.num(gainDb) + "dB:precision=double");
        }
        if (limit) {
            chain.add(FilterGraphs.truePeakLimiter(ceilingDb, p));
        }
        return String.join(",", chain);
    }

    /**
     * The master: the segments' picture and the joined AAC stream, both copied. The AAC stream comes as ADTS, which
     * knows neither the encoder's priming nor where the sound ends, so each packet is given its place on the sample
     * clock as the encoder gave it (packet n starts at (n - 1) * 1024; the last lasts only as long as the sound
     * does); the MP4 then has the same edit list and sample table as a direct encode of the whole, and decodes the
     * same.
     */
    static FfmpegCommand command(Path pictures, SoundTrack.Encoded track, HouseProfile p, Map<String, String> metadata, Path master) {
        long last = track.packets() - 1;
        long lastDuration = track.samples() + SoundTrack.FRAME - last * SoundTrack.FRAME;
        String clock = "setts=time_base=1/" + p.sampleRate() + ":pts=N*" + SoundTrack.FRAME + "-" + SoundTrack.FRAME
                + ":dts=N*" + SoundTrack.FRAME + "-" + SoundTrack.FRAME
                + ":duration=if(eq(N\\," + last + ")\\," + lastDuration + "\\," + SoundTrack.FRAME + ")";
        FfmpegCommand cmd = new FfmpegCommand()
                .input(pictures.toString(), "-f", "concat", "-safe", "0", "-protocol_whitelist", "file")
                .input(track.adts().toString(), "-f", "aac");
        List<String> out = new ArrayList<>(List.of("-map", "0:v:0", "-map", "1:a:0", "-c", "copy", "-bsf:a", clock,
                "-map_metadata", "-1"));
        metadata.forEach((k, v) -> {
            out.add("-metadata");
            out.add(k + "=" + v);
        });
        cmd.output(master, out.toArray(String[]::new));
        return cmd;
    }

    private static void write(Path list, List<Path> files) {
        StringBuilder text = new StringBuilder("ffconcat version 1.0\n");
        for (Path f : files) {
            text.append("file '").append(f.toAbsolutePath().toString().replace("'", "'\\''")).append("'\n");
        }
        try {
            Files.createDirectories(list.getParent());
            Files.writeString(list, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
