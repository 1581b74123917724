package org.ensemble.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.ensemble.episode.Category;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.show.PlanningRules;
import org.junit.jupiter.api.Test;

/**
 * Properties of the planner over many seeded random weeks, checked by code that shares nothing with it but the
 * scoring formula: every plan meets every rule or reports exactly the rules it breaks, with the right magnitude;
 * on weeks small enough to try every subset and order, the planner finds a plan whenever one exists, and the best.
 */
class EpisodePlannerPropertyTest {

    @Test
    void everyPlanMeetsTheRulesOrReportsExactlyWhatItBreaks() {
        int ok = 0;
        for (long seed = 1; seed <= 500; seed++) {
            // given
            Weeks.Week week = Weeks.small(seed, 9);

            // when
            Plan plan = new EpisodePlanner().plan(week.candidates(), week.rules(), week.runtime(), week.overrides());

            // then
            List<String> expected = independentViolations(week, plan);
            List<String> reported = new ArrayList<>(plan.violations().stream().map(v -> v.rule() + ":" + v.by()).toList());
            Collections.sort(reported);
            assertThat(reported).as("seed %d: %s", seed, plan.violations()).isEqualTo(expected);
            assertThat(plan.score()).as("seed %d", seed).isLessThanOrEqualTo(plan.upperBound());
            if (plan.ok()) {
                ok++;
                long total = week.rules().introFrames() + plan.frames() + week.rules().outroFrames();
                assertThat(Math.abs(total - week.runtime())).as("seed %d", seed)
                        .isLessThanOrEqualTo(week.rules().runtimeToleranceFrames());
            }
        }
        // the generator makes both kinds of week
        assertThat(ok).isBetween(100, 490);
    }

    @Test
    void findsThePlanWheneverOneExistsAndTheBestOne() {
        int feasible = 0;
        for (long seed = 1001; seed <= 1500; seed++) {
            // given
            Weeks.Week week = Weeks.small(seed, 8);

            // when
            Plan plan = new EpisodePlanner().plan(week.candidates(), week.rules(), week.runtime(), week.overrides());

            // then
            long best = bruteForceBest(week);
            if (best < 0) {
                assertThat(plan.ok()).as("seed %d: no plan can meet the rules, yet none is reported broken", seed).isFalse();
                assertThat(plan.violations()).isNotEmpty();
            } else {
                feasible++;
                assertThat(plan.violations()).as("seed %d", seed).isEmpty();
                assertThat(plan.score()).as("seed %d: %s", seed, plan.placements()).isEqualTo(best);
                assertThat(plan.upperBound()).isGreaterThanOrEqualTo(best);
            }
        }
        assertThat(feasible).isBetween(100, 490);
    }

    @Test
    void withAChapterMinimumEveryPhotoAndWritingThatCanLastItDoes() {
        int planned = 0;
        for (long seed = 2001; seed <= 2300; seed++) {
            // given a week whose show asks for chapters of at least 10 s
            Weeks.Week week = Weeks.small(seed, 9);
            PlanningRules rules = week.rules().withChapterMinFrames(300);

            // when
            Plan plan = new EpisodePlanner().plan(week.candidates(), rules, week.runtime(), week.overrides());

            // then an elastic piece the editors did not trim lasts at least 300 frames whenever its bounds reach that,
            // and never longer than its maximum
            assertThat(plan.score()).as("seed %d", seed).isLessThanOrEqualTo(plan.upperBound());
            for (Plan.Placement p : plan.placements()) {
                Candidate c = p.candidate();
                if (c.elastic() && !week.overrides().trims().containsKey(c.id())) {
                    assertThat(p.frames()).as("seed %d: %s", seed, c.id()).isLessThanOrEqualTo(c.maxFrames());
                    if (plan.ok() && c.maxFrames() >= 300) {
                        assertThat(p.frames()).as("seed %d: %s", seed, c.id()).isGreaterThanOrEqualTo(300);
                        planned++;
                    }
                }
            }
        }
        assertThat(planned).isGreaterThan(50);
    }

    // ---- an independent reading of the rules ----

