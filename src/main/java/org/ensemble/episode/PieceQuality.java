package org.ensemble.episode;

import java.util.List;
import java.util.Locale;

/**
 * What conform found in a piece and did about it, before planning: the piece's own QC, with the same detectors and
 * limits as the programme's, so the plan holds only pieces the master's QC will accept. Runs are frames of the
 * piece as conformed (after any trim); loudness figures are of its sound as it will air (null where not measured).
 *
 * @param treatment         kept as it is, trimmed at its ends, or left out of the plan
 * @param reason            for a trimmed or left-out piece, why, in words for an editor (null when kept)
 * @param trimmedHeadFrames frames cut off its start (dead air, or silence beyond what a join allows)
 * @param trimmedTailFrames frames cut off its end
 * @param bed               the show's sound bed plays under it (it has no sound of its own)
 * @param integratedLufs    its sound's integrated loudness after correction (the bed's, when it has one)
 * @param truePeakDbtp      its sound's true peak after correction
 * @param loudnessRangeLu   its sound's loudness range
 * @param clippedPercent    the share of its source's samples at full scale (clipped)
 * @param black             runs of black picture
 * @param silence           runs of silence in its own sound (a bed does not count: it does not hide a black picture)
 * @param frozen            runs of a frozen picture (films only)
 * @param deadAir           runs of black picture and silence together
 */
public record PieceQuality(Treatment treatment, String reason, long trimmedHeadFrames, long trimmedTailFrames, boolean bed,
                           Double integratedLufs, Double truePeakDbtp, Double loudnessRangeLu, Double clippedPercent,
                           List<Run> black, List<Run> silence, List<Run> frozen, List<Run> deadAir) {

    public enum Treatment { KEPT, TRIMMED, LEFT_OUT }

    /** Frames {@code [startFrame, endFrame)} of the piece. */
    public record Run(long startFrame, long endFrame) {
        public long frames() {
            return endFrame - startFrame;
        }
    }

    public PieceQuality {
        black = List.copyOf(black);
        silence = List.copyOf(silence);
        frozen = List.copyOf(frozen);
        deadAir = List.copyOf(deadAir);
    }

    public boolean leftOut() {
        return treatment == Treatment.LEFT_OUT;
    }

    /** One line for an editor: "kept", "trimmed: …", "left out: …". */
    public String summary() {
        return switch (treatment) {
            case KEPT -> bed ? "kept, with the show's sound bed under it" : "kept";
            case TRIMMED -> "trimmed: " + reason;
            case LEFT_OUT -> "left out: " + reason;
        };
    }

    /** A length for people: "1.2 s". */
    public static String seconds(long frames, int fps) {
        return String.format(Locale.ROOT, "%.1f s", frames / (double) fps);
    }

    /** A place in a piece for people: "0:05.3". */
    public static String at(long frame, int fps) {
        double s = frame / (double) fps;
        return String.format(Locale.ROOT, "%d:%04.1f", (long) (s / 60), s % 60);
    }
}
