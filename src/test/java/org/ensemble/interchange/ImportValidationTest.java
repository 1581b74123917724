package org.ensemble.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.Category;
import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.ImportedTimeline;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.TimelineProblem;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checks on an edited timeline, on the tiny test show (30 fps, 30 s = 900 frames; intro 90, credits 120; pieces
 * 60..240 frames; photos 90..180; writing up to 270; at most 2 photography; one piece per contributor; photography
 * and writing never back to back). Each row is one editor's mistake and the exact words they get back.
 */
class ImportValidationTest {

    static final EpisodeKey EPISODE = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));
    static final ShowDefinition SHOW = new ShowCatalog(new EnsembleSettings(Path.of("var"), Path.of("src/test/resources/jobs"),
            2, Map.of())).require("tiny-show");

    static final List<Contribution> CONTRIBUTIONS = List.of(
            // a film trimmed in the manifest: its usable source runs from frame 15 for 165 frames
            piece("v1", "Ana", Category.TALKING_LIFE, MediaKind.VIDEO, 15, 165, 0),
            piece("a1", "Ben", Category.LITTLE_THING, MediaKind.AUDIO, 0, 150, 0),
            piece("p1", "Cy", Category.PHOTOGRAPHY, MediaKind.STILL, 0, 0, 0),
            // 10 words at 200 a minute, plus two seconds: at least 150 frames on screen
            piece("w1", "Di", Category.WRITING, MediaKind.TEXT, 0, 0, 10),
            piece("p2", "Eve", Category.PHOTOGRAPHY, MediaKind.STILL, 0, 0, 0),
            piece("p3", "Gus", Category.PHOTOGRAPHY, MediaKind.STILL, 0, 0, 0),
            piece("v2", "Ana", Category.FILMED_LIFE, MediaKind.VIDEO, 0, 150, 0),
            piece("n1", "Hal", Category.MUSIC, MediaKind.AUDIO, 0, 150, 0),
            Contribution.rejected(EPISODE, "r1", 9, "fay.mp4", "the file 'fay.mp4' is a ZIP archive, not a video"));
    /** Everything accepted was conformed except n1. */
    static final Map<String, ConformedPiece> CONFORMED = CONTRIBUTIONS.stream()
            .filter(c -> c.accepted() && !c.id().equals("n1"))
            .collect(Collectors.toMap(Contribution::id, c -> new ConformedPiece(EPISODE, c.id(), "key-" + c.id(), 150, null)));

    /** intro, v1, p1, a1, w1, p2, credits: 90 + 165 + 120 + 150 + 150 + 105 + 120 = 900. */
    static final String VALID = "intro:0:90 v1:15:165 p1:0:120 a1:0:150 w1:0:150 p2:0:105 outro:0:120";

    static Contribution piece(String id, String who, Category category, MediaKind kind, long trimIn, long frames, int words) {
        return new Contribution(EPISODE, id, 1, who, "Somewhere", category, "Title " + id, id + ".file", null,
                Instant.parse("2026-11-23T10:00:00Z"), trimIn, 0, "sha-" + id, 1000, "x", kind, frames, 320, 180,
                kind == MediaKind.VIDEO || kind == MediaKind.AUDIO ? "a:0" : null, words, Contribution.Status.ACCEPTED, null);
    }

    /** Events "piece:sourceIn:frames" laid end to end from 0, numbered from 1. */
    static ImportedTimeline timeline(String spec) {
        List<ImportedTimeline.Event> events = new ArrayList<>();
        long at = 0;
        int n = 1;
        for (String e : spec.trim().split("\\s+")) {
            String[] p = e.split(":");
            long in = Long.parseLong(p[1]);
            long frames = Long.parseLong(p[2]);
            events.add(new ImportedTimeline.Event(n++, p[0], null, null, in, in + frames, at, at + frames));
            at += frames;
        }
        return new ImportedTimeline("test", events, List.of());
    }

    static ImportValidation.Result check(ImportedTimeline timeline) {
        return ImportValidation.check(SHOW, CONTRIBUTIONS, CONFORMED, timeline);
    }

    @Test
    void aValidTimelineBecomesEdlEventsWithThePiecesDetails() {
        ImportValidation.Result result = check(timeline(VALID));

        assertThat(result.problems()).isEmpty();
        EditDecisionList edl = new EditDecisionList(EPISODE, 2, 30, "t", Instant.EPOCH, "ed", "why", result.events());
        assertThat(edl.totalFrames()).isEqualTo(900);
        assertThat(edl.events()).extracting(EditDecisionList.Event::pieceId)
                .containsExactly("intro", "v1", "p1", "a1", "w1", "p2", "outro");
        EditDecisionList.Event film = edl.events().get(1);
        assertThat(film).isEqualTo(new EditDecisionList.Event(2, EditDecisionList.EventKind.PIECE, "v1", "talking-life", "Ana",
                "Somewhere", "Title v1", "v1.file", 15, 90, 165));
        assertThat(edl.events().get(0).title()).isEqualTo("Tiny Show");
        assertThat(edl.events().get(6).kind()).isEqualTo(EditDecisionList.EventKind.OUTRO);
    }

    @Test
    void aReorderedTrimmedTimelineIsAcceptedAndKeepsItsTrims() {
        // the film's head trimmed by 30 frames, the writing lengthened by 30 to keep the runtime, film and sound swapped
        ImportValidation.Result result = check(timeline("intro:0:90 a1:0:150 p1:0:120 v1:45:135 w1:0:180 p2:0:105 outro:0:120"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.events().get(3).sourceIn()).isEqualTo(45);
        assertThat(result.events().get(3).frames()).isEqualTo(135);
    }

    @Test
    void thePlannersOwnRulesRefuseTooMuchOfACategoryAndWarnOfAWrongClose(@org.junit.jupiter.api.io.TempDir Path jobs)
            throws java.io.IOException {
        // the tiny show with photos capped at 20% of the 690 frames between intro and credits: 138 frames
        java.nio.file.Files.writeString(jobs.resolve("tiny-show.yaml"), java.nio.file.Files.readString(
                Path.of("src/test/resources/jobs/tiny-show.yaml")) + "  maxSharePercent: {photography: 20}\n");
        ShowDefinition capped = new ShowCatalog(new EnsembleSettings(Path.of("var"), jobs, 2, Map.of())).require("tiny-show");

        ImportValidation.Result result = ImportValidation.check(capped, CONTRIBUTIONS, CONFORMED, timeline(VALID),
                c -> false, org.ensemble.episode.EditorOverrides.NONE);
        ImportValidation.Result uncapped = check(timeline(VALID));

        // p1 (120) and p2 (105): 225 frames of photos; ImportValidation alone knows nothing of shares
        assertThat(result.problems()).extracting(TimelineProblem::toString).containsExactly("breaks tiny-show's rule "
                + "maxSharePercent: photography fills 225 frames, 87 more than 20% of the 690 frames between intro and outro");
        assertThat(result.events()).isEmpty();
        assertThat(uncapped.problems()).isEmpty();
        // the credits follow a photo, not a little thing: the planner goes ahead with that, so the import does too
        assertThat(uncapped.warnings()).containsExactly("breaks tiny-show's rule closeWith: the last piece, p2, is "
                + "photography, not one of [little-thing]");
    }

    @Test
    void aPieceTheEditorsExcludedOrThatAiredBeforeIsRefusedUnlessPinned() {
        var excluded = org.ensemble.episode.EditorOverrides.NONE.withExcluded("a1");

        ImportValidation.Result result = ImportValidation.check(SHOW, CONTRIBUTIONS, CONFORMED, timeline(VALID),
                c -> c.id().equals("w1"), excluded);
        ImportValidation.Result pinned = ImportValidation.check(SHOW, CONTRIBUTIONS, CONFORMED, timeline(VALID),
                c -> c.id().equals("w1"), excluded.withPinned("w1"));

        assertThat(result.problems()).extracting(TimelineProblem::toString).containsExactlyInAnyOrder(
                "event 4: breaks tiny-show's rule excluded: a1 is excluded by an editor",
                "event 5: breaks tiny-show's rule airedBefore: w1 aired in an earlier episode and is not pinned");
        assertThat(pinned.problems()).extracting(TimelineProblem::toString).containsExactly(
                "event 4: breaks tiny-show's rule excluded: a1 is excluded by an editor");
    }

    @Test
    void aPieceIsFoundByItsClipNameOrReelWhenTheCommentIsGone() {
        Map<String, Contribution> byId = CONTRIBUTIONS.stream().collect(Collectors.toMap(Contribution::id, Function.identity()));

        assertThat(ImportValidation.identify(new ImportedTimeline.Event(1, null, "Ben - Title a1", "AX", 0, 1, 0, 1), byId)).isEqualTo("a1");
        assertThat(ImportValidation.identify(new ImportedTimeline.Event(1, null, "renamed", "P2", 0, 1, 0, 1), byId)).isEqualTo("p2");
        assertThat(ImportValidation.identify(new ImportedTimeline.Event(1, null, "Credits", "AX", 0, 1, 0, 1), byId)).isEqualTo("outro");
        assertThat(ImportValidation.identify(new ImportedTimeline.Event(1, null, "renamed", "AX", 0, 1, 0, 1), byId)).isNull();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("wrong total: the last photo 15 frames short",
                        "intro:0:90 v1:15:165 p1:0:120 a1:0:150 w1:0:150 p2:0:90 outro:0:120",
                        List.of("the timeline lasts 885 frames (00:00:29:15) but tiny-show runs 900 frames (00:00:30:00): "
                                + "15 frames (00:00:00:15) short; lengthen a piece (e.g. a photo or writing) by that much")),
                Arguments.of("wrong total: 10 frames too long",
                        "intro:0:90 v1:15:165 p1:0:130 a1:0:150 w1:0:150 p2:0:105 outro:0:120",
                        List.of("the timeline lasts 910 frames (00:00:30:10) but tiny-show runs 900 frames (00:00:30:00): "
                                + "10 frames (00:00:00:10) too long; shorten a piece by that much")),
                Arguments.of("unknown piece",
                        "intro:0:90 v1:15:165 p1:0:120 a1:0:150 w1:0:150 zz:0:105 outro:0:120",
                        List.of("event 6: names piece 'zz', which is not a contribution to this episode")),
                Arguments.of("source out of range: the film slid 15 frames past its end",
                        "intro:0:90 v1:30:165 p1:0:120 a1:0:150 w1:0:150 p2:0:105 outro:0:120",
                        List.of("event 2: v1 uses source 00:00:01:00-00:00:06:15 but its usable source runs "
                                + "00:00:00:15-00:00:06:00 (165 frames)")),
                Arguments.of("source before the manifest's trim-in",
                        "intro:0:90 v1:0:165 p1:0:120 a1:0:150 w1:0:150 p2:0:105 outro:0:120",
                        List.of("event 2: v1 uses source 00:00:00:00-00:00:05:15 but its usable source runs "
                                + "00:00:00:15-00:00:06:00 (165 frames)")),
                Arguments.of("missing outro (runtime kept by lengthening the elastics)",
                        "intro:0:90 v1:15:165 p1:0:150 a1:0:150 w1:0:195 p2:0:150",
                        List.of("the timeline has no credits (outro): the last event must be the credits, 120 frames (00:00:04:00)")),
                Arguments.of("intro not first and too short",
                        "v1:15:165 intro:0:60 p1:0:150 a1:0:150 w1:0:150 p2:0:105 outro:0:120",
                        List.of("event 2: is the intro, which must be the first event",
                                "event 2: the intro last 60 frames (00:00:02:00); tiny-show has 90 frames (00:00:03:00)")),
                Arguments.of("a photo beyond its elastic maximum",
                        "intro:0:90 v1:15:165 p1:0:195 a1:0:150 w1:0:150 p2:0:30 outro:0:120",
                        List.of("event 3: p1 lasts 195 frames (00:00:06:15); this photo may last 90 frames (00:00:03:00) to 180 frames (00:00:06:00)",
                                "event 6: p2 lasts 30 frames (00:00:01:00); this photo may last 90 frames (00:00:03:00) to 180 frames (00:00:06:00)")),
                Arguments.of("writing shorter than its reading time",
                        "intro:0:90 v1:15:165 p1:0:150 a1:0:150 w1:0:125 p2:0:100 outro:0:120",
                        List.of("event 5: w1 lasts 125 frames (00:00:04:05); this writing piece may last 150 frames (00:00:05:00) to 270 frames (00:00:09:00)")),
                Arguments.of("a photo given a source in",
                        "intro:0:90 v1:15:165 p1:10:120 a1:0:150 w1:0:150 p2:0:105 outro:0:120",
                        List.of("event 3: p1 is a photo and starts at source 00:00:00:00, not 00:00:00:10; change its length with the source out")),
                Arguments.of("a rejected piece and one that was never conformed",
                        "intro:0:90 r1:0:165 p1:0:120 n1:0:150 w1:0:150 p2:0:105 outro:0:120",
                        List.of("event 2: names piece r1, which was rejected: the file 'fay.mp4' is a ZIP archive, not a video",
                                "event 4: names piece n1, which has not been conformed (no segment); run the episode first")),
                Arguments.of("the same piece twice",
                        "intro:0:90 v1:15:165 p1:0:120 a1:0:75 w1:0:150 a1:0:75 p2:0:105 outro:0:120",
                        List.of("event 6: uses a1 again (already event 4); a piece is used once")),
                Arguments.of("photography back to back",
                        "intro:0:90 v1:15:165 a1:0:150 p1:0:120 p2:0:105 w1:0:150 outro:0:120",
                        List.of("event 5: is photography right after photography (event 4); tiny-show never puts two photography pieces back to back")),
                Arguments.of("a third photography piece and a second piece by Ana",
                        "intro:0:90 v1:15:75 p1:0:90 v2:0:90 p2:0:90 a1:0:90 p3:0:90 w1:0:165 outro:0:120",
                        List.of("event 4: is a second piece by Ana (event 2); tiny-show has one piece per contributor",
                                "event 7: is the 3rd photography piece; tiny-show has at most 2")),
                Arguments.of("a film cut below the piece minimum",
                        "intro:0:90 v1:15:45 p1:0:150 a1:0:150 w1:0:195 p2:0:150 outro:0:120",
                        List.of("event 2: v1 lasts 45 frames (00:00:01:15); a piece lasts 60 frames (00:00:02:00) to 240 frames (00:00:08:00)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void everyMistakeIsNamedWithItsEventAndNothingIsAccepted(String why, String spec, List<String> expected) {
        ImportValidation.Result result = check(timeline(spec));

        assertThat(result.problems()).extracting(TimelineProblem::toString).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.events()).isEmpty();
    }

    @Test
    void gapsAndOverlapsOnTheRecordSideAreNamed() {
        // given the photo pulled 15 frames later (a gap) and the sound starting 5 frames early (an overlap)
        List<ImportedTimeline.Event> events = new ArrayList<>(timeline(VALID).events());
        ImportedTimeline.Event p1 = events.get(2);
        events.set(2, new ImportedTimeline.Event(3, "p1", null, null, 0, 105, p1.recordIn() + 15, p1.recordOut()));
        ImportedTimeline.Event a1 = events.get(3);
        events.set(3, new ImportedTimeline.Event(4, "a1", null, null, 0, 155, a1.recordIn() - 5, a1.recordOut()));

        ImportValidation.Result result = check(new ImportedTimeline("test", events, List.of()));

        assertThat(result.problems()).extracting(TimelineProblem::toString).containsExactly(
                "event 3: starts at 01:00:09:00 but event 2 ends at 01:00:08:15: a gap of 15 frames (00:00:00:15); events must follow each other",
                "event 4: starts at 01:00:12:10 but event 3 ends at 01:00:12:15: an overlap of 5 frames (00:00:00:05); events must follow each other",
                // the sound's extra 5 frames at its head are beyond the end of its source
                "event 4: a1 uses source 00:00:00:00-00:00:05:05 but its usable source runs 00:00:00:00-00:00:05:00 (150 frames)",
                "the timeline lasts 890 frames (00:00:29:20) but tiny-show runs 900 frames (00:00:30:00): 10 frames (00:00:00:10) short; "
                        + "lengthen a piece (e.g. a photo or writing) by that much");
    }

    @Test
    void problemsFromReadingTheFileComeFirst() {
        ImportedTimeline read = new ImportedTimeline("test", timeline(VALID).events(),
                List.of(new TimelineProblem(3, "is a dissolve (D); only cuts (C) are made, so make it a cut")));

        assertThat(check(read).problems()).extracting(TimelineProblem::toString)
                .containsExactly("event 3: is a dissolve (D); only cuts (C) are made, so make it a cut");
    }
}
