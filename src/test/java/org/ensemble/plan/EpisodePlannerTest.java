package org.ensemble.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.ensemble.episode.Category;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessTarget;
import org.ensemble.show.PlanningRules;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The planner on hand-made weeks: each override, cut points, freshness, impossible weeks, the checker, determinism. */
class EpisodePlannerTest {

    static final Instant MONDAY = Weeks.MONDAY;
    /** no pacing rules: these weeks test one thing each */
    static final PlanningRules PLAIN = Weeks.rules(0, Map.of(), Map.of(), Map.of(), Map.of(), true, List.of(), List.of(), List.of());
    /** 3000 frames between intro (300) and outro (450) */
    static final long RUNTIME = 3750;

    static Candidate fixed(String id, Category category, String who, long frames, int hour) {
        return Candidate.fixed(id, category, who, frames, MONDAY.plusSeconds(3600L * hour));
    }

    static Candidate still(String id, String who, int hour) {
        return Candidate.elastic(id, Category.PHOTOGRAPHY, who, 180, 420, MONDAY.plusSeconds(3600L * hour));
    }

    /** v1 + v2 + v3 + v4 = 3900: they cannot all go in; the stills and writing make up any difference. */
    static List<Candidate> week() {
        return List.of(
                fixed("v1", Category.TALKING_LIFE, "a", 1200, 1),
                fixed("v2", Category.FILMED_LIFE, "b", 1200, 2),
                fixed("v3", Category.FILMED_PROCESS, "c", 900, 3),
                fixed("v4", Category.ANIMATION, "d", 600, 4),
                still("s1", "e", 5),
                Candidate.elastic("w1", Category.WRITING, "f", 360, 900, MONDAY.plusSeconds(3600L * 6)),
                fixed("old", Category.LITTLE_THING, "g", 600, 0).withAiredBefore(true));
    }

    static List<String> ids(Plan plan) {
        return plan.placements().stream().map(p -> p.candidate().id()).toList();
    }

