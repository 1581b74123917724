package org.ensemble.episode;

import java.time.Instant;
import java.util.List;

/**
 * An episode's timeline: events laid end to end from record frame 0, every position and length in frames at
 * {@code frameRate}. The sum of event lengths is the episode's runtime.
 */
public record EditDecisionList(EpisodeKey episode, int revision, int frameRate, String title, Instant createdAt,
                               String createdBy, String reason, List<Event> events) {

    public EditDecisionList {
        events = List.copyOf(events);
        long expected = 0;
        for (Event e : events) {
            if (e.recordIn() != expected) {
                throw new IllegalArgumentException("event " + e.number() + " starts at " + e.recordIn() + ", expected " + expected);
            }
            if (e.frames() <= 0) {
                throw new IllegalArgumentException("event " + e.number() + " lasts " + e.frames() + " frames");
            }
            expected += e.frames();
        }
    }

    public enum EventKind { INTRO, PIECE, OUTRO }

    /**
     * One event. {@code sourceIn} is the first frame used of the source (house rate); {@code recordIn} its place in
     * the episode.
     */
    public record Event(int number, EventKind kind, String pieceId, String category, String contributor, String location,
                        String title, String sourceFile, long sourceIn, long recordIn, long frames) {

        public long sourceOut() {
            return sourceIn + frames;
        }

        public long recordOut() {
            return recordIn + frames;
        }
    }

    public long totalFrames() {
        return events.stream().mapToLong(Event::frames).sum();
    }

    public List<Event> pieces() {
        return events.stream().filter(e -> e.kind() == EventKind.PIECE).toList();
    }
}
