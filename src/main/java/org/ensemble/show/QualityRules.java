package org.ensemble.show;

import org.ensemble.media.MasterScan;

/**
 * What a show's programme may carry of silence and dead air, checked on each piece in conform (before planning, so
 * the plan holds only pieces the programme QC accepts) and on the master in verify, with the same detectors. Lengths
 * are frames at the show's rate; 0 means no limit.
 *
 * @param silenceDb          sound below this level is silence
 * @param minRunFrames       shorter runs of black or silence are not counted (fades, breaths)
 * @param maxDeadAirFrames   black picture and silence together may last this long at most
 * @param maxSilenceFrames   continuous silence may last this long at most (0: no limit)
 * @param maxSilentPercent   all silences together may fill this share of the programme, and of each piece (0: no limit)
 * @param maxTrimFrames      conform cuts dead air, and silence beyond half of {@code maxSilenceFrames}, off a piece's
 *                           head and tail, up to this much at each end
 * @param maxFrozenFrames    a picture frozen longer than this leaves the piece out (0: reported only)
 * @param maxClippedPercent  a piece whose sound has more clipped samples than this share is left out (0: reported only)
 * @param pieceToleranceLu   each piece's own integrated loudness (as it airs) within the target ± this
 * @param pieceMinimumFrames pieces shorter than this are not judged on loudness (too short for a steady reading)
 * @param quietPieceLufs     a piece measuring below this is quiet by intent and not judged on loudness
 */
public record QualityRules(double silenceDb, long minRunFrames, long maxDeadAirFrames, long maxSilenceFrames,
                           double maxSilentPercent, long maxTrimFrames, long maxFrozenFrames, double maxClippedPercent,
                           double pieceToleranceLu, long pieceMinimumFrames, double quietPieceLufs) {

    /** The rules when a show file says nothing: dead air over a second is refused, silence is not limited. */
    public static QualityRules defaults(int fps) {
        return new QualityRules(-60, fps / 2, fps, 0, 0, 10L * fps, 0, 0, 1.0, 3L * fps, -45);
    }

    /** The detectors of black and silence, the same for a piece in conform and for the master in verify. */
    public MasterScan.Detectors detectors(int fps) {
        return new MasterScan.Detectors(MasterScan.BLACK_PIXEL_LUMA, silenceDb,
                minRunFrames / (double) fps);
    }

    /** Silence at a piece's head or tail beyond this is cut, so two pieces' silences cannot add up over the limit at a join. */
    public long maxEdgeSilenceFrames() {
        return maxSilenceFrames == 0 ? Long.MAX_VALUE : maxSilenceFrames / 2;
    }
}
