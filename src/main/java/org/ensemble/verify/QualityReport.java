package org.ensemble.verify;

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
                            Gaps gaps, Sync sync, Map<String, Boolean> checks, List<String> failures) {

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

    /** verdict: "pass", "fail" or "excepted" (then {@code reason} says why it was not judged). */
    public record Segment(int event, String kind, String pieceId, long recordIn, long frames, double integratedLufs,
                          String verdict, String reason) {
    }

    /**
     * Runs of black picture and of silence, and where both overlap (dead air).
     *
     * @param reportedFromFrames shorter runs are not listed
     * @param maxDeadAirFrames   a longer overlap of black and silence fails the run
     */
    public record Gaps(double blackPixelLuma, double silenceDb, long reportedFromFrames, long maxDeadAirFrames,
                       List<Gap> black, List<Gap> silence, List<Gap> deadAir) {
    }

    /** Frames {@code [startFrame, endFrame)} and the EDL events they touch. */
    public record Gap(long startFrame, long endFrame, long frames, List<Integer> events) {
    }

    /** A/V sync: measured when the master carries a sync probe; otherwise {@code note} says how it is assured. */
    public record Sync(boolean measured, Double maxOffsetMs, String note) {
    }
}
