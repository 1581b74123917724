package org.ensemble.conform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ensemble.episode.PieceQuality;
import org.ensemble.episode.PieceQuality.Run;
import org.ensemble.episode.PieceQuality.Treatment;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.MasterScan;
import org.ensemble.segment.Segment;
import org.ensemble.show.QualityRules;
import org.ensemble.show.ShowDefinition;

/**
 * A piece's own QC, with the programme's detectors and limits (the show's {@link QualityRules}), so that what verify
 * would refuse in the master is decided here, piece by piece, before planning: dead air and silence at its ends are
 * cut (within the show's bounds), and a piece that would still break a rule is left out with the reason.
 * <p>
 * Silence is measured on the piece's own sound: a piece that has none plays over the show's sound bed, but the bed
 * does not hide a black picture, which is then dead air all the same.
 */
final class PieceCheck {

    /** Runs starting or ending this close to a segment's edge are at that edge (its fades are 4 frames). */
    static final long EDGE_FRAMES = 4;
    /** Room kept between a piece's loudness and the master's tolerance: the master is measured after AAC. */
    static final double LOUDNESS_MARGIN_LU = 0.2;

    private final MasterScan scanner;

    PieceCheck(MasterScan scanner) {
        this.scanner = scanner;
    }

    /**
     * What a made segment shows: its black, silent (own sound), frozen and dead-air runs, and its sound's loudness as
     * it will air.
     */
    record Findings(long frames, List<Run> black, List<Run> silence, List<Run> frozen, List<Run> deadAir,
                    LoudnessMeasurement loudness, double clippedPercent) {
    }

    /** How much of a piece's head and tail should go, and whether the show allows cutting that much. */
    record Cut(long head, long tail, boolean allowed) {
        boolean any() {
            return head > 0 || tail > 0;
        }
    }

    Findings find(Segment segment, ShowDefinition show, boolean ownSoundSilent, Path scratch) {
        QualityRules rules = show.quality();
        int fps = show.profile().frameRate();
        long frames = segment.frames();
        List<MasterScan.Span> whole = List.of(new MasterScan.Span(0, frames));
        MasterScan.Detectors detectors = rules.detectors(fps);
        // kept beside the segment's sound: a piece conformed again (a re-run, a later week) is not scanned again
        MasterScan.Result scan = MasterScan.load(segment.sound(), whole, detectors).orElseGet(() -> {
            MasterScan.Result made = scanner.scan(segment.sound(), show.profile(), frames, whole, detectors, false, scratch);
            MasterScan.save(segment.sound(), whole, detectors, made);
            return made;
        });
        List<Run> black = runs(MasterScan.atLeast(segment.black(), rules.minRunFrames()));
        List<Run> silence = ownSoundSilent ? List.of(new Run(0, frames)) : runs(scan.silence());
        List<Run> frozen = runs(MasterScan.atLeast(segment.frozen(), rules.minRunFrames()));
        List<Run> deadAir = new ArrayList<>();
        for (Run b : black) {
            for (Run s : silence) {
                long from = Math.max(b.startFrame(), s.startFrame());
                long to = Math.min(b.endFrame(), s.endFrame());
                if (to > from) {
                    deadAir.add(new Run(from, to));
                }
            }
        }
        return new Findings(frames, black, silence, frozen, List.copyOf(deadAir), scan.programme(), segment.clippedPercent());
    }

    /**
     * What to cut off the ends: dead air touching an end, whatever its length, and silence at an end beyond half the
     * show's limit (two pieces' silences then cannot add up over the limit at their join; not for a piece over the
     * sound bed, which is never silent). Allowed within the show's
     * bounds, and only if what remains is long enough to be a piece.
     */
    static Cut cut(Findings f, QualityRules rules, long pieceMinFrames, boolean bed) {
        long head = 0;
        long tail = 0;
        for (Run r : f.deadAir()) {
            if (r.startFrame() <= EDGE_FRAMES) {
                head = Math.max(head, r.endFrame());
            }
            if (r.endFrame() >= f.frames() - EDGE_FRAMES) {
                tail = Math.max(tail, f.frames() - r.startFrame());
            }
        }
        long edge = rules.maxEdgeSilenceFrames();
        // over the bed a piece is never silent: only its dead air (a black picture) is cut
        for (Run r : bed ? List.<Run>of() : f.silence()) {
            if (r.startFrame() <= EDGE_FRAMES && r.frames() > edge) {
                head = Math.max(head, r.endFrame() - edge);
            }
            if (r.endFrame() >= f.frames() - EDGE_FRAMES && r.frames() > edge) {
                tail = Math.max(tail, f.frames() - r.startFrame() - edge);
            }
        }
        boolean allowed = head <= rules.maxTrimFrames() && tail <= rules.maxTrimFrames()
                && f.frames() - head - tail >= Math.max(1, pieceMinFrames);
        return new Cut(head, tail, allowed);
    }

