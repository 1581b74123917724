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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.media.ContentDetector;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.LoudnessTarget;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.media.SegmentEncoder;
import org.ensemble.segment.Segment;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files whose header misstates their length, taken from ingest (which measures them by their packets) through
 * conform: the segment has the measured number of frames, exactly as many samples, and the sound's real end is in
 * it (loud just before it), not cut at a header's guess or at the end of the picture.
 */
class MeasuredLengthConformTest {

    static final EpisodeKey EPISODE = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));
    static final HouseProfile HOUSE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    static final LoudnessTarget TARGET = new LoudnessTarget(-16, -1.5, 11);

    @TempDir
    static Path root;
    static Path inbox;
    static ContributionInspector inspector;
    static LoudnessMeter meter;
    static SegmentFactory factory;

    @BeforeAll
    static void pipeline() throws IOException {
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
                rules: {introSeconds: 3, outroSeconds: 4, pieceMinSeconds: 1, pieceMaxSeconds: 20}
                """);
        EnsembleSettings settings = new EnsembleSettings(root.resolve("home"), jobs, 1, Map.of());
        ShowDefinition show = new ShowCatalog(settings).require("tiny-show");
        MediaProcessGateway gateway = new MediaProcessGateway();
        MediaSettings media = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(10), "veryfast", 20);
        FfmpegToolchain toolchain = FfmpegToolchain.detect(media, gateway);
        MediaProbe probe = new MediaProbe(toolchain, gateway);
        inspector = new ContributionInspector(EPISODE, show, inbox, new ContentDetector(), probe,
                new IngestSettings(8_589_934_592L, 3600, 2000, 100_000_000L));
        meter = new LoudnessMeter(toolchain, gateway, media);
        factory = new SegmentFactory(settings, new SegmentEncoder(toolchain, gateway, media), probe, media);
    }

    static Stream<Arguments> files() {
        return Stream.of(
                // VBR MP3 without a Xing header: the header guesses 47.6 s; 12 s of sound (noise from 3 s to 12 s)
                Arguments.of("vbr.mp3", "talking-life", "-f lavfi -i anullsrc=r=44100:cl=stereo:d=3 -f lavfi -i"
                        + " anoisesrc=r=44100:d=9,aformat=channel_layouts=stereo -filter_complex [0][1]concat=n=2:v=0:a=1"
                        + " -c:a libmp3lame -q:a 0 -write_xing 0", 361L, 12.0),
                // a screen recording whose picture stops after 2 s while the voice goes on to 4 s
                Arguments.of("screen.mov", "filmed-life", "-f lavfi -i testsrc2=s=320x180:r=30:d=2 -f lavfi -i sine=r=48000:d=4"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a pcm_s16le", 120L, 4.0),
                // a browser recording (WebM, VP9 + Opus) with no duration in its header
                Arguments.of("browser.webm", "talking-life", "-f lavfi -i testsrc2=s=320x180:r=30:d=3 -f lavfi -i sine=r=48000:d=3"
                        + " -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -c:a libopus -live 1 -f webm", 90L, 3.0),
                // a capture whose MPEG-TS clock wraps 3.7 s in
                Arguments.of("capture.ts", "filmed-life", "-f lavfi -i testsrc2=s=320x180:r=25:d=6 -f lavfi -i sine=r=48000:d=6"
                        + " -c:v libx264 -pix_fmt yuv420p -c:a mp2 -output_ts_offset 95440 -f mpegts", 180L, 6.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void theSegmentLastsWhatThePacketsSay(String file, String category, String ffmpegArgs, long frames, double soundEnds) {
        // given the file, taken in by ingest
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        args.addAll(List.of(ffmpegArgs.split(" ")));
        args.add(inbox.resolve(file).toString());
        TestMedia.ffmpeg(args.toArray(String[]::new));
        Contribution c = inspector.process(new ManifestLine(1, "{\"id\":\"" + file + "\",\"contributor\":\"Ann Example\","
                + "\"category\":\"" + category + "\",\"title\":\"Morning\",\"file\":\"" + file + "\",\"approvedAt\":\"2026-11-23T10:15:00Z\"}"));
        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.frames()).isEqualTo(frames);

        // when conform makes its segment
        Path source = inbox.resolve(c.file());
        LoudnessMeasurement measured = meter.analyse(source, "0:" + c.audioStream(), 0, HOUSE.seconds(frames),
                TARGET.integratedLufs(), TARGET.truePeakDbtp(), TARGET.rangeLu(), c.id());
        Segment segment = factory.materialize(SegmentSpecs.forContribution(c, inbox, measured, frames), HOUSE, TARGET);

        // then it has every frame, exactly as much sound, and the sound's last half second before its real end
        assertThat(TestMedia.ffprobe("-count_packets", "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0",
                segment.picture().toString()).strip()).isEqualTo(Long.toString(frames));
        assertThat(TestMedia.ffprobe("-show_entries", "stream=duration_ts", "-of", "csv=p=0", segment.sound().toString()).strip())
                .isEqualTo(Long.toString(frames * 1600));
        assertThat(meanVolume(segment.sound(), soundEnds - 0.6, 0.5)).as("the sound just before its end").isGreaterThan(-35.0);
    }

    private static double meanVolume(Path sound, double from, double seconds) {
        String log = TestMedia.ffmpeg("-ss", String.valueOf(from), "-t", String.valueOf(seconds), "-i", sound.toString(),
                "-af", "volumedetect", "-f", "null", "-");
        Matcher m = Pattern.compile("mean_volume: (-?[0-9.]+|-inf) dB").matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return m.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(m.group(1));
    }
}