    record Resolved(Set<String> pinned, Set<String> excluded, List<String> order) {
        static Resolved of(EditorOverrides o) {
            Set<String> pinned = new HashSet<>(o.pinned());
            Set<String> excluded = new HashSet<>(o.excluded());
            excluded.addAll(o.replacements().keySet());
            pinned.addAll(o.replacements().values());
            List<String> order = new ArrayList<>();
            for (String id : o.order()) {
                order.add(o.replacements().getOrDefault(id, id));
            }
            pinned.addAll(order);
            return new Resolved(pinned, excluded, order);
        }
    }

    /** The lengths (with their source start) a candidate may be placed at. */
    static List<long[]> allowed(Candidate c, PlanningRules rules, EditorOverrides o) {
        EditorOverrides.Trim trim = o.trims().get(c.id());
        List<long[]> result = new ArrayList<>();
        if (trim != null && (!c.elastic() || trim.out() > 0)) {
            long out = trim.out() == 0 ? c.maxFrames() : trim.out();
            if (out <= c.maxFrames()) {
                result.add(new long[] {c.elastic() ? 0 : trim.in(), out - trim.in()});
            }
        } else if (c.elastic()) {
            result.add(new long[] {0, -1});
        } else {
            Set<Long> lengths = new java.util.TreeSet<>(c.cutPoints());
            lengths.add(c.maxFrames());
            for (long l : lengths) {
                if (l >= rules.pieceMinFrames() && l <= rules.pieceMaxFrames()) {
                    result.add(new long[] {0, l});
                }
            }
        }
        return result;
    }

    static List<String> independentViolations(Weeks.Week week, Plan plan) {
        PlanningRules rules = week.rules();
        Resolved o = Resolved.of(week.overrides());
        Map<String, Candidate> byId = new HashMap<>();
        week.candidates().forEach(c -> byId.put(c.id(), c));
        List<String> v = new ArrayList<>();
        for (String id : o.pinned()) {
            if (!byId.containsKey(id)) {
                v.add("override:1");
            }
        }
        for (String id : o.excluded()) {
            if (!byId.containsKey(id)) {
                v.add("override:1");
            }
        }
        long budget = week.runtime() - rules.introFrames() - rules.outroFrames();
        long total = rules.introFrames() + rules.outroFrames();
        Map<String, long[]> categories = new HashMap<>();
        Map<String, Integer> contributors = new HashMap<>();
        List<String> ids = new ArrayList<>();
        for (Plan.Placement p : plan.placements()) {
            Candidate c = p.candidate();
            ids.add(c.id());
            total += p.frames();
            // the planner only places pieces at lengths they allow
            boolean fits = allowed(c, rules, week.overrides()).stream().anyMatch(a -> a[0] == p.trimIn()
                    && (a[1] == -1 ? p.frames() >= c.minFrames() && p.frames() <= c.maxFrames() : a[1] == p.frames()));
            assertThat(fits).as("seed %d: %s placed at %d+%d", week.seed(), c.id(), p.trimIn(), p.frames()).isTrue();
            if (p.frames() < rules.pieceMinFrames()) {
                v.add("pieceMinSeconds:" + (rules.pieceMinFrames() - p.frames()));
            }
            if (p.frames() > rules.pieceMaxFrames()) {
                v.add("pieceMaxSeconds:" + (p.frames() - rules.pieceMaxFrames()));
            }
            long[] cat = categories.computeIfAbsent(c.category().slug(), k -> new long[2]);
            cat[0]++;
            cat[1] += p.frames();
            contributors.merge(c.contributor(), 1, Integer::sum);
            if (c.airedBefore() && !o.pinned().contains(c.id())) {
                v.add("airedBefore:1");
            }
            if (o.excluded().contains(c.id())) {
                v.add("excluded:1");
            }
        }
        long off = Math.abs(total - week.runtime()) - rules.runtimeToleranceFrames();
        if (off > 0) {
            v.add("runtime:" + off);
        }
        for (Category category : Category.values()) {
            long[] cat = categories.getOrDefault(category.slug(), new long[2]);
            Integer max = rules.maxPerCategory().get(category.slug());
            if (max != null && cat[0] > max) {
                v.add("maxPerCategory:" + (cat[0] - max));
            }
            Integer min = rules.minPerCategory().get(category.slug());
            if (min != null && cat[0] < min) {
                v.add("minPerCategory:" + (min - cat[0]));
            }
            Integer minShare = rules.minSharePercent().get(category.slug());
            if (minShare != null && cat[1] * 100 < minShare * budget) {
                long need = (long) Math.ceil(minShare * budget / 100.0);
                v.add("minSharePercent:" + (need - cat[1]));
            }
            Integer maxShare = rules.maxSharePercent().get(category.slug());
            if (maxShare != null && cat[1] * 100 > maxShare * budget) {
                long most = (long) Math.floor(maxShare * budget / 100.0);
                v.add("maxSharePercent:" + (cat[1] - most));
            }
        }
        if (rules.onePiecePerContributor()) {
            contributors.values().stream().filter(n -> n > 1).forEach(n -> v.add("onePiecePerContributor:" + (n - 1)));
        }
        List<Plan.Placement> ps = plan.placements();
        for (int i = 1; i < ps.size(); i++) {
            String slug = ps.get(i).candidate().category().slug();
            if (rules.notBackToBack().contains(slug) && ps.get(i - 1).candidate().category().slug().equals(slug)) {
                v.add("notBackToBack:1");
            }
        }
        if (ps.isEmpty()) {
            if (!rules.openWith().isEmpty() || !rules.closeWith().isEmpty()) {
                v.add((rules.openWith().isEmpty() ? "closeWith" : "openWith") + ":1");
            }
        } else {
            if (!rules.openWith().isEmpty() && !rules.openWith().contains(ps.get(0).candidate().category().slug())) {
                v.add("openWith:1");
            }
            if (!rules.closeWith().isEmpty()
                    && !rules.closeWith().contains(ps.get(ps.size() - 1).candidate().category().slug())) {
                v.add("closeWith:1");
            }
        }
        for (String id : o.pinned()) {
            if (byId.containsKey(id) && !ids.contains(id)) {
                v.add("pinned:1");
            }
        }
        List<String> forced = ids.stream().filter(o.order()::contains).toList();
        List<String> wanted = o.order().stream().filter(ids::contains).toList();
        long misplaced = 0;
        for (int i = 0; i < forced.size(); i++) {
            misplaced += forced.get(i).equals(wanted.get(i)) ? 0 : 1;
        }
        if (misplaced > 0) {
            v.add("order:" + misplaced);
        }
        Collections.sort(v);
        return v;
    }

