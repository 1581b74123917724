package org.ensemble.episode;

import org.ensemble.media.LoudnessMeasurement;

/**
 * A contribution conformed for planning: its segment's cache key, its length, its measured loudness before
 * correction and what conform's quality check found and did ({@code quality}; null on rows from before it). A still or
 * a piece of writing is only prepared in conform (it has no length until the planner gives it one, and render makes
 * its segment then): its {@code segmentKey} is null and {@code frames} is the length it would have by default.
 */
public record ConformedPiece(EpisodeKey episode, String contributionId, String segmentKey, long frames,
                             LoudnessMeasurement measured, PieceQuality quality) {

    public ConformedPiece(EpisodeKey episode, String contributionId, String segmentKey, long frames, LoudnessMeasurement measured) {
        this(episode, contributionId, segmentKey, frames, measured, null);
    }

    /** Whether conform's quality check left it out of the plan (an editor may still put it in on purpose). */
    public boolean leftOut() {
        return quality != null && quality.leftOut();
    }

    /** The first source frame it uses: the contribution's own trim, moved on by what conform cut off its head. */
    public long sourceIn(Contribution contribution) {
        return contribution.trimIn() + (quality == null ? 0 : quality.trimmedHeadFrames());
    }
}
