package org.ensemble.ingest;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import javax.imageio.ImageIO;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.media.ContentDetector;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.media.SegmentEncoder;
import org.ensemble.segment.Segment;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;

/**
 * The real ingest and conform path on a temporary home: a tiny show (320x180, 30 fps), the inspector as the ingest
 * step builds it, and the segment factory as conform uses it. Tests write their inputs into {@link #inbox}.
 */
final class IngestBench {

    static final EpisodeKey EPISODE = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));

    final Path root;
    final Path inbox;
    final ShowDefinition show;
    final MediaProbe probe;
    final SegmentFactory segments;

    /** {@code writing} is the show file's writing rule, e.g. "{wordsPerMinute: 200, minSeconds: 4, maxSeconds: 9}". */
    IngestBench(Path root, String writing) throws IOException {
        this.root = root;
        this.inbox = Files.createDirectories(root.resolve("inbox"));
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
                rules:
                  introSeconds: 3
                  outroSeconds: 4
                  pieceMinSeconds: 1
                  pieceMaxSeconds: 8
                  stillSeconds: {min: 3, max: 6}
                  writing: %s
                """.formatted(writing));
        EnsembleSettings settings = new EnsembleSettings(root.resolve("home"), jobs, 1, Map.of());
        this.show = new ShowCatalog(settings).require("tiny-show");
        MediaProcessGateway gateway = new MediaProcessGateway();
        MediaSettings media = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(10), "ultrafast", 20);
        FfmpegToolchain toolchain = FfmpegToolchain.detect(media, gateway);
        this.probe = new MediaProbe(toolchain, gateway);
        this.segments = new SegmentFactory(settings, new SegmentEncoder(toolchain, gateway, media), probe, media);
    }

    ContributionInspector inspector(IngestSettings limits) {
        return new ContributionInspector(EPISODE, show, inbox, new ContentDetector(), probe, limits);
    }

    Contribution inspect(String id, String category, String file) {
        return inspector(new IngestSettings(8_589_934_592L, 3600, 2000, 100_000_000L))
                .process(new ManifestLine(1, line(id, category, file)));
    }

    static String line(String id, String category, String file) {
        return "{\"id\":\"" + id + "\",\"contributor\":\"Ann Example\",\"category\":\"" + category
                + "\",\"title\":\"Morning\",\"file\":\"" + file + "\",\"approvedAt\":\"2026-11-23T10:15:00Z\"}";
    }

    /** Conforms an accepted contribution as the conform step does (no sound in these pieces: nothing to measure). */
    Segment conform(Contribution c, long frames) {
        return segments.materialize(SegmentSpecs.forContribution(c, inbox, null, frames), show.profile(), show.loudness());
    }

    /** Frame {@code index} of a produced picture, decoded by FFmpeg. */
    BufferedImage frame(Path video, long index) throws IOException {
        Path png = Files.createTempFile(root, "frame-", ".png");
        TestMedia.ffmpeg("-v", "error", "-i", video.toString(), "-vf", "select=eq(n\\," + index + ")", "-frames:v", "1",
                "-update", "1", png.toString());
        return ImageIO.read(png.toFile());
    }
}
