package org.ensemble.episode;

import org.ensemble.media.LoudnessMeasurement;

/** A contribution made into a house-format segment: its cache key, its length and its measured loudness before correction. */
public record ConformedPiece(EpisodeKey episode, String contributionId, String segmentKey, long frames,
                             LoudnessMeasurement measured) {
}
