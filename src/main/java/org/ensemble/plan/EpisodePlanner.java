package org.ensemble.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ensemble.episode.Category;
import org.ensemble.show.PlanningRules;

/**
 * Chooses and orders pieces so that intro + pieces + outro last exactly the runtime, to the frame.
 * Deterministic: candidates are ranked by approval time then id, and every choice follows that rank.
 * <ol>
 *   <li>eligibility: one piece per contributor, at most N per category (the show's rules);</li>
 *   <li>selection: in rank order, a piece is taken when the runtime can still be met with elastic pieces at their
 *       minimum; a fixed piece that is too long is passed over;</li>
 *   <li>fit: the remaining frames are shared among elastic pieces (stills, writing) within their bounds; when they
 *       cannot absorb it all, a passed-over fixed piece is brought back cut at its tail;</li>
 *   <li>order: a preferred opener and closer, and no two pieces of a "not back to back" category in a row.</li>
 * </ol>
 */
final class EpisodePlanner {

    record Placement(Candidate candidate, long frames) {
    }

    record Plan(List<Placement> pieces, List<String> leftOut) {
        long frames() {
            return pieces.stream().mapToLong(Placement::frames).sum();
        }
    }

    private static final Comparator<Candidate> RANK = Comparator.comparing(Candidate::approvedAt)
            .thenComparing(Candidate::id);

    Plan plan(List<Candidate> candidates, PlanningRules rules, long runtimeFrames, int fps) {
        List<String> leftOut = new ArrayList<>();
        List<Candidate> eligible = eligible(candidates, rules, leftOut);
        try {
            return fill(eligible, rules, runtimeFrames, fps, leftOut);
        } catch (PlanningException first) {
            // The greedy choice can block itself (a piece taken early leaves no room to stretch to the runtime).
            // Leaving out one piece, the lowest-ranked first, often opens a plan that meets the rules exactly.
            for (int i = eligible.size() - 1; i >= 0; i--) {
                List<Candidate> without = new ArrayList<>(eligible);
                Candidate dropped = without.remove(i);
                List<String> notes = new ArrayList<>(leftOut);
                notes.add(dropped.id() + ": left out so that the others meet the runtime exactly");
                try {
                    return fill(without, rules, runtimeFrames, fps, notes);
                } catch (PlanningException ignored) {
                    // try the next one
                }
            }
            throw first;
        }
    }

    private Plan fill(List<Candidate> eligible, PlanningRules rules, long runtimeFrames, int fps, List<String> leftOut) {
        long available = runtimeFrames - rules.introFrames() - rules.outroFrames();
        List<Candidate> chosen = new ArrayList<>();
        List<Candidate> passedOver = new ArrayList<>();
        long fixed = 0;
        long elasticMin = 0;
        long elasticMax = 0;
        for (Candidate c : eligible) {
            if (fixed + elasticMin + c.minFrames() <= available) {
                chosen.add(c);
                if (c.elastic()) {
                    elasticMin += c.minFrames();
                    elasticMax += c.maxFrames();
                } else {
                    fixed += c.minFrames();
                }
            } else {
                passedOver.add(c);
            }
        }
        Map<String, Long> lengths = new HashMap<>();
        chosen.stream().filter(c -> !c.elastic()).forEach(c -> lengths.put(c.id(), c.minFrames()));

        long need = available - fixed;
        if (need > elasticMax) {
            // Bring back the best passed-over fixed piece, cut at its tail to what the elastic pieces cannot absorb.
            for (Candidate c : passedOver) {
                if (c.elastic()) {
                    continue;
                }
                long cut = Math.min(c.minFrames(), need - elasticMin);
                if (cut >= c.trimFloorFrames() && need - cut <= elasticMax) {
                    chosen.add(c);
                    lengths.put(c.id(), cut);
                    need -= cut;
                    break;
                }
            }
        }
        if (need > elasticMax) {
            throw new PlanningException(String.format("runtime: the accepted pieces fill at most %d of the %d frames between "
                    + "intro and outro; %d frames (%.1f s) short. Approve more material, or widen the elastic bounds "
                    + "(rules.stillSeconds, rules.writing) or rules.pieceMaxSeconds", fixed + elasticMax, available,
                    need - elasticMax, (need - elasticMax) / (double) fps));
        }
        if (need < elasticMin) {
            throw new PlanningException("runtime: the chosen pieces overrun by " + (elasticMin - need) + " frames");
        }
        distribute(chosen.stream().filter(Candidate::elastic).toList(), need, elasticMin, lengths);

        for (Candidate c : passedOver) {
            if (!lengths.containsKey(c.id())) {
                leftOut.add(c.id() + ": does not fit in this week's runtime");
            }
        }
        List<Placement> ordered = order(chosen, rules).stream().map(c -> new Placement(c, lengths.get(c.id()))).toList();
        return new Plan(ordered, leftOut);
    }

