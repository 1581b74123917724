package org.ensemble.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.data.Offset;
import org.ensemble.episode.QualityReport;
import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionList.EventKind;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.MasterScan;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verify step's instrument on small masters made to order (10 s at 320x180, 30 fps): one as it should be, one
 * with a loud piece and a second and a half of black silence inside a piece. The folder name has a colon, a space
 * and a quote, as the scan's metadata files must survive FFmpeg's filter syntax.
 */
class MasterInspectorTest {

    static final int FPS = 30;
    static final long FRAMES = 10 * FPS;
    /** A stereo 440 Hz sine of this amplitude measures about -16 LUFS. */
    static final double ON_TARGET = 0.19;

    static MasterInspector inspector;
    static ShowDefinition show;

    @TempDir
    static Path dir;

    @BeforeAll
    static void instruments() {
        MediaSettings settings = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(5), "ultrafast", 23);
        MediaProcessGateway gateway = new MediaProcessGateway();
        FfmpegToolchain toolchain = FfmpegToolchain.detect(settings, gateway);
        inspector = new MasterInspector(new MediaProbe(toolchain, gateway), new LoudnessMeter(toolchain, gateway, settings),
                new MasterScan(toolchain, gateway, settings), VerifySettings.defaults());
        ShowDefinition tiny = new ShowCatalog(new EnsembleSettings(Path.of("var"), Path.of("src/test/resources/jobs"), 1, Map.of()))
                .require("tiny-show");
        show = new ShowDefinition(tiny.id(), tiny.title(), tiny.description(), tiny.timeZone(), tiny.cron(), tiny.airDay(),
                tiny.airTime(), FRAMES, tiny.loudness(), tiny.profile(), tiny.rules());
    }

    /** Intro card 0-60, piece p1 60-150, piece p2 150-240, piece p3 240-300 (2 s: too short to judge). */
    static EditDecisionList edl() {
        EpisodeKey key = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));
        return new EditDecisionList(key, 1, FPS, "Test", Instant.parse("2026-11-28T02:00:00Z"), "test", "test", List.of(
                event(1, EventKind.INTRO, "intro", 0, 60),
                event(2, EventKind.PIECE, "p1", 60, 90),
                event(3, EventKind.PIECE, "p2", 150, 90),
                event(4, EventKind.PIECE, "p3", 240, 60)));
    }

    static EditDecisionList.Event event(int n, EventKind kind, String id, long in, long frames) {
        return new EditDecisionList.Event(n, kind, id, "filmed-life", "A", null, id, null, 0, in, frames);
    }

    /**
     * Five parts of picture and sound, joined: card (grey, quiet chord), p1 (tone, then {@code p1Gap} seconds of
     * black silence), p2 (tone at {@code p2Amplitude}), p3 (tone).
     */
    static Path master(Path file, double p1Gap, double p2Amplitude) throws Exception {
        Files.createDirectories(file.getParent());
        double p1Tone = 3 - p1Gap;
        String[] video = {"color=c=gray:s=320x180:r=30:d=2", "testsrc2=s=320x180:r=30:d=" + p1Tone,
                "color=c=black:s=320x180:r=30:d=" + p1Gap, "testsrc2=s=320x180:r=30:d=3", "testsrc2=s=320x180:r=30:d=2"};
        String[] audio = {tone(0.08, 2), tone(ON_TARGET, p1Tone), "anullsrc=r=48000:cl=stereo:d=" + p1Gap,
                tone(p2Amplitude, 3), tone(ON_TARGET, 2)};
        List<String> args = new java.util.ArrayList<>(List.of("-v", "error"));
        StringBuilder graph = new StringBuilder();
        int inputs = 0;
        for (int i = 0; i < video.length; i++) {
            if (i == 2 && p1Gap == 0) {
                continue;
            }
            args.addAll(List.of("-f", "lavfi", "-i", video[i], "-f", "lavfi", "-i", audio[i]));
            graph.append('[').append(2 * inputs).append(":v][").append(2 * inputs + 1).append(":a]");
            inputs++;
        }
        graph.append("concat=n=").append(inputs).append(":v=1:a=1[v][a]");
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-preset",
                "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2", file.toString()));
        TestMedia.ffmpeg(args.toArray(String[]::new));
        return file;
    }

    static String tone(double amplitude, double seconds) {
        return "aevalsrc=" + amplitude + "*sin(2*PI*440*t)|" + amplitude + "*sin(2*PI*440*t):s=48000:d=" + seconds;
    }

    @Test
    void aMasterAsItShouldBePassesEveryCheckAndSaysWhySomeEventsWereNotJudged() throws Exception {
        // given
        Path folder = dir.resolve("qc: it's fine");
        Path master = master(folder.resolve("master.mp4"), 0, ON_TARGET);

        // when
        QualityReport report = inspector.inspect(master, show, edl());

        // then
        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).containsOnlyKeys("streams", "durationToTheFrame", "houseFormat", "integratedLoudness",
                "truePeak", "segmentLoudness", "gaps").allSatisfy((name, passed) -> assertThat(passed).as(name).isTrue());
        assertThat(report.videoFrames()).isEqualTo(FRAMES);
        assertThat(report.segmentLoudness().events()).extracting(QualityReport.Segment::verdict)
                .containsExactly("excepted", "pass", "pass", "excepted");
        assertThat(report.segmentLoudness().events().get(0).reason()).contains("intro card");
        assertThat(report.segmentLoudness().events().get(3).reason()).startsWith("short: 60 frames, under 90");
        // the per-event figure is the loudness of exactly those frames, as an independent ebur128 on a cut-out measures it
        double p2 = ebur128(master, 150, 240);
        assertThat(report.segmentLoudness().events().get(2).integratedLufs()).isCloseTo(p2, Offset.offset(0.2));
        assertThat(report.gaps().deadAir()).isEmpty();
        // the scan cleaned up after itself
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("master.mp4");
        }
    }

    @Test
    void theScanKeptBesideTheMasterIsUsedForThatVeryFileOnly() throws Exception {
        // given a master with 1.5 s of black silence in p1, and a scan kept beside it that saw no black (as the segments
        // would report for pictures that are not black): verify takes the kept scan and does not decode the picture
        Path master = master(dir.resolve("kept").resolve("master.mp4"), 1.5, ON_TARGET);
        List<MasterScan.Span> spans = edl().events().stream().map(e -> new MasterScan.Span(e.recordIn(), e.recordOut())).toList();
        MasterScan.Detectors detectors = show.quality().detectors(FPS);
        MediaSettings settings = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(5), "ultrafast", 23);
        MediaProcessGateway gateway = new MediaProcessGateway();
        MasterScan scanner = new MasterScan(FfmpegToolchain.detect(settings, gateway), gateway, settings);
        MasterScan.Result sound = scanner.scan(master, show.profile(), FRAMES, spans, detectors, false, master.getParent());
        assertThat(sound.black()).isEmpty();
        MasterScan.save(master, spans, detectors, sound);

        // when / then the silence is there, the black is not: no dead air
        QualityReport kept = inspector.inspect(master, show, edl());
        assertThat(kept.gaps().silence()).isNotEmpty();
        assertThat(kept.gaps().black()).isEmpty();
        assertThat(kept.gaps().deadAir()).isEmpty();
        assertThat(kept.integratedLufs()).isEqualTo(sound.programme().integratedLufs());

        // when the master changes after the scan, the kept scan no longer counts: the picture is decoded and the dead air found
        Files.setLastModifiedTime(master, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(master).toMillis() + 2000));
        QualityReport fresh = inspector.inspect(master, show, edl());
        assertThat(fresh.gaps().deadAir()).singleElement().satisfies(g -> assertThat(g.startFrame()).isCloseTo(105, Offset.offset(1L)));
    }

    @Test
    void aLoudPieceAndDeadAirFailTheMasterWithFramePositions() throws Exception {
        // given p1 ends in 1.5 s of black silence and p2 is 6 dB too loud
        Path master = master(dir.resolve("loud").resolve("master.mp4"), 1.5, ON_TARGET * 2);

        // when
        QualityReport report = inspector.inspect(master, show, edl());

        // then
        assertThat(report.passed()).isFalse();
        assertThat(report.checks()).containsEntry("segmentLoudness", false).containsEntry("gaps", false)
                .containsEntry("durationToTheFrame", true).containsEntry("truePeak", true);
        QualityReport.Segment p2 = report.segmentLoudness().events().get(2);
        assertThat(p2.verdict()).isEqualTo("fail");
        assertThat(p2.integratedLufs()).isCloseTo(-10, Offset.offset(1.0));
        assertThat(report.failures()).anySatisfy(f -> assertThat(f).startsWith("event 3 (p2) measures"));
        // the dead air is where it was put: frames 105-150, inside event 2, longer than the 30 allowed
        assertThat(report.gaps().deadAir()).singleElement().satisfies(g -> {
            assertThat(g.startFrame()).isCloseTo(105, Offset.offset(1L));
            assertThat(g.endFrame()).isCloseTo(150, Offset.offset(1L));
            assertThat(g.events()).containsExactly(2);
        });
        assertThat(report.gaps().maxDeadAirFrames()).isEqualTo(30);
        assertThat(report.failures()).anySatisfy(f -> assertThat(f).startsWith("black and silent for").contains("events [2]"));
    }

    static ShowDefinition withQuality(org.ensemble.show.QualityRules quality) {
        return new ShowDefinition(show.id(), show.title(), show.description(), show.timeZone(), show.cron(), show.airDay(),
                show.airTime(), FRAMES, show.loudness(), show.profile(), show.rules(), quality, null);
    }

    @Test
    void silenceIsLimitedEachRunAndAllTogetherWhereTheShowSaysSo() throws Exception {
        // given 1.5 s of black silence in p1, and a show that allows 1 s of silence at a time and 10 % in all
        Path master = master(dir.resolve("silent").resolve("master.mp4"), 1.5, ON_TARGET);
        var d = show.quality();
        ShowDefinition strict = withQuality(new org.ensemble.show.QualityRules(d.silenceDb(), d.minRunFrames(), 60, 30, 10,
                d.maxTrimFrames(), 0, 0, d.pieceToleranceLu(), d.pieceMinimumFrames(), d.quietPieceLufs()));

        // when
        QualityReport report = inspector.inspect(master, strict, edl());

        // then the run of 45 frames is over the 30 allowed (the dead air is under its 60), and 15 % of the programme
        assertThat(report.checks()).containsEntry("gaps", false);
        assertThat(report.gaps().maxSilenceFrames()).isEqualTo(30);
        assertThat(report.gaps().silentFrames()).isCloseTo(45, Offset.offset(2L));
        assertThat(report.failures()).anySatisfy(f -> assertThat(f).startsWith("silent for 4").contains("at most 30 (1.0 s) allowed"))
                .anySatisfy(f -> assertThat(f).startsWith("silent for 1.5 s in all (15.0 % of the programme), at most 10.0 % allowed"))
                .noneSatisfy(f -> assertThat(f).startsWith("black and silent"));
    }

    @Test
    void aPieceConformLeftOutThatAnEditorPutInHasItsOwnGapsAndLoudnessExcepted() throws Exception {
        // given p1's 1.5 s of black silence, p2 6 dB too loud, and both pieces held back by conform's QC, yet in the EDL
        Path master = master(dir.resolve("kept").resolve("on-purpose.mp4"), 1.5, ON_TARGET * 2);
        var leftOut = new org.ensemble.episode.PieceQuality(org.ensemble.episode.PieceQuality.Treatment.LEFT_OUT,
                "its picture is black and its sound silent for 1.5 s", 0, 0, false, null, null, null, null,
                List.of(), List.of(), List.of(), List.of());
        EpisodeKey key = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));
        Map<String, org.ensemble.episode.ConformedPiece> pieces = Map.of(
                "p1", new org.ensemble.episode.ConformedPiece(key, "p1", "k1", 90, null, leftOut),
                "p2", new org.ensemble.episode.ConformedPiece(key, "p2", "k2", 90, null, leftOut));

        // when
        QualityReport report = inspector.inspect(master, show, edl(), pieces);

        // then the dead air and p2's own loudness are listed with why they were not held against the master; the
        // programme's loudness still is (p2 lifts the whole 10 s master 4 LU over its target)
        assertThat(report.failures()).singleElement().satisfies(f -> assertThat(f).startsWith("integrated loudness"));
        assertThat(report.gaps().deadAir()).singleElement().satisfies(g ->
                assertThat(g.excepted()).startsWith("kept on purpose (EDL revision 1 by test) though conform's QC left out:"));
        assertThat(report.segmentLoudness().events().get(2).verdict()).isEqualTo("excepted");
        assertThat(report.pieces()).extracting(QualityReport.Piece::pieceId, QualityReport.Piece::keptOnPurpose)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", true), org.assertj.core.groups.Tuple.tuple("p2", true));
    }

    /** Integrated loudness of frames [from, to) of a file, by ebur128 behind an atrim of exact samples. */
    static double ebur128(Path file, long from, long to) {
        String out = TestMedia.ffmpeg("-nostats", "-i", file.toString(), "-map", "0:a:0", "-af",
                "atrim=start_sample=" + from * 1600 + ":end_sample=" + to * 1600 + ",ebur128=framelog=verbose", "-f", "null", "-");
        Matcher m = Pattern.compile("I:\\s+(-?[\\d.]+) LUFS").matcher(out.substring(out.lastIndexOf("Summary:")));
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
