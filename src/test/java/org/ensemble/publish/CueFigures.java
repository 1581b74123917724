package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

/** What a list of cues read from a WebVTT file measures against the caption norms. */
record CueFigures(int cues, int maxLines, int maxCharsPerLine, long minMs, long maxMs, double maxCharsPerSecond) {

    static CueFigures of(List<StrictWebVtt.Cue> cues) {
        int lines = 0;
        int chars = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        double cps = 0;
        for (StrictWebVtt.Cue c : cues) {
            List<String> body = c.text().lines().toList();
            lines = Math.max(lines, body.size());
            for (String l : body) {
                chars = Math.max(chars, l.codePointCount(0, l.length()));
            }
            long ms = c.endMs() - c.startMs();
            min = Math.min(min, ms);
            max = Math.max(max, ms);
            cps = Math.max(cps, CaptionNorms.length(c.text()) * 1000.0 / ms);
        }
        return new CueFigures(cues.size(), lines, chars, cues.isEmpty() ? 0 : min, max, cps);
    }

    /** Fails naming the figure that breaks the norms. */
    CueFigures assertWithin(CaptionNorms norms) {
        assertThat(maxLines).as("lines in a cue").isLessThanOrEqualTo(norms.maxLines());
        assertThat(maxCharsPerLine).as("characters in a line").isLessThanOrEqualTo(norms.maxCharsPerLine());
        assertThat(minMs).as("shortest cue, ms").isGreaterThanOrEqualTo(norms.minDuration().toMillis());
        assertThat(maxMs).as("longest cue, ms").isLessThanOrEqualTo(norms.maxDuration().toMillis());
        assertThat(maxCharsPerSecond).as("characters per second").isLessThanOrEqualTo(norms.maxCharsPerSecond());
        return this;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d cues: at most %d lines, %d chars/line, %.1f-%.1f s, %.1f chars/s", cues, maxLines,
                maxCharsPerLine, minMs / 1000.0, maxMs / 1000.0, maxCharsPerSecond);
    }
}
