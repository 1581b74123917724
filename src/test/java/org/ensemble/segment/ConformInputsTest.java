package org.ensemble.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.Category;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.LoudnessTarget;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.media.ProbeResult;
import org.ensemble.media.SegmentEncoder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The awkward files people really send, each made here with FFmpeg, conformed through the real path (probe as
 * ingest does, loudness analysis as conform does, {@link SegmentSpecs#forContribution}, {@link SegmentFactory}) and
 * then measured: exact frames and samples, the house picture format, pixel content where orientation or colour is
 * at stake, loudness where it can be measured.
 */
class ConformInputsTest {

    static final HouseProfile HOUSE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    static final LoudnessTarget TARGET = new LoudnessTarget(-16, -1.5, 11);
    static final EpisodeKey EPISODE = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));

    @TempDir
    static Path dir;
    static Path inbox;
    /** The system FFmpeg's probe and meter also measure what was made, whichever FFmpeg made it. */
    static MediaProbe probe;
    static LoudnessMeter meter;
    static Pipeline system;
    static Pipeline bundled;

    /** Ingest's probe, conform's loudness analysis and the segment factory, all on one FFmpeg. */
    record Pipeline(String name, MediaProbe probe, LoudnessMeter meter, SegmentFactory factory) {
        static Pipeline on(String name, String ffmpeg, Path home) {
            MediaProcessGateway gateway = new MediaProcessGateway();
            MediaSettings settings = new MediaSettings(ffmpeg, "", Duration.ofSeconds(60), Duration.ofSeconds(10), "veryfast", 20);
            FfmpegToolchain toolchain = FfmpegToolchain.detect(settings, gateway);
            MediaProbe probe = new MediaProbe(toolchain, gateway);
            return new Pipeline(name, probe, new LoudnessMeter(toolchain, gateway, settings),
                    new SegmentFactory(new EnsembleSettings(home, home.resolve("jobs"), 1, Map.of()),
                            new SegmentEncoder(toolchain, gateway, settings), probe, settings));
        }
    }

    @BeforeAll
    static void tools() throws IOException {
        system = Pipeline.on("system", "", dir.resolve("home"));
        // its own cache: the segment key names the recipe, not the FFmpeg that made it
        bundled = Pipeline.on("bundled", FfmpegToolchain.BUNDLED, dir.resolve("home-bundled"));
        probe = system.probe();
        meter = system.meter();
        inbox = Files.createDirectories(dir.resolve("inbox"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Picture

    /** One kind of awkward input: how to make it, how many house frames it must give, what else to check. */
    record InputCase(String name, String ffmpegInput, long frames, Consumer<Conformed> check) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A blue frame with a red top-left quarter: after conform the red quarter shows where the top-left went. */
    static final String QUARTER = "color=c=blue:s=320x180:r=30:d=2,drawbox=x=0:y=0:w=160:h=90:c=red:t=fill";

    static Stream<Arguments> pictures() {
        return Stream.of(
                // phones record landscape and store the way up in the display matrix: 90 = counter-clockwise
                new InputCase("rotation 90", "rotate:90", 60, c -> c.redQuarter(180, 320, Quarter.BOTTOM_LEFT)),
                new InputCase("rotation 180", "rotate:180", 60, c -> c.redQuarter(320, 180, Quarter.BOTTOM_RIGHT)),
                new InputCase("rotation 270", "rotate:270", 60, c -> c.redQuarter(180, 320, Quarter.TOP_RIGHT)),
                // 4K screen or phone footage: scaled down, the marker keeps its place
                new InputCase("4K 3840x2160", "-f lavfi -i color=c=blue:s=3840x2160:r=30:d=1,drawbox=x=0:y=0:w=1920:h=1080:c=red:t=fill"
                        + " -c:v libx264 -preset ultrafast -pix_fmt yuv420p", 30, c -> c.redQuarter(320, 180, Quarter.TOP_LEFT)),
                // phones drop and repeat frames: timestamps wander between 15 and 60 fps
                new InputCase("variable frame rate", "-f lavfi -i testsrc2=s=320x180:r=15:d=1 -f lavfi -i testsrc2=s=320x180:r=60:d=1"
                        + " -filter_complex [0:v][1:v]concat=n=2:v=1[v] -map [v] -fps_mode vfr -c:v libx264 -preset ultrafast -pix_fmt yuv420p",
                        60, c -> assertThat(c.sourceVideo().frameRate()).isNotEqualTo(c.sourceVideo().averageFrameRate())),
                // screen recorders write fragmented MP4 with an empty moov
                new InputCase("fragmented MP4", "-f lavfi -i " + QUARTER + " -c:v libx264 -preset ultrafast -pix_fmt yuv420p"
                        + " -movflags frag_keyframe+empty_moov -f mp4", 60, c -> c.redQuarter(320, 180, Quarter.TOP_LEFT)),
                // PAL SD, top field first, each field a different picture: woven it would be grey, deinterlaced one field shows
                new InputCase("interlaced SD tff", "-f lavfi -i color=white:s=720x576:r=50:d=2,format=yuv420p,"
                        + "geq=lum='if(mod(N\\,2)\\,16\\,235)':cb=128:cr=128,tinterlace=mode=merge,setfield=tff"
                        + " -c:v libx264 -preset ultrafast -flags +ilme+ildct -x264-params tff=1 -r 25", 60, Conformed::oneFieldNotWoven),
                // non-square pixels: 220x180 at SAR 16:11 is 320x180 as displayed
                new InputCase("anamorphic SAR 16:11", "-f lavfi -i color=c=blue:s=220x180:r=30:d=2,drawbox=x=0:y=0:w=110:h=90:c=red:t=fill,"
                        + "setsar=16/11 -c:v libx264 -preset ultrafast -pix_fmt yuv420p", 60, c -> c.redQuarter(320, 180, Quarter.TOP_LEFT)),
                // odd sizes come out of croppers and old cameras; 4:2:0 needs even sizes
                new InputCase("odd dimensions 853x479", "-f lavfi -i color=c=blue:s=853x479:r=30:d=2,drawbox=x=0:y=0:w=426:h=239:c=red:t=fill"
                        + " -c:v libx264 -preset ultrafast -pix_fmt yuv444p", 60, c -> c.redQuarter(853, 479, Quarter.TOP_LEFT)),
                // pixel formats other than 4:2:0 8-bit
                new InputCase("yuv444p H.264", "-f lavfi -i " + QUARTER + " -c:v libx264 -preset ultrafast -pix_fmt yuv444p", 60,
                        c -> c.redQuarter(320, 180, Quarter.TOP_LEFT)),
                new InputCase("yuv422p10le ProRes", "-f lavfi -i " + QUARTER + " -c:v prores_ks -profile:v 2 -pix_fmt yuv422p10le -f mov",
                        60, c -> c.redQuarter(320, 180, Quarter.TOP_LEFT)),
                new InputCase("rgb24 QuickTime Animation", "-f lavfi -i " + QUARTER + " -c:v qtrle -pix_fmt rgb24 -f mov", 60,
                        c -> c.redQuarter(320, 180, Quarter.TOP_LEFT)),
                new InputCase("rgb24 PNG in MOV", "-f lavfi -i " + QUARTER + " -c:v png -pix_fmt rgb24 -f mov", 60,
                        c -> c.redQuarter(320, 180, Quarter.TOP_LEFT)),
                // cinema, PAL, NTSC, and high frame rates all become the house 30 fps, frame-exact
                new InputCase("23.976 fps", "-f lavfi -i testsrc2=s=320x180:r=24000/1001 -frames:v 48 -c:v libx264 -preset ultrafast -pix_fmt yuv420p", 60, c -> { }),
                new InputCase("25 fps", "-f lavfi -i testsrc2=s=320x180:r=25 -frames:v 50 -c:v libx264 -preset ultrafast -pix_fmt yuv420p", 60, c -> { }),
                new InputCase("29.97 fps", "-f lavfi -i testsrc2=s=320x180:r=30000/1001 -frames:v 60 -c:v libx264 -preset ultrafast -pix_fmt yuv420p", 60, c -> { }),
                new InputCase("50 fps", "-f lavfi -i testsrc2=s=320x180:r=50 -frames:v 100 -c:v libx264 -preset ultrafast -pix_fmt yuv420p", 60, c -> { }),
                new InputCase("60 fps", "-f lavfi -i testsrc2=s=320x180:r=60 -frames:v 120 -c:v libx264 -preset ultrafast -pix_fmt yuv420p", 60, c -> { }),
                // a one-frame video is a picture: it is held for the whole segment, not rejected or left black
                new InputCase("single frame", "-f lavfi -i " + QUARTER + " -frames:v 1 -c:v libx264 -preset ultrafast -pix_fmt yuv420p",
                        90, c -> c.redQuarter(320, 180, Quarter.TOP_LEFT, 60))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pictures")
    void awkwardPicturesBecomeTheHouseFormat(InputCase row) {
        Path source = make(row.name(), row.ffmpegInput());

        Conformed made = conform(source, row.frames());

        made.assertHouseFormat(row.frames());
        row.check().accept(made);
    }

    /**
     * HDR from phones: HLG and PQ, HEVC 10-bit BT.2020. Two patches at ITU-R BT.2408 levels: mid grey (left, about
     * 26 cd/m2) and HDR reference white (right, 203 cd/m2), as 10-bit limited-range codes.
     */
    static Stream<Arguments> hdr() {
        return Stream.of(
                // PQ codes absolute light: shown as if it were SDR, reference white would sit at mid grey (143)
                Arguments.of("smpte2084", 414, 572),
                // HLG is relative: its reference white is 75 % of the signal, shown as if SDR it would be a dull 180
                Arguments.of("arib-std-b67", 397, 721));
    }

    @ParameterizedTest(name = "HDR {0}")
    @MethodSource("hdr")
    void hdrIsToneMappedToSdr(String transfer, int greyCode, int whiteCode) {
        hdrToneMapped(system, transfer, greyCode, whiteCode);
    }

    void hdrToneMapped(Pipeline pipeline, String transfer, int greyCode, int whiteCode) {
        Path source = make(pipeline.name() + " hdr " + transfer, "-f lavfi -i nullsrc=s=320x180:r=30:d=2,format=yuv420p10le,"
                + "geq=lum='if(lt(X\\,160)\\," + greyCode + "\\," + whiteCode + ")':cb=512:cr=512 -c:v libx265 -preset ultrafast"
                + " -x265-params log-level=error:colorprim=bt2020:transfer=" + transfer + ":colormatrix=bt2020nc"
                + " -color_primaries bt2020 -color_trc " + transfer + " -colorspace bt2020nc -color_range tv");
        assertThat(probe.probe(source).video().orElseThrow().colorTransfer()).isEqualTo(transfer);

        Conformed made = conform(pipeline, source, 60);

        made.assertHouseFormat(60);
        BufferedImage frame = made.frame(5);
        double grey = meanLuma(frame, 20, 30, 100, 60);
        double white = meanLuma(frame, 200, 30, 100, 60);
        made.note("mid grey luma %.0f, white luma %.0f", grey, white);
        // SDR mid grey is about 105 of 16-235; reference white lands near SDR white, with clear contrast between them
        assertThat(grey).isBetween(90.0, 140.0);
        assertThat(white).isGreaterThan(190.0);
        assertThat(white - grey).isGreaterThan(60.0);
        assertThat(TestMedia.ffprobe("-show_entries", "stream=color_transfer,color_primaries,color_space", "-of", "csv=p=0",
                made.picture().toString()).strip()).isEqualTo("bt709,bt709,bt709");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sound

    static final String PICTURE_2S = "-f lavfi -i testsrc2=s=320x180:r=30:d=2";
    static final String PICTURE_3S = "-f lavfi -i testsrc2=s=320x180:r=30:d=3";
    static final String H264 = " -c:v libx264 -preset ultrafast -pix_fmt yuv420p";

    static Stream<Arguments> sounds() {
        return Stream.of(
                // a silent film: the segment still has exactly matching (silent) sound
                new InputCase("no audio stream", PICTURE_2S + H264, 60, Conformed::silent),
                // a muted recording: measured as -inf, no gain, no NaN, no noise lifted
                new InputCase("digital silence", PICTURE_2S + " -f lavfi -i anullsrc=r=48000:cl=stereo:d=2" + H264 + " -c:a pcm_s16le -f mov",
                        60, c -> {
                            assertThat(c.measured().isSilent()).isTrue();
                            c.silent();
                        }),
                // a far-away voice: brought up to the target
                new InputCase("very quiet -45 LUFS", PICTURE_3S + " -f lavfi -i sine=f=440:r=48000:d=3,volume=-23.3dB" + H264
                        + " -c:a pcm_s24le -f mov", 90, c -> {
                            assertThat(c.measured().integratedLufs()).isCloseTo(-45, within(1.5));
                            c.atTarget();
                        }),
                // a square-ish wave driven 20 dB into clipping: brought down, peak under the ceiling
                new InputCase("clipped, very loud", PICTURE_3S + " -f lavfi -i sine=f=220:r=48000:d=3,volume=20dB" + H264
                        + " -c:a pcm_s16le -f mov", 90, c -> {
                            assertThat(c.measured().integratedLufs()).isGreaterThan(-6);
                            c.atTarget();
                        }),
                // 5.1 with the voice only in the centre: a downmix keeps it, taking the first two channels would lose it
                new InputCase("5.1 centre-only tone", PICTURE_3S + " -f lavfi -i aevalsrc=0|0|0.25*sin(2*PI*1000*t)|0|0|0:c=5.1:s=48000:d=3"
                        + H264 + " -c:a pcm_s16le -f mov", 90, c -> {
                            c.atTarget();
                            double[] rms = c.channelRms();
                            assertThat(rms[0]).as("left").isGreaterThan(-30);
                            assertThat(rms[1]).as("right").isGreaterThan(-30);
                            assertThat(rms[0]).isCloseTo(rms[1], within(0.5));
                        }),
                // mono phone audio: both house channels carry it
                new InputCase("mono", PICTURE_3S + " -f lavfi -i sine=f=440:r=44100:d=3,volume=-10dB" + H264 + " -c:a aac -ac 1", 90, c -> {
                    c.atTarget();
                    double[] rms = c.channelRms();
                    assertThat(rms[0]).isCloseTo(rms[1], within(0.5));
                }),
                // telephone-rate recordings: resampled to 48 kHz, sample-exact
                new InputCase("8 kHz", PICTURE_3S + " -f lavfi -i sine=f=300:r=8000:d=3,volume=-15dB" + H264 + " -c:a pcm_s16le -ar 8000 -f mov",
                        90, Conformed::atTarget),
                // a commentary track first, the programme sound marked default second: the default one is used
                new InputCase("two tracks, second default", PICTURE_3S + " -f lavfi -i sine=f=200:r=48000:d=3 -f lavfi -i sine=f=1000:r=48000:d=3"
                        + " -map 0:v -map 1:a -map 2:a" + H264 + " -c:a aac -disposition:a:0 0 -disposition:a:1 default", 90, c -> {
                            c.atTarget();
                            assertThat(c.bandLevel(1000) - c.bandLevel(200)).as("1 kHz over 200 Hz").isGreaterThan(20);
                        }),
                // the sound starts a second after the picture: silence first, then the tone, still in sync
                new InputCase("audio starts 1 s late", PICTURE_3S + " -itsoffset 1 -f lavfi -i sine=f=440:r=48000:d=2" + H264
                        + " -c:a pcm_s16le -f mov", 90, c -> {
                            assertThat(c.rmsBetween(0.05, 0.9)).as("before the sound starts").isLessThan(-80);
                            assertThat(c.rmsBetween(1.1, 2.9)).as("after").isGreaterThan(-30);
                        }),
                // the sound runs on after the picture ends: cut to the picture
                new InputCase("audio longer than video", PICTURE_2S + " -f lavfi -i sine=f=440:r=48000:d=4" + H264 + " -c:a pcm_s16le -f mov",
                        60, c -> assertThat(c.rmsBetween(1.0, 1.95)).isGreaterThan(-30)),
                // the sound stops before the picture: padded with silence
                new InputCase("audio shorter than video", PICTURE_3S + " -f lavfi -i sine=f=440:r=48000:d=1" + H264 + " -c:a pcm_s16le -f mov",
                        90, c -> {
                            assertThat(c.rmsBetween(0.1, 0.9)).isGreaterThan(-30);
                            assertThat(c.rmsBetween(1.1, 2.9)).isLessThan(-80);
                        }),
                // under 3 s loudnorm's two passes are not dependable: measured another way and marked as such
                new InputCase("very short 1.5 s", "-f lavfi -i testsrc2=s=320x180:r=30:d=1.5 -f lavfi -i sine=f=440:r=48000:d=1.5,volume=-25dB"
                        + H264 + " -c:a pcm_s16le -f mov", 45, c -> {
                            assertThat(c.measured().reliable()).isFalse();
                            c.atTarget();
                        })
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sounds")
    void awkwardSoundComesOutExactAndAtTheTarget(InputCase row) {
        Path source = make(row.name(), row.ffmpegInput());

        Conformed made = conform(source, row.frames());

        made.assertHouseFormat(row.frames());
        row.check().accept(made);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The FFmpeg 7.1 bundled in the jar (LGPL build, libopenh264) on the hardest rows

    static Stream<Arguments> hardest() {
        // the rows where FFmpeg versions or LGPL builds differ (7.1 kept the display matrix on the rotated picture)
        List<String> names = List.of("rotation 90", "interlaced SD tff", "5.1 centre-only tone", "very short 1.5 s");
        return Stream.concat(pictures(), sounds()).map(a -> (InputCase) a.get()[0]).filter(c -> names.contains(c.name()))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "bundled: {0}")
    @MethodSource("hardest")
    void theBundledFfmpegConformsTheHardestInputsToo(InputCase row) {
        Path source = make("bundled " + row.name(), row.ffmpegInput());

        Conformed made = conform(bundled, source, row.frames());

        made.assertHouseFormat(row.frames());
        row.check().accept(made);
    }

    @Test
    void theBundledFfmpegToneMapsPqToo() {
        hdrToneMapped(bundled, "smpte2084", 414, 572);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // How a file goes through ingest's probe, conform's loudness analysis and the segment factory

    Conformed conform(Path source, long frames) {
        return conform(system, source, frames);
    }

    Conformed conform(Pipeline pipeline, Path source, long frames) {
        ProbeResult facts = pipeline.probe().probe(source);
        ProbeResult.Stream video = facts.video().orElseThrow();
        String audio = facts.audioStreamSpec().orElse(null);
        String id = source.getFileName().toString().replaceAll("\\.[a-z0-9]+$", "");
        LoudnessMeasurement measured = audio == null ? null
                : pipeline.meter().analyse(source, "0:" + audio, 0, HOUSE.seconds(frames), TARGET.integratedLufs(), TARGET.truePeakDbtp(),
                TARGET.rangeLu(), id);
        Contribution c = new Contribution(EPISODE, id, 1, "Ann Example", "Leeds", Category.FILMED_LIFE, "A piece",
                inbox.relativize(source).toString(), null, Instant.parse("2026-11-23T10:15:00Z"), 0, 0, sha256(source),
                size(source), "video/mp4", MediaKind.VIDEO, frames, video.displayWidth(), video.displayHeight(), audio, 0,
                Contribution.Status.ACCEPTED, null);
        Segment segment = pipeline.factory().materialize(SegmentSpecs.forContribution(c, inbox, measured, frames), HOUSE, TARGET);
        return new Conformed(id, facts, measured, segment.picture(), segment.sound());
    }

    enum Quarter { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }

    /** A conformed segment and the measurements the tests take of it. */
    record Conformed(String id, ProbeResult source, LoudnessMeasurement measured, Path picture, Path sound) {

        ProbeResult.Stream sourceVideo() {
            return source.video().orElseThrow();
        }

        void note(String format, Object... args) {
            System.out.println("[conform " + id + "] " + String.format(Locale.ROOT, format, args));
        }

        void assertHouseFormat(long frames) {
            ProbeResult made = probe.probe(picture);
            ProbeResult.Stream v = made.video().orElseThrow();
            assertThat(v.frameCount()).as("frames").isEqualTo(frames);
            assertThat(v.width()).isEqualTo(320);
            assertThat(v.height()).isEqualTo(180);
            assertThat(v.pixelFormat()).isEqualTo("yuv420p");
            assertThat(v.frameRate()).isEqualTo(30.0);
            assertThat(v.averageFrameRate()).isEqualTo(30.0);
            assertThat(v.sampleAspectRatio()).as("square pixels").isEqualTo(1.0);
            String sound = TestMedia.ffprobe("-show_entries", "stream=duration_ts,sample_rate,channels", "-of", "csv=p=0",
                    this.sound.toString()).strip();
            assertThat(sound).isEqualTo("48000,2," + frames * 1600);
            note("%d frames, %s", v.frameCount(), sound);
        }

        BufferedImage frame(int index) {
            Path png = picture.resolveSibling("frame-" + id + "-" + index + ".png");
            TestMedia.ffmpeg("-v", "error", "-i", picture.toString(), "-vf", "select=eq(n\\," + index + ")", "-frames:v", "1",
                    png.toString());
            try {
                BufferedImage image = ImageIO.read(png.toFile());
                // a display matrix left on the output would make players (and this decoder) turn the picture again
                assertThat(image.getWidth() + "x" + image.getHeight()).as("decoded frame size").isEqualTo("320x180");
                return image;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void redQuarter(int displayWidth, int displayHeight, Quarter expected) {
            redQuarter(displayWidth, displayHeight, expected, 5);
        }

        /** The red quarter of the source is where it belongs in the fitted picture, and only there. */
        void redQuarter(int displayWidth, int displayHeight, Quarter expected, int frameIndex) {
            BufferedImage frame = frame(frameIndex);
            double scale = Math.min(320.0 / displayWidth, 180.0 / displayHeight);
            double w = displayWidth * scale;
            double h = displayHeight * scale;
            double x0 = (320 - w) / 2;
            double y0 = (180 - h) / 2;
            for (Quarter q : Quarter.values()) {
                boolean right = q == Quarter.TOP_RIGHT || q == Quarter.BOTTOM_RIGHT;
                boolean bottom = q == Quarter.BOTTOM_LEFT || q == Quarter.BOTTOM_RIGHT;
                int x = (int) Math.round(x0 + w * (right ? 0.75 : 0.25));
                int y = (int) Math.round(y0 + h * (bottom ? 0.70 : 0.25));
                int rgb = frame.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                boolean red = r > 150 && g < 90 && b < 90;
                assertThat(red).as("%s at (%d,%d) is red (rgb %d,%d,%d)", q, x, y, r, g, b).isEqualTo(q == expected);
            }
            note("red quarter at %s", expected);
        }

        void oneFieldNotWoven() {
            // every output frame comes from one field: all white or all black, never the grey of two woven fields
            for (int i : new int[] {5, 20, 40}) {
                double luma = meanLuma(frame(i), 40, 20, 240, 100);
                note("frame %d mean luma %.0f", i, luma);
                assertThat(luma).as("frame %d", i).satisfiesAnyOf(l -> assertThat(l).isLessThan(50.0),
                        l -> assertThat(l).isGreaterThan(205.0));
            }
        }

        void silent() {
            LoudnessMeasurement out = meter.measure(sound, 3);
            note("output %s LUFS, peak %s", out.integratedLufs(), out.truePeakDbtp());
            assertThat(out.truePeakDbtp()).isEqualTo(Double.NEGATIVE_INFINITY);
        }

        void atTarget() {
            LoudnessMeasurement out = meter.measure(sound, 3);
            note("measured in %.2f LUFS; out %.2f LUFS, true peak %.2f dBTP", measured.integratedLufs(), out.integratedLufs(),
                    out.truePeakDbtp());
            assertThat(out.integratedLufs()).isCloseTo(TARGET.integratedLufs(), within(1.0));
            assertThat(out.truePeakDbtp()).isLessThanOrEqualTo(TARGET.truePeakDbtp() + 0.5);
        }

        double[] channelRms() {
            String out = TestMedia.ffmpeg("-i", sound.toString(), "-af", "astats=measure_overall=none", "-f", "null", "-");
            Matcher m = Pattern.compile("RMS level dB: (-?[\\d.]+|-inf)").matcher(out);
            List<Double> levels = new ArrayList<>();
            while (m.find()) {
                levels.add(m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1)));
            }
            assertThat(levels).hasSize(2);
            note("channel RMS %.1f / %.1f dB", levels.get(0), levels.get(1));
            return new double[] {levels.get(0), levels.get(1)};
        }

        double bandLevel(int hz) {
            double level = meanVolume("bandpass=f=" + hz + ":width_type=q:w=8,bandpass=f=" + hz + ":width_type=q:w=8");
            note("level around %d Hz: %.1f dB", hz, level);
            return level;
        }

        double rmsBetween(double from, double to) {
            double level = meanVolume("atrim=start=" + from + ":end=" + to);
            note("level %.2f-%.2f s: %.1f dB", from, to, level);
            return level;
        }

        private double meanVolume(String filter) {
            String out = TestMedia.ffmpeg("-i", sound.toString(), "-af", filter + ",volumedetect", "-f", "null", "-");
            Matcher m = Pattern.compile("mean_volume: (-?[\\d.]+|-inf) dB").matcher(out);
            if (!m.find()) {
                return Double.NEGATIVE_INFINITY;
            }
            return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
        }
    }

    /** Rec. 601 luma of a rectangle of an RGB frame, 0-255. */
    static double meanLuma(BufferedImage img, int x, int y, int w, int h) {
        double sum = 0;
        for (int j = y; j < y + h; j++) {
            for (int i = x; i < x + w; i++) {
                int rgb = img.getRGB(i, j);
                sum += 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
            }
        }
        return sum / (w * h);
    }

    /**
     * Makes the input file. {@code args} are ffmpeg arguments split on spaces (no argument here contains one);
     * {@code rotate:N} makes the red-quarter clip and writes an N degree display rotation into it.
     */
    static Path make(String name, String args) {
        String base = name.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
        if (args.startsWith("rotate:")) {
            int degrees = Integer.parseInt(args.substring("rotate:".length()));
            Path plain = inbox.resolve(base + "-plain.mp4");
            TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", QUARTER, "-f", "lavfi", "-i", "sine=f=440:r=48000:d=2",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", plain.toString());
            Path rotated = inbox.resolve(base + ".mp4");
            // FFmpeg 5.1 writes the display matrix from the rotate tag (7.x would use -display_rotation on the input)
            TestMedia.ffmpeg("-v", "error", "-i", plain.toString(), "-c", "copy", "-metadata:s:v", "rotate=" + degrees,
                    rotated.toString());
            String side = TestMedia.ffprobe("-show_entries", "stream_side_data=rotation", "-of", "csv=p=0", rotated.toString()).strip();
            assertThat(Integer.parseInt(side.lines().findFirst().orElse("0").strip()) % 360).as("display rotation written")
                    .isIn(degrees % 360, degrees - 360);
            return rotated;
        }
        List<String> command = new ArrayList<>(List.of("-v", "error"));
        command.addAll(List.of(args.split(" ")));
        String container = args.contains("-f mov") ? ".mov" : ".mp4";
        Path file = inbox.resolve(base + container);
        command.add(file.toString());
        TestMedia.ffmpeg(command.toArray(String[]::new));
        return file;
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
