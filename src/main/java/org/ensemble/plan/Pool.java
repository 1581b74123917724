package org.ensemble.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.ensemble.episode.EditorOverrides;
import org.ensemble.show.PlanningRules;

/**
 * The candidates as the rules and the editors' overrides make them: which may be used, at which lengths, from which
 * source frame, and at what value. The planner and the checker read the same pool, so they agree on every length.
 */
final class Pool {

    /** Value of a piece: every piece is worth having, editors' priority weighs most, waiting longer a little more. */
    static final long PIECE_VALUE = 1000;
    static final long PRIORITY_VALUE = 250;
    static final long WAITING_VALUE = 100;

    static final class Item {
        final Candidate candidate;
        final int category;
        final int contributor;
        final boolean elastic;
        final long min;
        final long max;
        /** for fixed pieces, the allowed lengths, longest first */
        final long[] lengths;
        final long trimIn;
        final long score;
        final boolean pinned;
        /** null when the piece may be used, else why not */
        final String whyNot;

        Item(Candidate candidate, int contributor, boolean elastic, long min, long max, long[] lengths, long trimIn,
             long score, boolean pinned, String whyNot) {
            this.candidate = candidate;
            this.category = candidate.category().ordinal();
            this.contributor = contributor;
            this.elastic = elastic;
            this.min = min;
            this.max = max;
            this.lengths = lengths;
            this.trimIn = trimIn;
            this.score = score;
            this.pinned = pinned;
            this.whyNot = whyNot;
        }

        String id() {
            return candidate.id();
        }

        boolean allows(long trim, long frames) {
            if (trim != trimIn) {
                return false;
            }
            if (elastic) {
                return frames >= min && frames <= max;
            }
            for (long l : lengths) {
                if (l == frames) {
                    return true;
                }
            }
            return false;
        }

        /** How far {@code frames} is from the nearest allowed length. */
        long distance(long frames) {
            if (elastic) {
                return frames < min ? min - frames : Math.max(0, frames - max);
            }
            long best = Long.MAX_VALUE;
            for (long l : lengths) {
                best = Math.min(best, Math.abs(l - frames));
            }
            return lengths.length == 0 ? frames : best;
        }
    }

    final Map<String, Item> byId = new TreeMap<>();
    final List<Item> usable = new ArrayList<>();
    final List<String> leftOut = new ArrayList<>();
    final Set<String> pinned = new TreeSet<>();
    final Set<String> excluded = new TreeSet<>();
    final List<String> order = new ArrayList<>();
    /** overrides that name no candidate */
    final List<RuleViolation> unknown = new ArrayList<>();

