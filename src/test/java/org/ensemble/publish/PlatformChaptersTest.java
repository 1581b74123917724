package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ensemble.episode.Category;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionList.EventKind;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.plan.Candidate;
import org.ensemble.plan.EpisodePlanner;
import org.ensemble.plan.Plan;
import org.ensemble.show.PlanningRules;
import org.junit.jupiter.api.Test;

/**
 * A show that asks for chapters platforms take (chapterMinSeconds: 10) gets them from the planner: a week whose
 * photos would be planned at 7.7 s (the demo's) is planned with every chapter at least 10 s, and the manifest's
 * check (YouTube: at least 3, the first at 00:00, each at least 10 s) passes.
 */
class PlatformChaptersTest {

    static final int FPS = 30;
    static final long RUNTIME = 18_000;
    static final Instant MONDAY = Instant.parse("2026-11-23T09:00:00Z");

    /** create-together's rules at 30 fps: intro 10 s, credits 15 s, photos 6-14 s, writing 12-75 s. */
    static PlanningRules rules(long chapterMinFrames) {
        return new PlanningRules(300, 450, 90, 2700, 180, 420, 140, 360, 2250, Map.of(), true, List.of(), List.of(), List.of())
                .withChapterMinFrames(chapterMinFrames);
    }

    /** Five 90 s films, one of 84.5 s, a poem and two photos: the films leave the photos about 7.7 s each. */
    static List<Candidate> week() {
        List<Candidate> week = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            week.add(Candidate.fixed("film-" + i, Category.FILMED_LIFE, "Filmmaker " + i, 2700, MONDAY.plusSeconds(i)));
        }
        week.add(Candidate.fixed("film-6", Category.TALKING_LIFE, "Talker", 2536, MONDAY.plusSeconds(6)));
        week.add(Candidate.elastic("poem", Category.WRITING, "Poet", 360, 2250, MONDAY.plusSeconds(7)));
        week.add(Candidate.elastic("photo-1", Category.PHOTOGRAPHY, "Photographer 1", 180, 420, MONDAY.plusSeconds(8)));
        week.add(Candidate.elastic("photo-2", Category.PHOTOGRAPHY, "Photographer 2", 180, 420, MONDAY.plusSeconds(9)));
        return week;
    }

    @Test
    void aWeekWhosePhotosWouldLastUnderTenSecondsIsPlannedWithEveryChapterAtLeastTen() {
        // given the week planned without a chapter minimum: the photos last under 10 s and YouTube would ignore the list
        PlanningRules loose = rules(0);
        EditDecisionList before = edl(new EpisodePlanner().plan(week(), loose, RUNTIME), loose);
        assertThat(before.pieces()).filteredOn(e -> e.pieceId().startsWith("photo")).allMatch(e -> e.frames() < 300);
        assertThat(Chapters.youtubeProblems(Chapters.of(before, 0), FPS)).anyMatch(p -> p.contains("Photographer"));

        // when the show asks for platform chapters
        PlanningRules platform = rules(300);
        Plan plan = new EpisodePlanner().plan(week(), platform, RUNTIME);
        EditDecisionList edl = edl(plan, platform);

        // then the same pieces last the runtime, every event is a chapter of at least 10 s, and YouTube takes the list
        assertThat(plan.ok()).as(plan.violations().toString()).isTrue();
        assertThat(edl.totalFrames()).isEqualTo(RUNTIME);
        assertThat(edl.pieces()).extracting(EditDecisionList.Event::pieceId)
                .containsExactlyInAnyOrderElementsOf(before.pieces().stream().map(EditDecisionList.Event::pieceId).toList());
        List<Chapters.Chapter> chapters = Chapters.of(edl, platform.chapterMinFrames());
        assertThat(chapters).hasSize(edl.events().size());
        assertThat(chapters).allMatch(c -> Chapters.seconds(c, FPS) >= 10);
        assertThat(Chapters.youtubeProblems(chapters, FPS)).isEmpty();
        System.out.println("chapter lengths (frames): " + chapters.stream().map(Chapters.Chapter::frames).toList()
                + "; photos before: " + before.pieces().stream().filter(e -> e.pieceId().startsWith("photo")).map(EditDecisionList.Event::frames).toList());
    }

    @Test
    void aPieceTooShortForAChapterIsStillPlannedAndSharesAChapter() {
        // a 5 s film cannot be lengthened: it is planned as it is, and its chapter is shared with a neighbour
        List<Candidate> week = new ArrayList<>(week());
        week.set(5, Candidate.fixed("film-6", Category.TALKING_LIFE, "Talker", 150, MONDAY.plusSeconds(6)));
        PlanningRules platform = rules(300);

        Plan plan = new EpisodePlanner().plan(week, platform, RUNTIME);
        EditDecisionList edl = edl(plan, platform);

        assertThat(edl.pieces()).extracting(EditDecisionList.Event::pieceId).contains("film-6");
        assertThat(edl.pieces()).filteredOn(e -> e.pieceId().startsWith("photo")).allMatch(e -> e.frames() >= 300);
        List<Chapters.Chapter> chapters = Chapters.of(edl, platform.chapterMinFrames());
        assertThat(chapters).hasSize(edl.events().size() - 1);
        assertThat(Chapters.youtubeProblems(chapters, FPS)).isEmpty();
    }

    private static EditDecisionList edl(Plan plan, PlanningRules rules) {
        List<EditDecisionList.Event> events = new ArrayList<>();
        long at = 0;
        events.add(new EditDecisionList.Event(1, EventKind.INTRO, "intro", null, null, null, "Intro", null, 0, at, rules.introFrames()));
        at += rules.introFrames();
        int n = 2;
        for (Plan.Placement p : plan.placements()) {
            events.add(new EditDecisionList.Event(n++, EventKind.PIECE, p.candidate().id(), p.candidate().category().slug(),
                    p.candidate().contributor(), null, p.candidate().id(), null, p.trimIn(), at, p.frames()));
            at += p.frames();
        }
        events.add(new EditDecisionList.Event(n, EventKind.OUTRO, "outro", null, null, null, "Credits", null, 0, at, rules.outroFrames()));
        return new EditDecisionList(new EpisodeKey("create-together", LocalDate.of(2026, 11, 30)), 1, FPS, "T", Instant.EPOCH, "t", "r",
                events);
    }
}
