package org.ensemble.plan;

import java.time.Instant;

import org.ensemble.episode.Category;

/**
 * A piece the planner may use. Lengths are frames; {@code minFrames == maxFrames} for pieces that are not elastic
 * (their natural length), and {@code minFrames} is how short a fixed piece may be cut at its tail when nothing
 * else fills the runtime ({@code trimFloorFrames}).
 */
record Candidate(String id, Category category, String contributor, Instant approvedAt, boolean elastic,
                 long minFrames, long maxFrames, long trimFloorFrames) {
}
