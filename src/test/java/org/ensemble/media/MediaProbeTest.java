package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;

import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaProbeTest {

    private final MediaProbe probe = new MediaProbe(null, null);

    /**
     * A phone video as ffprobe 5+ describes it (trimmed): the rotation is in the display matrix side data, the
     * second audio track is the default one, and numbers that ffprobe prints as strings stay strings.
     */
    static final String PHONE_VIDEO = """
            {
                "streams": [
                    {
                        "index": 0,
                        "codec_name": "h264",
                        "codec_type": "video",
                        "width": 1920,
                        "height": 1080,
                        "pix_fmt": "yuv420p",
                        "r_frame_rate": "30000/1001",
                        "avg_frame_rate": "2997/100",
                        "duration": "12.345000",
                        "nb_frames": "370",
                        "disposition": { "default": 1, "attached_pic": 0 },
                        "side_data_list": [
                            {
                                "side_data_type": "Display Matrix",
                                "displaymatrix": "\\n00000000:            0       65536           0\\n00000001:       -65536           0           0\\n00000002:            0           0  1073741824\\n",
                                "rotation": -90
                            }
                        ]
                    },
                    {
                        "index": 1,
                        "codec_name": "aac",
                        "codec_type": "audio",
                        "sample_rate": "44100",
                        "channels": 1,
                        "r_frame_rate": "0/0",
                        "avg_frame_rate": "0/0",
                        "duration": "12.300000",
                        "disposition": { "default": 0, "attached_pic": 0 },
                        "tags": { "language": "eng", "handler_name": "Commentary" }
                    },
                    {
                        "index": 2,
                        "codec_name": "aac",
                        "codec_type": "audio",
                        "sample_rate": "48000",
                        "channels": 2,
                        "r_frame_rate": "0/0",
                        "avg_frame_rate": "0/0",
                        "duration": "12.340000",
                        "disposition": { "default": 1, "attached_pic": 0 },
                        "tags": { "language": "und", "handler_name": "SoundHandler" }
                    }
                ],
                "format": {
                    "filename": "phone.mov",
                    "nb_streams": 3,
                    "format_name": "mov,mp4,m4a,3gp,3g2,mj2",
                    "duration": "12.345000",
                    "size": "23456789",
                    "bit_rate": "15200000"
                }
            }
            """;

    /** An older camera file: rotation only as the legacy {@code rotate} tag (ffprobe 4 and earlier). */
    static final String LEGACY_ROTATE_TAG = """
            {
                "streams": [
                    {
                        "index": 0, "codec_name": "h264", "codec_type": "video", "width": 1280, "height": 720,
                        "r_frame_rate": "25/1", "avg_frame_rate": "25/1", "nb_frames": "250",
                        "disposition": { "default": 1, "attached_pic": 0 },
                        "tags": { "rotate": "270", "handler_name": "VideoHandler" }
                    }
                ],
                "format": { "format_name": "mov,mp4,m4a,3gp,3g2,mj2", "duration": "10.000000", "size": "1234" }
            }
            """;

    /** An MP3 with cover art: the picture is a "video" stream marked attached_pic, which is not footage. */
    static final String MP3_WITH_COVER = """
            {
                "streams": [
                    {
                        "index": 0, "codec_name": "mp3", "codec_type": "audio", "sample_rate": "44100", "channels": 2,
                        "r_frame_rate": "0/0", "avg_frame_rate": "0/0", "duration": "183.144000",
                        "disposition": { "default": 0, "attached_pic": 0 }
                    },
                    {
                        "index": 1, "codec_name": "mjpeg", "codec_type": "video", "width": 600, "height": 600,
                        "pix_fmt": "yuvj420p", "r_frame_rate": "90000/1", "avg_frame_rate": "0/0",
                        "duration": "183.144000", "nb_frames": "1",
                        "disposition": { "default": 0, "attached_pic": 1 },
                        "tags": { "comment": "Cover (front)" }
                    }
                ],
                "format": { "format_name": "mp3", "duration": "183.144000", "size": "4420000" }
            }
            """;

    @Test
    void rotationFromTheDisplayMatrixSwapsTheDisplayedSize() {
        ProbeResult result = probe.parse(PHONE_VIDEO);

        ProbeResult.Stream video = result.video().orElseThrow();
        // ffprobe's -90 (counter-clockwise matrix) means the picture is shown turned 90 degrees clockwise
        assertThat(video.rotation()).isEqualTo(90);
        assertThat(video.width()).isEqualTo(1920);
        assertThat(video.displayWidth()).isEqualTo(1080);
        assertThat(video.displayHeight()).isEqualTo(1920);
        assertThat(video.frameRate()).isCloseTo(29.97, within(0.001));
        assertThat(video.averageFrameRate()).isCloseTo(29.97, within(0.001));
        assertThat(video.frameCount()).isEqualTo(370);
        assertThat(video.pixelFormat()).isEqualTo("yuv420p");
        assertThat(result.formatName()).isEqualTo("mov,mp4,m4a,3gp,3g2,mj2");
        assertThat(result.durationSeconds()).isEqualTo(12.345);
        assertThat(result.sizeBytes()).isEqualTo(23_456_789L);
    }

    @Test
    void theDefaultAudioStreamIsChosen() {
        ProbeResult result = probe.parse(PHONE_VIDEO);

        ProbeResult.Stream audio = result.audio().orElseThrow();
        assertThat(audio.index()).isEqualTo(2);
        assertThat(audio.sampleRate()).isEqualTo(48000);
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.durationSeconds()).isEqualTo(12.34);
        assertThat(result.streams()).extracting(ProbeResult.Stream::isAudio).containsExactly(false, true, true);
    }

    @Test
    void rotationFromTheLegacyTag() {
        ProbeResult.Stream video = probe.parse(LEGACY_ROTATE_TAG).video().orElseThrow();

        assertThat(video.rotation()).isEqualTo(270);
        assertThat(video.displayWidth()).isEqualTo(720);
        assertThat(video.displayHeight()).isEqualTo(1280);
        assertThat(video.frameRate()).isEqualTo(25.0);
    }

    @Test
    void coverArtIsNotVideoAndTheOnlyAudioIsUsedWithoutADefaultFlag() {
        ProbeResult result = probe.parse(MP3_WITH_COVER);

        assertThat(result.hasVideo()).isFalse();
        assertThat(result.video()).isEmpty();
        assertThat(result.streams().get(1).attachedPicture()).isTrue();
        assertThat(result.streams().get(1).codecType()).isEqualTo("video");
        assertThat(result.hasAudio()).isTrue();
        assertThat(result.audio().orElseThrow().index()).isZero();
        assertThat(result.durationSeconds()).isEqualTo(183.144);
    }

    @Test
    void countedPacketsWinOverTheContainersFrameCount() {
        String json = """
                {"streams": [{"index": 0, "codec_type": "video", "width": 2, "height": 2, "nb_frames": "100",
                  "nb_read_packets": "90", "r_frame_rate": "30/1"}], "format": {"duration": "3.0"}}""";

        assertThat(probe.parse(json).video().orElseThrow().frameCount()).isEqualTo(90);
    }

    @Test
    void aFileWithoutStreamsOrFormatParsesToNothing() {
        ProbeResult result = probe.parse("{}");

        assertThat(result.streams()).isEmpty();
        assertThat(result.durationSeconds()).isZero();
        assertThat(result.formatName()).isEmpty();
        assertThat(result.hasVideo()).isFalse();
        assertThat(result.hasAudio()).isFalse();
    }

    @Test
    void interlacingHdrAndNonSquarePixelsAreRead() {
        // a PAL camcorder file: top field first, 16:15 pixels; and a phone's HLG clip
        String json = """
                {"streams": [
                  {"index": 0, "codec_type": "video", "width": 720, "height": 576, "sample_aspect_ratio": "16:15",
                   "field_order": "tt", "color_transfer": "bt709", "r_frame_rate": "25/1"},
                  {"index": 1, "codec_type": "video", "width": 1920, "height": 1080, "sample_aspect_ratio": "1:1",
                   "field_order": "progressive", "color_transfer": "arib-std-b67", "color_primaries": "bt2020"},
                  {"index": 2, "codec_type": "video", "width": 853, "height": 479, "sample_aspect_ratio": "0:1"}],
                 "format": {"duration": "3.0"}}""";

        var streams = probe.parse(json).streams();

        assertThat(streams.get(0).interlaced()).isTrue();
        assertThat(streams.get(0).displayWidth()).isEqualTo(768);
        assertThat(streams.get(0).displayHeight()).isEqualTo(576);
        assertThat(streams.get(0).hdrTransfer()).isEmpty();
        assertThat(streams.get(1).interlaced()).isFalse();
        assertThat(streams.get(1).hdrTransfer()).contains("arib-std-b67");
        assertThat(streams.get(1).colorPrimaries()).isEqualTo("bt2020");
        // ffmpeg's "not set" is square
        assertThat(streams.get(2).sampleAspectRatio()).isEqualTo(1.0);
        assertThat(streams.get(2).displayWidth()).isEqualTo(853);
    }

    @Test
    void aPieceLastsAsLongAsItsPictureAndOneFrameIsAStill() {
        // the sound runs 2 s past the picture: the container says 4 s, the piece is the picture's 2 s
        String longSound = """
                {"streams": [{"index": 0, "codec_type": "video", "width": 2, "height": 2, "duration": "2.0", "nb_frames": "60"},
                  {"index": 1, "codec_type": "audio", "duration": "4.0"}], "format": {"duration": "4.0"}}""";
        // a Matroska file gives no stream duration: the container's is used
        String noStreamDuration = """
                {"streams": [{"index": 0, "codec_type": "video", "width": 2, "height": 2}], "format": {"duration": "3.5"}}""";
        String oneFrame = """
                {"streams": [{"index": 0, "codec_type": "video", "width": 2, "height": 2, "duration": "0.04", "nb_frames": "1"}],
                 "format": {"duration": "0.04"}}""";

        assertThat(probe.parse(longSound).usableSeconds()).isEqualTo(2.0);
        assertThat(probe.parse(longSound).singleFrame()).isFalse();
        assertThat(probe.parse(noStreamDuration).usableSeconds()).isEqualTo(3.5);
        assertThat(probe.parse(oneFrame).singleFrame()).isTrue();
    }

    @Test
    void theAudioStreamSpecifierCountsAudioStreamsOnly() {
        // the default audio is the file's third stream but its second audio stream
        assertThat(probe.parse(PHONE_VIDEO).audioStreamSpec()).contains("a:1");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            // the common integer rates
            "30/1, 30.0",
            "25/1, 25.0",
            // NTSC
            "30000/1001, 29.97002997",
            // ffprobe writes 0/0 for audio streams: no rate, not NaN
            "0/0, 0.0",
            // a plain number
            "24, 24.0",
            // garbage
            "abc/def, 0.0",
    })
    void rational(String text, double expected) {
        assertThat(MediaProbe.rational(text)).isCloseTo(expected, within(1e-6));
    }

    @Test
    void probesARealFile(@TempDir Path dir) {
        // given a 1 s clip with sound
        Path clip = TestMedia.mp4(dir.resolve("clip.mp4"), 1, true);
        MediaProcessGateway gateway = new MediaProcessGateway();
        FfmpegToolchain toolchain = FfmpegToolchain.detect(new MediaSettings("", "", Duration.ofSeconds(60),
                Duration.ofSeconds(10), "veryfast", 20), gateway);

        // when
        ProbeResult result = new MediaProbe(toolchain, gateway).probe(clip, true);

        // then
        ProbeResult.Stream video = result.video().orElseThrow();
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(180);
        assertThat(video.frameCount()).isEqualTo(30);
        assertThat(video.frameRate()).isEqualTo(30.0);
        assertThat(result.audio().orElseThrow().sampleRate()).isEqualTo(48000);
        assertThat(result.durationSeconds()).isBetween(1.0, 1.1);
    }
}
