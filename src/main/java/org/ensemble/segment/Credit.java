package org.ensemble.segment;

/** Who made a piece and what it is, as shown on screen. */
public record Credit(String contributor, String location, String title, String categoryLabel) {
}
