package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import org.ensemble.media.FfmpegToolchain.VideoEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FfmpegToolchainTest {

    private static final String HEADER = """
            Encoders:
             V..... = Video
             A..... = Audio
             S..... = Subtitle
             .F.... = Frame-level multithreading
             ..S... = Slice-level multithreading
             ...X.. = Codec is experimental
             ....B. = Supports draw_horiz_band
             .....D = Supports direct rendering method 1
             ------
            """;

    /** Lines as Debian's ffmpeg 5.1 prints them. */
    private static final String LIBX264 = " V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)\n";
    private static final String LIBX264RGB = " V....D libx264rgb           libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 RGB (codec h264)\n";
    private static final String OPENH264 = " V..... libopenh264          OpenH264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)\n";
    private static final String V4L2 = " V..... h264_v4l2m2m         V4L2 mem2mem H.264 encoder wrapper (codec h264)\n";
    private static final String MPEG4 = " V..... mpeg4                MPEG-4 part 2\n";
    private static final String AAC = " A..... aac                  AAC (Advanced Audio Coding)\n";

    static Stream<Arguments> listings() {
        return Stream.of(
                // a full Debian/Ubuntu ffmpeg: libx264 wins
                Arguments.of(HEADER + MPEG4 + LIBX264 + LIBX264RGB + V4L2 + OPENH264 + AAC, Optional.of(VideoEncoder.LIBX264)),
                // libx264 wins whatever the order of the listing
                Arguments.of(HEADER + OPENH264 + LIBX264 + AAC, Optional.of(VideoEncoder.LIBX264)),
                // the bundled org.bytedeco build has only OpenH264
                Arguments.of(HEADER + MPEG4 + OPENH264 + AAC, Optional.of(VideoEncoder.LIBOPENH264)),
                // libx264rgb is not libx264 (it makes RGB H.264 that players do not play)
                Arguments.of(HEADER + LIBX264RGB + OPENH264 + AAC, Optional.of(VideoEncoder.LIBOPENH264)),
                Arguments.of(HEADER + LIBX264RGB + AAC, Optional.empty()),
                // only hardware or other encoders: neither
                Arguments.of(HEADER + MPEG4 + V4L2 + AAC, Optional.empty()),
                // the name in a description does not count, only the encoder column
                Arguments.of(HEADER + " V..... h264_nvenc           NVIDIA NVENC (not libx264 libopenh264 )\n" + AAC, Optional.empty()),
                // an audio encoder with that name would not be a video encoder
                Arguments.of(HEADER + " A..... libx264              not really\n", Optional.empty()),
                // nothing at all
                Arguments.of("", Optional.empty()));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("listings")
    void choosesTheBestH264Encoder(String listing, Optional<VideoEncoder> expected) {
        assertThat(FfmpegToolchain.chooseEncoder(listing)).isEqualTo(expected);
    }

    @Test
    void detectsTheSystemFfmpeg() {
        // the real binaries: version, encoder and the filters Ensemble needs (a handful of quick runs)
        FfmpegToolchain toolchain = FfmpegToolchain.detect(
                new MediaSettings("/usr/bin/ffmpeg", "/usr/bin/ffprobe", Duration.ofSeconds(60), Duration.ofSeconds(10),
                        "veryfast", 20), new MediaProcessGateway());

        assertThat(toolchain.ffmpeg()).hasToString("/usr/bin/ffmpeg");
        assertThat(toolchain.ffprobe()).hasToString("/usr/bin/ffprobe");
        assertThat(toolchain.origin()).isEqualTo("configured");
        assertThat(toolchain.version()).matches("\\S*\\d+\\.\\d+\\S*");
        assertThat(toolchain.videoEncoder()).isEqualTo(VideoEncoder.LIBX264);
    }

    @Test
    void optionalConversionsAreDetectedFromTheFilterListing() {
        String full = """
                 TS. bwdif             V->V       Deinterlace the input image.
                 .S. tonemap           V->V       Conversion to/from different dynamic ranges.
                 TS. yadif             V->V       Deinterlace the input image.
                 .SC zscale            V->V       Apply resizing, colorspace and bit depth conversion.
                """;
        // a build without zimg and without yadif
        String lean = """
                 TS. bwdif             V->V       Deinterlace the input image.
                 .S. tonemap           V->V       Conversion to/from different dynamic ranges.
                 ... tonemap_opencl    V->V       Perform HDR to SDR conversion with tonemapping.
                """;

        assertThat(FfmpegToolchain.Conversions.from(full)).isEqualTo(new FfmpegToolchain.Conversions(true, "yadif"));
        assertThat(FfmpegToolchain.Conversions.from(lean)).isEqualTo(new FfmpegToolchain.Conversions(false, "bwdif"));
        assertThat(FfmpegToolchain.Conversions.from("")).isEqualTo(new FfmpegToolchain.Conversions(false, ""));
    }
}