    private static List<Candidate> eligible(List<Candidate> candidates, PlanningRules rules, List<String> leftOut) {
        List<Candidate> ranked = candidates.stream().sorted(RANK).toList();
        Set<String> contributors = new HashSet<>();
        Map<Category, Integer> perCategory = new HashMap<>();
        List<Candidate> eligible = new ArrayList<>();
        for (Candidate c : ranked) {
            if (rules.onePiecePerContributor() && !contributors.add(c.contributor())) {
                leftOut.add(c.id() + ": " + c.contributor() + " already has a piece in this episode (rules.onePiecePerContributor)");
                continue;
            }
            Integer max = rules.maxPerCategory().get(c.category().slug());
            int count = perCategory.merge(c.category(), 1, Integer::sum);
            if (max != null && count > max) {
                leftOut.add(c.id() + ": more than " + max + " " + c.category().slug() + " pieces (rules.maxPerCategory)");
                continue;
            }
            eligible.add(c);
        }
        return eligible;
    }

    /** Shares {@code need} frames among elastic pieces: each gets its minimum plus a share of the rest proportional to its room. */
    static void distribute(List<Candidate> elastic, long need, long elasticMin, Map<String, Long> lengths) {
        long extra = need - elasticMin;
        long room = elastic.stream().mapToLong(c -> c.maxFrames() - c.minFrames()).sum();
        long given = 0;
        Map<String, Long> remainders = new LinkedHashMap<>();
        for (Candidate c : elastic) {
            long r = c.maxFrames() - c.minFrames();
            long share = room == 0 ? 0 : extra * r / room;
            lengths.put(c.id(), c.minFrames() + share);
            given += share;
            remainders.put(c.id(), room == 0 ? 0 : extra * r % room);
        }
        // hand out what integer division left, one frame each, largest remainder first (ties by id)
        List<Candidate> byRemainder = elastic.stream()
                .sorted(Comparator.comparing((Candidate c) -> remainders.get(c.id())).reversed().thenComparing(Candidate::id))
                .toList();
        long left = extra - given;
        for (int i = 0; left > 0 && !byRemainder.isEmpty(); i = (i + 1) % byRemainder.size()) {
            Candidate c = byRemainder.get(i);
            if (lengths.get(c.id()) < c.maxFrames()) {
                lengths.merge(c.id(), 1L, Long::sum);
                left--;
            }
        }
    }

    static List<Candidate> order(List<Candidate> chosen, PlanningRules rules) {
        List<Candidate> remaining = new ArrayList<>(chosen.stream().sorted(RANK).toList());
        List<Candidate> result = new ArrayList<>();
        Candidate opener = pick(remaining, rules.openWith());
        if (opener != null) {
            remaining.remove(opener);
            result.add(opener);
        }
        Candidate closer = pick(remaining, rules.closeWith());
        if (closer != null) {
            remaining.remove(closer);
        }
        while (!remaining.isEmpty()) {
            Category previous = result.isEmpty() ? null : result.get(result.size() - 1).category();
            // the best-ranked piece after which the rest can still be ordered without a restricted category twice in a row
            Candidate next = remaining.stream()
                    .filter(c -> c.category() != previous)
                    .filter(c -> canFollow(c, remaining, closer, rules))
                    .findFirst()
                    .or(() -> remaining.stream()
                            .filter(c -> c.category() != previous || !rules.notBackToBack().contains(c.category().slug()))
                            .filter(c -> canFollow(c, remaining, closer, rules))
                            .findFirst())
                    .orElse(remaining.stream().filter(c -> c.category() != previous || !rules.notBackToBack().contains(c.category().slug()))
                            .findFirst().orElse(remaining.get(0)));
            remaining.remove(next);
            result.add(next);
        }
        if (closer != null) {
            result.add(closer);
        }
        return result;
    }

    /**
     * Whether, with {@code next} placed now, the other remaining pieces can still be ordered (before the closer, if
     * any) without a "not back to back" category twice in a row. They can exactly when every such category fits in
     * every other free place: at most ceil(room / 2) pieces, where room is the number of places left minus the one
     * next to a neighbour of the same category at either end.
     */
    private static boolean canFollow(Candidate next, List<Candidate> remaining, Candidate closer, PlanningRules rules) {
        int places = remaining.size() - 1;
        Category first = next.category();
        Category last = closer == null ? null : closer.category();
        if (places == 0) {
            return !(first == last && restricted(first, rules));
        }
        Map<Category, Integer> counts = new HashMap<>();
        for (Candidate c : remaining) {
            if (c != next && restricted(c.category(), rules)) {
                counts.merge(c.category(), 1, Integer::sum);
            }
        }
        for (Map.Entry<Category, Integer> e : counts.entrySet()) {
            int room = places - (e.getKey() == first ? 1 : 0) - (e.getKey() == last ? 1 : 0);
            if (e.getValue() > (Math.max(0, room) + 1) / 2) {
                return false;
            }
        }
        return true;
    }

    private static boolean restricted(Category category, PlanningRules rules) {
        return rules.notBackToBack().contains(category.slug());
    }

    private static Candidate pick(List<Candidate> ranked, List<String> categories) {
        for (String slug : categories) {
            for (Candidate c : ranked) {
                if (c.category().slug().equals(slug)) {
                    return c;
                }
            }
        }
        return null;
    }
}
