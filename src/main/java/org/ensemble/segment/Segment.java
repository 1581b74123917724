package org.ensemble.segment;

import java.nio.file.Path;
import java.util.List;

import org.ensemble.media.MasterScan;

/**
 * A finished segment in the cache: exactly {@code frames} frames of H.264 picture, the matching FLAC sound, and what
 * was found while it was encoded: the runs of black pictures and of a frozen picture (a film's; frames within the
 * segment), and the share of the source's sound samples that are clipped (NaN when its sound is not the source's).
 */
public record Segment(String key, long frames, Path picture, Path sound, List<MasterScan.Span> black,
                      List<MasterScan.Span> frozen, double clippedPercent) {

    public Segment {
        black = List.copyOf(black);
        frozen = List.copyOf(frozen);
    }
}
