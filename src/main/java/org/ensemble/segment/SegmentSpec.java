package org.ensemble.segment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.ensemble.media.LoudnessMeasurement;

/**
 * Everything that decides what a segment looks and sounds like. Two equal specs (in the same house profile and
 * loudness target) make the same segment, so the spec's {@link SegmentFactory#key key} names it in the cache.
 *
 * @param pieceId     the contribution id, or "intro"/"outro"
 * @param source      the contribution's file (null for titles and credits)
 * @param sourceHash  SHA-256 of the source's bytes
 * @param trimIn      first source frame to use, at the house rate
 * @param frames      the segment's exact length in house frames
 * @param audioStream FFmpeg stream specifier of the sound to use, null for none
 * @param measured    the source's loudness over the used range (null when silent or without sound)
 * @param lines       text: paragraphs of writing, title lines, or credit entries ("name|detail")
 * @param sourceWidth the source picture's displayed size (0 when unknown or not a picture)
 * @param bed         the show's sound bed, when the piece has no sound of its own (null otherwise)
 */
public record SegmentSpec(String pieceId, Kind kind, Path source, String sourceHash, long trimIn, long frames,
                          String audioStream, LoudnessMeasurement measured, Credit credit, List<String> lines,
                          int sourceWidth, int sourceHeight, BedSound bed) {

    public enum Kind { FOOTAGE, SOUND, STILL, TEXT, TITLE, CREDITS }

    public SegmentSpec {
        lines = lines == null ? List.of() : List.copyOf(lines);
        if (frames <= 0) {
            throw new IllegalArgumentException("A segment needs at least one frame: " + pieceId);
        }
    }

    /**
     * Stills and writing have no length of their own: the planner gives them one, so their segment is made once, at
     * that length, when the episode is rendered.
     */
    public boolean elastic() {
        return kind == Kind.STILL || kind == Kind.TEXT;
    }

    /** A spec without a sound bed. */
    public SegmentSpec(String pieceId, Kind kind, Path source, String sourceHash, long trimIn, long frames,
                       String audioStream, LoudnessMeasurement measured, Credit credit, List<String> lines,
                       int sourceWidth, int sourceHeight) {
        this(pieceId, kind, source, sourceHash, trimIn, frames, audioStream, measured, credit, lines, sourceWidth,
                sourceHeight, null);
    }

    /** The same piece cut to start at source frame {@code newTrimIn} and last {@code newFrames}. */
    public SegmentSpec cut(long newTrimIn, long newFrames) {
        return new SegmentSpec(pieceId, kind, source, sourceHash, newTrimIn, newFrames, audioStream, measured, credit, lines,
                sourceWidth, sourceHeight, bed);
    }

    String canonical() {
        String m = measured == null ? "-" : String.format(Locale.ROOT, "%.2f/%.2f/%.2f/%.2f/%.2f", measured.integratedLufs(),
                measured.truePeakDbtp(), measured.rangeLu(), measured.thresholdLufs(), measured.targetOffsetLu())
                + (measured.reliable() ? "" : "/unreliable");
        return String.join("|", kind.name(), String.valueOf(sourceHash), Long.toString(trimIn), Long.toString(frames),
                String.valueOf(audioStream), m, String.valueOf(credit), String.join("\u241E", lines),
                sourceWidth + "x" + sourceHeight) + (bed == null ? "" : "|" + bed.canonical());
    }
}
