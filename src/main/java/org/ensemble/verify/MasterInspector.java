package org.ensemble.verify;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.Set;
import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.QualityReport;

import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.MasterScan;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.ProbeResult;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Measures a master with ffprobe (every packet counted), ebur128 (true peak) and one scan for black, silence and each
 * EDL event's own loudness, and says what is out of spec.
 */
@Component
class MasterInspector {

    private static final Logger LOG = LoggerFactory.getLogger(MasterInspector.class);

    private final MediaProbe probe;
    private final LoudnessMeter meter;
    private final MasterScan scanner;
    private final VerifySettings settings;

    MasterInspector(MediaProbe probe, LoudnessMeter meter, MasterScan scanner, VerifySettings settings) {
        this.probe = probe;
        this.meter = meter;
        this.scanner = scanner;
        this.settings = settings;
    }

    static final String SYNC_NOTE = "not measured on the episode (it carries no sync marks); joins are sample- and "
            + "frame-exact by construction and SyncProbeTest measures flash-to-beep offsets through conform and assembly";

    QualityReport inspect(Path master, ShowDefinition show, EditDecisionList edl) {
        return inspect(master, show, edl, Map.of());
    }

    /**
     * Measures {@code master} against the show's targets and quality rules. {@code pieces} are the week's conformed
     * pieces: their own QC goes into the report, a piece over the show's sound bed is judged at the bed's level, and
     * a piece conform left out that an editor put in on purpose does not have its own gaps and loudness held against
     * the master (the programme's loudness and true peak still are).
     */
    QualityReport inspect(Path master, ShowDefinition show, EditDecisionList edl, Map<String, ConformedPiece> pieces) {
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
        boolean streamsOk = failures.isEmpty();
        int before = failures.size();
        long frames = video == null ? 0 : video.frameCount();
        if (frames != expected) {
            failures.add("video has " + frames + " frames, expected " + expected);
        }
        check(failures, "format duration", facts.durationSeconds(), expectedSeconds, frame);
        if (audio != null) {
            check(failures, "audio duration", audio.durationSeconds(), expectedSeconds, frame);
        }
        boolean durationOk = failures.size() == before;
        before = failures.size();
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
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("streams", streamsOk);
        checks.put("durationToTheFrame", durationOk);
        checks.put("houseFormat", failures.size() == before);
        // one pass over the sound measures the whole, each event and the silences; the picture's black runs were found
        // while its segments were encoded (the render step keeps that scan beside the master). A master without it
        // (made elsewhere, or changed since) is scanned here, picture included
        MasterScan.Result scan = null;
        if (video != null && audio != null) {
            List<MasterScan.Span> spans = edl.events().stream()
                    .map(e -> new MasterScan.Span(e.recordIn(), Math.min(expected, e.recordOut()))).toList();
            MasterScan.Detectors detectors = show.quality().detectors(profile.frameRate());
            scan = MasterScan.load(master, spans, detectors).orElse(null);
            if (scan != null) {
                LOG.info("Verifying {} with the scan made when it was assembled (sound after AAC; black runs from its segments)", master);
            } else {
                scan = scanner.scan(master, profile, expected, spans, detectors, true, master.getParent());
            }
        }
        LoudnessMeasurement loudness = scan != null ? scan.programme() : audio == null ? null : meter.measure(master, expectedSeconds);
        double target = show.loudness().integratedLufs();
        double maxPeak = show.loudness().truePeakDbtp() + settings.truePeakMarginDb();
        boolean loudnessOk = loudness != null && Math.abs(loudness.integratedLufs() - target) <= settings.loudnessToleranceLu();
        boolean peakOk = loudness != null && loudness.truePeakDbtp() <= maxPeak;
        if (loudness != null) {
            if (!loudnessOk) {
                failures.add(String.format(Locale.ROOT, "integrated loudness %.1f LUFS, target %.1f ± %.1f",
                        loudness.integratedLufs(), target, settings.loudnessToleranceLu()));
            }
            if (!peakOk) {
                failures.add(String.format(Locale.ROOT, "true peak %.1f dBTP, at most %.1f allowed", loudness.truePeakDbtp(), maxPeak));
            }
        }
        checks.put("integratedLoudness", loudnessOk);
        checks.put("truePeak", peakOk);
        QualityReport.Segments segments = null;
        QualityReport.Gaps gaps = null;
        if (scan != null) {
            int fps = profile.frameRate();
            long minFrames = show.quality().minRunFrames();
            scan = new MasterScan.Result(scan.programme(), scan.spanLufs(), MasterScan.atLeast(scan.black(), minFrames),
                    MasterScan.atLeast(scan.silence(), minFrames));
            before = failures.size();
            segments = judgeSegments(edl, scan.spanLufs(), show, pieces, fps, failures);
            checks.put("segmentLoudness", failures.size() == before);
            before = failures.size();
            gaps = judgeGaps(edl, scan, show, pieces, fps, expected, failures);
            checks.put("gaps", failures.size() == before);
        } else {
            checks.put("segmentLoudness", false);
            checks.put("gaps", false);
        }
        return new QualityReport(master.getFileName().toString(), profile.frameRate(), expected, frames, facts.durationSeconds(),
                video == null ? 0 : video.durationSeconds(), audio == null ? 0 : audio.durationSeconds(),
                video == null ? null : video.codecName(), video == null ? 0 : video.width(), video == null ? 0 : video.height(),
                video == null ? null : video.pixelFormat(), audio == null ? null : audio.codecName(),
                audio == null ? 0 : audio.sampleRate(), audio == null ? 0 : audio.channels(), target,
                loudness == null ? Double.NaN : loudness.integratedLufs(), settings.loudnessToleranceLu(),
                loudness == null ? Double.NaN : loudness.truePeakDbtp(), maxPeak,
                loudness == null ? Double.NaN : loudness.rangeLu(), edl.revision(), segments, gaps,
                new QualityReport.Sync(false, null, SYNC_NOTE), pieceChecks(edl, pieces), checks, List.copyOf(failures));
    }

