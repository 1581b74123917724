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
                // sound that runs 2 s past the picture (a screen recording whose video stops first): the piece lasts
                // the sound's 4 s, the last picture held
                Arguments.of("long-sound.mov", "-f lavfi -i testsrc2=s=320x180:r=30:d=2 -f lavfi -i sine=r=48000:d=4"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a pcm_s16le", 120L, 320, 180, "a:0"),
                // the same in Matroska with the sound in AAC: 5 s of sound are 5.035 s of AAC packets (the encoder's
                // 1024 samples of priming and the last frame's padding), so 151 frames, the last picture held
                Arguments.of("long-sound.mkv", "-f lavfi -i testsrc2=s=320x180:r=30:d=3 -f lavfi -i sine=r=48000:d=5"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a aac", 151L, 320, 180, "a:0"),
                // picture longer than the sound: the picture's length, the sound padded
                Arguments.of("short-sound.mp4", "-f lavfi -i testsrc2=s=320x180:r=30:d=3 -f lavfi -i sine=r=48000:d=1"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a aac", 90L, 320, 180, "a:0"),
                // a browser recording (MediaRecorder WebM, VP9 + Opus) written live: its header has no duration
                Arguments.of("browser-vp9.webm", "-f lavfi -i testsrc2=s=320x180:r=30:d=4 -f lavfi -i sine=r=48000:d=4"
                        + " -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -c:a libopus -live 1 -f webm", 120L, 320, 180, "a:0"),
                // a camcorder's AVCHD clip (BDAV MPEG-TS, 192-byte packets) whose 33-bit clock wraps 2.7 s in
                Arguments.of("camcorder.m2ts", "-f lavfi -i testsrc2=s=320x180:r=30:d=4 -f lavfi -i sine=r=48000:d=4"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a aac -mpegts_m2ts_mode 1 -output_ts_offset 95441 -f mpegts",
                        120L, 320, 180, "a:0"),
                // a broadcast capture (188-byte packets) that starts 3.7 s before the wrap and runs 6 s past it
                Arguments.of("capture.ts", "-f lavfi -i testsrc2=s=320x180:r=25:d=6 -f lavfi -i sine=r=48000:d=6"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a mp2 -output_ts_offset 95440 -f mpegts", 180L, 320, 180, "a:0"),
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

    /**
     * A browser's MediaRecorder writes WebM as it records, to a stream it cannot seek back in: the header never
     * gets a duration. Made the same way here (piped out), it is measured by its packets: 3 s are 90 frames.
     */
    @org.junit.jupiter.api.Test
    void aBrowserRecordingWithoutDurationIsMeasuredByItsPackets() throws IOException {
        Path file = inbox.resolve("browser-vp8.webm");
        Files.write(file, TestMedia.ffmpegOutput("-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=3", "-f", "lavfi", "-i",
                "sine=r=48000:d=3", "-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus", "-f", "webm", "pipe:1"));
        assertThat(TestMedia.ffprobe("-show_entries", "format=duration:stream=duration", "-of", "csv=p=0", file.toString()).strip())
                .as("the header claims no duration").doesNotContainPattern("[0-9]");

        Contribution c = inspector.process(new ManifestLine(1, line("browser-vp8.webm", "talking-life", "browser-vp8.webm")));

        assertThat(c.status()).as(c.reason()).isEqualTo(Contribution.Status.ACCEPTED);
        assertThat(c.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(c.frames()).isEqualTo(90);
        assertThat(c.audioStream()).isEqualTo("a:0");
    }

    /**
     * A VBR MP3 without a Xing or VBRI header: FFmpeg's header estimate comes from the first frame's bit rate, and
     * 3 s of digital silence (32 kb/s frames) before 9 s of noise (about 300 kb/s) make it claim 47.6 s. The packets
     * run 12.042 s (LAME's delay and padding, 1.6 frames of silence, included): 361 frames.
     */
    @org.junit.jupiter.api.Test
    void aVbrMp3WithoutXingHeaderIsMeasuredByItsPackets() {
        Path file = inbox.resolve("vbr.mp3");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo:d=3", "-f", "lavfi", "-i",
                "anoisesrc=r=44100:d=9,aformat=channel_layouts=stereo", "-filter_complex", "[0][1]concat=n=2:v=0:a=1",
                "-c:a", "libmp3lame", "-q:a", "0", "-write_xing", "0", file.toString());
        double claimed = Double.parseDouble(TestMedia.ffprobe("-show_entries", "format=duration", "-of", "csv=p=0",
                file.toString()).strip());
        assertThat(claimed).as("the header's estimate").isGreaterThan(30);

        Contribution c = inspector.process(new ManifestLine(1, line("vbr.mp3", "talking-life", "vbr.mp3")));

        assertThat(c.status()).as(c.reason()).isEqualTo(Contribution.Status.ACCEPTED);
        assertThat(c.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(c.frames()).isEqualTo(361);
    }

    static String line(String id, String category, String file) {
        return "{\"id\":\"" + id + "\",\"contributor\":\"Ann Example\",\"category\":\"" + category + "\",\"title\":\"Morning\","
                + "\"file\":\"" + file + "\",\"approvedAt\":\"2026-11-23T10:15:00Z\"}";
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
