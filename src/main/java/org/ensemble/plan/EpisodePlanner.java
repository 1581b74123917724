package org.ensemble.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.ensemble.episode.Category;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.show.PlanningRules;

/**
 * Plans an episode: chooses, cuts and orders pieces so that intro + pieces + outro last the runtime (exactly, unless
 * the show allows a tolerance) under the show's rules and the editors' overrides. A pure function: the same inputs
 * give the same plan, whatever order the candidates come in.
 * <ol>
 *   <li><b>pool</b>: overrides applied (excluded and replaced pieces out, pins in, trims fix lengths), pieces that
 *       aired before left out unless pinned, fixed pieces reduced to their allowed cuts within the piece bounds;
 *       each piece scored: {@value Pool#PIECE_VALUE} + {@value Pool#PRIORITY_VALUE} x priority + up to
 *       {@value Pool#WAITING_VALUE} for having waited longest since approval.</li>
 *   <li><b>prune</b> (only weeks of more than {@value #PRUNE_ABOVE} usable pieces): the knapsack's core, see
 *       {@link #prune}.</li>
 *   <li><b>select</b>: branch and bound ({@link Selection}) for the highest-scoring set that can last exactly the
 *       runtime and meets the counts, shares, contributor and pacing rules.</li>
 *   <li><b>fit</b>: the frames left after fixed pieces are shared among elastic pieces within their bounds (and the
 *       category shares), in proportion to their room, remainders by id.</li>
 *   <li><b>order</b>: {@link Ordering}, exact under the pacing rules and the editors' forced order.</li>
 * </ol>
 * When no plan meets the rules, the closest one is proposed: first a plan that lasts the runtime with the rules on
 * counts, shares and pacing relaxed (it can still be rendered); failing that, the smallest miss on the runtime that
 * lets the other rules hold; failing that, the smallest miss with them relaxed too. Either way the plan is
 * checked by {@link PlanChecker}, whose violations say which rule fails and by how much.
 * <p>
 * Optimality: the plan's {@link Plan#upperBound()} is a Lagrangian relaxation over every usable piece (see
 * {@link #upperBound}), so
 * {@code upperBound - score} bounds the distance to the best possible plan even when pruning or the node limit
 * cut the search short.
 */
public final class EpisodePlanner {

    static final long NODE_LIMIT = 40_000;
    static final long WIDENING_NODE_LIMIT = 20_000;
    /** weeks with at most this many usable pieces are searched whole */
    static final int PRUNE_ABOVE = 150;
    static final int PER_CONTRIBUTOR = 2;
    static final int CORE_MARGIN = 40;
    static final int PER_CATEGORY = 3;

    /** Plans with no editor overrides. */
    public Plan plan(List<Candidate> candidates, PlanningRules rules, long runtimeFrames) {
        return plan(candidates, rules, runtimeFrames, EditorOverrides.NONE);
    }

    public Plan plan(List<Candidate> candidates, PlanningRules rules, long runtimeFrames, EditorOverrides overrides) {
        long budget = runtimeFrames - rules.introFrames() - rules.outroFrames();
        long tolerance = rules.runtimeToleranceFrames();
        Pool pool = Pool.of(candidates, rules, overrides);
        List<Pool.Item> pruned = pool.usable.size() <= PRUNE_ABOVE ? pool.usable : prune(pool.usable, rules, budget);

        Selection found = new Selection(pruned, rules, pool.order, budget, budget - tolerance, budget + tolerance, true,
                NODE_LIMIT).run();
        boolean meetsRules = found.best != null;
        if (!meetsRules) {
            // a plan that lasts the runtime can still be rendered: relax counts, shares and pacing before the runtime
            found = new Selection(pruned, rules, pool.order, budget, budget - tolerance, budget + tolerance, false,
                    NODE_LIMIT).run();
            if (found.best == null) {
                found = widen(pruned, rules, pool.order, budget, tolerance, true);
            }
            if (found == null) {
                found = widen(pruned, rules, pool.order, budget, tolerance, false);
            }
        }
        List<Pool.Item> chosen = found.chosenItems();
        Map<String, Long> lengths = fit(chosen, found, rules, budget);
        List<Pool.Item> ordered = Ordering.order(chosen, pool.order, rules);
        if (ordered == null) {
            ordered = Ordering.anyOrder(chosen, pool.order, rules);
        }
        List<Plan.Placement> placements = new ArrayList<>();
        for (Pool.Item item : ordered) {
            placements.add(new Plan.Placement(item.candidate, item.trimIn, lengths.get(item.id())));
        }
        List<RuleViolation> violations = PlanChecker.violations(
                placements.stream().map(p -> new PlannedPiece(p.candidate().id(), p.frames(), p.trimIn())).toList(),
                pool, rules, runtimeFrames);

        List<String> leftOut = new ArrayList<>(pool.leftOut);
        Set<String> placed = new LinkedHashSet<>(lengths.keySet());
        Set<Pool.Item> searched = new HashSet<>(pruned);
        for (Pool.Item item : pool.usable) {
            if (!placed.contains(item.id())) {
                leftOut.add(item.id() + ": " + (searched.contains(item)
                        ? "a better set of pieces fills the runtime" : "outranked in its category or by its contributor's other pieces"));
            }
        }
        leftOut.sort(Comparator.naturalOrder());
        long score = chosen.stream().mapToLong(i -> i.score).sum();
        long upper = Math.max(score, upperBound(pool.usable, rules, budget + tolerance));
        boolean proved = meetsRules && !found.aborted && pruned.size() == pool.usable.size();
        return new Plan(placements, score, proved ? score : upper, proved || score == upper, violations, leftOut);
    }

