package org.ensemble.segment;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The show's sound bed as one segment plays it: which file (null for the soft chord), how loud that file measures,
 * where in it the segment starts (so pieces do not all open on the same bar), the loudness it is set to and its
 * fades at the joins. Part of the segment's spec, so a change of bed makes a new segment.
 *
 * @param file        the bed's file, or null for the chord
 * @param fileHash    SHA-256 of the file's bytes (null for the chord)
 * @param fileLufs    the file's integrated loudness (NaN for the chord)
 * @param startSample where in the file the segment starts, at 48 kHz
 * @param targetLufs  the loudness it is set to: the show's target plus the bed's level
 * @param fadeSamples fade in and out at the segment's edges
 */
public record BedSound(Path file, String fileHash, double fileLufs, long startSample, double targetLufs, long fadeSamples) {

    /** The gain that sets the file to its target (0 for the chord, which is made at it). */
    public double gainDb() {
        return file == null ? 0 : targetLufs - fileLufs;
    }

    String canonical() {
        return String.format(Locale.ROOT, "bed:%s/%.2f/%d/%.2f/%d", fileHash == null ? "chord" : fileHash, fileLufs,
                startSample, targetLufs, fadeSamples);
    }
}
