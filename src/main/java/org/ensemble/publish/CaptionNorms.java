package org.ensemble.publish;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a caption a viewer can read looks like (the common broadcast and platform norms): at most {@code maxLines}
 * lines of at most {@code maxCharsPerLine} characters, on screen from {@code minDuration} to {@code maxDuration},
 * and no more than {@code maxCharsPerSecond} characters to read each second. Set as
 * {@code ensemble.publish.captions.*}.
 */
record CaptionNorms(@DefaultValue("2") int maxLines,
                    @DefaultValue("42") int maxCharsPerLine,
                    @DefaultValue("1s") Duration minDuration,
                    @DefaultValue("7s") Duration maxDuration,
                    @DefaultValue("20") int maxCharsPerSecond) {

    static final CaptionNorms COMMON = new CaptionNorms(2, 42, Duration.ofSeconds(1), Duration.ofSeconds(7), 20);

    CaptionNorms {
        if (maxLines < 1 || maxCharsPerLine < 1 || maxCharsPerSecond < 1) {
            throw new IllegalArgumentException("caption norms need at least one line of one character, read at one a second");
        }
        if (minDuration == null || maxDuration == null || minDuration.isNegative() || maxDuration.compareTo(minDuration) < 0) {
            throw new IllegalArgumentException("a caption's longest time on screen must be at least its shortest");
        }
    }

    /** The shortest time on screen in ticks of {@code ticksPerSecond} (rounded up). */
    long minTicks(int ticksPerSecond) {
        return -Math.floorDiv(-minDuration.toMillis() * ticksPerSecond, 1000L);
    }

    /** The longest time on screen in ticks of {@code ticksPerSecond} (rounded down). */
    long maxTicks(int ticksPerSecond) {
        return maxDuration.toMillis() * ticksPerSecond / 1000;
    }

    /** Whether text set as it is (its own line breaks) keeps to the lines: how many and how long. */
    boolean fitsLines(String text) {
        List<String> lines = text.lines().toList();
        return lines.size() <= maxLines && lines.stream().allMatch(l -> length(l) <= maxCharsPerLine);
    }

    /** The time {@code text} needs on screen in milliseconds: the shortest time, or its characters at the reading speed. */
    long readingMs(String text) {
        return Math.max(minDuration.toMillis(), -Math.floorDiv(-length(text) * 1000L, (long) maxCharsPerSecond));
    }

    /** Characters as a reader counts them: code points, line breaks not included. */
    static int length(String text) {
        String flat = text.replace("\n", "");
        return flat.codePointCount(0, flat.length());
    }
}
