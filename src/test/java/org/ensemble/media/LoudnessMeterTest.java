package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The parsers, on stderr captured from ffmpeg 5.1 (the progress lines before the summary are part of it). */
class LoudnessMeterTest {

    static final String EBUR128_TONE = """
            [Parsed_ebur128_0 @ 0x563043fade40] t: 0.899979   TARGET:-23 LUFS    M: -21.8 S:-120.7     I: -21.8 LUFS       LRA:   0.0 LU  FTPK: -18.1 dBFS  TPK: -18.1 dBFS
            [Parsed_ebur128_0 @ 0x563043fade40] t: 0.999979   TARGET:-23 LUFS    M: -21.8 S:-120.7     I: -21.9 LUFS       LRA:   3.0 LU  FTPK: -18.1 dBFS  TPK: -17.0 dBFS
            size=N/A time=00:00:01.00 bitrate=N/A speed= 168x
            video:0kB audio:94kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
            [Parsed_ebur128_0 @ 0x563043fade40] Summary:

              Integrated loudness:
                I:         -21.8 LUFS
                Threshold: -31.8 LUFS

              Loudness range:
                LRA:         4.2 LU
                Threshold:   0.0 LUFS
                LRA low:     0.0 LUFS
                LRA high:    0.0 LUFS

              True peak:
                Peak:      -18.1 dBFS
            """;

    static final String EBUR128_SILENCE = """
            size=N/A time=00:00:01.00 bitrate=N/A speed=64.8x
            video:0kB audio:188kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
            [Parsed_ebur128_0 @ 0x5653e1ce1b80] Summary:

              Integrated loudness:
                I:         -70.0 LUFS
                Threshold:   0.0 LUFS

              Loudness range:
                LRA:         0.0 LU
                Threshold:   0.0 LUFS
                LRA low:     0.0 LUFS
                LRA high:    0.0 LUFS

              True peak:
                Peak:       -inf dBFS
            """;

    static final String LOUDNORM_TONE = """
            Output #0, null, to 'pipe:':
              Metadata:
                encoder         : Lavf59.27.100
              Stream #0:0: Audio: pcm_s16le, 192000 Hz, stereo, s16, 6144 kb/s
                  encoder         : Lavc59.37.100 pcm_s16le
            size=N/A time=00:00:01.00 bitrate=N/A speed=18.3x
            video:0kB audio:750kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
            [Parsed_loudnorm_1 @ 0x5584f02f36c0]\s
            {
            	"input_i" : "-21.75",
            	"input_tp" : "-21.07",
            	"input_lra" : "0.00",
            	"input_thresh" : "-31.75",
            	"output_i" : "-16.05",
            	"output_tp" : "-15.32",
            	"output_lra" : "0.00",
            	"output_thresh" : "-26.05",
            	"normalization_type" : "linear",
            	"target_offset" : "0.05"
            }
            """;

    static final String LOUDNORM_SILENCE = """
            video:0kB audio:750kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown
            [Parsed_loudnorm_1 @ 0x564d12ac9600]\s
            {
            	"input_i" : "-inf",
            	"input_tp" : "-inf",
            	"input_lra" : "0.00",
            	"input_thresh" : "-70.00",
            	"output_i" : "-inf",
            	"output_tp" : "-inf",
            	"output_lra" : "0.00",
            	"output_thresh" : "-70.00",
            	"normalization_type" : "linear",
            	"target_offset" : "inf"
            }
            """;

    private final LoudnessMeter meter = new LoudnessMeter(null, null, null);

    @Test
    void ebur128SummaryOfATone() {
        LoudnessMeasurement m = LoudnessMeter.parseEbur128Summary(EBUR128_TONE);

        // the summary, not the last progress line (-21.9 LUFS, 3.0 LU, -17.0 dBFS)
        assertThat(m.integratedLufs()).isEqualTo(-21.8);
        assertThat(m.rangeLu()).isEqualTo(4.2);
        assertThat(m.truePeakDbtp()).isEqualTo(-18.1);
        assertThat(m.thresholdLufs()).isNaN();
        assertThat(m.targetOffsetLu()).isNaN();
        assertThat(m.isSilent()).isFalse();
    }

    @Test
    void ebur128SummaryOfSilence() {
        LoudnessMeasurement m = LoudnessMeter.parseEbur128Summary(EBUR128_SILENCE);

        assertThat(m.integratedLufs()).isEqualTo(-70.0);
        assertThat(m.truePeakDbtp()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(m.rangeLu()).isZero();
        assertThat(m.isSilent()).isTrue();
    }

    @Test
    void ebur128WithMinusInfinityIntegratedLoudness() {
        LoudnessMeasurement m = LoudnessMeter.parseEbur128Summary(EBUR128_SILENCE.replace("-70.0 LUFS", "-inf LUFS"));

        assertThat(m.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(m.isSilent()).isTrue();
    }

    @Test
    void ebur128WithoutASummaryFails() {
        String stderr = EBUR128_TONE.substring(0, EBUR128_TONE.indexOf("[Parsed_ebur128_0 @ 0x563043fade40] Summary"));

        assertThatThrownBy(() -> LoudnessMeter.parseEbur128Summary(stderr))
                .isInstanceOf(MediaProcessException.class)
                .hasMessageContaining("ebur128 printed no summary");
    }

    @Test
    void ebur128SummaryWithoutTruePeakFails() {
        String stderr = EBUR128_TONE.substring(0, EBUR128_TONE.indexOf("  True peak:"));

        assertThatThrownBy(() -> LoudnessMeter.parseEbur128Summary(stderr))
                .isInstanceOf(MediaProcessException.class)
                .hasMessageContaining("lacks");
    }

    @Test
    void loudnormMeasurementOfATone() {
        LoudnessMeasurement m = meter.parseLoudnorm(LOUDNORM_TONE);

        assertThat(m).isEqualTo(new LoudnessMeasurement(-21.75, -21.07, 0.0, -31.75, 0.05));
        assertThat(m.isSilent()).isFalse();
    }

    @Test
    void loudnormMeasurementOfSilence() {
        LoudnessMeasurement m = meter.parseLoudnorm(LOUDNORM_SILENCE);

        assertThat(m.integratedLufs()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(m.truePeakDbtp()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(m.rangeLu()).isZero();
        assertThat(m.thresholdLufs()).isEqualTo(-70.0);
        assertThat(m.targetOffsetLu()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(m.isSilent()).isTrue();
    }

    @Test
    void loudnormWithoutJsonFails() {
        assertThatThrownBy(() -> meter.parseLoudnorm("Error opening input file\n"))
                .isInstanceOf(MediaProcessException.class)
                .hasMessageContaining("loudnorm printed no measurement")
                .hasMessageContaining("Error opening input file");
    }
}
