package org.ensemble.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.PieceQuality;
import org.ensemble.episode.PieceQuality.Run;
import org.ensemble.episode.PieceQuality.Treatment;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.show.QualityRules;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.Test;

/**
 * The decisions of a piece's own QC, on findings given directly (the measuring is {@code PieceQualityWeekTest}'s):
 * which ends are cut, what leaves a piece out and why. The tiny show allows 1 s of dead air, 3 s of silence, 10 % of
 * silence in all, and lets conform cut 10 s off each end; its pieces are at least 2 s (60 frames).
 */
class PieceCheckTest {

    static final ShowDefinition SHOW = new ShowCatalog(new EnsembleSettings(Path.of("var"), Path.of("src/test/resources/jobs"),
            1, Map.of())).require("tiny-show");
    static final QualityRules RULES = SHOW.quality();
    static final long MIN = SHOW.rules().pieceMinFrames();
    static final LoudnessMeasurement ON_TARGET = new LoudnessMeasurement(-16.1, -3, 4, Double.NaN, Double.NaN);

    static PieceCheck.Findings findings(long frames, List<Run> black, List<Run> silence, LoudnessMeasurement loudness) {
        List<Run> deadAir = new java.util.ArrayList<>();
        for (Run b : black) {
            for (Run s : silence) {
                long from = Math.max(b.startFrame(), s.startFrame());
                long to = Math.min(b.endFrame(), s.endFrame());
                if (to > from) {
                    deadAir.add(new Run(from, to));
                }
            }
        }
        return new PieceCheck.Findings(frames, black, silence, List.of(), deadAir, loudness, 0);
    }

    @Test
    void deadAirAtEitherEndIsCutWhateverItsLength() {
        // 0.6 s of dead air at the start (the fade's first frames are black too), 0.5 s at the end
        var f = findings(240, List.of(new Run(0, 18), new Run(225, 240)), List.of(new Run(0, 18), new Run(225, 240)), ON_TARGET);

        var cut = PieceCheck.cut(f, RULES, MIN, false);

        assertThat(cut).isEqualTo(new PieceCheck.Cut(18, 15, true));
        PieceQuality q = PieceCheck.judge(findings(207, List.of(), List.of(), ON_TARGET), cut, false, SHOW);
        assertThat(q.treatment()).isEqualTo(Treatment.TRIMMED);
        assertThat(q.reason()).isEqualTo("cut 0.6 s off its start and 0.5 s off its end (dead air or silence)");
        assertThat(q.trimmedHeadFrames()).isEqualTo(18);
    }

    @Test
    void silenceAtAnEndIsCutToHalfTheLimitSoNoJoinAddsUpOverIt() {
        // 4 s of silence over a moving picture at the end, with a 3 s limit: 1.5 s of it stays
        var f = findings(300, List.of(), List.of(new Run(180, 300)), ON_TARGET);

        var cut = PieceCheck.cut(f, RULES, MIN, false);

        assertThat(cut.head()).isZero();
        assertThat(cut.tail()).isEqualTo(120 - 45);
        assertThat(cut.allowed()).isTrue();
    }

    @Test
    void overTheBedOnlyABlackPictureIsCutNotTheSilenceOfItsOwnSound() {
        // a silent film plays over the bed: its own sound is silent throughout, its picture black for its first second
        var f = findings(240, List.of(new Run(0, 30)), List.of(new Run(0, 240)), ON_TARGET);

        var cut = PieceCheck.cut(f, RULES, MIN, true);

        assertThat(cut).isEqualTo(new PieceCheck.Cut(30, 0, true));
    }

    @Test
    void deadAirInsideLeavesThePieceOutWithWhereAndHowLong() {
        var f = findings(240, List.of(new Run(90, 150)), List.of(new Run(90, 150)), ON_TARGET);

        PieceQuality q = PieceCheck.judge(f, PieceCheck.cut(f, RULES, MIN, false), false, SHOW);

        assertThat(q.leftOut()).isTrue();
        assertThat(q.reason()).startsWith("its picture is black and its sound silent for 2.0 s from 0:03.0 (the programme allows 1.0 s)")
                .endsWith("Ask the contributor for another take, trim it, or pin it to air it as it is");
        assertThat(q.trimmedHeadFrames()).isZero();
    }