    /** Every conformed piece of the week with its own QC, in the order of the episode, then the rest by id. */
    static List<QualityReport.Piece> pieceChecks(EditDecisionList edl, Map<String, ConformedPiece> pieces) {
        List<QualityReport.Piece> rows = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (EditDecisionList.Event e : edl.pieces()) {
            ConformedPiece piece = pieces.get(e.pieceId());
            if (piece != null && piece.quality() != null && listed.add(e.pieceId())) {
                rows.add(new QualityReport.Piece(e.pieceId(), e.number(), piece.quality().treatment().name().toLowerCase(Locale.ROOT),
                        piece.quality().summary(), piece.leftOut(), piece.quality()));
            }
        }
        pieces.values().stream().filter(p -> p.quality() != null && !listed.contains(p.contributionId()))
                .sorted(Comparator.comparing(ConformedPiece::contributionId))
                .forEach(p -> rows.add(new QualityReport.Piece(p.contributionId(), 0, p.quality().treatment().name().toLowerCase(Locale.ROOT),
                        p.quality().summary(), false, p.quality())));
        return List.copyOf(rows);
    }

    /** Why an event's own gaps and loudness are not held against the master, or null when they are. */
    private static String keptOnPurpose(EditDecisionList edl, EditDecisionList.Event e, Map<String, ConformedPiece> pieces) {
        ConformedPiece piece = e.kind() == EditDecisionList.EventKind.PIECE ? pieces.get(e.pieceId()) : null;
        if (piece == null || !piece.leftOut()) {
            return null;
        }
        return "kept on purpose (EDL revision " + edl.revision() + " by " + edl.createdBy() + ") though conform's QC "
                + piece.quality().summary();
    }

    /**
     * Pieces are judged on their own loudness, against the target or, over the show's sound bed, against the bed's
     * level; titles, credits, short, silent and quiet events, and pieces kept on purpose, are excepted with the reason.
     */
    QualityReport.Segments judgeSegments(EditDecisionList edl, List<Double> lufs, ShowDefinition show,
                                         Map<String, ConformedPiece> pieces, int fps, List<String> failures) {
        var rules = show.quality();
        double target = show.loudness().integratedLufs();
        double bedLevel = show.soundBed().map(b -> b.levelLu()).orElse(0.0);
        long minimum = rules.pieceMinimumFrames();
        List<QualityReport.Segment> rows = new ArrayList<>();
        for (int i = 0; i < edl.events().size(); i++) {
            EditDecisionList.Event e = edl.events().get(i);
            double measured = i < lufs.size() ? lufs.get(i) : Double.NaN;
            ConformedPiece piece = pieces.get(e.pieceId());
            boolean bed = e.kind() == EditDecisionList.EventKind.PIECE && piece != null && piece.quality() != null && piece.quality().bed();
            double expected = bed ? target + bedLevel : target;
            String kept = keptOnPurpose(edl, e, pieces);
            String verdict = "excepted";
            String reason = null;
            if (e.kind() != EditDecisionList.EventKind.PIECE) {
                reason = e.kind().name().toLowerCase(Locale.ROOT) + " card: its sound bed is quiet by design";
            } else if (kept != null) {
                reason = kept;
            } else if (e.frames() < minimum) {
                reason = String.format(Locale.ROOT, "short: %d frames, under %d (%.1f s)", e.frames(), minimum, minimum / (double) fps);
            } else if (Double.isNaN(measured) || measured <= LoudnessMeasurement.SILENCE_LUFS) {
                reason = "silent: no sound above the absolute gate";
            } else if (measured < rules.quietPieceLufs()) {
                reason = String.format(Locale.ROOT, "quiet by intent: under %.0f LUFS", rules.quietPieceLufs());
            } else if (Math.abs(measured - expected) <= rules.pieceToleranceLu()) {
                verdict = "pass";
            } else {
                verdict = "fail";
                failures.add(String.format(Locale.ROOT, "event %d (%s) measures %.1f LUFS, %s %.1f ± %.1f", e.number(),
                        e.pieceId(), measured, bed ? "the sound bed's level" : "target", expected, rules.pieceToleranceLu()));
            }
            rows.add(new QualityReport.Segment(e.number(), e.kind().name(), e.pieceId(), e.recordIn(), e.frames(),
                    round(measured), expected, verdict, reason));
        }
        return new QualityReport.Segments(target, rules.pieceToleranceLu(), minimum, rules.quietPieceLufs(), List.copyOf(rows));
    }

