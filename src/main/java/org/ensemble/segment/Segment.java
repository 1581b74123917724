package org.ensemble.segment;

import java.nio.file.Path;

/** A finished segment in the cache: exactly {@code frames} frames of H.264 picture and the matching FLAC sound. */
public record Segment(String key, long frames, Path picture, Path sound) {
}
