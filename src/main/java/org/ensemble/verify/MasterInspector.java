package org.ensemble.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.ProbeResult;
import org.ensemble.show.ShowDefinition;
import org.springframework.stereotype.Component;

/** Measures a master with ffprobe (every packet counted) and ebur128 (true peak), and says what is out of spec. */
@Component
class MasterInspector {

    private final MediaProbe probe;
    private final LoudnessMeter meter;
    private final VerifySettings settings;

    MasterInspector(MediaProbe probe, LoudnessMeter meter, VerifySettings settings) {
        this.probe = probe;
        this.meter = meter;
        this.settings = settings;
    }

    QualityReport inspect(Path master, ShowDefinition show) {
        var profile = show.profile();
        long expected = show.runtimeFrames();
        double expectedSeconds = profile.seconds(expected);
        double frame = 1.0 / profile.frameRate();
        ProbeResult facts = probe.probe(master, true);
        List<String> failures = new ArrayList<>();
        ProbeResult.Stream video = facts.video().orElse(null);
        ProbeResult.Stream audio = facts.audio().orElse(null);
        if (video == null) {
            failures.add("no video stream");
        }
        if (audio == null) {
            failures.add("no audio stream");
        }
        long frames = video == null ? 0 : video.frameCount();
        if (frames != expected) {
            failures.add("video has " + frames + " frames, expected " + expected);
        }
        check(failures, "format duration", facts.durationSeconds(), expectedSeconds, frame);
        if (audio != null) {
            check(failures, "audio duration", audio.durationSeconds(), expectedSeconds, frame);
        }
        if (video != null) {
            if (video.width() != profile.width() || video.height() != profile.height()) {
                failures.add("picture is " + video.width() + "x" + video.height() + ", expected " + profile.width() + "x" + profile.height());
            }
            if (!video.pixelFormat().equals(profile.pixelFormat())) {
                failures.add("pixel format " + video.pixelFormat() + ", expected " + profile.pixelFormat());
            }
        }
        if (audio != null && (audio.sampleRate() != profile.sampleRate() || audio.channels() != profile.channels())) {
            failures.add("audio is " + audio.sampleRate() + " Hz / " + audio.channels() + " ch, expected "
                    + profile.sampleRate() + " Hz / " + profile.channels() + " ch");
        }
        LoudnessMeasurement loudness = audio == null ? null : meter.measure(master, expectedSeconds);
        double target = show.loudness().integratedLufs();
        double maxPeak = show.loudness().truePeakDbtp() + settings.truePeakMarginDb();
        if (loudness != null) {
            if (!(Math.abs(loudness.integratedLufs() - target) <= settings.loudnessToleranceLu())) {
                failures.add(String.format(Locale.ROOT, "integrated loudness %.1f LUFS, target %.1f ± %.1f",
                        loudness.integratedLufs(), target, settings.loudnessToleranceLu()));
            }
            if (!(loudness.truePeakDbtp() <= maxPeak)) {
                failures.add(String.format(Locale.ROOT, "true peak %.1f dBTP, at most %.1f allowed", loudness.truePeakDbtp(), maxPeak));
            }
        }
        return new QualityReport(master.getFileName().toString(), profile.frameRate(), expected, frames, facts.durationSeconds(),
                video == null ? 0 : video.durationSeconds(), audio == null ? 0 : audio.durationSeconds(),
                video == null ? null : video.codecName(), video == null ? 0 : video.width(), video == null ? 0 : video.height(),
                video == null ? null : video.pixelFormat(), audio == null ? null : audio.codecName(),
                audio == null ? 0 : audio.sampleRate(), audio == null ? 0 : audio.channels(), target,
                loudness == null ? Double.NaN : loudness.integratedLufs(), settings.loudnessToleranceLu(),
                loudness == null ? Double.NaN : loudness.truePeakDbtp(), maxPeak,
                loudness == null ? Double.NaN : loudness.rangeLu(), List.copyOf(failures));
    }

    private static void check(List<String> failures, String what, double actual, double expected, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance + 1e-6)) {
            failures.add(String.format(Locale.ROOT, "%s %.3f s, expected %.3f s ± 1 frame", what, actual, expected));
        }
    }
}
