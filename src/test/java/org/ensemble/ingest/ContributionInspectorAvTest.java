package org.ensemble.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.media.ContentDetector;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What ingest records about awkward video and sound (the facts conform then relies on): the displayed size, the
 * piece's length, the sound to use. Each file is made here with FFmpeg.
 */
class ContributionInspectorAvTest {

    static final EpisodeKey EPISODE = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));

    @TempDir
    static Path root;
    static Path inbox;
    static ContributionInspector inspector;
    static ShowDefinition show;

    @BeforeAll
    static void inspector() throws IOException {
        inbox = Files.createDirectories(root.resolve("inbox"));
        Path jobs = Files.createDirectories(root.resolve("jobs"));
        Files.writeString(jobs.resolve("tiny-show.yaml"), """
                id: tiny-show
                title: Tiny Show
                timeZone: Europe/London
                schedule: {cron: "0 0 2 ? * SAT"}
                airSlot: {day: MONDAY, time: "07:00"}
                runtime: "00:00:30"
                loudness: {integratedLufs: -16, truePeakDbtp: -1.5}
                profile: {width: 320, height: 180, frameRate: 30}
                rules: {introSeconds: 3, outroSeconds: 4, pieceMinSeconds: 1, pieceMaxSeconds: 8, stillSeconds: {min: 3, max: 6}}
                """);
        show = new ShowCatalog(new EnsembleSettings(root.resolve("home"), jobs, 1, Map.of())).require("tiny-show");
        MediaProcessGateway gateway = new MediaProcessGateway();
        FfmpegToolchain toolchain = FfmpegToolchain.detect(new MediaSettings("", "", Duration.ofSeconds(60),
                Duration.ofSeconds(10), "veryfast", 20), gateway);
        inspector = new ContributionInspector(EPISODE, show, inbox, new ContentDetector(), new MediaProbe(toolchain, gateway),
                new IngestSettings(8_589_934_592L, 3600, 2000, 100_000_000L));
    }

    static Stream<Arguments> files() {
        return Stream.of(
                // a one-frame MP4 is a picture: accepted and held for the middle of the still range (3..6 s = 135 frames)
                Arguments.of("one-frame.mp4", "-f lavfi -i testsrc2=s=320x180:r=30 -frames:v 1 -c:v libx264 -pix_fmt yuv420p",
                        135L, 320, 180, null),
                // one picture with a 5 s voice note: the picture is held for as long as the voice lasts
                Arguments.of("one-frame-voice.mov", "-f lavfi -i testsrc2=s=320x180:r=30,trim=end_frame=1 -f lavfi -i sine=r=48000:d=5"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a pcm_s16le", 150L, 320, 180, "a:0"),
                // sound that runs 2 s past the picture: the piece is the picture's 2 s (the sound is cut to it)
                Arguments.of("long-sound.mov", "-f lavfi -i testsrc2=s=320x180:r=30:d=2 -f lavfi -i sine=r=48000:d=4"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a pcm_s16le", 60L, 320, 180, "a:0"),
                // the second audio track is the default one: it is the one used
                Arguments.of("two-tracks.mp4", "-f lavfi -i testsrc2=s=320x180:r=30:d=2 -f lavfi -i sine=f=200:r=48000:d=2"
                        + " -f lavfi -i sine=f=1000:r=48000:d=2 -map 0:v -map 1:a -map 2:a -c:v libx264 -pix_fmt yuv420p -c:a aac"
                        + " -disposition:a:0 0 -disposition:a:1 default", 60L, 320, 180, "a:1"),
                // non-square pixels: 220x180 at 16:11 is shown 320x180, so it needs no fill around it
                Arguments.of("anamorphic.mp4", "-f lavfi -i testsrc2=s=220x180:r=30:d=2,setsar=16/11 -c:v libx264 -pix_fmt yuv420p",
                        60L, 320, 180, null),
                // PAL interlaced SD with 16:15 pixels is 768x576 as shown
                Arguments.of("pal.mp4", "-f lavfi -i testsrc2=s=720x576:r=25:d=2,setsar=16/15 -c:v libx264 -pix_fmt yuv420p"
                        + " -flags +ilme+ildct -x264-params tff=1", 60L, 768, 576, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void recordsWhatConformNeeds(String file, String ffmpegArgs, long frames, int width, int height, String audioStream) {
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        args.addAll(List.of(ffmpegArgs.split(" ")));
        args.add(inbox.resolve(file).toString());
        TestMedia.ffmpeg(args.toArray(String[]::new));
        String line = "{\"id\":\"" + file + "\",\"contributor\":\"Ann Example\",\"category\":\"filmed-life\",\"title\":\"Morning\","
                + "\"file\":\"" + file + "\",\"approvedAt\":\"2026-11-23T10:15:00Z\"}";

        Contribution c = inspector.process(new ManifestLine(1, line));

        assertThat(c.reason()).isNull();
        assertThat(c.status()).isEqualTo(Contribution.Status.ACCEPTED);
        assertThat(c.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(c.frames()).isEqualTo(frames);
        assertThat(c.width()).isEqualTo(width);
        assertThat(c.height()).isEqualTo(height);
        assertThat(c.audioStream()).isEqualTo(audioStream);
    }
}
