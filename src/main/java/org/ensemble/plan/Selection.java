package org.ensemble.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ensemble.episode.Category;
import org.ensemble.show.PlanningRules;

/**
 * Which pieces, at which lengths: a branch-and-bound search for the highest-scoring set whose length can be brought
 * into [{@code lo}, {@code hi}] frames (fixed pieces at an allowed cut, elastic pieces anywhere within their bounds)
 * and that meets the category, contributor, share and pacing rules.
 * <p>
 * Pieces are branched in order of value per frame (pinned pieces first, always in). A branch is cut when
 * <ul>
 *   <li>its fixed frames plus elastic minimums already overrun {@code hi}, or all it could still add cannot reach {@code lo};</li>
 *   <li>a category can no longer reach its minimum count;</li>
 *   <li>its score plus the fractional-knapsack bound of what may still be added (frames left at the pieces' shortest,
 *       categories and contributors already full skipped) cannot beat the best plan found.</li>
 * </ul>
 * When the search ends without hitting its node limit, the best plan it found is optimal for the pieces it was given.
 */
final class Selection {

    private static final int CATEGORIES = Category.values().length;

    private final Pool.Item[] items;
    private final int pinnedCount;
    private final PlanningRules rules;
    private final List<String> forcedOrder;
    private final long lo;
    private final long hi;
    private final boolean strict;
    private final long nodeLimit;
    private final int[] maxCount = new int[CATEGORIES];
    private final int[] minCount = new int[CATEGORIES];
    private final long[] shareFloor = new long[CATEGORIES];
    private final long[] shareCeiling = new long[CATEGORIES];
    private final long[] suffixMax;
    private final int[][] suffixCount;

    private final int[] categoryCount = new int[CATEGORIES];
    private final int[] contributorCount;
    private final long[] categoryFixed = new long[CATEGORIES];
    private final long[] categoryElasticMin = new long[CATEGORIES];
    private final long[] categoryElasticMax = new long[CATEGORIES];
    /** per item: 0 = not chosen, -1 = chosen elastic, else the chosen fixed length */
    private final long[] chosen;
    private long fixed;
    private long elasticMin;
    private long elasticMax;
    private long score;

    long bestScore = -1;
    long[] best;
    long nodes;
    boolean aborted;

    Selection(List<Pool.Item> pool, PlanningRules rules, List<String> forcedOrder, long budget, long lo, long hi,
              boolean strict, long nodeLimit) {
        List<Pool.Item> sorted = new ArrayList<>(pool);
        sorted.sort(Comparator.comparing((Pool.Item i) -> !i.pinned).thenComparing(Selection::byDensity));
        this.items = sorted.toArray(new Pool.Item[0]);
        this.pinnedCount = (int) sorted.stream().filter(i -> i.pinned).count();
        this.rules = rules;
        this.forcedOrder = forcedOrder;
        this.lo = lo;
        this.hi = hi;
        this.strict = strict;
        this.nodeLimit = nodeLimit;
        int contributors = 0;
        for (Pool.Item i : items) {
            contributors = Math.max(contributors, i.contributor + 1);
        }
        this.contributorCount = new int[contributors];
        for (Category c : Category.values()) {
            int k = c.ordinal();
            maxCount[k] = rules.maxPerCategory().getOrDefault(c.slug(), Integer.MAX_VALUE);
            minCount[k] = strict ? rules.minPerCategory().getOrDefault(c.slug(), 0) : 0;
            Integer min = rules.minSharePercent().get(c.slug());
            Integer max = rules.maxSharePercent().get(c.slug());
            shareFloor[k] = strict && min != null ? PlanChecker.shareFloor(min, budget) : 0;
            shareCeiling[k] = strict && max != null ? PlanChecker.shareCeiling(max, budget) : Long.MAX_VALUE;
        }
        int n = items.length;
        suffixMax = new long[n + 1];
        suffixCount = new int[n + 1][CATEGORIES];
        for (int i = n - 1; i >= 0; i--) {
            suffixMax[i] = suffixMax[i + 1] + longest(items[i]);
            suffixCount[i] = suffixCount[i + 1].clone();
            suffixCount[i][items[i].category]++;
        }
        chosen = new long[n];
    }

    /** Value per frame, highest first (compared exactly, as cross products), then id. */
    static int byDensity(Pool.Item a, Pool.Item b) {
        int c = Long.compare(b.score * shortest(a), a.score * shortest(b));
        return c != 0 ? c : a.id().compareTo(b.id());
    }

    static long shortest(Pool.Item i) {
        return i.elastic ? i.min : i.lengths[i.lengths.length - 1];
    }

    static long longest(Pool.Item i) {
        return i.elastic ? i.max : i.lengths[0];
    }

