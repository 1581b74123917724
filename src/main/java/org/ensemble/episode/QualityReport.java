package org.ensemble.episode;

import java.util.List;
import java.util.Map;

/**
 * What the verify step measured on the master, independently of how it was made; published as {@code qc.json}.
 * Frame and sample counts are exact; seconds and decibels are as the instruments report them. Every check says
 * whether it passed and with which threshold.
 */
public record QualityReport(String file, int frameRate, long expectedFrames, long videoFrames, double formatDurationSeconds,
                            double videoDurationSeconds, double audioDurationSeconds, String videoCodec, int width,
                            int height, String pixelFormat, String audioCodec, int sampleRate, int channels,
                            double targetLufs, double integratedLufs, double loudnessToleranceLu, double truePeakDbtp,
                            double maxTruePeakDbtp, double loudnessRangeLu, int edlRevision, Segments segmentLoudness,
                            Gaps gaps, Sync sync, List<Piece> pieces, Map<String, Boolean> checks, List<String> failures) {

    public boolean passed() {
        return failures.isEmpty();
    }

    /**
     * Each EDL event's own loudness, measured on its frames of the master.
     *
     * @param toleranceLu    a judged piece must be within target ± this
     * @param minimumFrames  shorter events are not judged
     * @param quietBelowLufs events quieter than this are silent by intent and not judged
     */
    public record Segments(double targetLufs, double toleranceLu, long minimumFrames, double quietBelowLufs,
                           List<Segment> events) {
    }

    /**
     * verdict: "pass", "fail" or "excepted" (then {@code reason} says why it was not judged); {@code expectedLufs} is
     * the target, or the bed's level for a piece that plays over the show's sound bed.
     */
    public record Segment(int event, String kind, String pieceId, long recordIn, long frames, double integratedLufs,
                          double expectedLufs, String verdict, String reason) {
    }

    /**
     * What conform's own QC found in each of the week's pieces and did about it (kept, trimmed, left out), whether
     * it is in this episode ({@code event}, 0 when not) and, for a piece left out by QC that an editor put in on
     * purpose, that its own gaps and loudness were not held against the master ({@code keptOnPurpose}).
     */
    public record Piece(String pieceId, int event, String treatment, String summary, boolean keptOnPurpose,
                        PieceQuality quality) {
    }

    /**
     * Runs of black picture and of silence, and where both overlap (dead air).
     *
     * @param reportedFromFrames  shorter runs are not listed
     * @param maxDeadAirFrames    a longer overlap of black and silence fails the run
     * @param maxSilenceFrames    a longer silence fails the run (0: no limit)
     * @param maxSilentPercent    silences together over this share of the programme fail the run (0: no limit)
     * @param silentFrames        all silences together (those inside events kept on purpose not counted)
     */
    public record Gaps(double blackPixelLuma, double silenceDb, long reportedFromFrames, long maxDeadAirFrames,
                       long maxSilenceFrames, double maxSilentPercent, long silentFrames,
                       List<Gap> black, List<Gap> silence, List<Gap> deadAir) {
    }

    /**
     * Frames {@code [startFrame, endFrame)} and the EDL events they touch; {@code excepted} says why a run over a
     * limit was not held against the master (it lies inside a piece an editor kept on purpose), else null.
     */
    public record Gap(long startFrame, long endFrame, long frames, List<Integer> events, String excepted) {
    }

    /** A/V sync: measured when the master carries a sync probe; otherwise {@code note} says how it is assured. */
    public record Sync(boolean measured, Double maxOffsetMs, String note) {
    }
}
