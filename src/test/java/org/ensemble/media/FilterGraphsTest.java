package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FilterGraphsTest {

    private static final LoudnessTarget TARGET = new LoudnessTarget(-16, -1.5, 11);
    private static final HouseProfile HOUSE = new HouseProfile(1920, 1080, 30, "yuv420p", 48000, 2, 192);

    static Stream<Arguments> silentMeasurements() {
        return Stream.of(
                // nothing was measured (no sound at all)
                Arguments.of((LoudnessMeasurement) null),
                // loudnorm on digital silence
                Arguments.of(new LoudnessMeasurement(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -70, Double.POSITIVE_INFINITY)),
                // ebur128 on digital silence reports the gate floor
                Arguments.of(new LoudnessMeasurement(-70.0, Double.NEGATIVE_INFINITY, 0, Double.NaN, Double.NaN)),
                // room noise far below speech: lifting it by 60 dB would be a hiss
                Arguments.of(new LoudnessMeasurement(-75.3, -60, 2, -85, 59)),
                // a measurement that failed to parse
                Arguments.of(new LoudnessMeasurement(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN)));
    }

    @ParameterizedTest
    @MethodSource("silentMeasurements")
    void silenceGetsNoCorrection(LoudnessMeasurement measured) {
        assertThat(FilterGraphs.loudnormCorrection(TARGET, measured)).isEmpty();
    }

    @Test
    void soundGetsALinearSecondPassWithTheMeasurement() {
        String filter = FilterGraphs.loudnormCorrection(TARGET, new LoudnessMeasurement(-21.75, -21.07, 0.0, -31.75, 0.05));

        assertThat(filter).isEqualTo("loudnorm=I=-16.00:TP=-1.50:LRA=11.00:measured_I=-21.75:measured_TP=-21.07"
                + ":measured_LRA=0.00:measured_thresh=-31.75:offset=0.05:linear=true:print_format=none");
    }

    @Test
    void nonFiniteSecondaryValuesAreClampedToWhatLoudnormAccepts() {
        // a quiet but not silent recording with an ebur128-style measurement (no threshold, no offset)
        String filter = FilterGraphs.loudnormCorrection(TARGET,
                new LoudnessMeasurement(-40, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN));

        assertThat(filter).contains("measured_I=-40.00", "measured_TP=-99.00", "measured_LRA=99.00",
                "measured_thresh=0.00", "offset=0.00", "linear=true").doesNotContain("inf", "NaN");
    }

    @Test
    void aMasterMeasuringAboveZeroLufsGetsAPlainGainLoudnormWouldRefuse() {
        // a 5.1 song boosted into clipping measured +0.63 LUFS after the downmix; loudnorm takes measured_I <= 0 only
        String filter = FilterGraphs.loudnormCorrection(TARGET, new LoudnessMeasurement(0.63, 3.2, 2.1, -9.4, -16.6));

        assertThat(filter).isEqualTo("volume=-16.63dB");
    }

    @Test
    void analysisDownmixesBeforeMeasuring() {
        assertThat(FilterGraphs.loudnormAnalysis(-16, -1.5, 11))
                .isEqualTo("aformat=channel_layouts=stereo,loudnorm=I=-16.00:TP=-1.50:LRA=11.00:print_format=json");
    }

    @ParameterizedTest(name = "{0} samples")
    @CsvSource({
            // one second: 10 ms fades (480 samples)
            "48000, 480",
            // a segment of 100 frames at 30 fps
            "160000, 480",
            // very short: a fade is at most a quarter of the length
            "1000, 250",
            // three samples: no fade at all
            "3, 0",
    })
    void exactAudioPadsCutsAndFades(long samples, long fade) {
        String chain = FilterGraphs.exactAudio(HOUSE, samples);

        assertThat(chain).startsWith("aresample=48000,aformat=sample_fmts=s16:sample_rates=48000:channel_layouts=stereo,")
                .contains("apad=whole_len=" + samples + ",atrim=end_sample=" + samples);
        if (fade > 0) {
            assertThat(chain).endsWith(",afade=t=in:ss=0:ns=" + fade + ",afade=t=out:ss=" + (samples - fade) + ":ns=" + fade);
        } else {
            assertThat(chain).doesNotContain("afade");
        }
    }

    @ParameterizedTest(name = "{0} frames, {1} fade frames")
    @CsvSource({
            // the usual 4-frame dips
            "300, 4, 'fade=t=in:s=0:n=4,fade=t=out:s=296:n=4'",
            // a segment of 8 frames gets fades of 2
            "8, 4, 'fade=t=in:s=0:n=2,fade=t=out:s=6:n=2'",
            // too short to fade: the null filter keeps the graph valid
            "3, 4, 'null'",
            "300, 0, 'null'",
    })
    void frameFades(long frames, int fadeFrames, String expected) {
        assertThat(FilterGraphs.frameFades(frames, fadeFrames)).isEqualTo(expected);
    }

    @Test
    void secondsAreWrittenWithADotWhateverTheLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.GERMANY);
            assertThat(FilterGraphs.seconds(1.5)).isEqualTo("1.500000");
            assertThat(FilterGraphs.loudnormAnalysis(-16, -1.5, 11)).contains("TP=-1.50");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void fitWithBlurFillEndsInTheNamedLabelAtTheHouseSize() {
        String graph = FilterGraphs.fitWithBlurFill("0:v:0", "fit", HOUSE);

        assertThat(graph).startsWith("[0:v:0]").endsWith("[fit]")
                .contains("scale=1920:1080:force_original_aspect_ratio=decrease")
                .contains("overlay=(W-w)/2:(H-h)/2");
    }

    @Test
    void interlacedHdrFootageIsDeinterlacedThenToneMapped() {
        String conversion = FilterGraphs.sourceConversion(true, "smpte2084", FfmpegToolchain.Conversions.FULL);

        assertThat(conversion).startsWith("yadif=mode=send_frame:parity=auto:deint=all,zscale=tin=smpte2084:")
                .contains("npl=203", "tonemap=tonemap=mobius", "zscale=t=bt709:m=bt709:r=tv");
        assertThat(FilterGraphs.sourceConversion(false, null, FfmpegToolchain.Conversions.FULL)).isEmpty();
    }

    @Test
    void withoutZscaleHdrGetsTheApproximateCurveAndWithoutDeinterlacerNothing() {
        FfmpegToolchain.Conversions lean = new FfmpegToolchain.Conversions(false, "");

        assertThat(FilterGraphs.sourceConversion(true, "smpte2084", lean))
                .isEqualTo("scale=in_color_matrix=bt2020:out_color_matrix=bt709:in_range=tv:out_range=tv,format=yuv420p,"
                        + "lutyuv=y='clip(if(lt(val,104),val,104+2.7*(val-104)),16,235)'");
        assertThat(FilterGraphs.sourceConversion(false, "arib-std-b67", lean)).endsWith("lutyuv=y='clip(16+(val-16)*1.2,16,235)'");
    }

    @ParameterizedTest(name = "{0} LUFS, {1} dBTP -> {2}")
    @CsvSource({
            // quiet: the whole way up
            "-40.0, -30.0, volume=24.00dB",
            // loud: the whole way down
            "-6.0, 0.0, volume=-10.00dB",
            // peaky: held back by the true-peak ceiling
            "-30.0, -3.0, volume=1.50dB",
            // no peak known: gain alone
            "-20.0, -Infinity, volume=4.00dB",
    })
    void shortPiecesGetAPlainGainCappedByTheCeiling(double integrated, double peak, String expected) {
        LoudnessMeasurement shortPiece = new LoudnessMeasurement(integrated, peak, 0, Double.NaN, Double.NaN, false);

        assertThat(FilterGraphs.loudnormCorrection(new LoudnessTarget(-16, -1.5, 11), shortPiece)).isEqualTo(expected);
    }
}