    Selection run() {
        search(0);
        return this;
    }

    /** The chosen pieces (in the pool's branching order) and, for fixed ones, their lengths. */
    List<Pool.Item> chosenItems() {
        List<Pool.Item> result = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            if (best[i] != 0) {
                result.add(items[i]);
            }
        }
        return result;
    }

    long chosenLength(Pool.Item item) {
        for (int i = 0; i < items.length; i++) {
            if (items[i] == item) {
                return best[i];
            }
        }
        throw new IllegalArgumentException(item.id());
    }

    private void search(int i) {
        if (++nodes > nodeLimit) {
            aborted = true;
            return;
        }
        if (i >= pinnedCount && score > bestScore && acceptable()) {
            bestScore = score;
            best = chosen.clone();
        }
        if (i == items.length) {
            return;
        }
        if (fixed + elasticMax + suffixMax[i] < lo) {
            return;
        }
        for (int c = 0; c < CATEGORIES; c++) {
            if (categoryCount[c] + suffixCount[i][c] < minCount[c]) {
                return;
            }
        }
        if (score + bound(i, hi - fixed - elasticMin) <= bestScore) {
            return;
        }
        Pool.Item item = items[i];
        int c = item.category;
        boolean room = item.pinned || (categoryCount[c] < maxCount[c]
                && (!rules.onePiecePerContributor() || contributorCount[item.contributor] == 0));
        if (room) {
            categoryCount[c]++;
            contributorCount[item.contributor]++;
            score += item.score;
            if (item.elastic) {
                if (fixed + elasticMin + item.min <= hi || item.pinned) {
                    elasticMin += item.min;
                    elasticMax += item.max;
                    categoryElasticMin[c] += item.min;
                    categoryElasticMax[c] += item.max;
                    chosen[i] = -1;
                    search(i + 1);
                    chosen[i] = 0;
                    elasticMin -= item.min;
                    elasticMax -= item.max;
                    categoryElasticMin[c] -= item.min;
                    categoryElasticMax[c] -= item.max;
                }
            } else {
                // shortest cut first: the bound counts pieces at their shortest, so that is where the best plans lie
                for (int k = item.lengths.length - 1; k >= 0; k--) {
                    long length = item.lengths[k];
                    if (aborted) {
                        break;
                    }
                    if (fixed + length + elasticMin <= hi || item.pinned) {
                        fixed += length;
                        categoryFixed[c] += length;
                        chosen[i] = length;
                        search(i + 1);
                        chosen[i] = 0;
                        fixed -= length;
                        categoryFixed[c] -= length;
                    }
                }
            }
            score -= item.score;
            categoryCount[c]--;
            contributorCount[item.contributor]--;
        }
        if (!item.pinned && !aborted) {
            search(i + 1);
        }
    }

    /** An upper bound on the score that pieces i.. can still add within {@code capacity} frames. */
    private long bound(int from, long capacity) {
        long total = 0;
        for (int j = from; j < items.length && capacity > 0; j++) {
            Pool.Item item = items[j];
            if (!item.pinned && (categoryCount[item.category] >= maxCount[item.category]
                    || (rules.onePiecePerContributor() && contributorCount[item.contributor] > 0))) {
                continue;
            }
            long frames = shortest(item);
            if (frames <= capacity) {
                total += item.score;
                capacity -= frames;
            } else {
                total += (item.score * capacity + frames - 1) / frames;
                capacity = 0;
            }
        }
        return total;
    }

    /** Whether the current set can be made a plan: runtime window, minimum counts, shares, an order. */
    private boolean acceptable() {
        long low = fixed;
        long high = fixed;
        for (int c = 0; c < CATEGORIES; c++) {
            if (categoryCount[c] < minCount[c]) {
                return false;
            }
            long[] range = elasticRange(c);
            if (range[0] > range[1]) {
                return false;
            }
            low += range[0];
            high += range[1];
        }
        if (low > hi || high < lo) {
            return false;
        }
        return !strict || Ordering.order(currentItems(), forcedOrder, rules) != null;
    }

    /** The frames the category's elastic pieces may fill together, given its share bounds. */
    private long[] elasticRange(int c) {
        long low = Math.max(categoryElasticMin[c], shareFloor[c] - categoryFixed[c]);
        long high = shareCeiling[c] == Long.MAX_VALUE ? categoryElasticMax[c]
                : Math.min(categoryElasticMax[c], shareCeiling[c] - categoryFixed[c]);
        return new long[] {low, high};
    }

    private List<Pool.Item> currentItems() {
        List<Pool.Item> result = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            if (chosen[i] != 0) {
                result.add(items[i]);
            }
        }
        return result;
    }
}