    static Plan.Placement placement(Plan plan, String id) {
        return plan.placements().stream().filter(p -> p.candidate().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void fillsTheRuntimeToTheFrameWithTheBestSetAndLeavesOutWhatAiredBefore() {
        // when
        Plan plan = new EpisodePlanner().plan(week(), PLAIN, RUNTIME);

        // then: no five pieces fit (any three videos and both elastic pieces need 3240 frames or more), four do;
        // the aired piece is not used, and the plan is proved best
        assertThat(plan.violations()).isEmpty();
        assertThat(plan.frames()).isEqualTo(3000);
        assertThat(ids(plan)).doesNotContain("old").hasSize(4);
        assertThat(plan.leftOut()).anySatisfy(r -> assertThat(r).startsWith("old: aired in an earlier episode"));
        assertThat(plan.provedOptimal()).isTrue();
        assertThat(plan.upperBound()).isEqualTo(plan.score());
        Plan.Placement s1 = placement(plan, "s1");
        assertThat(s1.frames()).isBetween(180L, 420L);
    }

    @Test
    void aPinnedPieceIsInEvenIfItAiredBefore() {
        Plan plan = new EpisodePlanner().plan(week(), PLAIN, RUNTIME, EditorOverrides.NONE.withPinned("old"));

        assertThat(plan.violations()).isEmpty();
        assertThat(ids(plan)).contains("old");
        assertThat(plan.frames()).isEqualTo(3000);
    }

    @Test
    void anExcludedPieceIsOut() {
        Plan plain = new EpisodePlanner().plan(week(), PLAIN, RUNTIME);
        assertThat(ids(plain)).contains("v1");

        Plan plan = new EpisodePlanner().plan(week(), PLAIN, RUNTIME, EditorOverrides.NONE.withExcluded("v1"));

        assertThat(plan.violations()).isEmpty();
        assertThat(ids(plan)).doesNotContain("v1");
        assertThat(plan.leftOut()).contains("v1: excluded by an editor");
        assertThat(plan.frames()).isEqualTo(3000);
    }

    @Test
    void aForcedOrderIsKeptAndItsPiecesAreIn() {
        Plan plan = new EpisodePlanner().plan(week(), PLAIN, RUNTIME, EditorOverrides.NONE.withOrder("w1", "v3", "v1"));

        assertThat(plan.violations()).isEmpty();
        List<String> ids = ids(plan);
        assertThat(ids).contains("w1", "v3", "v1");
        assertThat(ids.indexOf("w1")).isLessThan(ids.indexOf("v3"));
        assertThat(ids.indexOf("v3")).isLessThan(ids.indexOf("v1"));
    }

    @Test
    void anEditorsTrimCutsThePieceThereAndNowhereElse() {
        Plan plan = new EpisodePlanner().plan(week(), PLAIN, RUNTIME, EditorOverrides.NONE.withTrim("v2", 100, 700).withPinned("v2"));

        assertThat(plan.violations()).isEmpty();
        Plan.Placement v2 = placement(plan, "v2");
        assertThat(v2.trimIn()).isEqualTo(100);
        assertThat(v2.frames()).isEqualTo(600);
        assertThat(plan.frames()).isEqualTo(3000);
    }

    @Test
    void aReplacementTakesThePlaceOfThePieceItReplaces() {
        EditorOverrides overrides = EditorOverrides.NONE.withOrder("v1", "v4").withReplacement("v1", "old");

        Plan plan = new EpisodePlanner().plan(week(), PLAIN, RUNTIME, overrides);

        assertThat(plan.violations()).isEmpty();
        List<String> ids = ids(plan);
        assertThat(ids).doesNotContain("v1").contains("old", "v4");
        assertThat(ids.indexOf("old")).isLessThan(ids.indexOf("v4"));
        assertThat(plan.leftOut()).contains("v1: replaced by old (an editor's decision)");
    }

    @Test
    void editorialPriorityWinsOverWaitingLonger() {
        PlanningRules oneAnimation = Weeks.rules(0, Map.of("animation", 1), Map.of(), Map.of(), Map.of(), true,
                List.of(), List.of(), List.of());
        List<Candidate> week = List.of(fixed("early", Category.ANIMATION, "a", 1500, 1), fixed("late", Category.ANIMATION, "b", 1500, 9),
                fixed("v", Category.FILMED_LIFE, "c", 1500, 2));

        assertThat(ids(new EpisodePlanner().plan(week, oneAnimation, RUNTIME))).contains("early").doesNotContain("late");
        Plan plan = new EpisodePlanner().plan(week, oneAnimation, RUNTIME, EditorOverrides.NONE.withPriority("late", 1));
        assertThat(ids(plan)).contains("late").doesNotContain("early");
        assertThat(plan.violations()).isEmpty();
    }

    @Test
    void aFixedPieceIsCutOnlyAtAnAllowedPoint() {
        // 1000 + 1200 overruns 2000; v1 may be cut at its scene cut (800), and that fits exactly
        List<Candidate> week = List.of(fixed("v1", Category.TALKING_LIFE, "a", 1000, 1).withCutPoints(List.of(500L, 800L)),
                fixed("v2", Category.FILMED_LIFE, "b", 1200, 2));

        Plan plan = new EpisodePlanner().plan(week, PLAIN, 2750);

        assertThat(plan.violations()).isEmpty();
        assertThat(placement(plan, "v1").frames()).isEqualTo(800);
        assertThat(placement(plan, "v2").frames()).isEqualTo(1200);

        // with no cut at 800, no set fills 2000 exactly: the closest plan misses by the smallest amount (200 frames)
        List<Candidate> noCut = List.of(week.get(0).withCutPoints(List.of(500L)), week.get(1));
        Plan closest = new EpisodePlanner().plan(noCut, PLAIN, 2750);
        assertThat(closest.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("runtime");
            assertThat(v.by()).isEqualTo(200);
        });
    }

    @Test
    void tooLittleMaterialGivesTheClosestPlanAndTheExactShortfall() {
        // two stills of at most 420 frames cannot fill 3000
        Plan plan = new EpisodePlanner().plan(List.of(still("s1", "a", 1), still("s2", "b", 2)), PLAIN, RUNTIME);

        assertThat(plan.placements()).extracting(Plan.Placement::frames).containsExactly(420L, 420L);
        assertThat(plan.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("runtime");
            assertThat(v.expected()).isEqualTo(RUNTIME);
            assertThat(v.actual()).isEqualTo(300 + 840 + 450);
            assertThat(v.by()).isEqualTo(3000 - 840);
            assertThat(v.message()).contains("2160 frames short");
        });
    }

