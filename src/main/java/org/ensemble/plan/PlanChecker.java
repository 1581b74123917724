package org.ensemble.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.ensemble.episode.Category;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.show.PlanningRules;
import org.ensemble.show.ShowDefinition;

/**
 * Checks an ordered list of pieces (a plan, or an edited EDL brought back by an editor) against the show's rules and
 * says which rules it breaks and by how much. The planner's own plans are checked by this same code.
 * Rule names are the show file's keys ({@code runtime}, {@code maxPerCategory}, {@code notBackToBack}, ...).
 */
public final class PlanChecker {

    private PlanChecker() {
    }

    /** Checks {@code pieces} (between intro and outro, in order) against the show's runtime and rules. */
    public static PlanCheck check(List<PlannedPiece> pieces, List<Candidate> candidates, ShowDefinition show) {
        return check(pieces, candidates, show.rules(), show.runtimeFrames(), EditorOverrides.NONE);
    }

    /** Checks {@code pieces} against the rules and the runtime (intro and outro included), with no editors' overrides. */
    public static PlanCheck check(List<PlannedPiece> pieces, List<Candidate> candidates, PlanningRules rules,
                                  long runtimeFrames) {
        return check(pieces, candidates, rules, runtimeFrames, EditorOverrides.NONE);
    }

    /**
     * Checks {@code pieces} against the rules, the runtime (intro and outro included) and the editors' overrides
     * (a pinned piece may be one that aired before; trims make their cut points allowed).
     */
    public static PlanCheck check(List<PlannedPiece> pieces, List<Candidate> candidates, PlanningRules rules,
                                  long runtimeFrames, EditorOverrides overrides) {
        return new PlanCheck(violations(pieces, Pool.of(candidates, rules, overrides), rules, runtimeFrames));
    }

    static List<RuleViolation> violations(List<PlannedPiece> pieces, Pool pool, PlanningRules rules, long runtimeFrames) {
        List<RuleViolation> v = new ArrayList<>(pool.unknown);
        long budget = runtimeFrames - rules.introFrames() - rules.outroFrames();
        List<Pool.Item> items = new ArrayList<>();
        List<Long> frames = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long total = rules.introFrames() + rules.outroFrames();
        for (PlannedPiece p : pieces) {
            total += p.frames();
            Pool.Item item = pool.byId.get(p.id());
            if (item == null) {
                v.add(new RuleViolation("unknownPiece", 0, 1, 1, p.id() + " is not an approved, conformed piece of this episode"));
                continue;
            }
            if (!seen.add(p.id())) {
                v.add(new RuleViolation("duplicatePiece", 1, 2, 1, p.id() + " is in the episode twice"));
                continue;
            }
            items.add(item);
            frames.add(p.frames());
            lengths(p, item, rules, v);
            if (item.candidate.airedBefore() && !item.pinned && rules.neverRepeatAired()) {
                v.add(new RuleViolation("airedBefore", 0, 1, 1, p.id() + " aired in an earlier episode and is not pinned"));
            }
            if (pool.excluded.contains(p.id())) {
                v.add(new RuleViolation("excluded", 0, 1, 1, p.id() + " is " + item.whyNot));
            }
        }
        long tolerance = rules.runtimeToleranceFrames();
        if (Math.abs(total - runtimeFrames) > tolerance) {
            long off = Math.abs(total - runtimeFrames) - tolerance;
            v.add(new RuleViolation("runtime", runtimeFrames, total, off, "the episode lasts " + total + " frames, "
                    + off + " frames " + (total < runtimeFrames ? "short of " : "over ") + "the runtime of " + runtimeFrames
                    + (tolerance == 0 ? "" : " ± " + tolerance)));
        }
        categories(items, frames, rules, budget, v);
        contributors(items, rules, v);
        pacing(items, rules, v);
        overrides(pieces, pool, v);
        return v;
    }

    private static void lengths(PlannedPiece p, Pool.Item item, PlanningRules rules, List<RuleViolation> v) {
        if (p.trimIn() != item.trimIn) {
            v.add(new RuleViolation("cutPoints", item.trimIn, p.trimIn(), Math.abs(p.trimIn() - item.trimIn), p.id()
                    + " starts at source frame " + p.trimIn() + "; it may only start at " + item.trimIn));
        } else if (!item.allows(p.trimIn(), p.frames())) {
            long by = item.distance(p.frames());
            if (item.elastic) {
                long bound = p.frames() < item.min ? item.min : item.max;
                v.add(new RuleViolation("elasticBounds", bound, p.frames(), by, p.id() + " lasts " + p.frames()
                        + " frames; it stretches only within " + item.min + ".." + item.max));
            } else {
                v.add(new RuleViolation("cutPoints", p.frames() + (p.frames() < item.max ? by : -by), p.frames(), by,
                        p.id() + " is cut at " + p.frames() + " frames, " + by + " frames from its nearest allowed cut "
                                + Arrays.toString(item.lengths)));
            }
        }
        if (p.frames() < rules.pieceMinFrames()) {
            v.add(new RuleViolation("pieceMinSeconds", rules.pieceMinFrames(), p.frames(), rules.pieceMinFrames() - p.frames(),
                    p.id() + " lasts " + p.frames() + " frames, less than the minimum of " + rules.pieceMinFrames()));
        }
        if (p.frames() > rules.pieceMaxFrames()) {
            v.add(new RuleViolation("pieceMaxSeconds", rules.pieceMaxFrames(), p.frames(), p.frames() - rules.pieceMaxFrames(),
                    p.id() + " lasts " + p.frames() + " frames, more than the maximum of " + rules.pieceMaxFrames()));
        }
    }

