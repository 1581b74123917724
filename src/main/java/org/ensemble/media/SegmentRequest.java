package org.ensemble.media;

import java.nio.file.Path;
import java.util.List;

/**
 * One segment to encode in the house format: exactly {@code frames} frames of picture and
 * {@code frames * samplesPerFrame} samples of sound, written as an H.264 picture file and a FLAC sound file.
 * {@code blackOut}, when given, receives blackdetect's report on the encoded frames (see
 * {@link MasterScan#blackRuns}): the frames are decoded here anyway, so verify need not decode the master again.
 * {@code freezeOut} receives freezedetect's report on a film's picture, {@code clipOut} the source sound's peak
 * statistics (for the piece's quality check); either may be null.
 */
public record SegmentRequest(String label, Picture picture, Sound sound, long frames, Overlay lowerThird,
                             Path pictureOut, Path soundOut, Path blackOut, Path freezeOut, Path clipOut) {

    public SegmentRequest(String label, Picture picture, Sound sound, long frames, Overlay lowerThird, Path pictureOut,
                          Path soundOut) {
        this(label, picture, sound, frames, lowerThird, pictureOut, soundOut, null);
    }

    public SegmentRequest(String label, Picture picture, Sound sound, long frames, Overlay lowerThird, Path pictureOut,
                          Path soundOut, Path blackOut) {
        this(label, picture, sound, frames, lowerThird, pictureOut, soundOut, blackOut, null, null);
    }

    /** A small image laid over the picture at (x, y), faded in and out: the contributor's credit. */
    public record Overlay(Path image, int x, int y) {
    }

    /** Where the picture comes from. */
    public sealed interface Picture permits Footage, Still, Cards, Waveform {
    }

    /**
     * The video stream of a file, from {@code startSeconds} on (the trim point). {@code fill} asks for a blurred
     * fill around the picture, needed only when its shape differs from the house frame. {@code interlaced} asks for
     * deinterlacing; {@code hdrTransfer} (ffprobe's name of a PQ or HLG transfer, else null) for tone mapping to SDR.
     */
    public record Footage(Path file, double startSeconds, boolean fill, boolean interlaced, String hdrTransfer)
            implements Picture {
        public Footage(Path file, double startSeconds, boolean fill) {
            this(file, startSeconds, fill, false, null);
        }

        public Footage(Path file, double startSeconds) {
            this(file, startSeconds, true);
        }
    }

    /** A prepared image larger than the frame, panned slowly; {@code scroll} pans it vertically from top to bottom. */
    public record Still(Path plate, boolean reverse, boolean scroll) implements Picture {
    }

    /**
     * Images shown one after another: for {@code frames} each when given (they must add up to the segment's
     * length), else for equal shares of the time.
     */
    public record Cards(List<Path> images, List<Long> frames) implements Picture {
        public Cards {
            images = List.copyOf(images);
            frames = List.copyOf(frames);
            if (!frames.isEmpty() && frames.size() != images.size()) {
                throw new IllegalArgumentException(images.size() + " cards but " + frames.size() + " lengths");
            }
        }

        public Cards(List<Path> images) {
            this(images, List.of());
        }
    }

    /** The segment's own sound drawn as a moving waveform over a background image. */
    public record Waveform(Path background) implements Picture {
    }

    /** Where the sound comes from. */
    public sealed interface Sound permits FromFile, Silence, Tone, Bed {
    }

    /** A file's chosen audio stream from {@code startSeconds}, corrected to the target with the measurement (if any). */
    public record FromFile(Path file, String streamSpec, double startSeconds, LoudnessTarget target,
                           LoudnessMeasurement measured) implements Sound {
    }

    public record Silence() implements Sound {
    }

    /**
     * A soft generated chord (intro sting, credits bed) at the show's loudness: a bed quieter than the pieces would
     * pull the whole episode under its target, and the correction of the whole would push every piece over it.
     */
    public record Tone(double targetLufs) implements Sound {
    }

    /**
     * The show's sound bed under a piece that has no sound of its own: a file (looped when the piece is longer),
     * played from {@code startSeconds} and set to {@code targetLufs} by {@code gainDb}, or the soft chord when
     * {@code file} is null; it fades in and out over {@code fadeSamples} at the piece's joins and stays under the ceiling.
     */
    public record Bed(Path file, double gainDb, double startSeconds, long fadeSamples, double targetLufs, LoudnessTarget target)
            implements Sound {
    }
}
