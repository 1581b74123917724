package org.ensemble.episode;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What editors decided about an episode's plan; the planner takes these as inputs, never as afterthoughts.
 *
 * @param pinned       pieces that must be in the episode (even if aired before)
 * @param excluded     pieces that must not be in the episode
 * @param order        pieces placed in this relative order (implicitly pinned); other pieces go around them
 * @param trims        per piece, the part of its usable source to use: a fixed piece is then exactly that long
 * @param replacements piece id -> the piece that takes its place (the first is excluded, the second pinned)
 * @param priorities   per piece, an editorial priority (default 0; higher is preferred)
 */
public record EditorOverrides(Set<String> pinned, Set<String> excluded, List<String> order, Map<String, Trim> trims,
                              Map<String, String> replacements, Map<String, Integer> priorities) {

    public static final EditorOverrides NONE = new EditorOverrides(Set.of(), Set.of(), List.of(), Map.of(), Map.of(), Map.of());

    /** Frames of the piece's usable source: from {@code in} (inclusive) to {@code out} (exclusive; 0 = its end). */
    public record Trim(long in, long out) {
        public Trim {
            if (in < 0 || out < 0 || (out != 0 && out <= in)) {
                throw new IllegalArgumentException("trim [" + in + ", " + out + ") is not a range of frames");
            }
        }
    }

    // sorted copies: the same decisions always read (and plan) the same way
    public EditorOverrides {
        pinned = Collections.unmodifiableSet(new TreeSet<>(pinned));
        excluded = Collections.unmodifiableSet(new TreeSet<>(excluded));
        order = List.copyOf(order);
        trims = Collections.unmodifiableMap(new TreeMap<>(trims));
        replacements = Collections.unmodifiableMap(new TreeMap<>(replacements));
        priorities = Collections.unmodifiableMap(new TreeMap<>(priorities));
        if (order.size() != new HashSet<>(order).size()) {
            throw new IllegalArgumentException("order names a piece twice: " + order);
        }
    }

    public EditorOverrides withPinned(String... ids) {
        Set<String> p = new TreeSet<>(pinned);
        p.addAll(List.of(ids));
        return new EditorOverrides(p, excluded, order, trims, replacements, priorities);
    }

    public EditorOverrides withExcluded(String... ids) {
        Set<String> e = new TreeSet<>(excluded);
        e.addAll(List.of(ids));
        return new EditorOverrides(pinned, e, order, trims, replacements, priorities);
    }

    public EditorOverrides withOrder(String... ids) {
        return new EditorOverrides(pinned, excluded, List.of(ids), trims, replacements, priorities);
    }

    public EditorOverrides withTrim(String id, long in, long out) {
        Map<String, Trim> t = new TreeMap<>(trims);
        t.put(id, new Trim(in, out));
        return new EditorOverrides(pinned, excluded, order, t, replacements, priorities);
    }

    public EditorOverrides withReplacement(String id, String by) {
        Map<String, String> r = new TreeMap<>(replacements);
        r.put(id, by);
        return new EditorOverrides(pinned, excluded, order, trims, r, priorities);
    }

    public EditorOverrides withPriority(String id, int priority) {
        Map<String, Integer> p = new TreeMap<>(priorities);
        p.put(id, priority);
        return new EditorOverrides(pinned, excluded, order, trims, replacements, p);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
