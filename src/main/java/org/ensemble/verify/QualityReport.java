package org.ensemble.verify;

import java.util.List;

/**
 * What the verify step measured on the master, independently of how it was made; published as {@code qc.json}.
 * Frame and sample counts are exact; seconds and decibels are as the instruments report them.
 */
public record QualityReport(String file, int frameRate, long expectedFrames, long videoFrames, double formatDurationSeconds,
                            double videoDurationSeconds, double audioDurationSeconds, String videoCodec, int width,
                            int height, String pixelFormat, String audioCodec, int sampleRate, int channels,
                            double targetLufs, double integratedLufs, double loudnessToleranceLu, double truePeakDbtp,
                            double maxTruePeakDbtp, double loudnessRangeLu, List<String> failures) {

    public boolean passed() {
        return failures.isEmpty();
    }
}
