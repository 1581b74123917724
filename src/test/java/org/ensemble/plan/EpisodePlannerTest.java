package org.ensemble.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.ensemble.episode.Category;
import org.ensemble.show.PlanningRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EpisodePlannerTest {

    private static final int FPS = 30;
    private static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");
    private static final Pattern SHORT = Pattern.compile("(\\d+) frames \\((\\d+\\.\\d) s\\) short");
    private static final Comparator<Candidate> RANK = Comparator.comparing(Candidate::approvedAt).thenComparing(Candidate::id);

    /** The rules of jobs/create-together.yaml in frames at 30 fps. */
    static PlanningRules showRules(boolean onePiecePerContributor) {
        return new PlanningRules(300, 450, 90, 2700, 180, 420, 140, 360, 2250,
                Map.of("photography", 3, "music", 1, "writing", 2), onePiecePerContributor,
                List.of("photography", "writing", "music"), List.of("talking-life", "talking-process"),
                List.of("little-thing", "music"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Property: a few hundred seeded random weeks
    // ---------------------------------------------------------------------------------------------------------

    record Week(long seed, List<Candidate> candidates, PlanningRules rules, long runtime) {
        long available() {
            return runtime - rules.introFrames() - rules.outroFrames();
        }
    }

    static Week randomWeek(long seed) {
        Random random = new Random(seed);
        PlanningRules rules = showRules(random.nextInt(4) != 0);
        long runtime = random.nextInt(3) == 0 ? 18000 : 1200 + random.nextInt(18000);
        int count = random.nextInt(26);
        int contributors = 2 + random.nextInt(14);
        Category[] categories = Category.values();
        Set<String> ids = new HashSet<>();
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id;
            do {
                id = "p" + random.nextInt(1000);
            } while (!ids.add(id));
            Category category = categories[random.nextInt(categories.length)];
            // approvals often share a minute, so the id breaks ties
            Instant approvedAt = MONDAY.plusSeconds(60L * random.nextInt(12));
            String contributor = "contributor-" + random.nextInt(contributors);
            boolean still = category == Category.PHOTOGRAPHY || (category == Category.LITTLE_THING && random.nextBoolean());
            if (still) {
                candidates.add(new Candidate(id, category, contributor, approvedAt, true, rules.stillMinFrames(),
                        rules.stillMaxFrames(), rules.stillMinFrames()));
            } else if (category == Category.WRITING) {
                long reading = 60 + random.nextInt(2400);
                long min = Math.max(rules.writingMinFrames(), Math.min(reading, rules.writingMaxFrames()));
                candidates.add(new Candidate(id, category, contributor, approvedAt, true, min, rules.writingMaxFrames(), min));
            } else {
                long frames = random.nextInt(5) == 0 ? rules.pieceMaxFrames() : 90 + random.nextInt(2611);
                candidates.add(new Candidate(id, category, contributor, approvedAt, false, frames, frames,
                        Math.min(frames, rules.pieceMinFrames())));
            }
        }
        return new Week(seed, List.copyOf(candidates), rules, runtime);
    }

    static Stream<Long> seeds() {
        return IntStream.range(0, 300).mapToObj(i -> 7919L * i + 11);
    }

    @Test
    void randomWeeksCoverSuccessesFailuresAndCuts() {
        // guards the generator: the property test below must see every outcome, not just one
        int planned = 0;
        int failed = 0;
        int cut = 0;
        int backToBackAvoided = 0;
        for (long seed : seeds().toList()) {
            Week week = randomWeek(seed);
            try {
                EpisodePlanner.Plan plan = new EpisodePlanner().plan(week.candidates(), week.rules(), week.runtime(), FPS);
                planned++;
                if (plan.pieces().stream().anyMatch(p -> !p.candidate().elastic() && p.frames() < p.candidate().minFrames())) {
                    cut++;
                }
                if (plan.pieces().stream().filter(p -> week.rules().notBackToBack().contains(p.candidate().category().slug()))
                        .count() >= 2) {
                    backToBackAvoided++;
                }
            } catch (PlanningException e) {
                failed++;
            }
        }
        assertThat(planned).isGreaterThan(100);
        assertThat(failed).isGreaterThan(30);
        assertThat(cut).isGreaterThan(20);
        assertThat(backToBackAvoided).isGreaterThan(50);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyPlanFillsTheRuntimeExactlyWithinTheRules(long seed) {
        // given
        Week week = randomWeek(seed);
        PlanningRules rules = week.rules();
        List<Candidate> eligible = eligible(week.candidates(), rules);
        long minimum = eligible.stream().mapToLong(Candidate::minFrames).sum();
        long maximum = eligible.stream().mapToLong(Candidate::maxFrames).sum();

        // when
        EpisodePlanner.Plan plan;
        try {
            plan = new EpisodePlanner().plan(week.candidates(), rules, week.runtime(), FPS);
        } catch (PlanningException e) {
            // then (cannot fill): the message names the runtime and how short it is
            assertThat(e.getMessage()).startsWith("runtime:");
            Matcher m = SHORT.matcher(e.getMessage());
            assertThat(m.find()).as(e.getMessage()).isTrue();
            long shortBy = Long.parseLong(m.group(1));
            assertThat(shortBy).isPositive();
            assertThat(m.group(2)).isEqualTo(String.format(Locale.ROOT, "%.1f", shortBy / (double) FPS));
            assertThat(shortBy).isGreaterThanOrEqualTo(week.available() - maximum);
            if (minimum <= week.available()) {
                // everything eligible fits at its minimum, so everything was used at its maximum and still fell short
                assertThat(shortBy).isEqualTo(week.available() - maximum);
            }
            return;
        }

        // then: exact to the frame
        List<EpisodePlanner.Placement> pieces = plan.pieces();
        assertThat(pieces.stream().mapToLong(EpisodePlanner.Placement::frames).sum())
                .isEqualTo(plan.frames()).isEqualTo(week.available());

        // lengths: elastic within bounds, fixed at length unless one is cut at its tail
        int cuts = 0;
        for (EpisodePlanner.Placement p : pieces) {
            Candidate c = p.candidate();
            if (c.elastic()) {
                assertThat(p.frames()).as(c.id()).isBetween(c.minFrames(), c.maxFrames());
            } else if (p.frames() != c.minFrames()) {
                cuts++;
                assertThat(p.frames()).as(c.id()).isLessThan(c.minFrames()).isGreaterThanOrEqualTo(c.trimFloorFrames());
            }
        }
        assertThat(cuts).isLessThanOrEqualTo(1);

        // every candidate is either placed once or left out with a reason
        List<String> placed = pieces.stream().map(p -> p.candidate().id()).toList();
        assertThat(placed).doesNotHaveDuplicates();
        Set<String> leftOut = plan.leftOut().stream().map(r -> r.substring(0, r.indexOf(':'))).collect(Collectors.toSet());
        assertThat(leftOut).doesNotContainAnyElementsOf(placed);
        assertThat(Stream.concat(placed.stream(), leftOut.stream()).collect(Collectors.toSet()))
                .isEqualTo(week.candidates().stream().map(Candidate::id).collect(Collectors.toSet()));
        if (minimum <= week.available()) {
            assertThat(placed).containsExactlyInAnyOrderElementsOf(eligible.stream().map(Candidate::id).toList());
        }

        // the show's rules
        if (rules.onePiecePerContributor()) {
            assertThat(pieces.stream().map(p -> p.candidate().contributor()).toList()).doesNotHaveDuplicates();
        }
        Map<String, Long> perCategory = pieces.stream()
                .collect(Collectors.groupingBy(p -> p.candidate().category().slug(), Collectors.counting()));
        rules.maxPerCategory().forEach((slug, max) -> assertThat(perCategory.getOrDefault(slug, 0L)).as(slug).isLessThanOrEqualTo(max));

        assertOrder(pieces.stream().map(EpisodePlanner.Placement::candidate).toList(), rules);
    }

    /** Opener and closer from the preferred categories when there are any; restricted categories not back to back when avoidable. */
    private static void assertOrder(List<Candidate> order, PlanningRules rules) {
        if (order.isEmpty()) {
            return;
        }
        List<Candidate> ranked = order.stream().sorted(RANK).collect(Collectors.toCollection(ArrayList::new));
        Candidate opener = preferred(ranked, rules.openWith());
        if (opener != null) {
            assertThat(order.get(0)).as("opener").isEqualTo(opener);
            ranked.remove(opener);
        }
        Candidate closer = preferred(ranked, rules.closeWith());
        if (closer != null) {
            assertThat(order.get(order.size() - 1)).as("closer").isEqualTo(closer);
            ranked.remove(closer);
        }
        Set<Category> restricted = rules.notBackToBack().stream().map(Category::fromSlug).collect(Collectors.toSet());
        boolean avoidable = arrangeable(ranked, opener == null ? null : opener.category(),
                closer == null ? null : closer.category(), restricted);
        if (avoidable) {
            for (int i = 1; i < order.size(); i++) {
                Category previous = order.get(i - 1).category();
                assertThat(previous == order.get(i).category() && restricted.contains(previous))
                        .as("%s twice in a row at %d in %s", previous, i, categories(order)).isFalse();
            }
        }
    }

    private static Candidate preferred(List<Candidate> ranked, List<String> slugs) {
        for (String slug : slugs) {
            for (Candidate c : ranked) {
                if (c.category().slug().equals(slug)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static List<String> categories(List<Candidate> order) {
        return order.stream().map(c -> c.category().slug()).toList();
    }

    /**
     * Whether {@code middle} can be ordered between {@code first} and {@code last} (either may be null) so that no
     * restricted category follows itself: exhaustive search over category counts.
     */
    static boolean arrangeable(List<Candidate> middle, Category first, Category last, Set<Category> restricted) {
        int free = Category.values().length;
        int[] counts = new int[free + 1];
        for (Candidate c : middle) {
            counts[restricted.contains(c.category()) ? c.category().ordinal() : free]++;
        }
        int start = first != null && restricted.contains(first) ? first.ordinal() : -1;
        int end = last != null && restricted.contains(last) ? last.ordinal() : -1;
        return arrangeable(counts, start, end, new HashMap<>());
    }

    private static boolean arrangeable(int[] counts, int previous, int end, Map<String, Boolean> memo) {
        if (IntStream.of(counts).sum() == 0) {
            return end < 0 || end != previous;
        }
        String key = java.util.Arrays.toString(counts) + previous;
        Boolean known = memo.get(key);
        if (known != null) {
            return known;
        }
        boolean result = false;
        int free = counts.length - 1;
        for (int i = 0; i < counts.length && !result; i++) {
            if (counts[i] > 0 && (i == free || i != previous)) {
                counts[i]--;
                result = arrangeable(counts, i == free ? -1 : i, end, memo);
                counts[i]++;
            }
        }
        memo.put(key, result);
        return result;
    }

    /** The eligibility rule restated: rank order, one piece per contributor, at most N per category. */
    private static List<Candidate> eligible(List<Candidate> candidates, PlanningRules rules) {
        Set<String> contributors = new HashSet<>();
        Map<String, Integer> perCategory = new HashMap<>();
        List<Candidate> eligible = new ArrayList<>();
        for (Candidate c : candidates.stream().sorted(RANK).toList()) {
            if (rules.onePiecePerContributor() && !contributors.add(c.contributor())) {
                continue;
            }
            int n = perCategory.merge(c.category().slug(), 1, Integer::sum);
            if (n > rules.maxPerCategory().getOrDefault(c.category().slug(), Integer.MAX_VALUE)) {
                continue;
            }
            eligible.add(c);
        }
        return eligible;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSameWeekInAnyOrderGivesTheSamePlan(long seed) {
        Week week = randomWeek(seed);
        List<Candidate> shuffled = new ArrayList<>(week.candidates());
        Collections.shuffle(shuffled, new Random(seed * 31));

        Object first = planOrMessage(week.candidates(), week);
        Object second = planOrMessage(shuffled, week);

        assertThat(second).isEqualTo(first);
    }

    private static Object planOrMessage(List<Candidate> candidates, Week week) {
        try {
            return new EpisodePlanner().plan(candidates, week.rules(), week.runtime(), FPS);
        } catch (PlanningException e) {
            return e.getMessage();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Examples
    // ---------------------------------------------------------------------------------------------------------

    private static Candidate fixed(String id, Category category, String contributor, int minute, long frames) {
        return new Candidate(id, category, contributor, MONDAY.plusSeconds(60L * minute), false, frames, frames,
                Math.min(frames, 90));
    }

    private static Candidate still(String id, String contributor, int minute) {
        return new Candidate(id, Category.PHOTOGRAPHY, contributor, MONDAY.plusSeconds(60L * minute), true, 180, 420, 180);
    }

    @Test
    void aTypicalWeekFillsTenMinutesExactly() {
        // given: 8 films and talks of 65 s, two photos and a little thing of 30 s (17250 frames between intro and outro)
        List<Candidate> candidates = new ArrayList<>();
        Category[] kinds = {Category.FILMED_LIFE, Category.TALKING_LIFE, Category.FILMED_PROCESS, Category.ANIMATION,
                Category.TALKING_PROCESS, Category.FILMED_LIFE, Category.ANIMATION, Category.FILMED_PROCESS};
        for (int i = 0; i < kinds.length; i++) {
            candidates.add(fixed("f" + i, kinds[i], "film-" + i, i, 1950));
        }
        candidates.add(still("s1", "photo-1", 20));
        candidates.add(still("s2", "photo-2", 21));
        candidates.add(fixed("lt", Category.LITTLE_THING, "little", 22, 900));

        // when
        EpisodePlanner.Plan plan = new EpisodePlanner().plan(candidates, showRules(true), 18000, FPS);

        // then: 8 * 1950 + 900 = 16500 fixed frames; the two photos share the other 750 equally
        assertThat(plan.frames()).isEqualTo(17250);
        assertThat(plan.pieces()).extracting(p -> p.candidate().id() + "=" + p.frames())
                .contains("s1=375", "s2=375", "lt=900", "f0=1950");
        // someone talking opens, the little thing closes, and the photos are apart
        assertThat(plan.pieces().get(0).candidate().id()).isEqualTo("f1");
        assertThat(plan.pieces().get(plan.pieces().size() - 1).candidate().id()).isEqualTo("lt");
        List<String> order = plan.pieces().stream().map(p -> p.candidate().id()).toList();
        assertThat(Math.abs(order.indexOf("s1") - order.indexOf("s2"))).isGreaterThan(1);
        assertThat(plan.leftOut()).isEmpty();
    }

    @Test
    void aFixedPieceIsBroughtBackCutAtItsTailWhenNothingElseFills() {
        // given: six films of 90 s fill 16200 of 17250 frames; the seventh (2000) does not fit whole
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(fixed("f" + i, Category.FILMED_LIFE, "c" + i, i, 2700));
        }
        candidates.add(fixed("late", Category.FILMED_PROCESS, "c9", 30, 2000));

        // when
        EpisodePlanner.Plan plan = new EpisodePlanner().plan(candidates, showRules(true), 18000, FPS);

        // then: it is used for exactly the 1050 frames left
        assertThat(plan.pieces()).extracting(p -> p.candidate().id() + "=" + p.frames())
                .contains("late=1050").hasSize(7);
        assertThat(plan.frames()).isEqualTo(17250);
        assertThat(plan.leftOut()).isEmpty();
    }

    @Test
    void aCutBelowTheTrimFloorIsNotMade() {
        // given: the gap is 50 frames but no piece may be cut below 90
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(fixed("f" + i, Category.FILMED_LIFE, "c" + i, i, 2700));
        }
        candidates.add(fixed("g", Category.FILMED_LIFE, "c7", 7, 1000));
        candidates.add(fixed("late", Category.FILMED_PROCESS, "c9", 30, 2000));

        // when: 16200 + 1000 = 17200 is 50 short, and 'late' cannot be cut to 50 ...
        EpisodePlanner.Plan plan = new EpisodePlanner().plan(candidates, showRules(true), 18000, FPS);

        // then ... so 'g' is left out and 'late' is cut at its tail to 1050 instead: exact, no cut below the floor
        assertThat(plan.frames()).isEqualTo(17250);
        assertThat(plan.pieces()).extracting(p -> p.candidate().id()).doesNotContain("g").contains("late");
        assertThat(plan.pieces()).filteredOn(p -> p.candidate().id().equals("late")).singleElement()
                .satisfies(p -> assertThat(p.frames()).isEqualTo(1050));
        assertThat(plan.leftOut()).anyMatch(note -> note.startsWith("g: left out so that the others meet the runtime"));
    }

    @Test
    void whenNoChoiceMeetsTheRuntimeTheFirstShortfallIsReported() {
        // given: six full pieces and one that may not be cut at all (its trim floor is its length)
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            candidates.add(fixed("f" + i, Category.FILMED_LIFE, "c" + i, i, 2700));
        }
        candidates.add(new Candidate("g", Category.FILMED_PROCESS, "c7", java.time.Instant.EPOCH.plusSeconds(7), false,
                1000, 1000, 1000));

        // when / then: 16200 + 1000 = 17200, 50 frames short, and nothing can stretch or be cut
        assertThatThrownBy(() -> new EpisodePlanner().plan(candidates, showRules(true), 18000, FPS))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("runtime")
                .hasMessageContaining("50 frames (1.7 s) short");
    }

    @Test
    void tooLittleMaterialSaysHowManyFramesAreMissing() {
        // given: two photos can last 2 * 14 s = 840 frames of the 17250 needed
        List<Candidate> candidates = List.of(still("s1", "a", 0), still("s2", "b", 1));

        // when
        PlanningException e = catchThrowableOfType(() -> new EpisodePlanner().plan(candidates, showRules(true), 18000, FPS),
                PlanningException.class);

        // then
        assertThat(e.getMessage()).startsWith("runtime:").contains("at most 840 of the 17250 frames")
                .contains("16410 frames (547.0 s) short");
    }

    @Test
    void anEmptyWeekCannotBePlanned() {
        assertThatThrownBy(() -> new EpisodePlanner().plan(List.of(), showRules(true), 18000, FPS))
                .isInstanceOf(PlanningException.class)
                .hasMessageContaining("17250 frames (575.0 s) short");
    }

    @Test
    void restrictedCategoriesAreSeparatedEvenWhenTheBestRankedPieceIsNot() {
        // given: a film approved first, then two photos; photos must not follow each other
        List<Candidate> candidates = List.of(
                fixed("film", Category.FILMED_LIFE, "a", 0, 600),
                new Candidate("photo1", Category.PHOTOGRAPHY, "b", MONDAY.plusSeconds(60), true, 180, 420, 180),
                new Candidate("photo2", Category.PHOTOGRAPHY, "c", MONDAY.plusSeconds(120), true, 180, 420, 180));
        PlanningRules rules = new PlanningRules(0, 0, 90, 2700, 180, 420, 140, 360, 2250, Map.of(), true,
                List.of("photography"), List.of(), List.of());

        // when
        EpisodePlanner.Plan plan = new EpisodePlanner().plan(candidates, rules, 1200, FPS);

        // then: the only order without two photos in a row
        assertThat(plan.pieces()).extracting(p -> p.candidate().id()).containsExactly("photo1", "film", "photo2");
    }

    static Stream<Arguments> orders() {
        // rows: categories in rank order, notBackToBack, openWith, closeWith -> expected order (as indexes into the rank)
        return Stream.of(
                // the best-ranked piece is held back so the two photos can be apart
                Arguments.of("filmed-life photography photography", "photography", "", "", "1 0 2"),
                // the closer is a photo: the other photo must not be the last before it
                Arguments.of("photography photography filmed-life", "photography", "", "photography", "1 2 0"),
                // the opener is a photo: the film goes between
                Arguments.of("photography photography filmed-life", "photography", "photography", "", "0 2 1"),
                // opener and closer both photos (the two best-ranked), the third photo goes in the middle
                Arguments.of("photography photography photography filmed-life talking-life", "photography", "photography",
                        "photography", "0 3 2 4 1"),
                // two restricted categories interleave
                Arguments.of("writing writing music music filmed-life", "writing music", "", "", "0 2 1 3 4"),
                // unrestricted categories may repeat but are spread when they can be
                Arguments.of("filmed-life filmed-life talking-life", "photography", "", "", "0 2 1"),
                // the rank order is kept when nothing needs to move
                Arguments.of("filmed-life photography talking-life writing", "photography writing", "", "", "0 1 2 3"),
                // every category restricted ("never the same twice in a row")
                Arguments.of("music music music animation animation", "music animation", "", "", "0 3 1 4 2"));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("orders")
    void ordersPiecesWithoutAvoidableRepeats(String ranked, String notBackToBack, String openWith, String closeWith,
                                             String expected) {
        // given pieces ranked by approval in the order written
        String[] slugs = ranked.split(" ");
        List<Candidate> chosen = new ArrayList<>();
        for (int i = 0; i < slugs.length; i++) {
            chosen.add(new Candidate("p" + i, Category.fromSlug(slugs[i]), "c" + i, MONDAY.plusSeconds(i), false, 300, 300, 90));
        }
        PlanningRules rules = new PlanningRules(0, 0, 90, 2700, 180, 420, 140, 360, 2250, Map.of(), true,
                words(notBackToBack), words(openWith), words(closeWith));
        Collections.shuffle(chosen, new Random(3));

        // when
        List<Candidate> order = EpisodePlanner.order(chosen, rules);

        // then
        assertThat(order).extracting(c -> c.id().substring(1)).containsExactly(expected.split(" "));
    }

    @Test
    void orderAvoidsRepeatsWheneverAnyOrderCould() {
        // property: over thousands of small seeded line-ups, the order is checked against an exhaustive search
        Random random = new Random(99);
        Category[] pool = {Category.PHOTOGRAPHY, Category.WRITING, Category.MUSIC, Category.FILMED_LIFE,
                Category.TALKING_LIFE, Category.LITTLE_THING};
        for (int round = 0; round < 3000; round++) {
            List<Candidate> chosen = new ArrayList<>();
            int n = 1 + random.nextInt(10);
            for (int i = 0; i < n; i++) {
                chosen.add(new Candidate("p" + i, pool[random.nextInt(pool.length)], "c" + i, MONDAY.plusSeconds(random.nextInt(5)),
                        false, 300, 300, 90));
            }
            List<String> restricted = Stream.of(pool).filter(c -> random.nextBoolean()).map(Category::slug).toList();
            List<String> open = random.nextBoolean() ? List.of(pool[random.nextInt(pool.length)].slug()) : List.of();
            List<String> close = random.nextBoolean() ? List.of(pool[random.nextInt(pool.length)].slug()) : List.of();
            PlanningRules rules = new PlanningRules(0, 0, 90, 2700, 180, 420, 140, 360, 2250, Map.of(), false,
                    restricted, open, close);

            List<Candidate> order = EpisodePlanner.order(chosen, rules);

            assertThat(order).as("round %d", round).containsExactlyInAnyOrderElementsOf(chosen);
            assertOrder(order, rules);
        }
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.split(" "));
    }

    @Test
    void contributorsAndCategoriesAreCappedInRankOrder() {
        // given: the same contributor twice, and two music pieces where only one is allowed
        List<Candidate> candidates = List.of(
                fixed("a1", Category.FILMED_LIFE, "ann", 0, 8000),
                fixed("a2", Category.FILMED_LIFE, "ann", 1, 8000),
                fixed("m1", Category.MUSIC, "bob", 2, 4625),
                fixed("m2", Category.MUSIC, "cat", 3, 4625),
                fixed("x", Category.ANIMATION, "dan", 4, 4625));

        // when
        EpisodePlanner.Plan plan = new EpisodePlanner().plan(candidates, showRules(true), 18000, FPS);

        // then
        assertThat(plan.pieces()).extracting(p -> p.candidate().id()).containsExactlyInAnyOrder("a1", "m1", "x");
        assertThat(plan.leftOut()).anySatisfy(r -> assertThat(r).startsWith("a2: ann already has a piece"))
                .anySatisfy(r -> assertThat(r).startsWith("m2: more than 1 music pieces"));
        // music closes the episode
        assertThat(plan.pieces().get(2).candidate().id()).isEqualTo("m1");
    }

    // ---------------------------------------------------------------------------------------------------------
    // distribute
    // ---------------------------------------------------------------------------------------------------------

    static Stream<Arguments> distributions() {
        return Stream.of(
                // nothing to add: everyone stays at the minimum
                Arguments.of(List.of(range(180, 420), range(180, 420)), 360L),
                // everything to add: everyone at the maximum
                Arguments.of(List.of(range(180, 420), range(360, 2250)), 2670L),
                // an amount integer division cannot split: remainders go one frame each
                Arguments.of(List.of(range(180, 420), range(180, 420), range(180, 420)), 541L),
                Arguments.of(List.of(range(180, 420), range(180, 420), range(180, 420)), 542L),
                // mixed room: proportional shares plus a remainder
                Arguments.of(List.of(range(180, 420), range(360, 2250), range(400, 401), range(10, 17)), 2000L),
                // pieces without room (min == max) take nothing extra
                Arguments.of(List.of(range(300, 300), range(180, 181)), 481L),
                // seven pieces with prime-sized rooms
                Arguments.of(List.of(range(0, 7), range(0, 11), range(0, 13), range(0, 17), range(0, 19), range(0, 23),
                        range(0, 29)), 101L),
                // one elastic piece takes all of it
                Arguments.of(List.of(range(360, 2250)), 1234L));
    }

    private static long[] range(long min, long max) {
        return new long[] {min, max};
    }

    @ParameterizedTest(name = "[{index}] {1} frames")
    @MethodSource("distributions")
    void distributeGivesExactlyTheNeededFramesWithinBounds(List<long[]> ranges, long need) {
        // given
        List<Candidate> elastic = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            elastic.add(new Candidate("e" + i, Category.PHOTOGRAPHY, "c" + i, MONDAY, true, ranges.get(i)[0],
                    ranges.get(i)[1], ranges.get(i)[0]));
        }
        long elasticMin = elastic.stream().mapToLong(Candidate::minFrames).sum();
        long room = elastic.stream().mapToLong(c -> c.maxFrames() - c.minFrames()).sum();
        Map<String, Long> lengths = new LinkedHashMap<>();

        // when
        EpisodePlanner.distribute(elastic, need, elasticMin, lengths);

        // then
        assertThat(lengths.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(need);
        for (Candidate c : elastic) {
            long length = lengths.get(c.id());
            assertThat(length).as(c.id()).isBetween(c.minFrames(), c.maxFrames());
            // proportional to the room: within one frame of the exact share
            double exact = c.minFrames() + (need - elasticMin) * (double) (c.maxFrames() - c.minFrames()) / room;
            assertThat((double) length).as(c.id()).isBetween(Math.floor(exact), Math.floor(exact) + 1);
        }
    }

    @Test
    void distributeOverManySeededCases() {
        Random random = new Random(42);
        for (int round = 0; round < 2000; round++) {
            int n = 1 + random.nextInt(12);
            List<Candidate> elastic = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long min = random.nextInt(600);
                elastic.add(new Candidate("e" + i, Category.WRITING, "c" + i, MONDAY, true, min, min + random.nextInt(2000), min));
            }
            long min = elastic.stream().mapToLong(Candidate::minFrames).sum();
            long max = elastic.stream().mapToLong(Candidate::maxFrames).sum();
            long need = min + (long) (random.nextDouble() * (max - min + 1));
            need = Math.min(need, max);
            Map<String, Long> lengths = new HashMap<>();

            EpisodePlanner.distribute(elastic, need, min, lengths);

            assertThat(lengths.values().stream().mapToLong(Long::longValue).sum()).as("round %d", round).isEqualTo(need);
            for (Candidate c : elastic) {
                assertThat(lengths.get(c.id())).as("round %d %s", round, c.id()).isBetween(c.minFrames(), c.maxFrames());
            }
        }
    }
}