    /** The treatment of a piece from what its (possibly cut) segment shows. */
    static PieceQuality judge(Findings f, Cut cut, boolean bed, ShowDefinition show) {
        QualityRules rules = show.quality();
        int fps = show.profile().frameRate();
        double expected = show.loudness().integratedLufs() + (bed ? show.soundBed().map(b -> b.levelLu()).orElse(0.0) : 0);
        List<String> problems = new ArrayList<>();
        boolean throughout = f.deadAir().stream().anyMatch(r -> r.startFrame() <= EDGE_FRAMES && r.endFrame() >= f.frames() - EDGE_FRAMES);
        if (throughout) {
            problems.add("its picture is black and its sound silent from start to end (a covered lens, or a recording that failed)");
        } else if (cut.any() && !cut.allowed()) {
            problems.add(cut.head() > rules.maxTrimFrames() || cut.tail() > rules.maxTrimFrames()
                    ? String.format(Locale.ROOT, "it %s with dead air or silence longer than the %s the show lets conform cut",
                            cut.head() > rules.maxTrimFrames() ? "opens (" + PieceQuality.seconds(cut.head(), fps) + ")"
                                    : "ends (" + PieceQuality.seconds(cut.tail(), fps) + ")", PieceQuality.seconds(rules.maxTrimFrames(), fps))
                    : "without the dead air or silence at its ends (" + PieceQuality.seconds(cut.head() + cut.tail(), fps)
                            + ") it would be shorter than the show's shortest piece");
        }
        for (Run r : throughout ? List.<Run>of() : f.deadAir()) {
            if (r.frames() > rules.maxDeadAirFrames()) {
                problems.add("its picture is black and its sound silent for " + PieceQuality.seconds(r.frames(), fps) + " from "
                        + PieceQuality.at(r.startFrame(), fps) + " (the programme allows " + PieceQuality.seconds(rules.maxDeadAirFrames(), fps) + ")");
            }
        }
        if (!bed) {
            if (rules.maxSilenceFrames() > 0) {
                for (Run r : f.silence()) {
                    if (r.frames() > rules.maxSilenceFrames()) {
                        problems.add("it is silent for " + PieceQuality.seconds(r.frames(), fps) + " from " + PieceQuality.at(r.startFrame(), fps)
                                + " (the programme allows " + PieceQuality.seconds(rules.maxSilenceFrames(), fps) + ")");
                    }
                }
            }
            long silent = f.silence().stream().mapToLong(Run::frames).sum();
            if (rules.maxSilentPercent() > 0 && silent > rules.maxSilentPercent() / 100 * f.frames()) {
                problems.add(String.format(Locale.ROOT, "it is silent for %.0f %% of its length (the programme allows %.0f %%)",
                        100.0 * silent / f.frames(), rules.maxSilentPercent()));
            }
        }
        if (rules.maxFrozenFrames() > 0) {
            for (Run r : f.frozen()) {
                if (r.frames() > rules.maxFrozenFrames()) {
                    problems.add("its picture is frozen for " + PieceQuality.seconds(r.frames(), fps) + " from "
                            + PieceQuality.at(r.startFrame(), fps) + " (the show allows " + PieceQuality.seconds(rules.maxFrozenFrames(), fps) + ")");
                }
            }
        }
        if (rules.maxClippedPercent() > 0 && f.clippedPercent() > rules.maxClippedPercent()) {
            problems.add(String.format(Locale.ROOT, "%.1f %% of its sound is clipped (distorted at full scale; the show allows %.1f %%)",
                    f.clippedPercent(), rules.maxClippedPercent()));
        }
        double lufs = f.loudness().integratedLufs();
        if (f.frames() >= rules.pieceMinimumFrames() && Double.isFinite(lufs) && lufs >= rules.quietPieceLufs()
                && Math.abs(lufs - expected) > rules.pieceToleranceLu() - LOUDNESS_MARGIN_LU) {
            problems.add(String.format(Locale.ROOT, "after correction it measures %.1f LUFS, not within %.1f LU of %.1f "
                    + "(its peaks hold the gain down)", lufs, rules.pieceToleranceLu() - LOUDNESS_MARGIN_LU, expected));
        }
        Treatment treatment;
        String reason;
        if (!problems.isEmpty()) {
            treatment = Treatment.LEFT_OUT;
            reason = String.join("; ", problems) + ". Ask the contributor for another take, trim it, or pin it to air it as it is";
        } else if (cut.any()) {
            treatment = Treatment.TRIMMED;
            reason = "cut " + (cut.head() > 0 ? PieceQuality.seconds(cut.head(), fps) + " off its start" : "")
                    + (cut.head() > 0 && cut.tail() > 0 ? " and " : "")
                    + (cut.tail() > 0 ? PieceQuality.seconds(cut.tail(), fps) + " off its end" : "") + " (dead air or silence)";
        } else {
            treatment = Treatment.KEPT;
            reason = null;
        }
        boolean kept = treatment != Treatment.LEFT_OUT;
        return new PieceQuality(treatment, reason, kept ? cut.head() : 0, kept ? cut.tail() : 0, bed, finite(lufs),
                finite(f.loudness().truePeakDbtp()), finite(f.loudness().rangeLu()), finite(f.clippedPercent()),
                f.black(), f.silence(), f.frozen(), f.deadAir());
    }

    /** The quality of a photo or a piece of writing: made at its planned length in render, measured there in the master. */
    static PieceQuality elastic(boolean bed, ShowDefinition show, long minFrames, String what) {
        QualityRules rules = show.quality();
        int fps = show.profile().frameRate();
        if (!bed && rules.maxSilenceFrames() > 0 && minFrames > rules.maxSilenceFrames()) {
            return new PieceQuality(Treatment.LEFT_OUT, what + " has no sound of its own and the show names no sound bed, so it would "
                    + "be silent for at least " + PieceQuality.seconds(minFrames, fps) + " (the programme allows "
                    + PieceQuality.seconds(rules.maxSilenceFrames(), fps) + "); name a bed in the show file, or pin it to air it silent",
                    0, 0, false, null, null, null, null, List.of(), List.of(new Run(0, minFrames)), List.of(), List.of());
        }
        return new PieceQuality(Treatment.KEPT, null, 0, 0, bed, null, null, null, null, List.of(), List.of(), List.of(), List.of());
    }

    private static List<Run> runs(List<MasterScan.Span> spans) {
        return spans.stream().map(s -> new Run(s.startFrame(), s.endFrame())).toList();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : null;
    }
}