    private static void categories(List<Pool.Item> items, List<Long> frames, PlanningRules rules, long budget,
                                   List<RuleViolation> v) {
        Map<String, long[]> perCategory = new TreeMap<>();
        for (Category c : Category.values()) {
            perCategory.put(c.slug(), new long[2]);
        }
        for (int i = 0; i < items.size(); i++) {
            long[] c = perCategory.get(items.get(i).candidate.category().slug());
            c[0]++;
            c[1] += frames.get(i);
        }
        for (Map.Entry<String, long[]> e : perCategory.entrySet()) {
            String slug = e.getKey();
            long count = e.getValue()[0];
            Integer max = rules.maxPerCategory().get(slug);
            if (max != null && count > max) {
                v.add(new RuleViolation("maxPerCategory", max, count, count - max, count + " " + slug
                        + " pieces, more than the maximum of " + max));
            }
            Integer min = rules.minPerCategory().get(slug);
            if (min != null && count < min) {
                v.add(new RuleViolation("minPerCategory", min, count, min - count, count + " " + slug
                        + " pieces, fewer than the minimum of " + min));
            }
            long time = e.getValue()[1];
            Integer minShare = rules.minSharePercent().get(slug);
            if (minShare != null && time < shareFloor(minShare, budget)) {
                long need = shareFloor(minShare, budget);
                v.add(new RuleViolation("minSharePercent", need, time, need - time, slug + " fills " + time + " frames, "
                        + (need - time) + " short of " + minShare + "% of the " + budget + " frames between intro and outro"));
            }
            Integer maxShare = rules.maxSharePercent().get(slug);
            if (maxShare != null && time > shareCeiling(maxShare, budget)) {
                long most = shareCeiling(maxShare, budget);
                v.add(new RuleViolation("maxSharePercent", most, time, time - most, slug + " fills " + time + " frames, "
                        + (time - most) + " more than " + maxShare + "% of the " + budget + " frames between intro and outro"));
            }
        }
    }

    /** The fewest frames that are at least {@code percent} of {@code budget}. */
    static long shareFloor(int percent, long budget) {
        return (percent * budget + 99) / 100;
    }

    /** The most frames that are at most {@code percent} of {@code budget}. */
    static long shareCeiling(int percent, long budget) {
        return percent * budget / 100;
    }

    private static void contributors(List<Pool.Item> items, PlanningRules rules, List<RuleViolation> v) {
        if (!rules.onePiecePerContributor()) {
            return;
        }
        Map<String, Integer> count = new TreeMap<>();
        items.forEach(i -> count.merge(i.candidate.contributor(), 1, Integer::sum));
        count.forEach((who, n) -> {
            if (n > 1) {
                v.add(new RuleViolation("onePiecePerContributor", 1, n, n - 1, who + " has " + n + " pieces in the episode"));
            }
        });
    }

    private static void pacing(List<Pool.Item> items, PlanningRules rules, List<RuleViolation> v) {
        for (int i = 1; i < items.size(); i++) {
            String slug = items.get(i).candidate.category().slug();
            if (rules.notBackToBack().contains(slug) && items.get(i - 1).candidate.category().slug().equals(slug)) {
                v.add(new RuleViolation("notBackToBack", 0, 1, 1, "pieces " + i + " and " + (i + 1) + " ("
                        + items.get(i - 1).id() + ", " + items.get(i).id() + ") are both " + slug));
            }
        }
        if (!items.isEmpty() && !rules.openWith().isEmpty()
                && !rules.openWith().contains(items.get(0).candidate.category().slug())) {
            v.add(new RuleViolation("openWith", 1, 0, 1, "the first piece, " + items.get(0).id() + ", is "
                    + items.get(0).candidate.category().slug() + ", not one of " + rules.openWith()));
        }
        if (!items.isEmpty() && !rules.closeWith().isEmpty()
                && !rules.closeWith().contains(items.get(items.size() - 1).candidate.category().slug())) {
            Pool.Item last = items.get(items.size() - 1);
            v.add(new RuleViolation("closeWith", 1, 0, 1, "the last piece, " + last.id() + ", is "
                    + last.candidate.category().slug() + ", not one of " + rules.closeWith()));
        }
        if (items.isEmpty() && (!rules.openWith().isEmpty() || !rules.closeWith().isEmpty())) {
            v.add(new RuleViolation(rules.openWith().isEmpty() ? "closeWith" : "openWith", 1, 0, 1, "the episode has no pieces"));
        }
    }

    private static void overrides(List<PlannedPiece> pieces, Pool pool, List<RuleViolation> v) {
        List<String> ids = pieces.stream().map(PlannedPiece::id).toList();
        for (String id : pool.pinned) {
            if (!ids.contains(id) && pool.byId.containsKey(id)) {
                v.add(new RuleViolation("pinned", 1, 0, 1, id + " is pinned by an editor but not in the episode"));
            }
        }
        List<String> forced = ids.stream().filter(pool.order::contains).toList();
        List<String> expected = pool.order.stream().filter(ids::contains).toList();
        long misplaced = 0;
        for (int i = 0; i < forced.size(); i++) {
            if (!forced.get(i).equals(expected.get(i))) {
                misplaced++;
            }
        }
        if (misplaced > 0) {
            v.add(new RuleViolation("order", 0, misplaced, misplaced, misplaced + " pieces are not in the editors' order "
                    + expected + " (the episode has " + forced + ")"));
        }
    }
}
