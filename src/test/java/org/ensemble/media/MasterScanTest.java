package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How the scan reads what FFmpeg's detectors printed (the text below is their real output format). */
class MasterScanTest {

    @Test
    void runsArePairedInFramesShortOnesDroppedAndAnOpenOneLastsToTheEnd() {
        String black = """
                frame:0    pts:0       pts_time:0
                lavfi.black_start=0
                frame:3    pts:1536    pts_time:0.1
                lavfi.black_end=0.1
                frame:90   pts:46080   pts_time:3
                lavfi.black_start=3
                frame:135  pts:69120   pts_time:4.5
                lavfi.black_end=4.5
                frame:280  pts:143360  pts_time:9.33333
                lavfi.black_start=9.33333
                """;

        // the 3-frame fade at the start is not a run; 3.0-4.5 s is frames 90-135; the last one is still black at the end
        assertThat(MasterScan.runs(black, "lavfi.black_start=", "lavfi.black_end=", 30, 300, 15))
                .containsExactly(new MasterScan.Span(90, 135), new MasterScan.Span(280, 300));
    }

    @Test
    void theSpanLoudnessIsTheLastRunningIntegratedValue() {
        String text = """
                frame:28   pts:134400  pts_time:2.8
                lavfi.r128.I=-21.501
                frame:29   pts:139200  pts_time:2.9
                lavfi.r128.I=-21.778
                """;

        assertThat(MasterScan.lastIntegrated(text)).isEqualTo(-21.778);
        assertThat(MasterScan.lastIntegrated("")).isNaN();
    }

    @Test
    void aPathIsEscapedForTheOptionThenQuotedForTheGraph() {
        assertThat(MasterScan.fileOption(Path.of("/w/qc: it's/b.txt"))).isEqualTo("'/w/qc\\: it\\'\\''s/b.txt'");
    }

    @Test
    void oneAtrimOfExactSamplesPerSpan() {
        HouseProfile house = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
        String graph = MasterScan.graph(house, List.of(new MasterScan.Span(0, 60), new MasterScan.Span(60, 150)),
                new MasterScan.Detectors(0.1, -60, 0.5), Path.of("/s/black.txt"), Path.of("/s/silence.txt"),
                List.of(Path.of("/s/0.txt"), Path.of("/s/1.txt")));

        // (the whole programme's loudness and true peak are measured by a process of their own, beside this one)
        assertThat(graph).contains("asplit=3[sil][s0][s1]").doesNotContain("peak=true")
                .contains("[s0]atrim=start_sample=0:end_sample=96000,ebur128=metadata=1")
                .contains("[s1]atrim=start_sample=96000:end_sample=240000,ebur128=metadata=1")
                .contains("blackdetect=d=0.500000:pix_th=0.10").contains("silencedetect=n=-60.00dB:d=0.500000");
    }

    @Test
    void blackRunsInASegmentAreCountedInFramesAndJoinAcrossSegments() {
        // blackdetect with d=0 as the segment encode prints it: black from frame 0, picture at 12, black again from 88
        String a = """
                frame:0    pts:0       pts_time:0
                lavfi.black_start=0
                frame:12   pts:12      pts_time:0.4
                lavfi.black_end=0.4
                frame:88   pts:88      pts_time:2.93333
                lavfi.black_start=2.93333
                """;
        String b = """
                frame:0    pts:0       pts_time:0
                lavfi.black_start=0
                frame:30   pts:30      pts_time:1
                lavfi.black_end=1
                """;

        List<MasterScan.Span> first = MasterScan.blackRuns(a, 90);
        List<MasterScan.Span> second = MasterScan.blackRuns(b, 60);
        assertThat(first).containsExactly(new MasterScan.Span(0, 12), new MasterScan.Span(88, 90));
        assertThat(second).containsExactly(new MasterScan.Span(0, 30));
        assertThat(MasterScan.blackRuns("", 60)).isEmpty();
        // the 2 black frames at the end of the first and the 30 at the start of the second are one run in the master
        List<MasterScan.Span> joined = MasterScan.joined(List.of(first, second), List.of(90L, 60L));
        assertThat(joined).containsExactly(new MasterScan.Span(0, 12), new MasterScan.Span(88, 120));
        assertThat(MasterScan.atLeast(joined, 15)).containsExactly(new MasterScan.Span(88, 120));
    }

    @Test
    void theWholeProgrammeIsTheLastRunningValuesWithTheLinearPeakInDecibels() {
        String text = """
                frame:0    pts:0       pts_time:0
                lavfi.r128.I=-70.000
                lavfi.r128.LRA=0.000
                lavfi.r128.true_peak=0.100
                frame:1    pts:4800    pts_time:0.1
                lavfi.r128.I=-16.020
                lavfi.r128.LRA=4.500
                lavfi.r128.true_peak=0.794
                """;

        LoudnessMeasurement m = MasterScan.programme(text);
        assertThat(m.integratedLufs()).isEqualTo(-16.02);
        assertThat(m.rangeLu()).isEqualTo(4.5);
        assertThat(m.truePeakDbtp()).isEqualTo(-2.0);
    }
}
