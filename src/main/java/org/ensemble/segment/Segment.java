package org.ensemble.segment;

import java.nio.file.Path;
import java.util.List;

import org.ensemble.media.MasterScan;

/**
 * A finished segment in the cache: exactly {@code frames} frames of H.264 picture, the matching FLAC sound, and the
 * runs of black pictures found while it was encoded (frames within the segment).
 */
public record Segment(String key, long frames, Path picture, Path sound, List<MasterScan.Span> black) {

    public Segment {
        black = List.copyOf(black);
    }
}
