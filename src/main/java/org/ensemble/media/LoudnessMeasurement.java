package org.ensemble.media;

/**
 * An EBU R128 measurement of one programme: integrated loudness (LUFS), loudness range (LU),
 * true peak (dBTP) and, for loudnorm's second pass, the gating threshold and target offset.
 * Silence measures as {@link Double#NEGATIVE_INFINITY}. {@code reliable} is false for pieces too short for
 * loudnorm's two passes (under {@link #RELIABLE_SECONDS}): they are measured with ebur128 and corrected with a plain gain.
 */
public record LoudnessMeasurement(double integratedLufs, double truePeakDbtp, double rangeLu,
                                  double thresholdLufs, double targetOffsetLu, boolean reliable) {

    /** loudnorm looks 3 s ahead; below this its measurement and its second pass are not to be trusted. */
    public static final double RELIABLE_SECONDS = 3.0;

    public LoudnessMeasurement(double integratedLufs, double truePeakDbtp, double rangeLu, double thresholdLufs,
                               double targetOffsetLu) {
        this(integratedLufs, truePeakDbtp, rangeLu, thresholdLufs, targetOffsetLu, true);
    }

    /** Below this the programme is silence for practical purposes: no gain is applied to it. */
    public static final double SILENCE_LUFS = -70.0;

    public boolean isSilent() {
        return Double.isInfinite(integratedLufs) || Double.isNaN(integratedLufs) || integratedLufs <= SILENCE_LUFS;
    }
}
