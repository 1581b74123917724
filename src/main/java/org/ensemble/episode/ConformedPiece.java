package org.ensemble.episode;

import org.ensemble.media.LoudnessMeasurement;

/**
 * A contribution conformed for planning: its segment's cache key, its length and its measured loudness before
 * correction. A still or a piece of writing is only prepared in conform (it has no length until the planner gives it
 * one, and render makes its segment then): its {@code segmentKey} is null and {@code frames} is the length it would
 * have by default.
 */
public record ConformedPiece(EpisodeKey episode, String contributionId, String segmentKey, long frames,
                             LoudnessMeasurement measured) {
}
