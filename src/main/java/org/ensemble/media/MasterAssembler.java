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
 * the same encoder settings and ends on whole frames); the sound is joined sample-exactly from the segments' FLAC,
 * measured once more as a whole, corrected to the target in one linear step, held under the true-peak ceiling by a
 * limiter running at four times the sample rate (so it sees the peaks between samples), and encoded to AAC once.
 * loudnorm is not used for the final step: in linear mode it silently turns dynamic when the gain would break the
 * ceiling, and it resamples to 192 kHz on its own terms.
 */
@Component
public class MasterAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(MasterAssembler.class);

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;
    private final MediaSettings settings;
    private final LoudnessMeter meter;

    public MasterAssembler(FfmpegToolchain toolchain, MediaProcessGateway gateway, MediaSettings settings, LoudnessMeter meter) {
        this.toolchain = toolchain;
        this.gateway = gateway;
        this.settings = settings;
        this.meter = meter;
    }

    public record Part(Path picture, Path sound) {
    }

    /** Returns the programme loudness measured before the final correction. */
    public LoudnessMeasurement assemble(List<Part> parts, long totalFrames, HouseProfile profile, LoudnessTarget target,
                                        Map<String, String> metadata, Path workDir, Path master) {
        Path pictures = workDir.resolve("pictures.ffconcat");
        Path sounds = workDir.resolve("sounds.ffconcat");
        write(pictures, parts.stream().map(Part::picture).toList());
        write(sounds, parts.stream().map(Part::sound).toList());
        double seconds = profile.seconds(totalFrames);
        List<String> concat = List.of("-f", "concat", "-safe", "0");
        LoudnessMeasurement programme = meter.analyse(sounds, concat, "0:a:0", 0, seconds + 1, target.integratedLufs(),
                target.truePeakDbtp(), target.rangeLu(), "programme");
        double ceiling = ceilingDb(target);
        double gain = gainDb(target, programme);
        // the limiter takes some loudness off the loudest passages: measure what it leaves and make up the difference
        for (int pass = 0; pass < MAX_PASSES && limiterWillAct(ceiling, programme, gain); pass++) {
            LoudnessMeasurement limited = meter.measure(sounds, concat, soundChain(gain, ceiling, profile), seconds, "limited programme");
            double makeUp = gainDb(target, limited);
            LOG.info("Programme {} LUFS / {} dBTP: gain {} dB leaves {} LUFS after limiting; adding {} dB", programme.integratedLufs(),
                    programme.truePeakDbtp(), FilterGraphs.num(gain), limited.integratedLufs(), FilterGraphs.num(makeUp));
            if (makeUp == 0) {
                break;
            }
            gain += makeUp;
        }
        // the AAC encode can overshoot the limiter's ceiling; the master is measured, and made again lower if it did
        for (int pass = 1; ; pass++) {
            FfmpegCommand cmd = command(pictures, sounds, totalFrames, profile, gain, ceiling, metadata, master);
            String label = "assemble " + master.getFileName();
            gateway.run(new ProcessSpec(label, SegmentEncoder.withProgress(cmd.commandLine(toolchain.ffmpeg())),
                    settings.timeoutFor(seconds), cmd.outputFiles(), gateway.progressFor(label, totalFrames, profile.frameRate())));
            LoudnessMeasurement made = meter.measure(master, seconds);
            double excess = made.truePeakDbtp() - target.truePeakDbtp();
            if (!(excess > 0) || pass == MAX_PASSES) {
                LOG.info("Master {}: {} LUFS, {} dBTP (gain {} dB, limiter ceiling {} dBFS, pass {})", master.getFileName(),
                        made.integratedLufs(), made.truePeakDbtp(), FilterGraphs.num(gain), FilterGraphs.num(ceiling), pass);
                break;
            }
            LOG.warn("Master {} peaks at {} dBTP after encoding, over the {} dBTP ceiling; lowering the limiter by {} dB",
                    master.getFileName(), made.truePeakDbtp(), target.truePeakDbtp(), FilterGraphs.num(excess + 0.2));
            ceiling -= excess + 0.2;
        }
        return programme;
    }

    /** At most this many measuring passes for the limiter's make-up gain, and this many encodes for the peak. */
    static final int MAX_PASSES = 3;

    /** Headroom kept below the true-peak ceiling for the AAC encode, which adds a few tenths of a dB of overshoot. */
    static final double AAC_HEADROOM_DB = 0.5;
    /** The limiter's oversampling factor: at 4 x 48 kHz the sample peak is within a few hundredths of a dB of the true peak. */
    static final int OVERSAMPLING = 4;

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
        return target.truePeakDbtp() - AAC_HEADROOM_DB;
    }

    static boolean limiterWillAct(double ceilingDb, LoudnessMeasurement programme, double gain) {
        double peak = programme == null ? Double.NaN : programme.truePeakDbtp();
        // an unknown peak is assumed to need limiting
        return !(peak + gain < ceilingDb - 0.1);
    }

    /**
     * Gain, then a look-ahead limiter at four times the house rate with its delay compensated (so sound stays on its
     * frames), back to the house rate. The limiter's automatic levelling is off: it would undo the gain.
     */
    static String soundChain(double gainDb, double ceilingDb, HouseProfile p) {
        double ceiling = Math.pow(10, ceilingDb / 20);
        return "volume=" + FilterGraphs.num(gainDb) + "dB:precision=double,aresample=" + OVERSAMPLING * p.sampleRate()
                + ",alimiter=limit=" + String.format(java.util.Locale.ROOT, "%.6f", ceiling)
                + ":attack=5:release=50:level=false:latency=true,aresample=" + p.sampleRate();
    }

    static FfmpegCommand command(Path pictures, Path sounds, long totalFrames, HouseProfile p, double gainDb, double ceilingDb,
                                 Map<String, String> metadata, Path master) {
        long samples = p.samples(totalFrames);
        FfmpegCommand cmd = new FfmpegCommand()
                .input(pictures.toString(), "-f", "concat", "-safe", "0", "-protocol_whitelist", "file")
                .input(sounds.toString(), "-f", "concat", "-safe", "0", "-protocol_whitelist", "file")
                .filterGraph("[1:a]" + soundChain(gainDb, ceilingDb, p)
                        + ",aformat=sample_rates=" + p.sampleRate() + ":channel_layouts=" + p.channelLayout()
                        + ",apad=whole_len=" + samples + ",atrim=end_sample=" + samples + "[a]");
        List<String> out = new ArrayList<>(List.of("-map", "0:v:0", "-map", "[a]", "-c:v", "copy",
                "-c:a", "aac", "-b:a", p.audioBitrateKbps() + "k", "-ar", Integer.toString(p.sampleRate()),
                "-ac", Integer.toString(p.channels()), "-movflags", "+faststart", "-map_metadata", "-1"));
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