    /** Checks an ordered list of pieces (e.g. an edited EDL) against the rules; see {@link PlanChecker}. */
    public static PlanCheck check(List<PlannedPiece> pieces, List<Candidate> candidates, PlanningRules rules,
                                  long runtimeFrames, EditorOverrides overrides) {
        return PlanChecker.check(pieces, candidates, rules, runtimeFrames, overrides);
    }

    /**
     * The smallest widening of the runtime window that admits a plan (by doubling, then bisection), and that plan;
     * null when even a window from nothing to twice the runtime admits none.
     */
    private static Selection widen(List<Pool.Item> pool, PlanningRules rules, List<String> order, long budget,
                                   long tolerance, boolean strict) {
        long most = budget + pool.stream().mapToLong(Selection::longest).sum() + 1;
        Selection found = null;
        long fails = 0;
        long extra = 1;
        while (found == null) {
            Selection s = new Selection(pool, rules, order, budget, budget - tolerance - extra, budget + tolerance + extra,
                    strict, WIDENING_NODE_LIMIT).run();
            if (s.best != null) {
                found = s;
            } else if (extra >= most) {
                return null;
            } else {
                fails = extra;
                extra = Math.min(most, extra * 2);
            }
        }
        long low = fails + 1;
        long high = extra;
        while (low < high) {
            long mid = low + (high - low) / 2;
            Selection s = new Selection(pool, rules, order, budget, budget - tolerance - mid, budget + tolerance + mid,
                    strict, WIDENING_NODE_LIMIT).run();
            if (s.best != null) {
                found = s;
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return found;
    }

    /**
     * The core of a large week, where the best plans are found: the pieces a greedy fill by value per frame takes
     * (categories and contributors kept within their rules), the next {@value #CORE_MARGIN} after them, and per
     * category its {@value #PER_CATEGORY} strongest and {@value #PER_CATEGORY} shortest pieces (for minimum counts,
     * openers and closers, and exact fits); pinned pieces always. At most {@value #PER_CONTRIBUTOR} per contributor
     * outside the pins.
     */
    static List<Pool.Item> prune(List<Pool.Item> usable, PlanningRules rules, long budget) {
        List<Pool.Item> byDensity = new ArrayList<>(usable);
        byDensity.sort(Selection::byDensity);
        Set<Pool.Item> kept = new LinkedHashSet<>();
        int[] perCategory = new int[Category.values().length];
        Map<Integer, Integer> perContributor = new HashMap<>();
        Set<Integer> inGreedy = new HashSet<>();
        long left = budget;
        int margin = 0;
        for (Pool.Item item : byDensity) {
            if (item.pinned) {
                kept.add(item);
                continue;
            }
            if (rules.onePiecePerContributor() && perContributor.getOrDefault(item.contributor, 0) >= PER_CONTRIBUTOR) {
                continue;
            }
            String slug = item.candidate.category().slug();
            boolean admissible = perCategory[item.category] < rules.maxPerCategory().getOrDefault(slug, Integer.MAX_VALUE)
                    && (!rules.onePiecePerContributor() || !inGreedy.contains(item.contributor));
            if (left > 0 && admissible) {
                kept.add(item);
                perCategory[item.category]++;
                inGreedy.add(item.contributor);
                left -= Selection.shortest(item);
            } else if (margin < CORE_MARGIN) {
                kept.add(item);
                margin++;
            } else {
                continue;
            }
            perContributor.merge(item.contributor, 1, Integer::sum);
        }
        List<List<Pool.Item>> perCategoryItems = new ArrayList<>();
        for (int c = 0; c < Category.values().length; c++) {
            perCategoryItems.add(new ArrayList<>());
        }
        usable.forEach(i -> perCategoryItems.get(i.category).add(i));
        for (List<Pool.Item> items : perCategoryItems) {
            items.sort(Ordering.STRONGEST);
            kept.addAll(items.subList(0, Math.min(PER_CATEGORY, items.size())));
            items.sort(Comparator.comparingLong(Selection::shortest).thenComparing(Ordering.STRONGEST));
            kept.addAll(items.subList(0, Math.min(PER_CATEGORY, items.size())));
        }
        List<Pool.Item> result = new ArrayList<>(kept);
        result.sort(Comparator.comparing(Pool.Item::id));
        return result;
    }

    /**
     * No plan within {@code capacity} frames scores more than this. A Lagrangian relaxation of the frame budget:
     * for any price p per frame, p x capacity + per category the best (score - p x shortest length) that are
     * positive, up to the category's maximum count (pinned pieces counted in full), bounds every plan; the price
     * is chosen by ternary search on this convex function, and the result rounded up.
     */
    static long upperBound(List<Pool.Item> usable, PlanningRules rules, long capacity) {
        int categories = Category.values().length;
        double[][] scores = new double[categories][];
        double[][] frames = new double[categories][];
        double[] pinnedScore = new double[categories];
        double[] pinnedFrames = new double[categories];
        long[] room = new long[categories];
        int[] size = new int[categories];
        for (Pool.Item i : usable) {
            if (!i.pinned) {
                size[i.category]++;
            }
        }
        double high = 0;
        for (Category c : Category.values()) {
            int k = c.ordinal();
            scores[k] = new double[size[k]];
            frames[k] = new double[size[k]];
            room[k] = rules.maxPerCategory().getOrDefault(c.slug(), Integer.MAX_VALUE);
            size[k] = 0;
        }
        for (Pool.Item i : usable) {
            int k = i.category;
            if (i.pinned) {
                pinnedScore[k] += i.score;
                pinnedFrames[k] += Selection.shortest(i);
                room[k] = Math.max(0, room[k] - 1);
            } else {
                scores[k][size[k]] = i.score;
                frames[k][size[k]++] = Selection.shortest(i);
                high = Math.max(high, i.score / (double) Selection.shortest(i));
            }
        }
        double low = 0;
        for (int step = 0; step < 60; step++) {
            double a = low + (high - low) / 3;
            double b = high - (high - low) / 3;
            if (lagrangian(a, scores, frames, pinnedScore, pinnedFrames, room, capacity)
                    <= lagrangian(b, scores, frames, pinnedScore, pinnedFrames, room, capacity)) {
                high = b;
            } else {
                low = a;
            }
        }
        double best = Math.min(lagrangian(low, scores, frames, pinnedScore, pinnedFrames, room, capacity),
                lagrangian(high, scores, frames, pinnedScore, pinnedFrames, room, capacity));
        return (long) Math.ceil(best + 1e-9 * Math.max(1, Math.abs(best)));
    }

    private static double lagrangian(double price, double[][] scores, double[][] frames, double[] pinnedScore,
                                     double[] pinnedFrames, long[] room, long capacity) {
        double total = price * capacity;
        for (int c = 0; c < scores.length; c++) {
            total += pinnedScore[c] - price * pinnedFrames[c];
            double[] s = scores[c];
            double[] f = frames[c];
            if (room[c] >= s.length) {
                for (int i = 0; i < s.length; i++) {
                    total += Math.max(0, s[i] - price * f[i]);
                }
            } else if (room[c] > 0) {
                // the best `room` gains, kept in a small sorted array
                double[] top = new double[(int) room[c]];
                for (int i = 0; i < s.length; i++) {
                    double gain = s[i] - price * f[i];
                    if (gain > top[top.length - 1]) {
                        int j = top.length - 1;
                        while (j > 0 && top[j - 1] < gain) {
                            top[j] = top[j - 1];
                            j--;
                        }
                        top[j] = gain;
                    }
                }
                for (double g : top) {
                    total += g;
                }
            }
        }
        return total;
    }

    /** The length of every chosen piece: fixed ones as chosen, elastic ones sharing what is left. */
    private static Map<String, Long> fit(List<Pool.Item> chosen, Selection found, PlanningRules rules, long budget) {
        Map<String, Long> lengths = new TreeMap<>();
        int categories = Category.values().length;
        long[] categoryFixed = new long[categories];
        long fixed = 0;
        List<List<Pool.Item>> elastic = new ArrayList<>();
        for (int c = 0; c < categories; c++) {
            elastic.add(new ArrayList<>());
        }
        for (Pool.Item item : chosen) {
            if (item.elastic) {
                elastic.get(item.category).add(item);
            } else {
                long length = found.chosenLength(item);
                lengths.put(item.id(), length);
                categoryFixed[item.category] += length;
                fixed += length;
            }
        }
        long[] low = new long[categories];
        long[] high = new long[categories];
        for (Category cat : Category.values()) {
            int c = cat.ordinal();
            long min = elastic.get(c).stream().mapToLong(i -> i.min).sum();
            long max = elastic.get(c).stream().mapToLong(i -> i.max).sum();
            Integer minShare = rules.minSharePercent().get(cat.slug());
            Integer maxShare = rules.maxSharePercent().get(cat.slug());
            low[c] = minShare == null ? min : Math.max(min, PlanChecker.shareFloor(minShare, budget) - categoryFixed[c]);
            high[c] = maxShare == null ? max : Math.min(max, PlanChecker.shareCeiling(maxShare, budget) - categoryFixed[c]);
            if (low[c] > high[c] || low[c] > max || high[c] < min) {
                // the shares cannot hold with these pieces (a closest plan): keep to the pieces' own bounds
                low[c] = min;
                high[c] = max;
            }
        }
        long need = Math.max(sum(low), Math.min(sum(high), budget - fixed));
        long[] perCategory = share(low, high, need);
        for (int c = 0; c < categories; c++) {
            List<Pool.Item> items = elastic.get(c);
            items.sort(Comparator.comparing(Pool.Item::id));
            long[] min = items.stream().mapToLong(i -> i.min).toArray();
            long[] max = items.stream().mapToLong(i -> i.max).toArray();
            long[] given = share(min, max, perCategory[c]);
            for (int i = 0; i < items.size(); i++) {
                lengths.put(items.get(i).id(), given[i]);
            }
        }
        return lengths;
    }

    /**
     * Shares {@code total} among slots with bounds [min, max] (total within the bounds' sums): each gets its minimum
     * plus a share of the rest in proportion to its room; what integer division leaves goes one by one, largest
     * remainder first, ties to the earlier slot.
     */
    static long[] share(long[] min, long[] max, long total) {
        int n = min.length;
        long[] given = min.clone();
        long extra = total - sum(min);
        long room = 0;
        for (int i = 0; i < n; i++) {
            room += max[i] - min[i];
        }
        if (n == 0 || extra <= 0 || room == 0) {
            return given;
        }
        extra = Math.min(extra, room);
        long handed = 0;
        long[] remainder = new long[n];
        for (int i = 0; i < n; i++) {
            long r = max[i] - min[i];
            long part = Math.multiplyExact(extra, r) / room;
            given[i] += part;
            handed += part;
            remainder[i] = Math.multiplyExact(extra, r) % room;
        }
        Integer[] byRemainder = new Integer[n];
        for (int i = 0; i < n; i++) {
            byRemainder[i] = i;
        }
        Arrays.sort(byRemainder, (a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a])
                : Integer.compare(a, b));
        long left = extra - handed;
        for (int k = 0; left > 0; k = (k + 1) % n) {
            int i = byRemainder[k];
            if (given[i] < max[i]) {
                given[i]++;
                left--;
            }
        }
        return given;
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