    // ---- brute force: every subset, every allowed cut, every order ----

    static long bruteForceBest(Weeks.Week week) {
        PlanningRules rules = week.rules();
        Resolved o = Resolved.of(week.overrides());
        Pool pool = Pool.of(week.candidates(), rules, week.overrides());
        List<Candidate> usable = new ArrayList<>();
        for (Candidate c : week.candidates()) {
            boolean pinned = o.pinned().contains(c.id());
            if (!o.excluded().contains(c.id()) && !(c.airedBefore() && !pinned) && !allowed(c, rules, week.overrides()).isEmpty()) {
                usable.add(c);
            }
        }
        for (String id : o.pinned()) {
            if (usable.stream().noneMatch(c -> c.id().equals(id))) {
                return -1;
            }
        }
        long budget = week.runtime() - rules.introFrames() - rules.outroFrames();
        long tol = rules.runtimeToleranceFrames();
        int n = usable.size();
        long best = -1;
        for (int mask = 0; mask < (1 << n); mask++) {
            List<Candidate> set = new ArrayList<>();
            long score = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    set.add(usable.get(i));
                    score += pool.byId.get(usable.get(i).id()).score;
                }
            }
            if (score <= best || !set.stream().map(Candidate::id).toList().containsAll(o.pinned())) {
                continue;
            }
            if (!counts(set, rules) || !lengthsFit(set, 0, new long[Category.values().length], rules, week.overrides(), budget, tol)
                    || !orderable(set, rules, o.order())) {
                continue;
            }
            best = score;
        }
        return best;
    }

    static boolean counts(List<Candidate> set, PlanningRules rules) {
        Map<String, Integer> perCategory = new HashMap<>();
        Set<String> people = new HashSet<>();
        for (Candidate c : set) {
            perCategory.merge(c.category().slug(), 1, Integer::sum);
            if (rules.onePiecePerContributor() && !people.add(c.contributor())) {
                return false;
            }
        }
        for (Category c : Category.values()) {
            int count = perCategory.getOrDefault(c.slug(), 0);
            if (count > rules.maxPerCategory().getOrDefault(c.slug(), Integer.MAX_VALUE)
                    || count < rules.minPerCategory().getOrDefault(c.slug(), 0)) {
                return false;
            }
        }
        return true;
    }

    /** Tries every allowed cut of the fixed pieces; elastic pieces fill any total within their bounds. */
    static boolean lengthsFit(List<Candidate> set, int i, long[] fixedPerCategory, PlanningRules rules, EditorOverrides o,
                              long budget, long tol) {
        if (i == set.size()) {
            long low = 0;
            long high = 0;
            for (Category cat : Category.values()) {
                long fixed = fixedPerCategory[cat.ordinal()];
                long eMin = 0;
                long eMax = 0;
                for (Candidate c : set) {
                    if (c.category() == cat && c.elastic() && allowed(c, rules, o).get(0)[1] == -1) {
                        eMin += c.minFrames();
                        eMax += c.maxFrames();
                    }
                }
                long a = fixed + eMin;
                long b = fixed + eMax;
                Integer minShare = rules.minSharePercent().get(cat.slug());
                Integer maxShare = rules.maxSharePercent().get(cat.slug());
                if (minShare != null) {
                    a = Math.max(a, (long) Math.ceil(minShare * budget / 100.0));
                }
                if (maxShare != null) {
                    b = Math.min(b, (long) Math.floor(maxShare * budget / 100.0));
                }
                if (a > b) {
                    return false;
                }
                low += a;
                high += b;
            }
            return low <= budget + tol && high >= budget - tol;
        }
        Candidate c = set.get(i);
        for (long[] a : allowed(c, rules, o)) {
            if (a[1] == -1) {
                return lengthsFit(set, i + 1, fixedPerCategory, rules, o, budget, tol);
            }
            fixedPerCategory[c.category().ordinal()] += a[1];
            boolean fits = lengthsFit(set, i + 1, fixedPerCategory, rules, o, budget, tol);
            fixedPerCategory[c.category().ordinal()] -= a[1];
            if (fits) {
                return true;
            }
        }
        return false;
    }

    static boolean orderable(List<Candidate> set, PlanningRules rules, List<String> forced) {
        return permute(new ArrayList<>(), new ArrayList<>(set), rules, forced);
    }

    private static boolean permute(List<Candidate> prefix, List<Candidate> rest, PlanningRules rules, List<String> forced) {
        if (rest.isEmpty()) {
            if (!prefix.isEmpty() && !rules.openWith().isEmpty() && !rules.openWith().contains(prefix.get(0).category().slug())) {
                return false;
            }
            if (!prefix.isEmpty() && !rules.closeWith().isEmpty()
                    && !rules.closeWith().contains(prefix.get(prefix.size() - 1).category().slug())) {
                return false;
            }
            if (prefix.isEmpty() && (!rules.openWith().isEmpty() || !rules.closeWith().isEmpty())) {
                return false;
            }
            List<String> ids = prefix.stream().map(Candidate::id).toList();
            return ids.stream().filter(forced::contains).toList().equals(forced.stream().filter(ids::contains).toList());
        }
        for (int i = 0; i < rest.size(); i++) {
            Candidate c = rest.get(i);
            if (!prefix.isEmpty() && rules.notBackToBack().contains(c.category().slug())
                    && prefix.get(prefix.size() - 1).category() == c.category()) {
                continue;
            }
            prefix.add(c);
            rest.remove(i);
            boolean found = permute(prefix, rest, rules, forced);
            rest.add(i, c);
            prefix.remove(prefix.size() - 1);
            if (found) {
                return true;
            }
        }
        return false;
    }

    static Random random(long seed) {
        return new Random(seed);
    }
}
