package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class CaptionsTest {

    static final String SRT = """
            1
            00:00:00,200 --> 00:00:01,000
            Before the trim

            2
            00:00:01,500 --> 00:00:03,250
            <i>Hello</i> from
            Porto

            3
            00:00:05,000 --> 00:00:09,000
            Runs past the end
            """;

    static final String VTT = """
            WEBVTT - a contributor's file

            NOTE written by hand

            intro
            00:01.000 --> 00:02.500 align:start
            Kettle &amp; cup

            00:00:03.000 --> 00:00:04.000
            Second
            """;

    @Test
    void readsSubRipAndWebVttWithTheirDifferentStampsAndDropsTagsAndNotes() {
        List<Captions.Cue> srt = Captions.parse(SRT);
        assertThat(srt).extracting(Captions.Cue::startMs).containsExactly(200L, 1500L, 5000L);
        assertThat(srt.get(1)).isEqualTo(new Captions.Cue(1500, 3250, "Hello from\nPorto"));

        List<Captions.Cue> vtt = Captions.parse(VTT);
        assertThat(vtt).containsExactly(new Captions.Cue(1000, 2500, "Kettle & cup"), new Captions.Cue(3000, 4000, "Second"));
    }

    @Test
    void placesCuesWhereThePiecePlaysCutToItsSpan() {
        // the piece uses source 0.5 s .. 6.5 s and sits at 10 s in the episode
        List<Captions.Cue> placed = Captions.place(Captions.parse(SRT), 500, 6500, 10_000);

        assertThat(placed).containsExactly(
                new Captions.Cue(10_000, 10_500, "Before the trim"),    // 0.2-1.0 cut to 0.5-1.0
                new Captions.Cue(11_000, 12_750, "Hello from\nPorto"),  // shifted by +9.5 s
                new Captions.Cue(14_500, 16_000, "Runs past the end")); // 5.0-9.0 cut at 6.5
        assertThat(Captions.place(Captions.parse(SRT), 3300, 4900, 0)).isEmpty();
    }

    @Test
    void writtenWebVttAndSubRipAreValidOneCaptionAtATimeAndEscaped() {
        List<Captions.Cue> cues = Captions.sequence(List.of(new Captions.Cue(5000, 7000, "b --> c <x> & y"),
                new Captions.Cue(1000, 6000, "a"), new Captions.Cue(3_600_000, 3_601_500, "an hour in")));

        List<StrictWebVtt.Cue> read = StrictWebVtt.parse(Captions.webVtt(cues));
        assertThat(read).extracting(StrictWebVtt.Cue::startMs).containsExactly(1000L, 5000L, 3_600_000L);
        assertThat(read.get(0).endMs()).isEqualTo(5000); // cut where the next begins
        assertThat(read.get(1).text()).isEqualTo("b --&gt; c &lt;x&gt; &amp; y");
        assertThat(Captions.subRip(cues)).startsWith("1\n00:00:01,000 --> 00:00:05,000\na\n\n2\n")
                .contains("01:00:00,000 --> 01:00:01,500");
    }

    @Test
    void theStrictReaderRefusesBrokenFiles() {
        assertThatThrownBy(() -> StrictWebVtt.parse("WEBVT\n\n00:01.000 --> 00:02.000\nx\n")).hasMessageContaining("WEBVTT");
        assertThatThrownBy(() -> StrictWebVtt.parse("WEBVTT\n\n00:01,000 --> 00:02.000\nx\n")).hasMessageContaining("timing");
        assertThatThrownBy(() -> StrictWebVtt.parse("WEBVTT\n\n00:03.000 --> 00:02.000\nx\n")).hasMessageContaining("ends before");
        assertThatThrownBy(() -> StrictWebVtt.parse("WEBVTT\n\n00:03.000 --> 00:04.000\nx\n\n00:01.000 --> 00:02.000\ny\n"))
                .hasMessageContaining("before the one before");
    }
}
