package org.ensemble.plan;

/** One piece of an ordered plan, as an EDL states it: which piece, how many frames, from which frame of its source. */
public record PlannedPiece(String id, long frames, long trimIn) {
}
