package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ensemble.media.FfmpegToolchain.VideoEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SegmentEncoderTest {

    private static final HouseProfile HOUSE = new HouseProfile(1920, 1080, 30, "yuv420p", 48000, 2, 192);
    private static final MediaSettings SETTINGS = new MediaSettings("", "", Duration.ofSeconds(120), Duration.ofSeconds(10),
            "veryfast", 20);
    private static final LoudnessTarget TARGET = new LoudnessTarget(-16, -1.5, 11);
    private static final Path WORK = Path.of("/work/seg");
    private static final Path CLIP = Path.of("/inbox/ann/morning walk.mp4");

    /** One input of an ffmpeg command: its options and its source. */
    record Input(List<String> options, String source) {
        boolean isLavfi() {
            return options.containsAll(List.of("-f", "lavfi"));
        }

        boolean loops() {
            return options.contains("-loop");
        }

        String option(String name) {
            int i = options.indexOf(name);
            return i < 0 ? null : options.get(i + 1);
        }
    }

    /** Splits the arguments into inputs: every "-i X" closes one, its options are the arguments since the previous one. */
    static List<Input> inputs(List<String> args) {
        List<Input> inputs = new ArrayList<>();
        int start = args.indexOf("-filter_complex_threads") + 2;
        for (int i = start; i < args.size(); i++) {
            if (args.get(i).equals("-i")) {
                inputs.add(new Input(args.subList(start, i), args.get(i + 1)));
                start = i + 2;
                i++;
            } else if (args.get(i).equals("-filter_complex")) {
                break;
            }
        }
        return inputs;
    }

    /** The output options of the picture file: from "-map [vout]" to the file name. */
    static List<String> pictureOutput(List<String> args, Path pictureOut) {
        int from = args.indexOf("[vout]") - 1;
        int to = args.indexOf(pictureOut.toString());
        return args.subList(from, to);
    }

    private static SegmentRequest footage(long frames, double start) {
        return new SegmentRequest("conform ct-01",
                new SegmentRequest.Footage(CLIP, start),
                new SegmentRequest.FromFile(CLIP, "a:0", start, TARGET, new LoudnessMeasurement(-21.75, -21.07, 0, -31.75, 0.05)),
                frames, new SegmentRequest.Overlay(WORK.resolve("credit.png"), 16, 130), WORK.resolve("picture.mp4"), WORK.resolve("sound.flac"));
    }

    private static SegmentRequest still(long frames) {
        return new SegmentRequest("conform ct-02",
                new SegmentRequest.Still(WORK.resolve("plate.png"), false, false),
                new SegmentRequest.Silence(),
                frames, new SegmentRequest.Overlay(WORK.resolve("credit.png"), 16, 130), WORK.resolve("still.mp4"), WORK.resolve("still.flac"));
    }

    @Test
    void footageWithItsOwnSoundReadsTheFileOnceBoundedAndConfined() {
        // given 10 s of a clip trimmed in at 2.5 s
        SegmentRequest request = footage(300, 2.5);

        // when
        List<String> args = SegmentEncoder.command(request, HOUSE, VideoEncoder.LIBX264, SETTINGS, 2).arguments();

        // then: the clip is one input (picture and sound), sought, bounded and confined to files
        List<Input> inputs = inputs(args);
        assertThat(inputs).hasSize(2);
        Input clip = inputs.get(0);
        assertThat(clip.source()).isEqualTo(CLIP.toString());
        assertThat(clip.option("-protocol_whitelist")).isEqualTo("file");
        assertThat(clip.option("-ss")).isEqualTo("2.500000");
        // a second more than needed, so the last frame is never short
        assertThat(clip.option("-t")).isEqualTo("11.000000");
        // the lower-third credit is one image, decoded once and held by the loop filter for exactly the segment
        Input credit = inputs.get(1);
        assertThat(credit.source()).isEqualTo(WORK.resolve("credit.png").toString());
        assertThat(credit.loops()).isFalse();

        // the graph uses stream 0 for both, corrects the sound and cuts it to the exact sample
        String graph = args.get(args.indexOf("-filter_complex") + 1);
        assertThat(graph).startsWith("[0:v:0]").contains("[0:a:0]aresample=async=1:first_pts=0")
                .contains("loudnorm=I=-16.00", "linear=true")
                .contains("apad=whole_len=480000,atrim=end_sample=480000")
                .contains("trim=end_frame=300");

        // exactly 300 frames of picture, constant rate, no sound in the picture file
        assertThat(args).containsSequence("-map", "[vout]", "-frames:v", "300", "-r", "30", "-fps_mode", "cfr", "-an");
        assertThat(args).containsSequence("-map", "[snd]", "-vn", "-c:a", "flac", "-ar", "48000", "-ac", "2",
                WORK.resolve("sound.flac").toString());
        assertThat(args).containsSequence("-filter_complex_threads", "2");
        assertThat(args.get(args.size() - 1)).isEqualTo(WORK.resolve("sound.flac").toString());
    }

    @Test
    void anUntrimmedClipIsNotSought() {
        List<String> args = SegmentEncoder.command(footage(90, 0), HOUSE, VideoEncoder.LIBX264, SETTINGS, 1).arguments();

        Input clip = inputs(args).get(0);
        assertThat(clip.options()).doesNotContain("-ss");
        assertThat(clip.option("-t")).isEqualTo("4.000000");
        assertThat(args).containsSequence("-frames:v", "90");
        assertThat(args.get(args.indexOf("-filter_complex") + 1)).contains("atrim=end_sample=144000");
    }

    @Test
    void aStillWithSilenceHasEveryInputBounded() {
        // given 7 s of a photo
        SegmentRequest request = still(210);

        // when
        List<String> args = SegmentEncoder.command(request, HOUSE, VideoEncoder.LIBX264, SETTINGS, 2).arguments();

        // then: the plate and the credit are single images held by a bounded loop filter; the silence has a duration
        List<Input> inputs = inputs(args);
        assertThat(inputs).hasSize(3);
        String graph = args.get(args.indexOf("-filter_complex") + 1);
        for (Input input : inputs) {
            assertThat(input.loops()).as(input.source()).isFalse();
            if (input.isLavfi()) {
                assertThat(input.source()).as("lavfi source").contains(":d=7.000000");
            }
        }
        // the plate is converted once, before it is repeated; the credit is repeated only while it is visible
        // (faded out at 6.0 + 0.5 s: 196 frames), then the overlay passes the picture through
        assertThat(graph).contains("[0:v]format=yuv444p,loop=loop=209:size=1:start=0,settb=1/30,setpts=N,crop=")
                .contains("[2:v]format=rgba,loop=loop=195:size=1:start=0,settb=1/30,setpts=N,fade=")
                .contains("overlay=").contains(":eof_action=pass");
        assertThat(inputs).filteredOn(Input::isLavfi).extracting(Input::source)
                .containsExactly("anullsrc=r=48000:cl=stereo:d=7.000000");
        assertThat(args).containsSequence("-frames:v", "210");
        assertThat(args.get(args.indexOf("-filter_complex") + 1)).contains("atrim=end_sample=" + 210 * 1600)
                .contains("crop=1920:1080").contains("trim=end_frame=210");
    }

    @ParameterizedTest
    @EnumSource(VideoEncoder.class)
    void everySegmentGetsTheSameEncoderSettings(VideoEncoder encoder) {
        // segments are joined without re-encoding, so their H.264 settings must be identical
        List<String> film = SegmentEncoder.command(footage(300, 2.5), HOUSE, encoder, SETTINGS, 2).arguments();
        List<String> photo = SegmentEncoder.command(still(210), HOUSE, encoder, SETTINGS, 2).arguments();
        List<String> expected = SegmentEncoder.videoEncoderArguments(encoder, HOUSE, SETTINGS, 2);

        List<String> filmVideo = pictureOutput(film, WORK.resolve("picture.mp4"));
        List<String> photoVideo = pictureOutput(photo, WORK.resolve("still.mp4"));

        assertThat(filmVideo.subList(filmVideo.indexOf("-an") + 1, filmVideo.size())).isEqualTo(expected);
        assertThat(photoVideo.subList(photoVideo.indexOf("-an") + 1, photoVideo.size())).isEqualTo(expected);
        assertThat(expected).containsSequence("-pix_fmt", "yuv420p").containsSequence("-video_track_timescale", "30000")
                .containsSequence("-g", "60");
    }

    @Test
    void x264SettingsAreClosedGopWithFixedKeyframes() {
        assertThat(SegmentEncoder.videoEncoderArguments(VideoEncoder.LIBX264, HOUSE, SETTINGS, 3)).containsExactly(
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-profile:v", "high", "-g", "60",
                "-keyint_min", "60", "-sc_threshold", "0", "-bf", "2", "-x264-params", "open-gop=0",
                "-pix_fmt", "yuv420p", "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709",
                "-color_range", "tv", "-threads", "3", "-video_track_timescale", "30000");
    }

    @Test
    void cardsShareTheFramesExactly() {
        SegmentRequest request = new SegmentRequest("writing",
                new SegmentRequest.Cards(List.of(WORK.resolve("c0.png"), WORK.resolve("c1.png"), WORK.resolve("c2.png"))),
                new SegmentRequest.Tone(-16), 100, null, WORK.resolve("w.mp4"), WORK.resolve("w.flac"));

        List<String> args = SegmentEncoder.command(request, HOUSE, VideoEncoder.LIBX264, SETTINGS, 1).arguments();

        String graph = args.get(args.indexOf("-filter_complex") + 1);
        assertThat(graph).contains("trim=end_frame=34,", "trim=end_frame=33,").contains("concat=n=3:v=1:a=0[pic]");
        List<Input> inputs = inputs(args);
        assertThat(inputs).filteredOn(i -> !i.isLavfi()).hasSize(3).noneMatch(Input::loops);
        // each card is scaled and converted once, then repeated
        assertThat(graph).contains(",format=yuv420p,loop=loop=33:", ",format=yuv420p,loop=loop=32:")
                .containsPattern("\\[0:v\\]scale=\\d+:\\d+,setsar=1,format=yuv420p,loop=loop=33:");
        // the bed is lifted from the chord's own -18 LUFS to the target, plus what its 3.3 s swell-in takes off
        assertThat(graph).contains("[3:a]volume=2.78dB,");
        assertThat(inputs).filteredOn(Input::isLavfi).singleElement()
                .satisfies(i -> assertThat(i.source()).startsWith("aevalsrc=").endsWith(":d=3.333333"));
    }

    @ParameterizedTest(name = "{0} frames in {1} parts")
    @CsvSource({
            // even split
            "300, 3",
            // remainders go to the first shares
            "100, 3",
            "101, 7",
            // more parts than frames: some get nothing, the sum still holds
            "5, 8",
            "0, 4",
            // one part takes everything
            "18000, 1",
            // a long writing piece on many cards
            "2250, 13",
    })
    void sharesAddUpExactly(long total, int parts) {
        long[] shares = SegmentEncoder.shares(total, parts);

        assertThat(shares).hasSize(parts);
        assertThat(Arrays.stream(shares).sum()).isEqualTo(total);
        long max = Arrays.stream(shares).max().orElseThrow();
        long min = Arrays.stream(shares).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        // earlier shares are never smaller than later ones
        for (int i = 1; i < parts; i++) {
            assertThat(shares[i]).isLessThanOrEqualTo(shares[i - 1]);
        }
    }
}
