package org.ensemble.media;

/**
 * How far one ffmpeg run has got, from its own {@code -progress} report.
 *
 * @param label       the run's label (e.g. "segment ct-01")
 * @param framesDone  frames written so far
 * @param framesTotal frames the run will write
 * @param speed       FFmpeg's speed (1.0 = real time; 0 when not yet known)
 * @param finished    FFmpeg said {@code progress=end}
 */
public record MediaProgress(String label, long framesDone, long framesTotal, double speed, boolean finished) {

    public double fraction() {
        return framesTotal <= 0 ? 0 : Math.min(1.0, (double) framesDone / framesTotal);
    }
}