    static Pool of(List<Candidate> candidates, PlanningRules rules, EditorOverrides overrides) {
        Pool pool = new Pool();
        Map<String, Candidate> byId = new TreeMap<>();
        for (Candidate c : candidates) {
            if (byId.put(c.id(), c) != null) {
                throw new IllegalArgumentException("Two candidates have the id " + c.id());
            }
        }
        // a replacement excludes the replaced piece and pins its replacement in its place
        pool.excluded.addAll(overrides.excluded());
        pool.excluded.addAll(overrides.replacements().keySet());
        pool.pinned.addAll(overrides.pinned());
        pool.pinned.addAll(overrides.replacements().values());
        for (String id : overrides.order()) {
            String placed = overrides.replacements().getOrDefault(id, id);
            pool.order.add(placed);
            pool.pinned.add(placed);
        }
        Set<String> named = new LinkedHashSet<>(pool.pinned);
        named.addAll(pool.excluded);
        named.addAll(overrides.trims().keySet());
        named.addAll(overrides.priorities().keySet());
        for (String id : named) {
            if (!byId.containsKey(id)) {
                pool.unknown.add(new RuleViolation("override", 0, 1, 1,
                        "editor override names " + id + ", which is not an approved, conformed piece of this episode"));
            }
        }
        List<Candidate> byApproval = byId.values().stream()
                .sorted(Comparator.comparing(Candidate::approvedAt).thenComparing(Candidate::id)).toList();
        Map<String, Integer> waitingRank = new HashMap<>();
        for (int i = 0; i < byApproval.size(); i++) {
            waitingRank.put(byApproval.get(i).id(), i);
        }
        Map<String, Integer> contributors = new HashMap<>();
        int n = byId.size();
        for (Candidate c : byId.values()) {
            int who = contributors.computeIfAbsent(c.contributor(), k -> contributors.size());
            boolean pinned = pool.pinned.contains(c.id());
            EditorOverrides.Trim trim = overrides.trims().get(c.id());
            long min = c.minFrames();
            long max = c.maxFrames();
            long trimIn = 0;
            boolean elastic = c.elastic();
            long[] lengths = new long[0];
            String whyNot = null;
            if (trim != null && (!elastic || trim.out() > 0)) {
                // an editor's trim is a cut point of its own: the piece is exactly that long
                long out = trim.out() == 0 ? c.maxFrames() : trim.out();
                if (out > c.maxFrames()) {
                    whyNot = "the editor's trim ends at frame " + out + ", after the piece's end (" + c.maxFrames() + ")";
                }
                trimIn = elastic ? 0 : trim.in();
                elastic = false;
                min = max = out - trim.in();
                lengths = new long[] {out - trim.in()};
            } else if (elastic) {
                // where the show wants chapters platforms take, a photo or writing is a chapter long when it can be
                min = rules.elasticMinFrames(min, max);
            } else {
                lengths = allowed(c, rules);
                if (lengths.length == 0) {
                    whyNot = "no allowed cut of its " + c.maxFrames() + " frames lies within rules.pieceMinSeconds.."
                            + "pieceMaxSeconds (" + rules.pieceMinFrames() + ".." + rules.pieceMaxFrames() + " frames)";
                }
            }
            if (pool.excluded.contains(c.id())) {
                String by = overrides.replacements().get(c.id());
                whyNot = by == null ? "excluded by an editor" : "replaced by " + by + " (an editor's decision)";
            } else if (c.airedBefore() && !pinned && rules.neverRepeatAired()) {
                whyNot = "aired in an earlier episode (pin it to show it again)";
            } else if (c.heldBack() != null && !pinned) {
                whyNot = "conform's quality check: " + c.heldBack();
            }
            int priority = c.priority() + overrides.priorities().getOrDefault(c.id(), 0);
            long waiting = n <= 1 ? WAITING_VALUE : WAITING_VALUE * (n - 1 - waitingRank.get(c.id())) / (n - 1);
            long score = Math.max(1, PIECE_VALUE + PRIORITY_VALUE * priority + waiting);
            Item item = new Item(c, who, elastic, min, max, lengths, trimIn, score, pinned, whyNot);
            pool.byId.put(c.id(), item);
            if (whyNot == null) {
                pool.usable.add(item);
            } else {
                pool.leftOut.add(c.id() + ": " + whyNot);
            }
        }
        return pool;
    }

    /** The piece's cut points and natural end within the piece bounds, longest first. */
    private static long[] allowed(Candidate c, PlanningRules rules) {
        List<Long> cuts = c.cutPoints();
        long[] all = new long[cuts.size() + 1];
        int n = 0;
        if (c.maxFrames() >= rules.pieceMinFrames() && c.maxFrames() <= rules.pieceMaxFrames()) {
            all[n++] = c.maxFrames();
        }
        // cut points are sorted and lie inside the piece: walk them from the longest
        for (int i = cuts.size() - 1; i >= 0; i--) {
            long l = cuts.get(i);
            if (l != c.maxFrames() && l >= rules.pieceMinFrames() && l <= rules.pieceMaxFrames()) {
                all[n++] = l;
            }
        }
        return Arrays.copyOf(all, n);
    }
}