    @Test
    void endsLongerThanTheShowLetsConformCutLeaveThePieceOut() {
        // 12 s of dead air before 8 s of picture: more than the 10 s conform may cut
        var f = findings(600, List.of(new Run(0, 360)), List.of(new Run(0, 360)), ON_TARGET);

        var cut = PieceCheck.cut(f, RULES, MIN, false);
        PieceQuality q = PieceCheck.judge(f, cut, false, SHOW);

        assertThat(cut.allowed()).isFalse();
        assertThat(q.leftOut()).isTrue();
        assertThat(q.reason()).startsWith("it opens (12.0 s) with dead air or silence longer than the 10.0 s the show lets conform cut");
    }

    @Test
    void aPieceBlackAndSilentThroughoutIsSaidToBeSo() {
        var f = findings(180, List.of(new Run(0, 180)), List.of(new Run(0, 180)), ON_TARGET);

        PieceQuality q = PieceCheck.judge(f, PieceCheck.cut(f, RULES, MIN, true), true, SHOW);

        assertThat(q.reason()).startsWith("its picture is black and its sound silent from start to end");
    }

    @Test
    void silenceOverTheLimitAndTooMuchSilenceInAllLeaveAPieceOut() {
        var long4s = findings(600, List.of(), List.of(new Run(200, 320)), ON_TARGET);
        assertThat(PieceCheck.judge(long4s, PieceCheck.cut(long4s, RULES, MIN, false), false, SHOW).reason())
                .startsWith("it is silent for 4.0 s from 0:06.7 (the programme allows 3.0 s)");

        // three pauses of 2.5 s in 20 s: none over the limit, 37 % in all (the show allows 10 %)
        var pauses = findings(600, List.of(), List.of(new Run(60, 135), new Run(250, 325), new Run(450, 525)), ON_TARGET);
        assertThat(PieceCheck.judge(pauses, PieceCheck.cut(pauses, RULES, MIN, false), false, SHOW).reason())
                .startsWith("it is silent for 38 % of its length (the programme allows 10 %)");
    }

    @Test
    void aPieceTheLimiterHoldsUnderTheTargetIsLeftOutBeforeItCanFailTheMaster() {
        var quiet = findings(240, List.of(), List.of(), new LoudnessMeasurement(-17.2, -1.5, 3, Double.NaN, Double.NaN));

        PieceQuality q = PieceCheck.judge(quiet, PieceCheck.cut(quiet, RULES, MIN, false), false, SHOW);

        assertThat(q.reason()).startsWith("after correction it measures -17.2 LUFS, not within 0.8 LU of -16.0");
        // a piece too short to judge, and one quiet by intent, are not held to it
        var shortOne = findings(60, List.of(), List.of(), new LoudnessMeasurement(-19, -1.5, 3, Double.NaN, Double.NaN));
        assertThat(PieceCheck.judge(shortOne, PieceCheck.cut(shortOne, RULES, MIN, false), false, SHOW).treatment()).isEqualTo(Treatment.KEPT);
    }

    @Test
    void writingWithoutABedIsLeftOutWhereSilenceIsLimited() {
        ShowDefinition noBed = new ShowDefinition(SHOW.id(), SHOW.title(), SHOW.description(), SHOW.timeZone(), SHOW.cron(),
                SHOW.airDay(), SHOW.airTime(), SHOW.runtimeFrames(), SHOW.loudness(), SHOW.profile(), SHOW.rules(), RULES, null);

        // writing lasts at least 4 s here, over the 3 s of silence allowed; a photo's 3 s would just fit
        PieceQuality poem = PieceCheck.elastic(false, noBed, SHOW.rules().writingMinFrames(), "this writing");
        assertThat(PieceCheck.elastic(false, noBed, SHOW.rules().stillMinFrames(), "this photo").leftOut()).isFalse();

        assertThat(poem.leftOut()).isTrue();
        assertThat(poem.reason()).startsWith("this writing has no sound of its own and the show names no sound bed, so it would "
                + "be silent for at least 4.0 s (the programme allows 3.0 s)");
        assertThat(PieceCheck.elastic(true, SHOW, SHOW.rules().stillMinFrames(), "this photo").summary())
                .isEqualTo("kept, with the show's sound bed under it");
    }
}
