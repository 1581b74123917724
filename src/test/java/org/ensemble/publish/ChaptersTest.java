package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionList.EventKind;
import org.ensemble.episode.EpisodeKey;
import org.junit.jupiter.api.Test;

class ChaptersTest {

    static EditDecisionList edl(int fps, long... lengths) {
        List<EditDecisionList.Event> events = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < lengths.length; i++) {
            EventKind kind = i == 0 ? EventKind.INTRO : i == lengths.length - 1 ? EventKind.OUTRO : EventKind.PIECE;
            events.add(new EditDecisionList.Event(i + 1, kind, kind == EventKind.PIECE ? "p" + i : null, "writing",
                    "Person " + i, null, "Title=" + i, null, 0, at, lengths[i]));
            at += lengths[i];
        }
        return new EditDecisionList(new EpisodeKey("s", java.time.LocalDate.of(2026, 11, 30)), 1, fps, "T", Instant.EPOCH, "t", "r", events);
    }

    @Test
    void youtubeListStartsAtZeroAndSwitchesToHoursPastAnHour() {
        var chapters = Chapters.of(edl(30, 300, 3600L * 30, 900, 450));

        assertThat(Chapters.text(chapters, 30)).isEqualTo("""
                00:00 Intro
                00:10 Person 1 – Title=1
                1:00:10 Person 2 – Title=2
                1:00:40 Credits
                """);
        assertThat(Chapters.youtubeProblems(chapters, 30)).isEmpty();
    }

    @Test
    void withAMinimumAnEventTooShortForAChapterSharesOneWithItsShorterNeighbour() {
        // intro 3 s, pieces 20 s, 5 s, 12 s, 30 s, credits 4 s
        EditDecisionList edl = edl(30, 90, 600, 150, 360, 900, 120);

        var chapters = Chapters.of(edl, 300);

        assertThat(Chapters.text(chapters, 30)).isEqualTo("""
                00:00 Person 1 – Title=1
                00:23 Person 3 – Title=3
                00:40 Person 4 – Title=4
                """);
        assertThat(chapters.get(0).startFrame()).isZero();
        assertThat(chapters.get(chapters.size() - 1).endFrame()).isEqualTo(edl.totalFrames());
        assertThat(Chapters.youtubeProblems(chapters, 30)).isEmpty();
        // without a minimum: one chapter per event, as before
        assertThat(Chapters.of(edl, 0)).hasSize(6);
    }

    @Test
    void saysWhyYoutubeWouldIgnoreTheList() {
        // the piece lasts 9.0 s but the list shows 00:03 to 00:12: still 9 whole seconds apart
        assertThat(Chapters.youtubeProblems(Chapters.of(edl(30, 90, 270, 120)), 30))
                .contains("'Person 1 – Title=1' lasts 9 s; YouTube needs at least 10 s");
        assertThat(Chapters.youtubeProblems(Chapters.of(edl(30, 90, 300, 120)), 30))
                .contains("'Intro' lasts 3 s; YouTube needs at least 10 s", "'Credits' lasts 4 s; YouTube needs at least 10 s")
                .noneMatch(p -> p.contains("Person 1"));
        assertThat(Chapters.youtubeProblems(Chapters.of(edl(30, 600, 600)), 30)).contains("only 2 chapters; YouTube needs at least 3");
    }

    @Test
    void ffmetadataHasMillisecondChaptersFromFramesAndEscapesSpecialCharacters() {
        String meta = Chapters.ffmetadata(Chapters.of(edl(30, 91, 300, 120)), 30, Map.of("comment", "a;b"));

        assertThat(meta).startsWith(";FFMETADATA1\ncomment=a\\;b\n\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=3033\ntitle=Intro\n")
                .contains("START=3033\nEND=13033\ntitle=Person 1 – Title\\=1\n")
                .endsWith("START=13033\nEND=17033\ntitle=Credits\n");
    }

    @Test
    void webVttChaptersAreValidAndCoverTheEpisode() {
        var cues = StrictWebVtt.parse(Chapters.webVtt(Chapters.of(edl(30, 90, 270, 120)), 30));

        assertThat(cues).extracting(StrictWebVtt.Cue::text).containsExactly("Intro", "Person 1 – Title=1", "Credits");
        assertThat(cues.get(0).startMs()).isZero();
        assertThat(cues.get(2).endMs()).isEqualTo(16_000);
        assertThat(cues.get(1).startMs()).isEqualTo(cues.get(0).endMs());
    }
}
