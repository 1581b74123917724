package org.ensemble.media;

/** The loudness a show asks for: integrated (LUFS), maximum true peak (dBTP) and loudness range (LU). */
public record LoudnessTarget(double integratedLufs, double truePeakDbtp, double rangeLu) {
}
