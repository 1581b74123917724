package org.ensemble.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.ensemble.episode.EditDecisionList.Event;
import org.ensemble.episode.EditDecisionList.EventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class Cmx3600Test {

    private static final EpisodeKey EPISODE = new EpisodeKey("create-together", LocalDate.of(2026, 11, 30));

    /** Intro 10 s, a 20.5 s film (trimmed in by 2 s), a 7 s photo, credits 15 s: 52.5 s = 1575 frames at 30 fps. */
    static EditDecisionList smallEdl() {
        List<Event> events = List.of(
                new Event(1, EventKind.INTRO, "intro", null, null, null, "Create Together", null, 0, 0, 300),
                new Event(2, EventKind.PIECE, "ct-01", "filmed-life", "Zoë Ångström", "Malmö", "Morgon på ön",
                        "zoe/morgon.mp4", 60, 300, 615),
                new Event(3, EventKind.PIECE, "ct-02", "photography", "Łukasz Żółć", "Kraków", "Straße 🌧",
                        "lukasz/strasse.jpg", 0, 915, 210),
                new Event(4, EventKind.OUTRO, "outro", null, null, null, "Credits", null, 0, 1125, 450));
        return new EditDecisionList(EPISODE, 1, 30, "Create Together — Café 2026-11-30", Instant.parse("2026-11-28T02:00:00Z"),
                "planner", "test", events);
    }

    @Test
    void writesHeaderAndEventsInCmx3600Layout() {
        // given
        EditDecisionList edl = smallEdl();

        // when
        String text = Cmx3600.write(edl);

        // then: CRLF lines, a title folded to upper-case ASCII and the frame-code mode
        List<String> lines = Arrays.asList(text.split("\r\n", -1));
        assertThat(text).doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
        assertThat(lines.get(0)).isEqualTo("TITLE: CREATE TOGETHER ? CAFE 2026-11-30");
        assertThat(lines.get(1)).isEqualTo("FCM: NON-DROP FRAME");
        assertThat(lines.get(2)).isEmpty();

        List<String> eventLines = lines.stream().filter(l -> l.matches("^\\d{3} .*")).toList();
        assertThat(eventLines).containsExactly(
                "001  INTRO    AA/V  C        00:00:00:00 00:00:10:00 01:00:00:00 01:00:10:00",
                "002  CT01     AA/V  C        00:00:02:00 00:00:22:15 01:00:10:00 01:00:30:15",
                "003  CT02     AA/V  C        00:00:00:00 00:00:07:00 01:00:30:15 01:00:37:15",
                "004  OUTRO    AA/V  C        00:00:00:00 00:00:15:00 01:00:37:15 01:00:52:15");
        for (String line : eventLines) {
            // columns: event 1-3, reel 6-13, channels 15-19, transition 21, timecodes from 30, 12 apart
            assertThat(line).hasSize(76);
            assertThat(line.substring(5, 13)).matches("[A-Z0-9_]{1,8} *");
            assertThat(line.substring(14, 19)).isEqualTo("AA/V ");
            assertThat(line.charAt(20)).isEqualTo('C');
            for (int column : new int[] {29, 41, 53, 65}) {
                assertThat(line.substring(column, column + 11)).matches("\\d{2}:\\d{2}:\\d{2}:\\d{2}");
            }
        }
    }

    @Test
    void recordTimecodeStartsAtOneHourAndAddsUpToTheRuntime() {
        EditDecisionList edl = smallEdl();

        List<String[]> events = Cmx3600.write(edl).lines().filter(l -> l.matches("^\\d{3} .*"))
                .map(l -> l.trim().split("\\s+")).toList();

        assertThat(events.get(0)[6]).isEqualTo("01:00:00:00");
        long total = 0;
        String previousOut = null;
        for (String[] e : events) {
            long recordIn = Timecode.parseSmpte(e[6], 30);
            long recordOut = Timecode.parseSmpte(e[7], 30);
            long sourceLength = Timecode.parseSmpte(e[5], 30) - Timecode.parseSmpte(e[4], 30);
            assertThat(recordOut - recordIn).as("record and source lengths of event %s", e[0]).isEqualTo(sourceLength);
            if (previousOut != null) {
                assertThat(e[6]).as("event %s starts where the previous ended", e[0]).isEqualTo(previousOut);
            }
            previousOut = e[7];
            total += recordOut - recordIn;
        }
        assertThat(total).isEqualTo(edl.totalFrames()).isEqualTo(1575);
        assertThat(Timecode.parseSmpte(previousOut, 30) - 3600 * 30).isEqualTo(edl.totalFrames());
    }

    @Test
    void commentsNameClipsAndSourcesInAscii() {
        String text = Cmx3600.write(smallEdl());

        assertThat(text).contains(
                "* FROM CLIP NAME: Intro\r\n* ENSEMBLE PIECE: intro\r\n",
                "* FROM CLIP NAME: Zoe Angstrom - Morgon pa on\r\n* SOURCE FILE: zoe/morgon.mp4\r\n"
                        + "* ENSEMBLE PIECE: ct-01 CATEGORY: filmed-life\r\n",
                // Ł and ß do not decompose; an emoji is two UTF-16 units: each becomes '?'
                "* FROM CLIP NAME: ?ukasz Zo?c - Stra?e ??\r\n",
                "* FROM CLIP NAME: Credits\r\n");
        assertThat(text.chars()).allMatch(ch -> ch == '\r' || ch == '\n' || (ch >= 32 && ch < 127));
    }

    @Test
    void lineBreaksInNamesCannotStartNewEdlLines() {
        // given a title with a line break that would otherwise forge an event line
        Event piece = new Event(1, EventKind.PIECE, "ct-09", "writing", "Ann", null,
                "Poem\r\n002  AX       AA/V  C        00:00:00:00", "ann/poem.txt", 0, 0, 90);
        EditDecisionList edl = new EditDecisionList(EPISODE, 1, 30, "t", Instant.EPOCH, "planner", "test", List.of(piece));

        // when
        String text = Cmx3600.write(edl);

        // then there is exactly one event line
        assertThat(text.lines().filter(l -> l.matches("^\\d{3} .*"))).hasSize(1);
        assertThat(text).contains("* FROM CLIP NAME: Ann - Poem??002  AX");
    }

    @Test
    void twentyFiveFpsTimecodes() {
        Event only = new Event(1, EventKind.INTRO, "intro", null, null, null, "Intro", null, 0, 0, 26);
        EditDecisionList edl = new EditDecisionList(EPISODE, 1, 25, "pal", Instant.EPOCH, "planner", "test", List.of(only));

        assertThat(Cmx3600.write(edl))
                .contains("001  INTRO    AA/V  C        00:00:00:00 00:00:01:01 01:00:00:00 01:00:01:01\r\n");
    }

    static Stream<Arguments> brokenTimelines() {
        return Stream.of(
                // the first event must start the episode
                Arguments.of("starts late", List.of(event(1, 5, 100))),
                // a hole between two events
                Arguments.of("gap", List.of(event(1, 0, 100), event(2, 101, 50))),
                // the second event starts before the first ended
                Arguments.of("overlap", List.of(event(1, 0, 100), event(2, 99, 50))),
                // the second event starts on the first one's start
                Arguments.of("same start", List.of(event(1, 0, 100), event(2, 0, 100))),
                // a negative length folds the timeline back onto itself
                Arguments.of("negative length", List.of(event(1, 0, 100), event(2, 100, -10), event(3, 90, 10))),
                // an event without frames is not an event
                Arguments.of("empty event", List.of(event(1, 0, 100), event(2, 100, 0), event(3, 100, 10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenTimelines")
    void rejectsGapsAndOverlaps(String why, List<Event> events) {
        assertThatThrownBy(() -> new EditDecisionList(EPISODE, 1, 30, "t", Instant.EPOCH, "planner", why, events))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event ");
    }

    @ParameterizedTest(name = "{0} events of {1} frames")
    @CsvSource({
            // one event
            "1, 18000",
            // many short events
            "40, 45",
    })
    void acceptsAContiguousTimeline(int count, long frames) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(i + 1, i * frames, frames));
        }

        EditDecisionList edl = new EditDecisionList(EPISODE, 1, 30, "t", Instant.EPOCH, "planner", "ok", events);

        assertThat(edl.totalFrames()).isEqualTo(count * frames);
        assertThat(edl.pieces()).hasSize(count);
    }

    @Test
    void reelsAreAtMostEightCharactersAndUniquePerSource() {
        // given ids that fold to the same reel, one too long, and one with nothing usable
        List<Event> events = List.of(
                new Event(1, EventKind.INTRO, "intro", null, null, null, "Show", null, 0, 0, 30),
                new Event(2, EventKind.PIECE, "ct-01", "music", "A", null, "a", "a.wav", 0, 30, 30),
                new Event(3, EventKind.PIECE, "ct_01", "music", "B", null, "b", "b.wav", 0, 60, 30),
                new Event(4, EventKind.PIECE, "ct01", "music", "C", null, "c", "c.wav", 0, 90, 30),
                new Event(5, EventKind.PIECE, "contribution-2026-0001", "music", "D", null, "d", "d.wav", 0, 120, 30),
                new Event(6, EventKind.PIECE, "été", "music", "E", null, "e", "e.wav", 0, 150, 30),
                new Event(7, EventKind.PIECE, "☀", "music", "F", null, "f", "f.wav", 0, 180, 30));
        EditDecisionList edl = new EditDecisionList(EPISODE, 1, 30, "t", Instant.EPOCH, "planner", "reels", events);

        // when
        List<String> reels = org.ensemble.Cmx3600Parser.parse(Cmx3600.write(edl), 30).stream().map(org.ensemble.Cmx3600Parser.Event::reel).toList();

        // then: "ct-01" and "ct01" fold to CT01, so the second becomes CT012; "ct_01" keeps its underscore
        assertThat(reels).containsExactly("INTRO", "CT01", "CT_01", "CT012", "CONTRIBU", "ETE", "REEL");
        assertThat(reels).doesNotHaveDuplicates().allMatch(r -> r.length() <= 8);
    }

    @Test
    void aLongTitleIsCutToSeventyCharacters() {
        EditDecisionList edl = new EditDecisionList(EPISODE, 1, 30, "x".repeat(100), Instant.EPOCH, "planner", "t",
                List.of(new Event(1, EventKind.INTRO, "intro", null, null, null, "S", null, 0, 0, 30)));

        assertThat(Cmx3600.write(edl).lines().findFirst().orElseThrow()).isEqualTo("TITLE: " + "X".repeat(70));
    }

    @Test
    void readsBackWhatItWrites() {
        // given
        EditDecisionList edl = smallEdl();

        // when
        ImportedTimeline read = Cmx3600.read(Cmx3600.write(edl), 30);

        // then every event comes back with its piece, clip, reel and times (record from 0)
        assertThat(read.problems()).isEmpty();
        assertThat(read.events()).containsExactly(
                new ImportedTimeline.Event(1, "intro", "Intro", "INTRO", 0, 300, 0, 300),
                new ImportedTimeline.Event(2, "ct-01", "Zoe Angstrom - Morgon pa on", "CT01", 60, 675, 300, 915),
                new ImportedTimeline.Event(3, "ct-02", "?ukasz Zo?c - Stra?e ??", "CT02", 0, 210, 915, 1125),
                new ImportedTimeline.Event(4, "outro", "Credits", "OUTRO", 0, 450, 1125, 1575));
    }

    @Test
    void readsAnNleExportWithSplitVideoAndAudioLinesFromHourZero() {
        // an NLE's own export: LF lines, a timeline from 00:00:00:00, video and audio on separate lines of one event
        String text = String.join("\n",
                "TITLE: Sequence 01", "FCM: NON-DROP FRAME", "",
                "001  CT01     V     C        00:00:02:00 00:00:04:00 00:00:00:00 00:00:02:00",
                "001  CT01     AA    C        00:00:02:00 00:00:04:00 00:00:00:00 00:00:02:00",
                "* FROM CLIP NAME: Zoe Angstrom - Morgon pa on",
                "002  AX       V     C        00:00:00:00 00:00:01:00 00:00:02:00 00:00:03:00",
                "* FROM CLIP NAME: Credits", "");

        ImportedTimeline read = Cmx3600.read(text, 30);

        assertThat(read.problems()).isEmpty();
        assertThat(read.events()).containsExactly(
                new ImportedTimeline.Event(1, null, "Zoe Angstrom - Morgon pa on", "CT01", 60, 120, 0, 60),
                new ImportedTimeline.Event(2, null, "Credits", "AX", 0, 30, 60, 90));
    }

    @Test
    void namesWhatItCannotTakeWithTheEventNumber() {
        String text = String.join("\r\n",
                "TITLE: X", "FCM: DROP FRAME", "",
                "001  CT01     AA/V  C        00:00:00:00 00:00:02:00 01:00:00:00 01:00:02:00",
                "002  CT02     AA/V  D    030 00:00:00:00 00:00:02:00 01:00:02:00 01:00:04:00",
                "M2   CT02       060.0                00:00:00:00",
                "003  CT03     V     C        00:00:00:00 00:00:02:00 01:00:04:00 01:00:06:00",
                "003  CT03     AA    C        00:00:00:00 00:00:03:00 01:00:04:00 01:00:07:00",
                "this is not EDL", "");

        ImportedTimeline read = Cmx3600.read(text, 30);

        assertThat(read.problems()).extracting(TimelineProblem::toString).containsExactly(
                "line 2 says 'FCM: DROP FRAME': Ensemble timelines are 30 fps non-drop frame (FCM: NON-DROP FRAME)",
                "event 2: is a dissolve (D); only cuts (C) are made, so make it a cut",
                "event 2: has a speed change (M2   CT02       060.0                00:00:00:00); pieces play at normal speed",
                "event 3: its lines (e.g. video and audio) have different timecodes; picture and sound of an event must be cut together",
                "event 3: line 9 is neither a CMX 3600 event nor a comment: 'this is not EDL'");
    }

    @Test
    void aFileWithoutEventsSaysWhatAnEventLooksLike() {
        ImportedTimeline read = Cmx3600.read("{\"OTIO_SCHEMA\": \"Timeline.1\"}", 30);

        assertThat(read.events()).isEmpty();
        assertThat(read.problems()).extracting(TimelineProblem::reason).anyMatch(r -> r.startsWith("the file has no CMX 3600 event lines"));
    }

    private static Event event(int number, long recordIn, long frames) {
        return new Event(number, EventKind.PIECE, "p" + number, "music", "C" + number, null, "T" + number, "f" + number,
                0, recordIn, frames);
    }
}
