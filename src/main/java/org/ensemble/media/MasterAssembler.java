package org.ensemble.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Joins house-format segments into a master. The picture is copied, never re-encoded (every segment was made with
 * the same encoder settings and ends on whole frames); the sound is joined sample-exactly from the segments' FLAC,
 * measured once more as a whole, corrected to the target in one linear step and encoded to AAC once.
 */
@Component
public class MasterAssembler {

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
        LoudnessMeasurement programme = meter.analyse(sounds, List.of("-f", "concat", "-safe", "0"), "0:a:0", 0, seconds + 1, target.integratedLufs(),
                target.truePeakDbtp(), target.rangeLu(), "programme");
        FfmpegCommand cmd = command(pictures, sounds, totalFrames, profile, target, programme, metadata, master);
        String label = "assemble " + master.getFileName();
        gateway.run(new ProcessSpec(label, SegmentEncoder.withProgress(cmd.commandLine(toolchain.ffmpeg())),
                settings.timeoutFor(seconds), cmd.outputFiles(), gateway.progressFor(label, totalFrames, profile.frameRate())));
        return programme;
    }

    /** Headroom kept below the true-peak ceiling for the AAC encode, which adds a few tenths of a dB of overshoot. */
    static final double AAC_HEADROOM_DB = 0.5;

    static FfmpegCommand command(Path pictures, Path sounds, long totalFrames, HouseProfile p, LoudnessTarget target,
                                 LoudnessMeasurement programme, Map<String, String> metadata, Path master) {
        long samples = p.samples(totalFrames);
        LoudnessTarget beforeEncoding = new LoudnessTarget(target.integratedLufs(), target.truePeakDbtp() - AAC_HEADROOM_DB,
                target.rangeLu());
        String correction = FilterGraphs.loudnormCorrection(beforeEncoding, programme);
        FfmpegCommand cmd = new FfmpegCommand()
                .input(pictures.toString(), "-f", "concat", "-safe", "0", "-protocol_whitelist", "file")
                .input(sounds.toString(), "-f", "concat", "-safe", "0", "-protocol_whitelist", "file")
                .filterGraph("[1:a]" + (correction.isEmpty() ? "" : correction + ",") + "aresample=" + p.sampleRate()
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
