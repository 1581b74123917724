package org.ensemble.plan;

import java.time.Instant;
import java.util.List;

import org.ensemble.episode.Category;

/**
 * A piece the planner may use. Lengths are frames at the house rate.
 * <ul>
 *   <li>elastic (stills, text cards, music beds): any length in [{@code minFrames}, {@code maxFrames}];</li>
 *   <li>fixed (video, voice): {@code minFrames == maxFrames} is its natural length (after the manifest's trims); it may
 *       also be cut at one of {@code cutPoints} (frames from its start, e.g. scene cuts), and nowhere else.</li>
 * </ul>
 *
 * @param sha256      the content hash, which identifies the piece across weeks
 * @param priority    editorial priority (0 by default; higher is preferred)
 * @param airedBefore whether the piece was in a published earlier episode of the show
 * @param heldBack    why conform's quality check left the piece out (null when it did not): the planner leaves it
 *                    out too, unless an editor pins it
 */
public record Candidate(String id, String sha256, Category category, String contributor, boolean elastic,
                        long minFrames, long maxFrames, List<Long> cutPoints, Instant approvedAt, int priority,
                        boolean airedBefore, String heldBack) {

    public Candidate(String id, String sha256, Category category, String contributor, boolean elastic, long minFrames,
                     long maxFrames, List<Long> cutPoints, Instant approvedAt, int priority, boolean airedBefore) {
        this(id, sha256, category, contributor, elastic, minFrames, maxFrames, cutPoints, approvedAt, priority, airedBefore, null);
    }

    public Candidate {
        cutPoints = cutPoints.stream().sorted().distinct().toList();
        if (minFrames <= 0 || maxFrames < minFrames) {
            throw new IllegalArgumentException(id + ": length bounds [" + minFrames + ", " + maxFrames + "] make no sense");
        }
        if (!elastic && minFrames != maxFrames) {
            throw new IllegalArgumentException(id + ": a fixed piece has one natural length");
        }
        if (cutPoints.stream().anyMatch(p -> p <= 0 || p > maxFrames)) {
            throw new IllegalArgumentException(id + ": cut points " + cutPoints + " must lie inside the piece");
        }
    }

    public static Candidate fixed(String id, Category category, String contributor, long frames, Instant approvedAt) {
        return new Candidate(id, null, category, contributor, false, frames, frames, List.of(), approvedAt, 0, false);
    }

    public static Candidate elastic(String id, Category category, String contributor, long minFrames, long maxFrames,
                                    Instant approvedAt) {
        return new Candidate(id, null, category, contributor, true, minFrames, maxFrames, List.of(), approvedAt, 0, false);
    }

    public Candidate withCutPoints(List<Long> points) {
        return new Candidate(id, sha256, category, contributor, elastic, minFrames, maxFrames, points, approvedAt, priority, airedBefore, heldBack);
    }

    public Candidate withPriority(int p) {
        return new Candidate(id, sha256, category, contributor, elastic, minFrames, maxFrames, cutPoints, approvedAt, p, airedBefore, heldBack);
    }

    public Candidate withAiredBefore(boolean aired) {
        return new Candidate(id, sha256, category, contributor, elastic, minFrames, maxFrames, cutPoints, approvedAt, priority, aired, heldBack);
    }

    public Candidate withSha256(String hash) {
        return new Candidate(id, hash, category, contributor, elastic, minFrames, maxFrames, cutPoints, approvedAt, priority, airedBefore, heldBack);
    }

    /** Held back by conform's QC for {@code reason} (null: not). */
    public Candidate withHeldBack(String reason) {
        return new Candidate(id, sha256, category, contributor, elastic, minFrames, maxFrames, cutPoints, approvedAt, priority, airedBefore, reason);
    }
}
