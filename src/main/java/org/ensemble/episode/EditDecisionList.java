package org.ensemble.episode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * A person in the episode: their name, where they are (as given with their first piece, or null) and their pieces
     * in the order they play.
     */
    public record Credit(String contributor, String location, List<Event> pieces) {

        public List<String> titles() {
            return pieces.stream().map(Event::title).toList();
        }
    }

    /** The people in the episode, in the order they first appear, each with their pieces. */
    public List<Credit> credits() {
        Map<String, List<Event>> byPerson = new LinkedHashMap<>();
        pieces().forEach(e -> byPerson.computeIfAbsent(e.contributor(), k -> new ArrayList<>()).add(e));
        return byPerson.values().stream().map(p -> new Credit(p.get(0).contributor(), p.get(0).location(), List.copyOf(p))).toList();
    }

    /** The names of the people in the episode, in the order they first appear. */
    public List<String> contributors() {
        return credits().stream().map(Credit::contributor).toList();
    }
}
