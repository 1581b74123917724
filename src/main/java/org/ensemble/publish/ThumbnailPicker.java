package org.ensemble.publish;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.ensemble.FileTrees;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.media.FrameGrabber;
import org.ensemble.media.SegmentEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The package's thumbnail: the sharpest well-exposed frame among a third and a half into each filmed piece (see
 * {@link #candidates}), at 1280x720. Candidates are read from the segment behind their event (render's segment list):
 * a short file seeks fast, and a candidate's score is kept under the segment's key ({@code scores}), so a re-render
 * scores only the pieces it has not seen before. Without the list, the episode itself is read.
 */
final class ThumbnailPicker {

    private static final Logger LOG = LoggerFactory.getLogger(ThumbnailPicker.class);
    private static final Pattern VIDEO = Pattern.compile("(?i).*\\.(mp4|m4v|mov|mkv|webm|avi|mpg|mpeg|mts|m2ts|ts|3gp|gif)$");
    private static final Pattern IMAGE = Pattern.compile("(?i).*\\.(jpe?g|png|tiff?|bmp)$");

    private final FrameGrabber frames;
    private final Path scores;

    ThumbnailPicker(FrameGrabber frames, Path scores) {
        this.frames = frames;
        this.scores = scores;
    }

    /** Writes the thumbnail of {@code video} to {@code jpeg}; {@code segments} is render's list (empty: read the episode). */
    void pick(EpisodeKey episode, EditDecisionList edl, List<Path> segments, Path video, Path scratch, Path jpeg) throws IOException {
        int fps = edl.frameRate();
        FileTrees.delete(scratch);
        Files.createDirectories(scratch);
        long best = -1;
        double bestScore = -1;
        int n = 0;
        int scored = 0;
        for (long frame : candidates(edl)) {
            EditDecisionList.Event event = edl.events().stream().filter(e -> e.recordIn() <= frame && frame < e.recordOut())
                    .findFirst().orElse(null);
            Path segment = event == null || segments.isEmpty() ? null : segments.get(edl.events().indexOf(event));
            long offset = event == null ? frame : frame - event.recordIn();
            Path kept = segment == null ? null : scores.resolve(segment.getParent().getFileName().toString()).resolve(offset + ".score");
            double score = kept == null ? Double.NaN : keptScore(kept);
            if (Double.isNaN(score)) {
                Path small = scratch.resolve("candidate-" + (n++) + ".png");
                if (segment != null) {
                    frames.grab(segment, offset / (double) fps, 320, 180, small);
                } else {
                    frames.grab(video, frame / (double) fps, 320, 180, small);
                }
                BufferedImage image = ImageIO.read(small.toFile());
                score = image == null ? -1 : Sharpness.of(image).score();
                scored++;
                if (kept != null) {
                    keepScore(kept, score);
                }
            }
            LOG.debug("Thumbnail candidate at frame {} of {}: score {}", frame, episode, score);
            if (score > bestScore) {
                bestScore = score;
                best = frame;
            }
        }
        if (best < 0) {
            best = edl.totalFrames() / 2;
        }
        LOG.info("Thumbnail of {}: frame {} (score {}); {} candidate(s) scored now, the others known from earlier renders",
                episode, best, String.format(Locale.ROOT, "%.1f", bestScore), scored);
        frames.grab(video, best / (double) fps, 1280, 720, jpeg);
        FileTrees.delete(scratch);
    }

    /**
     * About a third and half-way into each piece (on the keyframe at or before): inside the picture, away from the joins.
     * Only pieces whose picture is the contributor's own footage are candidates (a title card or a sound piece's
     * waveform is sharp, but it is not the episode); photos when there is no footage; any piece when there is neither.
     */
    static List<Long> candidates(EditDecisionList edl) {
        List<EditDecisionList.Event> pieces = edl.pieces().stream().filter(e -> picture(e, VIDEO)).toList();
        if (pieces.isEmpty()) {
            pieces = edl.pieces().stream().filter(e -> picture(e, IMAGE)).toList();
        }
        if (pieces.isEmpty()) {
            pieces = edl.pieces();
        }
        // on the segment's keyframes (every segment starts with one, then one every GOP): reading a candidate then
        // decodes that one frame, where a frame between them costs decoding up to a GOP of full-HD pictures first
        long gop = SegmentEncoder.keyframeInterval(edl.frameRate());
        List<Long> frames = new ArrayList<>();
        for (EditDecisionList.Event e : pieces) {
            for (long offset : new long[] {e.frames() / 3, e.frames() / 2}) {
                long frame = e.recordIn() + offset / gop * gop;
                if (!frames.contains(frame)) {
                    frames.add(frame);
                }
            }
        }
        if (frames.isEmpty()) {
            frames.add(edl.totalFrames() / 2);
        }
        return frames;
    }

    private static boolean picture(EditDecisionList.Event e, Pattern files) {
        return e.sourceFile() != null && files.matcher(e.sourceFile()).matches();
    }

    private static double keptScore(Path file) {
        try {
            return Files.isRegularFile(file) ? Double.parseDouble(Files.readString(file, StandardCharsets.UTF_8).trim()) : Double.NaN;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void keepScore(Path file, double score) {
        try {
            FileTrees.replace(file, Double.toString(score).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("Could not keep a thumbnail score in {}: {}", file, e.toString()); // only a cache
        }
    }
}
