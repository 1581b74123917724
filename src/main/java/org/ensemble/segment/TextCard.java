package org.ensemble.segment;

/**
 * One card of a writing piece as its segment shows it: the words on it and how many frames it stays up. The cards
 * follow one another from the segment's first frame.
 */
public record TextCard(String text, long frames) {
}