    /**
     * Black and silence are each fine on their own (a fade, a photograph); together for too long they are dead air.
     * Silence is limited on its own too, where the show says so: each run, and all runs together as a share of the
     * programme. A run inside a piece kept on purpose is listed with why it was not held against the master.
     */
    QualityReport.Gaps judgeGaps(EditDecisionList edl, MasterScan.Result scan, ShowDefinition show,
                                 Map<String, ConformedPiece> pieces, int fps, long programmeFrames, List<String> failures) {
        var rules = show.quality();
        long maxDeadAir = rules.maxDeadAirFrames();
        List<QualityReport.Gap> deadAir = new ArrayList<>();
        for (MasterScan.Span b : scan.black()) {
            for (MasterScan.Span s : scan.silence()) {
                long from = Math.max(b.startFrame(), s.startFrame());
                long to = Math.min(b.endFrame(), s.endFrame());
                if (to > from) {
                    QualityReport.Gap gap = gap(edl, new MasterScan.Span(from, to), pieces);
                    deadAir.add(gap);
                    if (gap.frames() > maxDeadAir && gap.excepted() == null) {
                        failures.add(String.format(Locale.ROOT, "black and silent for %d frames (%.2f s) from frame %d (events %s), at most %d allowed",
                                gap.frames(), gap.frames() / (double) fps, from, gap.events(), maxDeadAir));
                    }
                }
            }
        }
        List<QualityReport.Gap> silence = scan.silence().stream().map(s -> gap(edl, s, pieces)).toList();
        long silent = silence.stream().filter(g -> g.excepted() == null).mapToLong(QualityReport.Gap::frames).sum();
        if (rules.maxSilenceFrames() > 0) {
            for (QualityReport.Gap g : silence) {
                if (g.frames() > rules.maxSilenceFrames() && g.excepted() == null) {
                    failures.add(String.format(Locale.ROOT, "silent for %d frames (%.2f s) from frame %d (events %s), at most %d (%.1f s) allowed",
                            g.frames(), g.frames() / (double) fps, g.startFrame(), g.events(), rules.maxSilenceFrames(),
                            rules.maxSilenceFrames() / (double) fps));
                }
            }
        }
        if (rules.maxSilentPercent() > 0 && silent > rules.maxSilentPercent() / 100 * programmeFrames) {
            failures.add(String.format(Locale.ROOT, "silent for %.1f s in all (%.1f %% of the programme), at most %.1f %% allowed",
                    silent / (double) fps, 100.0 * silent / programmeFrames, rules.maxSilentPercent()));
        }
        return new QualityReport.Gaps(MasterScan.BLACK_PIXEL_LUMA, rules.silenceDb(), rules.minRunFrames(), maxDeadAir,
                rules.maxSilenceFrames(), rules.maxSilentPercent(), silent,
                scan.black().stream().map(s -> gap(edl, s, pieces)).toList(), silence, List.copyOf(deadAir));
    }

    private static QualityReport.Gap gap(EditDecisionList edl, MasterScan.Span span, Map<String, ConformedPiece> pieces) {
        List<EditDecisionList.Event> touched = edl.events().stream()
                .filter(e -> e.recordIn() < span.endFrame() && e.recordOut() > span.startFrame()).toList();
        // a run lying wholly inside one event kept on purpose is that piece's own, as the editor accepted it
        String excepted = touched.size() == 1 && span.startFrame() >= touched.get(0).recordIn()
                && span.endFrame() <= touched.get(0).recordOut() ? keptOnPurpose(edl, touched.get(0), pieces) : null;
        return new QualityReport.Gap(span.startFrame(), span.endFrame(), span.frames(),
                touched.stream().map(EditDecisionList.Event::number).toList(), excepted);
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : value;
    }

    private static void check(List<String> failures, String what, double actual, double expected, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance + 1e-6)) {
            failures.add(String.format(Locale.ROOT, "%s %.3f s, expected %.3f s ± 1 frame", what, actual, expected));
        }
    }
}
