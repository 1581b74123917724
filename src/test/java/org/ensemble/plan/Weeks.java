package org.ensemble.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.ensemble.episode.Category;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.show.PlanningRules;

/** Reproducible random weeks of candidates, rules and overrides, for the property tests and the benchmark. */
final class Weeks {

    static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");

    record Week(long seed, List<Candidate> candidates, PlanningRules rules, long runtime, EditorOverrides overrides) {
    }

    private Weeks() {
    }

    /** The show's rules at 30 fps (as in jobs/create-together.yaml), with optional extras. */
    static PlanningRules rules(long tolerance, Map<String, Integer> max, Map<String, Integer> min,
                               Map<String, Integer> minShare, Map<String, Integer> maxShare, boolean onePerContributor,
                               List<String> notBackToBack, List<String> open, List<String> close) {
        return new PlanningRules(300, 450, 90, 2700, 180, 420, 140, 360, 2250, max, onePerContributor, notBackToBack,
                open, close, tolerance, min, minShare, maxShare, true);
    }

    static Candidate candidate(Random random, int i, Category category, String contributor) {
        Instant approved = MONDAY.plusSeconds(random.nextInt(7 * 24 * 3600));
        String id = String.format("p%05d", i);
        Candidate c;
        if (category == Category.PHOTOGRAPHY) {
            c = Candidate.elastic(id, category, contributor, 180, 420, approved);
        } else if (category == Category.WRITING) {
            long min = 360 + random.nextInt(600);
            c = Candidate.elastic(id, category, contributor, min, 2250, approved);
        } else {
            long frames = 300 + random.nextInt(2400);
            c = Candidate.fixed(id, category, contributor, frames, approved);
            if (random.nextInt(3) == 0) {
                List<Long> cuts = new ArrayList<>();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    // scene cuts in the second half or so: a piece cut to a sliver is no piece
                    cuts.add(frames * 2 / 5 + random.nextInt((int) (frames - frames * 2 / 5)));
                }
                c = c.withCutPoints(cuts);
            }
        }
        if (random.nextInt(8) == 0) {
            c = c.withPriority(random.nextInt(3) - 1);
        }
        return c.withSha256(Long.toHexString(random.nextLong()));
    }

    /** A week like the real ones: 10-minute runtime, rules from the show file, a few to many candidates. */
    static Week week(long seed, int candidates, int contributors) {
        Random random = new Random(seed);
        List<Candidate> list = new ArrayList<>();
        Category[] categories = Category.values();
        for (int i = 0; i < candidates; i++) {
            list.add(candidate(random, i, categories[random.nextInt(categories.length)], "c" + random.nextInt(contributors)));
        }
        PlanningRules rules = rules(0, Map.of("photography", 3, "music", 1, "writing", 2), Map.of(), Map.of(), Map.of(),
                true, List.of("photography", "writing", "music"), List.of("talking-life", "talking-process"),
                List.of("little-thing", "music"));
        return new Week(seed, list, rules, 18000, EditorOverrides.NONE);
    }

    /** A small random week (at most {@code max} candidates) with random rules and overrides, for brute force. */
    static Week small(long seed, int max) {
        Random random = new Random(seed);
        int n = random.nextInt(max + 1);
        Category[] pool = {Category.TALKING_LIFE, Category.FILMED_LIFE, Category.PHOTOGRAPHY, Category.WRITING,
                Category.MUSIC, Category.LITTLE_THING};
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Candidate c = candidate(random, i, pool[random.nextInt(pool.length)], "c" + random.nextInt(Math.max(1, n - 1)));
            if (random.nextInt(10) == 0) {
                c = c.withAiredBefore(true);
            }
            list.add(c);
        }
        Map<String, Integer> maxCount = new HashMap<>();
        Map<String, Integer> minCount = new HashMap<>();
        Map<String, Integer> minShare = new HashMap<>();
        Map<String, Integer> maxShare = new HashMap<>();
        if (random.nextBoolean()) {
            maxCount.put("photography", 1 + random.nextInt(2));
        }
        if (random.nextInt(4) == 0) {
            minCount.put(pool[random.nextInt(pool.length)].slug(), 1);
        }
        if (random.nextInt(5) == 0) {
            minShare.put("writing", 5 + random.nextInt(20));
        }
        if (random.nextInt(5) == 0) {
            maxShare.put("filmed-life", 20 + random.nextInt(50));
        }
        List<String> notBackToBack = random.nextBoolean() ? List.of("photography", "writing") : List.of();
        List<String> open = random.nextInt(3) == 0 ? List.of("talking-life") : List.of();
        List<String> close = random.nextInt(3) == 0 ? List.of("little-thing", "music") : List.of();
        long tolerance = random.nextInt(4) == 0 ? random.nextInt(60) : 0;
        PlanningRules rules = rules(tolerance, maxCount, minCount, minShare, maxShare, random.nextInt(4) != 0,
                notBackToBack, open, close);
        // a short runtime keeps episodes at a handful of pieces, so brute force stays small
        long runtime = 750 + 600 + random.nextInt(4200);
        EditorOverrides overrides = EditorOverrides.NONE;
        if (n > 2 && random.nextInt(3) == 0) {
            String a = list.get(random.nextInt(n)).id();
            String b = list.get(random.nextInt(n)).id();
            switch (random.nextInt(6)) {
                case 0 -> overrides = overrides.withPinned(a);
                case 1 -> overrides = overrides.withExcluded(a);
                case 2 -> overrides = a.equals(b) ? overrides.withOrder(a) : overrides.withOrder(b, a);
                case 3 -> {
                    Candidate c = list.stream().filter(x -> x.id().equals(a)).findFirst().orElseThrow();
                    overrides = c.elastic() ? overrides.withPinned(a) : overrides.withTrim(a, 30, Math.max(121, c.maxFrames() - 40));
                }
                case 4 -> overrides = a.equals(b) ? overrides.withExcluded(a) : overrides.withReplacement(a, b);
                default -> overrides = overrides.withPriority(a, 2);
            }
        }
        return new Week(seed, list, rules, runtime, overrides);
    }
}
