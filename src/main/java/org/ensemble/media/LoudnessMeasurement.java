package org.ensemble.media;

/**
 * An EBU R128 measurement of one programme: integrated loudness (LUFS), loudness range (LU),
 * true peak (dBTP) and, for loudnorm's second pass, the gating threshold and target offset.
 * Silence measures as {@link Double#NEGATIVE_INFINITY}.
 */
public record LoudnessMeasurement(double integratedLufs, double truePeakDbtp, double rangeLu,
                                  double thresholdLufs, double targetOffsetLu) {

    /** Below this the programme is silence for practical purposes: no gain is applied to it. */
    public static final double SILENCE_LUFS = -70.0;

    public boolean isSilent() {
        return Double.isInfinite(integratedLufs) || Double.isNaN(integratedLufs) || integratedLufs <= SILENCE_LUFS;
    }
}
