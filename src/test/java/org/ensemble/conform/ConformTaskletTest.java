package org.ensemble.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.Category;
import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.WritingText;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.media.ProcessResult;
import org.ensemble.media.ProcessSpec;
import org.ensemble.media.SegmentEncoder;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One conform partition per piece, as the conform step runs it, on the tiny test show with real FFmpeg, real
 * files and the real migrations (in-memory H2). The gateway writes down every process it starts, so what was
 * encoded or measured is counted, not assumed.
 */
class ConformTaskletTest {

    static final EpisodeKey EPISODE = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));

    @TempDir
    Path home;
    Path inbox;
    ShowDefinition show;
    EnsembleSettings settings;
    ContributionRepository contributions;
    ConformedPieceRepository conformed;
    LoudnessCache loudness;
    SegmentFactory segments;
    org.ensemble.segment.Beds beds;
    PieceCheck check;
    final List<String> runs = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/common", "classpath:db/migration/h2").load().migrate();
        JdbcClient jdbc = JdbcClient.create(h2);
        contributions = new ContributionRepository(jdbc);
        conformed = new ConformedPieceRepository(jdbc);

        settings = new EnsembleSettings(home, Path.of("src/test/resources/jobs").toAbsolutePath(), 1, Map.of());
        show = new ShowCatalog(settings).require(EPISODE.showId());
        inbox = Files.createDirectories(settings.inbox(EPISODE.showId()));
        MediaProcessGateway gateway = new MediaProcessGateway() {
            @Override
            public ProcessResult runAllowingFailure(ProcessSpec spec) {
                runs.add(spec.label());
                return super.runAllowingFailure(spec);
            }
        };
        MediaSettings media = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(10), "ultrafast", 20);
        FfmpegToolchain toolchain = FfmpegToolchain.detect(media, gateway);
        MediaProbe probe = new MediaProbe(toolchain, gateway);
        loudness = new LoudnessCache(settings, new LoudnessMeter(toolchain, gateway, media));
        segments = new SegmentFactory(settings, new SegmentEncoder(toolchain, gateway, media), probe, media);
        beds = new org.ensemble.segment.Beds(new LoudnessMeter(toolchain, gateway, media), probe);
        check = new PieceCheck(new org.ensemble.media.MasterScan(toolchain, gateway, media));
        runs.clear(); // detecting the toolchain ran FFmpeg; only the pieces' work counts below
    }

    /** Runs the piece's partition; returns the step's counts as "read/written/filtered". */
    String conform(String id) throws Exception {
        StepContribution step = new StepContribution(MetaDataInstanceFactory.createStepExecution());
        new ConformTasklet(EPISODE, id, show, settings.inbox(EPISODE.showId()), contributions, conformed, loudness, segments,
                beds, check, home.resolve("work")).execute(step, null);
        return step.getReadCount() + "/" + step.getWriteCount() + "/" + step.getFilterCount();
    }

    Contribution record(String id, Category category, String file, MediaKind kind, long frames, int width, int height,
                        String audioStream, int words, String type) throws Exception {
        Path path = inbox.resolve(file);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
        Contribution c = new Contribution(EPISODE, id, 1, "Ann Example", "Leeds", category, "Morning", file, null,
                Instant.parse("2026-11-23T10:00:00Z"), 0, 0, sha256, Files.size(path), type, kind, frames, width, height,
                audioStream, words, Contribution.Status.ACCEPTED, null);
        contributions.save(c);
        return c;
    }

    List<String> segmentDirectories() throws IOException {
        Path root = home.resolve("cache/segments");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void stillsAndWritingArePreparedNotEncodedWhileSoundIsEncodedOnceAndMeasuredOnce() throws Exception {
        // given a photo, a poem and a voice note, as ingest accepted them
        TestMedia.picture(inbox.resolve("photo.png"), 640, 480);
        Contribution photo = record("p1", Category.PHOTOGRAPHY, "photo.png", MediaKind.STILL, 0, 640, 480, null, 0, "image/png");
        TestMedia.text(inbox.resolve("poem.txt"), "Kettle\n\nIt sings before I am awake,\nand I forgive the morning.\n");
        int words = WritingText.read(inbox.resolve("poem.txt")).words();
        Contribution poem = record("w1", Category.WRITING, "poem.txt", MediaKind.TEXT, 0, 0, 0, null, words, "text/plain");
        TestMedia.tone(inbox.resolve("voice.wav"), 4, -8);
        record("v1", Category.LITTLE_THING, "voice.wav", MediaKind.AUDIO, 120, 0, 0, "a:0", 0, "audio/vnd.wave");

        // when
        assertThat(conform("p1")).isEqualTo("1/1/0");
        assertThat(conform("w1")).isEqualTo("1/1/0");
        assertThat(conform("v1")).isEqualTo("1/1/0");

        // then the photo and the poem are ready for the planner at their default length, with no segment yet: FFmpeg
        // did not run for them (render encodes them once, at the length the plan gives them)
        Map<String, ConformedPiece> pieces = conformed.findAll(EPISODE);
        int fps = show.profile().frameRate();
        assertThat(pieces.get("p1").segmentKey()).isNull();
        assertThat(pieces.get("p1").frames()).isEqualTo(SegmentSpecs.defaultFrames(photo, show.rules(), fps));
        assertThat(pieces.get("w1").segmentKey()).isNull();
        assertThat(pieces.get("w1").frames()).isEqualTo(SegmentSpecs.defaultFrames(poem, show.rules(), fps));
        assertThat(runs).noneMatch(label -> label.endsWith(" p1") || label.endsWith(" w1"));
        // the voice note was measured and encoded once, and its segment is the one cache entry
        assertThat(runs).filteredOn(label -> label.endsWith(" v1")).containsExactly("loudness v1", "segment v1");
        ConformedPiece voice = pieces.get("v1");
        assertThat(voice.frames()).isEqualTo(120);
        assertThat(voice.measured().integratedLufs()).isBetween(-32.0, -28.0);
        assertThat(segmentDirectories()).containsExactly(voice.segmentKey());
        assertThat(home.resolve("cache/segments").resolve(voice.segmentKey()).resolve("picture.mp4")).isRegularFile();

        // when the week is conformed again (a re-run, or a later week carrying the pieces over)
        runs.clear();
        assertThat(conform("p1")).isEqualTo("1/1/0");
        assertThat(conform("w1")).isEqualTo("1/1/0");
        assertThat(conform("v1")).isEqualTo("1/1/0");

        // then no FFmpeg ran at all: the loudness and the segment came from their caches
        assertThat(runs).isEmpty();
        assertThat(conformed.findAll(EPISODE)).isEqualTo(pieces);
    }

    @Test
    void aPhotoThatCannotBeDecodedIsRejectedInConformWithTheReason() throws Exception {
        // given a PNG whose header is sound (ingest reads only that) but whose compressed pixels are damaged
        TestMedia.brokenPng(inbox.resolve("damaged.png"));
        record("p2", Category.PHOTOGRAPHY, "damaged.png", MediaKind.STILL, 0, 640, 480, null, 0, "image/png");

        // when
        String counts = conform("p2");

        // then it is turned away with what went wrong, the week goes on, and nothing is left behind
        assertThat(counts).isEqualTo("1/0/1");
        Contribution c = contributions.find(EPISODE, "p2").orElseThrow();
        assertThat(c.accepted()).isFalse();
        assertThat(c.reason()).isEqualTo("could not be conformed: the data inside the file is damaged and cannot be decoded "
                + "(the log has the details); ask the contributor to send it again, exported afresh");
        assertThat(conformed.findAll(EPISODE)).doesNotContainKey("p2");
        assertThat(segmentDirectories()).isEmpty();
        assertThat(runs).isEmpty();
    }
}