    @Test
    void aPinAgainstARuleIsKeptAndTheRuleReported() {
        List<Candidate> week = List.of(fixed("a1", Category.TALKING_LIFE, "ann", 1500, 1), fixed("a2", Category.FILMED_LIFE, "ann", 1500, 2),
                fixed("b1", Category.ANIMATION, "ben", 1500, 3));

        Plan plan = new EpisodePlanner().plan(week, PLAIN, RUNTIME, EditorOverrides.NONE.withPinned("a1", "a2"));

        assertThat(ids(plan)).containsExactlyInAnyOrder("a1", "a2");
        assertThat(plan.violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo("onePiecePerContributor");
            assertThat(v.by()).isEqualTo(1);
        });
    }

    @Test
    void pacingRulesOrderThePiecesOrSayWhyNot() {
        PlanningRules pacing = Weeks.rules(0, Map.of(), Map.of(), Map.of(), Map.of(), true, List.of("photography"),
                List.of("talking-life"), List.of("little-thing"));
        List<Candidate> week = List.of(still("s1", "a", 1), still("s2", "b", 2), fixed("t", Category.TALKING_LIFE, "c", 900, 3),
                fixed("f", Category.FILMED_LIFE, "d", 900, 4), fixed("l", Category.LITTLE_THING, "e", 600, 5));

        Plan plan = new EpisodePlanner().plan(week, pacing, 300 + 450 + 3000);

        assertThat(plan.violations()).isEmpty();
        List<String> ids = ids(plan);
        assertThat(ids.get(0)).isEqualTo("t");
        assertThat(ids.get(ids.size() - 1)).isEqualTo("l");
        assertThat(Math.abs(ids.indexOf("s1") - ids.indexOf("s2"))).isGreaterThan(1);

        // three stills and nothing to put between them: the closest plan still lasts the runtime, and says which
        // rule it breaks
        List<Candidate> stills = List.of(still("s1", "a", 1), still("s2", "b", 2), still("s3", "c", 3));
        PlanningRules onlyPacing = Weeks.rules(0, Map.of(), Map.of(), Map.of(), Map.of(), true, List.of("photography"),
                List.of(), List.of());
        Plan broken = new EpisodePlanner().plan(stills, onlyPacing, 300 + 450 + 900);
        assertThat(broken.violations()).extracting(RuleViolation::rule).containsExactly("notBackToBack", "notBackToBack");
        assertThat(broken.frames()).isEqualTo(900);
    }

    @Test
    void theCheckerJudgesAnEditedListOfPieces() {
        // an editor's EDL: v1 cut where it has no cut, two stills back to back, 10 frames short
        PlanningRules pacing = Weeks.rules(0, Map.of(), Map.of(), Map.of(), Map.of(), true, List.of("photography"),
                List.of(), List.of());
        List<Candidate> week = List.of(fixed("v1", Category.TALKING_LIFE, "a", 1000, 1).withCutPoints(List.of(800L)),
                still("s1", "b", 2), still("s2", "c", 3));
        List<PlannedPiece> edited = List.of(new PlannedPiece("v1", 790, 0), new PlannedPiece("s1", 400, 0),
                new PlannedPiece("s2", 400, 0));

        PlanCheck check = PlanChecker.check(edited, week, pacing, 300 + 450 + 1600, EditorOverrides.NONE);

        assertThat(check.ok()).isFalse();
        assertThat(check.violations()).extracting(RuleViolation::rule, RuleViolation::by)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("cutPoints", 10L),
                        org.assertj.core.groups.Tuple.tuple("notBackToBack", 1L),
                        org.assertj.core.groups.Tuple.tuple("runtime", 10L));
        // the same list, fixed: no violations
        List<PlannedPiece> fixedList = List.of(new PlannedPiece("s1", 400, 0), new PlannedPiece("v1", 800, 0),
                new PlannedPiece("s2", 400, 0));
        assertThat(PlanChecker.check(fixedList, week, pacing, 300 + 450 + 1600, EditorOverrides.NONE).ok()).isTrue();
    }

    @Test
    void sameInputsGiveTheSameEdlByteForByteInWhateverOrderTheyCome() {
        Weeks.Week week = Weeks.week(7, 400, 200);
        List<Candidate> shuffled = new ArrayList<>(week.candidates());
        Collections.shuffle(shuffled, new Random(3));
        EditorOverrides overrides = EditorOverrides.NONE.withExcluded(week.candidates().get(0).id())
                .withPriority(week.candidates().get(5).id(), 2);

        Plan first = new EpisodePlanner().plan(week.candidates(), week.rules(), week.runtime(), overrides);
        Plan second = new EpisodePlanner().plan(shuffled, week.rules(), week.runtime(), overrides);

        JsonMapper json = JsonMapper.builder().findAndAddModules().build();
        assertThat(first.violations()).isEmpty();
        assertThat(json.writeValueAsString(second)).isEqualTo(json.writeValueAsString(first));
        String edl1 = json.writeValueAsString(edl(first, week.candidates()));
        String edl2 = json.writeValueAsString(edl(second, shuffled));
        assertThat(edl2).isEqualTo(edl1);
        assertThat(edl(first, week.candidates()).totalFrames()).isEqualTo(week.runtime());
    }

    static org.ensemble.episode.EditDecisionList edl(Plan plan, List<Candidate> candidates) {
        EpisodeKey episode = new EpisodeKey("create-together", LocalDate.of(2026, 11, 30));
        Map<String, Contribution> byId = new HashMap<>();
        for (Candidate c : candidates) {
            MediaKind kind = c.elastic() ? MediaKind.STILL : MediaKind.VIDEO;
            byId.put(c.id(), new Contribution(episode, c.id(), 1, c.contributor(), "Somewhere", c.category(), "Title " + c.id(),
                    c.id() + ".mp4", null, c.approvedAt(), 0, 0, c.sha256(), 1, "video/mp4", kind, c.maxFrames(), 1920, 1080,
                    null, 0, Contribution.Status.ACCEPTED, null));
        }
        ShowDefinition show = new ShowDefinition("create-together", "Create Together", "", ZoneId.of("Europe/London"),
                "0 0 2 ? * SAT", DayOfWeek.MONDAY, LocalTime.of(7, 0), 18000, new LoudnessTarget(-16, -1.5, 11),
                new HouseProfile(1920, 1080, 30, "yuv420p", 48000, 2, 192), Weeks.week(7, 0, 1).rules());
        return PlanTasklet.edl(plan, byId, show, episode, 1, Instant.parse("2026-11-28T02:00:00Z"), "planner", "weekly plan");
    }
}
