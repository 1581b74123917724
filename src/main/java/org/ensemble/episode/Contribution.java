package org.ensemble.episode;

import java.time.Instant;

/**
 * One approved contribution as the ingest step recorded it for an episode: what the manifest said, what the file
 * turned out to be, and whether it was accepted (with the reason when it was not).
 *
 * @param line        the manifest line it came from (1-based)
 * @param file        the path relative to the show's inbox
 * @param trimIn      first frame to use (house rate), 0 when not trimmed
 * @param trimOut     frame after the last one to use, or 0 for the end of the file
 * @param kind        null when rejected before the file was read
 * @param frames      usable length of the source in house frames (after trims); 0 for stills and writing
 * @param audioStream the ffmpeg stream specifier of the audio to use, or null when there is none
 * @param words       the number of words, for writing
 */
public record Contribution(EpisodeKey episode, String id, int line, String contributor, String location,
                           Category category, String title, String file, String caption, Instant approvedAt,
                           long trimIn, long trimOut, String sha256, long sizeBytes, String detectedType,
                           MediaKind kind, long frames, int width, int height, String audioStream, int words,
                           Status status, String reason) {

    public enum Status { ACCEPTED, REJECTED }

    public boolean accepted() {
        return status == Status.ACCEPTED;
    }

    public static Contribution rejected(EpisodeKey episode, String id, int line, String file, String reason) {
        return new Contribution(episode, id, line, null, null, null, null, file, null, null, 0, 0, null, 0, null,
                null, 0, 0, 0, null, 0, Status.REJECTED, reason);
    }
}
