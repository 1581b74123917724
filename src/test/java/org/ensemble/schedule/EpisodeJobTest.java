package org.ensemble.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ensemble.Cmx3600Parser;
import org.ensemble.TestMedia;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole weekly job with real FFmpeg, a real H2 file database and real files, on the tiny test show
 * (320x180, 30 s). Asserts on what was produced: the master's probed length and measured loudness, the EDL read
 * by an independent parser, the manifest's checksums, the rejected disguised file, and restart behaviour; then the
 * operations side on the same application: a run stopped while FFmpeg works and restarted from where it stopped, two
 * runs of one episode kept apart, progress, metrics, health, the schedules API and its problem details. (The Quartz
 * scheduler is loaded from the show files but not started, so nothing fires on its own here.)
 */
@SpringBootTest(properties = {"ensemble.scheduler.enabled=true", "spring.quartz.auto-startup=false"})
@AutoConfigureMockMvc
// the API calls below are made as an operations person who is also an editor (the runner itself needs no login)
@org.springframework.security.test.context.support.WithMockUser(username = "ops-test", roles = {"OPS", "EDITOR"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EpisodeJobTest {

    static final String SHOW = "tiny-show";
    static final LocalDate AIR_DATE = LocalDate.of(2026, 11, 30);
    static final int FPS = 30;
    static final long RUNTIME_FRAMES = 30 * FPS;
    static final Path home = temporaryHome();
    /** When this class began: every episode it publishes is published after it. */
    static final long CLASS_START = java.time.Instant.now().getEpochSecond();

    @Autowired
    EpisodeRunner runner;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    ContributionRepository contributions;
    @Autowired
    EditDecisionListRepository edls;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.ensemble.episode.EditorOverrideRepository overrides;

    @Autowired
    Operations operations;
    @Autowired
    org.springframework.batch.core.launch.JobOperator jobOperator;
    @Autowired
    ProgressBoard board;
    @Autowired
    MockMvc mvc;

    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ensemble.home", () -> home.toString());
        registry.add("ensemble.jobs", () -> Path.of("src/test/resources/jobs").toAbsolutePath().toString());
    }

    static Path temporaryHome() {
        try {
            return Files.createTempDirectory("ensemble-job-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void inbox() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox").resolve(SHOW));
        Files.createDirectories(inbox.resolve("ana"));
        // deliberately quiet (about -35 LUFS) and 25 fps, so conform has real work on loudness and rate
        TestMedia.video(inbox.resolve("ana/hello.mp4"), 6, 426, 240, 25, -32);
        TestMedia.tone(inbox.resolve("ben-voice.wav"), 5, -8);
        TestMedia.picture(inbox.resolve("cy-photo.png"), 640, 480);
        TestMedia.text(inbox.resolve("di-poem.txt"), "Kettle\n\nIt sings before I am awake,\nand I forgive the morning.\n");
        TestMedia.zipNamed(inbox.resolve("ed-holiday.mp4"));
        Files.writeString(inbox.resolve("manifest.jsonl"), String.join("\n",
                line("t1", "Ana Lima", "talking-life", "Hello from Porto", "ana/hello.mp4", "2026-11-23T10:00:00Z", ",\"trimIn\":0.5"),
                line("t2", "Ben Okoro", "little-thing", "The kettle", "ben-voice.wav", "2026-11-23T11:00:00Z", ""),
                line("t3", "Cy Tan", "photography", "Pattern", "cy-photo.png", "2026-11-23T12:00:00Z", ""),
                line("t4", "Di Ruiz", "writing", "Kettle", "di-poem.txt", "2026-11-23T13:00:00Z", ""),
                line("t5", "Ed Berg", "filmed-life", "Holiday", "ed-holiday.mp4", "2026-11-23T14:00:00Z", ""),
                "{\"id\": \"t6\", \"contributor\": ") + "\n", StandardCharsets.UTF_8);
    }

    @org.junit.jupiter.api.AfterAll
    static void removeHome() {
        // the cached application context (and its H2 database in this folder) closes only when the JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                org.ensemble.FileTrees.delete(home);
            } catch (java.io.UncheckedIOException e) {
                System.err.println("Could not remove " + home + ": " + e);
            }
        }));
    }

    static String line(String id, String who, String category, String title, String file, String approved, String extra) {
        return "{\"id\":\"" + id + "\",\"contributor\":\"" + who + "\",\"category\":\"" + category + "\",\"title\":\"" + title
                + "\",\"file\":\"" + file + "\",\"approvedAt\":\"" + approved + "\",\"location\":\"Somewhere\"" + extra + "}";
    }

    @Test
    @Order(1)
    void publishesAnExactlyTimedNormalisedEpisodeAndRejectsTheDisguisedFile() throws Exception {
        // when (every segment encode is counted from the gateway's own record of each command it starts)
        SegmentEncodes encodes = SegmentEncodes.listen();
        RunOutcome outcome;
        try {
            outcome = runner.run(SHOW, AIR_DATE);
        } finally {
            encodes.stop();
        }

        // then the run published r1
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        Path episodeDir = home.resolve("outbox").resolve(SHOW).resolve(AIR_DATE.toString());
        Path r1 = episodeDir.resolve("r1");
        assertThat(Files.readSymbolicLink(episodeDir.resolve("current"))).isEqualTo(Path.of("r1"));
        assertThat(r1.resolve("episode.mp4")).exists();
        assertThat(episodeDir.toFile().list()).containsExactlyInAnyOrder("r1", "current");

        // the master lasts exactly the runtime: every frame counted, format and audio durations within a frame
        JsonNode probe = json.readTree(TestMedia.ffprobe("-count_packets", "-show_streams", "-show_format", "-of", "json",
                r1.resolve("episode.mp4").toString()));
        JsonNode video = stream(probe, "video");
        JsonNode audio = stream(probe, "audio");
        assertThat(video.path("nb_read_packets").asLong()).isEqualTo(RUNTIME_FRAMES);
        assertThat(video.path("width").asInt()).isEqualTo(320);
        assertThat(video.path("height").asInt()).isEqualTo(180);
        assertThat(video.path("pix_fmt").asString()).isEqualTo("yuv420p");
        assertThat(video.path("r_frame_rate").asString()).isEqualTo("30/1");
        assertThat(audio.path("sample_rate").asString()).isEqualTo("48000");
        assertThat(audio.path("channels").asInt()).isEqualTo(2);
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1.0 / FPS));
        assertThat(audio.path("duration").asDouble()).isCloseTo(30.0, org.assertj.core.data.Offset.offset(1.0 / FPS));

        // measured loudness by an independent meter: -16 LUFS ± 0.5, true peak at most the show's -1.5 dBTP
        String ebur = TestMedia.ffmpeg("-nostats", "-i", r1.resolve("episode.mp4").toString(), "-af", "ebur128=peak=true",
                "-f", "null", "-");
        String summary = ebur.substring(ebur.lastIndexOf("Summary:"));
        double integrated = number(summary, "I:\\s+(-?[\\d.]+) LUFS");
        double peak = number(summary, "Peak:\\s+(-?[\\d.]+) dBFS");
        assertThat(integrated).isBetween(-16.5, -15.5);
        assertThat(peak).isLessThanOrEqualTo(-1.5);

        // the EDL, read by a parser that shares nothing with the writer: events back to back, 30 s in total
        List<Cmx3600Parser.Event> events = Cmx3600Parser.parse(Files.readString(r1.resolve("episode.edl")), FPS);
        assertThat(events).hasSizeGreaterThanOrEqualTo(5);
        assertThat(Cmx3600Parser.assertContiguousFromOneHour(events, FPS)).isEqualTo(RUNTIME_FRAMES);
        assertThat(Files.readString(r1.resolve("episode.edl"))).contains("* FROM CLIP NAME: Ana Lima - Hello from Porto")
                .doesNotContain("Holiday");
        // the trimmed piece starts half a second (15 frames) into its source
        assertThat(events.stream().filter(e -> e.clip().contains("Ana Lima")).findFirst().orElseThrow().sourceIn()).isEqualTo(15);

        // every file in the manifest is there with the stated size and SHA-256; publishAt is the London Monday slot
        JsonNode manifest = json.readTree(r1.resolve("manifest.json").toFile());
        assertThat(manifest.path("publishAt").asString()).isEqualTo("2026-11-30T07:00Z");
        assertThat(manifest.path("revision").asInt()).isEqualTo(1);
        assertThat(manifest.path("durationFrames").asLong()).isEqualTo(RUNTIME_FRAMES);
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode file : manifest.path("files")) {
            Path f = r1.resolve(file.path("name").asString());
            names.add(file.path("name").asString());
            assertThat(Files.size(f)).isEqualTo(file.path("bytes").asLong());
            assertThat(sha256(f)).isEqualTo(file.path("sha256").asString());
        }
        assertThat(names).contains("episode.mp4", "episode.edl", "episode.otio", "chapters.txt", "thumbnail.jpg", "credits.json", "qc.json");

        // qc.json: every check passed; the pieces with sound were judged on their own loudness, the photo and the text
        // (no sound of their own) on the show's bed under them, the title cards excepted with a reason; no silence at all
        JsonNode qc = json.readTree(r1.resolve("qc.json").toFile());
        qc.path("checks").properties().forEach(check -> assertThat(check.getValue().asBoolean()).as(check.getKey()).isTrue());
        assertThat(qc.path("checks").size()).isEqualTo(7);
        assertThat(qc.path("integratedLufs").asDouble()).isCloseTo(integrated, org.assertj.core.data.Offset.offset(0.05));
        JsonNode rows = qc.path("segmentLoudness").path("events");
        assertThat(rows.size()).isEqualTo(events.size());
        for (JsonNode row : rows) {
            String piece = row.path("pieceId").asString();
            if (piece.equals("intro") || piece.equals("outro")) {
                assertThat(row.path("verdict").asString()).as(piece).isEqualTo("excepted");
                assertThat(row.path("reason").asString()).as(piece).contains("card");
                assertThat(row.path("integratedLufs").asDouble()).as(piece + " bed").isBetween(-17.0, -15.0);
            } else {
                assertThat(row.path("verdict").asString()).as(piece).isEqualTo("pass");
                // conformed to -16 and not pushed by the programme's gain; t3 and t4 are their bed, set to -16 too
                assertThat(row.path("integratedLufs").asDouble()).as(piece).isBetween(-16.6, -15.4);
            }
        }
        assertThat(qc.path("gaps").path("silence").size()).isZero();
        assertThat(qc.path("gaps").path("deadAir").size()).isZero();

        // chapters start at 00:00 with the intro; credits name exactly the people in the episode
        assertThat(Files.readAllLines(r1.resolve("chapters.txt")).get(0)).isEqualTo("00:00 Intro");
        JsonNode credits = json.readTree(r1.resolve("credits.json").toFile());
        List<String> people = new java.util.ArrayList<>();
        credits.path("contributors").forEach(c -> people.add(c.path("name").asString()));
        assertThat(people).containsExactlyInAnyOrder("Ana Lima", "Ben Okoro", "Cy Tan", "Di Ruiz");

        // the thumbnail is 1280x720
        JsonNode thumb = json.readTree(TestMedia.ffprobe("-show_streams", "-of", "json", r1.resolve("thumbnail.jpg").toString()));
        assertThat(thumb.path("streams").get(0).path("width").asInt()).isEqualTo(1280);
        assertThat(thumb.path("streams").get(0).path("height").asInt()).isEqualTo(720);

        // the disguised file and the broken line were rejected with reasons a person can act on
        List<Contribution> all = contributions.findAll(new EpisodeKey(SHOW, AIR_DATE));
        assertThat(all).filteredOn(c -> c.id().equals("t5")).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(Contribution.Status.REJECTED);
            assertThat(c.reason()).contains("ZIP archive").contains("ed-holiday.mp4");
        });
        assertThat(all).filteredOn(c -> c.id().equals("line-6")).singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("line 6").contains("not valid JSON"));
        assertThat(all).filteredOn(Contribution::accepted).extracting(Contribution::id)
                .containsExactlyInAnyOrder("t1", "t2", "t3", "t4");

        // and the job repository counted what happened
        JobExecution execution = jobRepository.getLastJobExecution("episodeJob", EpisodeRunner.parameters(SHOW, AIR_DATE));
        StepExecution ingest = step(execution, "ingest");
        assertThat(ingest.getReadCount()).isEqualTo(6);
        assertThat(ingest.getExitStatus().getExitDescription()).startsWith("4 accepted, 2 rejected")
                .contains("t5: the file 'ed-holiday.mp4' is a ZIP archive");
        assertThat(step(execution, "conform").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions().stream().filter(s -> s.getStepName().startsWith("conformPiece:"))).hasSize(4);

        // nothing was encoded twice: the photo and the writing were only prepared in conform (no segment yet) and
        // encoded once, in render, at the length the plan gave them; the film and the voice were encoded in conform,
        // at the length the plan kept, and render took them from the cache
        EditDecisionList edl = edls.latest(new EpisodeKey(SHOW, AIR_DATE)).orElseThrow();
        for (String piece : List.of("t1", "t2", "t3", "t4")) {
            long planned = edl.events().stream().filter(e -> piece.equals(e.pieceId())).findFirst().orElseThrow().frames();
            assertThat(encodes.commands(piece).size()).as("encodes of %s", piece).isEqualTo(1);
            assertThat(encodes.madeFrames(piece)).as("frames made for %s", piece).containsExactly(planned);
        }
        assertThat(jdbc.sql("SELECT contribution_id FROM conformed_piece WHERE show_id = ? AND air_date = ? AND segment_key IS NULL")
                .params(SHOW, AIR_DATE).query(String.class).list()).containsExactlyInAnyOrder("t3", "t4");
    }

    /** What the media gateway started and the segment factory made, read from their logs while a run goes on. */
    static final class SegmentEncodes {
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        private final List<ch.qos.logback.classic.Logger> loggers = List.of(
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.ensemble.media.MediaProcessGateway.class),
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.ensemble.segment.SegmentFactory.class));

        static SegmentEncodes listen() {
            SegmentEncodes encodes = new SegmentEncodes();
            encodes.log.start();
            encodes.loggers.forEach(l -> l.addAppender(encodes.log));
            return encodes;
        }

        void stop() {
            loggers.forEach(l -> l.detachAppender(log));
            log.stop();
        }

        private List<ch.qos.logback.classic.spi.ILoggingEvent> events() {
            synchronized (log) { // the appender adds under its own lock, from the partition and render threads
                return List.copyOf(log.list);
            }
        }

        /** The FFmpeg command lines that encoded a segment of {@code piece} (the gateway logs each one as it starts it). */
        List<String> commands(String piece) {
            return events().stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("[segment " + piece + "] ")).toList();
        }

        /** The lengths of the segments made (encoded and checked) for {@code piece}. */
        List<Long> madeFrames(String piece) {
            return events().stream().filter(e -> e.getMessage().startsWith("Made segment ") && piece.equals(e.getArgumentArray()[1]))
                    .map(e -> ((Number) e.getArgumentArray()[2]).longValue()).toList();
        }
    }

    @Test
    @Order(2)
    void runningTheSameEpisodeAgainPublishesNothingNew() {
        RunOutcome outcome = runner.run(SHOW, AIR_DATE);

        assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.ALREADY_PUBLISHED);
        assertThat(outcome.kind().exitCode()).isEqualTo(3);
        assertThat(outcome.message()).contains("already published as r1").contains("nothing new");
        assertThat(home.resolve("outbox").resolve(SHOW).resolve(AIR_DATE.toString()).toFile().list())
                .containsExactlyInAnyOrder("r1", "current");
    }

    @Test
    @Order(3)
    void anExecutionLeftRunningByAKilledProcessIsRecoveredAndTheSameInstanceFinishes() throws Exception {
        // given: the repository says an execution of next week's episode is running, but no process holds its lock
        LocalDate nextWeek = AIR_DATE.plusWeeks(1);
        var parameters = EpisodeRunner.parameters(SHOW, nextWeek);
        JobInstance instance = jobRepository.createJobInstance("episodeJob", parameters);
        JobExecution killed = jobRepository.createJobExecution(instance, parameters, new org.springframework.batch.infrastructure.item.ExecutionContext());
        killed.setStatus(BatchStatus.STARTED);
        killed.setStartTime(java.time.LocalDateTime.now());
        jobRepository.update(killed);
        StepExecution step = jobRepository.createStepExecution("ingest", killed);
        step.setStatus(BatchStatus.STARTED);
        step.setStartTime(java.time.LocalDateTime.now());
        jobRepository.update(step);
        // next week's inbox is this week's, whose pieces have aired: editors pin them to show them again
        overrides.save(new EpisodeKey(SHOW, nextWeek), org.ensemble.episode.EditorOverrides.NONE.withPinned("t1", "t2", "t3", "t4"));

        // when
        RunOutcome outcome = runner.run(SHOW, nextWeek);

        // then: the same job instance finished in a second execution and published exactly one revision
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        List<JobExecution> executions = jobRepository.getJobExecutions(instance);
        assertThat(executions).hasSize(2);
        assertThat(executions).extracting(JobExecution::getStatus)
                .containsExactlyInAnyOrder(BatchStatus.FAILED, BatchStatus.COMPLETED);
        assertThat(home.resolve("outbox").resolve(SHOW).resolve(nextWeek.toString()).toFile().list())
                .containsExactlyInAnyOrder("r1", "current");
        // the conformed segments of last week were reused from the cache, not made again
        assertThat(home.resolve("cache").resolve("segments").toFile().list()).noneMatch(n -> n.startsWith(".tmp-"));
    }

    @Test
    @Order(4)
    void anEditorsReorderedRevisionIsRenderedFromTheCacheAndPublishedAsTheNextRevision() throws Exception {
        Path episodeDir = home.resolve("outbox").resolve(SHOW).resolve(AIR_DATE.toString());
        EpisodeKey key = new EpisodeKey(SHOW, AIR_DATE);
        byte[] r1Manifest = Files.readAllBytes(episodeDir.resolve("r1/manifest.json"));

        // a re-render with nothing changed plans the same EDL and publishes nothing new
        RunOutcome unchanged = runner.rerender(SHOW, AIR_DATE, "ops-check", "nothing changed", null);
        assertThat(unchanged.kind()).as(unchanged.message()).isEqualTo(RunOutcome.Kind.ALREADY_PUBLISHED);
        assertThat(edls.history(key)).hasSize(1);

        // given: an editor's revision with the first two pieces swapped
        EditDecisionList planned = edls.latest(key).orElseThrow();
        List<EditDecisionList.Event> events = new java.util.ArrayList<>(planned.events());
        int first = 1;
        EditDecisionList.Event a = events.get(first);
        EditDecisionList.Event b = events.get(first + 1);
        events.set(first, b);
        events.set(first + 1, a);
        List<EditDecisionList.Event> laidOut = new java.util.ArrayList<>();
        long at = 0;
        for (int i = 0; i < events.size(); i++) {
            EditDecisionList.Event e = events.get(i);
            laidOut.add(new EditDecisionList.Event(i + 1, e.kind(), e.pieceId(), e.category(), e.contributor(), e.location(),
                    e.title(), e.sourceFile(), e.sourceIn(), at, e.frames()));
            at += e.frames();
        }
        int revision = edls.nextRevision(key);
        edls.add(new EditDecisionList(key, revision, planned.frameRate(), planned.title(), java.time.Instant.now(),
                "editor-test", "swap the first two pieces", laidOut));
        int segmentsBefore = home.resolve("cache/segments").toFile().list().length;

        // when
        RunOutcome outcome = runner.rerender(SHOW, AIR_DATE, "editor-test", "swap the first two pieces", revision);

        // then: r2 holds the new order, r1 is untouched, current points at r2
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        assertThat(outcome.message()).contains("as r2");
        assertThat(Files.readAllBytes(episodeDir.resolve("r1/manifest.json"))).isEqualTo(r1Manifest);
        assertThat(Files.readSymbolicLink(episodeDir.resolve("current")).toString()).isEqualTo("r2");
        JsonNode manifest = json.readTree(episodeDir.resolve("r2/manifest.json").toFile());
        assertThat(manifest.path("revision").asInt()).isEqualTo(2);
        assertThat(manifest.path("supersedes").asInt()).isEqualTo(1);
        assertThat(manifest.path("edlRevision").asInt()).isEqualTo(revision);
        List<Cmx3600Parser.Event> cmx = Cmx3600Parser.parse(Files.readString(episodeDir.resolve("r2/episode.edl")), FPS);
        assertThat(cmx.get(first).clip()).isEqualTo(b.contributor() + " - " + b.title());
        assertThat(cmx.get(first + 1).clip()).isEqualTo(a.contributor() + " - " + a.title());
        assertThat(cmx.get(first).recordOut() - cmx.get(first).recordIn()).isEqualTo(b.frames());
        assertThat(cmx.get(first + 1).recordOut() - cmx.get(first + 1).recordIn()).isEqualTo(a.frames());
        JsonNode probe = json.readTree(TestMedia.ffprobe("-count_packets", "-show_streams", "-of", "json",
                episodeDir.resolve("r2/episode.mp4").toString()));
        assertThat(stream(probe, "video").path("nb_read_packets").asLong()).isEqualTo(RUNTIME_FRAMES);
        // the pieces came from the cache: at most the credits (which list people in order of appearance) were made again
        assertThat(home.resolve("cache/segments").toFile().list().length - segmentsBefore).isLessThanOrEqualTo(1);
        // and the history says who made each revision and why
        assertThat(edls.history(key)).extracting(EditDecisionListRepository.RevisionSummary::createdBy)
                .containsExactly("planner", "editor-test");
    }

    @Test
    @Order(5)
    void aRunStoppedWhileFfmpegWorksEndsStoppedAndItsRestartFinishesTheSameInstance() throws Exception {
        // given: an empty segment cache, so conform has real FFmpeg work to stop
        LocalDate airDate = AIR_DATE.plusWeeks(2);
        // the same four pieces aired before: an editor pins them so the week can be planned again
        overrides.save(new EpisodeKey(SHOW, airDate), org.ensemble.episode.EditorOverrides.NONE.withPinned("t1", "t2", "t3", "t4"));
        org.ensemble.FileTrees.delete(home.resolve("cache/segments"));
        java.util.concurrent.CompletableFuture<RunOutcome> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> runner.run(SHOW, airDate));

        // when: FFmpeg reports progress in conform
        ProgressBoard.Progress seen = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (seen == null && !first.isDone() && System.nanoTime() < deadline) {
            for (long id : board.running()) {
                ProgressBoard.Progress p = board.progress(id).orElseThrow();
                if ("conform".equals(p.step()) && p.percent() != null && p.current() != null) {
                    seen = p;
                }
            }
            Thread.sleep(10);
        }
        assertThat(seen).as("conform progress while the run was going").isNotNull();
        // the same episode cannot run twice at once
        RunOutcome second = runner.run(SHOW, airDate);
        assertThat(second.kind()).as(second.message()).isEqualTo(RunOutcome.Kind.ALREADY_RUNNING);
        long started = System.nanoTime();
        // stopped the way another process (the CLI) stops it: only the job repository says so (Spring Batch 6 writes
        // STOPPED with an end time at once)
        assertThat(jobOperator.stop(jobRepository.getJobExecution(seen.executionId()))).isTrue();
        RunOutcome stopped = first.get(60, java.util.concurrent.TimeUnit.SECONDS);
        long stopMillis = (System.nanoTime() - started) / 1_000_000;

        // then: progress was a real fraction of four pieces; the run's own watcher saw the stop and killed its FFmpeg,
        // so it ended STOPPED within seconds, not after the step; nothing was published
        assertThat(seen.piecesTotal()).isEqualTo(4);
        assertThat(seen.percent()).isBetween(0, 100);
        assertThat(seen.current()).isNotBlank();
        assertThat(stopped.kind()).as(stopped.message()).isEqualTo(RunOutcome.Kind.FAILED);
        assertThat(stopped.message()).contains("ended STOPPED");
        assertThat(stopMillis).as("stop took %d ms", stopMillis).isLessThan(15_000);
        JobExecution halted = jobRepository.getJobExecution(seen.executionId());
        assertThat(halted.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(step(halted, "conform").getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(halted.getStepExecutions()).filteredOn(s -> s.getStepName().startsWith("conformPiece:"))
                .anySatisfy(s -> assertThat(s.getStatus()).isEqualTo(BatchStatus.STOPPED));
        assertThat(halted.getStepExecutions()).extracting(StepExecution::getStepName).doesNotContain("render", "publish");
        assertThat(home.resolve("outbox").resolve(SHOW).resolve(airDate.toString())).doesNotExist();
        // no piece was rejected because of the stop
        assertThat(contributions.findAll(new EpisodeKey(SHOW, airDate))).filteredOn(c -> !c.accepted())
                .allSatisfy(c -> assertThat(c.reason()).doesNotContain("stop"));
        java.util.Set<String> doneBefore = new java.util.HashSet<>();
        halted.getStepExecutions().stream().filter(s -> s.getStatus() == BatchStatus.COMPLETED)
                .forEach(s -> doneBefore.add(s.getStepName()));

        // when: restarted through the API
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        "/api/ops/executions/" + halted.getId() + "/restart"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isAccepted());
        JobInstance instance = halted.getJobInstance();
        deadline = System.nanoTime() + 120_000_000_000L;
        while (jobRepository.getLastJobExecution(instance).getStatus() != BatchStatus.COMPLETED || !board.running().isEmpty()) {
            assertThat(System.nanoTime()).as("restart finished in time").isLessThan(deadline);
            JobExecution last = jobRepository.getLastJobExecution(instance);
            // the restart starts in the background: until its execution exists, the last one is still the stopped one
            if (last.getId() != halted.getId()) {
                assertThat(last.getStatus()).as("restart status").isNotIn(BatchStatus.FAILED, BatchStatus.STOPPED,
                        BatchStatus.ABANDONED);
            }
            Thread.sleep(100);
        }

        // then: the same instance finished in a second execution, which did not redo what the first had finished
        List<JobExecution> executions = jobRepository.getJobExecutions(instance);
        assertThat(executions).extracting(JobExecution::getStatus)
                .containsExactlyInAnyOrder(BatchStatus.STOPPED, BatchStatus.COMPLETED);
        JobExecution finished = jobRepository.getLastJobExecution(instance);
        assertThat(finished.getStepExecutions()).extracting(StepExecution::getStepName).doesNotContainAnyElementsOf(
                doneBefore.stream().filter(n -> !n.equals("conform")).toList());
        assertThat(Files.readSymbolicLink(home.resolve("outbox").resolve(SHOW).resolve(airDate.toString()).resolve("current")))
                .isEqualTo(Path.of("r1"));

        // and the API shows the execution with its steps and counts
        String body = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/api/ops/executions/" + finished.getId()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode view = json.readTree(body);
        assertThat(view.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(view.path("airDate").asString()).isEqualTo(airDate.toString());
        JsonNode render = java.util.stream.StreamSupport.stream(view.path("steps").spliterator(), false)
                .filter(n -> n.path("name").asString().equals("render")).findFirst().orElseThrow();
        assertThat(render.path("writeCount").asLong()).isEqualTo(1);
        assertThat(render.path("readCount").asLong()).isGreaterThanOrEqualTo(5);
        JsonNode page = json.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                "/api/ops/executions").param("show", SHOW).param("airDate", airDate.toString()).param("size", "1"))
                .andReturn().getResponse().getContentAsString());
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("executions").get(0).path("id").asLong()).isEqualTo(finished.getId());
    }

    @Test
    @Order(6)
    void prometheusShowsJobDurationsPiecesRealtimeFactorAndLastPublish() throws Exception {
        String metrics = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/actuator/prometheus"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andReturn().getResponse().getContentAsString();
        // four pieces conformed in the first run, more after the cache was emptied; one rejected file and one bad line
        assertThat(metric(metrics, "ensemble_pieces_conformed_total\\{[^}]*show=\"tiny-show\"[^}]*\\}")).isGreaterThanOrEqualTo(8);
        assertThat(metric(metrics, "ensemble_pieces_rejected_total\\{[^}]*show=\"tiny-show\"[^}]*\\}")).isGreaterThanOrEqualTo(2);
        // a 30 s programme renders in a few seconds here: faster than real time
        assertThat(metric(metrics, "ensemble_render_realtime_factor_count\\{[^}]*show=\"tiny-show\"[^}]*\\}")).isGreaterThanOrEqualTo(3);
        assertThat(metric(metrics, "ensemble_render_realtime_factor_max\\{[^}]*show=\"tiny-show\"[^}]*\\}")).isGreaterThan(1.0);
        double lastPublish = metric(metrics, "ensemble_publish_last_success_seconds\\{[^}]*show=\"tiny-show\"[^}]*\\}");
        // the last publish was one of this class's runs, however long they took on this machine
        assertThat(lastPublish).isBetween((double) CLASS_START, java.time.Instant.now().getEpochSecond() + 1.0);
        // Spring Batch's own observation of each job run
        assertThat(metric(metrics, "spring_batch_job_seconds_count\\{[^}]*spring_batch_job_name=\"episodeJob\"[^}]*spring_batch_job_status=\"COMPLETED\"[^}]*\\}"))
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(7)
    void healthShowsTheDatabaseFfmpegAndTheHomeFoldersDisk() throws Exception {
        JsonNode health = json.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/actuator/health"))
                .andReturn().getResponse().getContentAsString());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode ffmpeg = health.path("components").path("ffmpeg");
        assertThat(ffmpeg.path("status").asString()).isEqualTo("UP");
        assertThat(Files.isExecutable(Path.of(ffmpeg.path("details").path("ffmpeg").asString()))).isTrue();
        assertThat(ffmpeg.path("details").path("version").asString()).isNotBlank();
        JsonNode disk = health.path("components").path("diskSpace");
        assertThat(disk.path("status").asString()).isEqualTo("UP");
        assertThat(Path.of(disk.path("details").path("path").asString()).toRealPath()).isEqualTo(home.toRealPath());
        assertThat(disk.path("details").path("free").asLong()).isGreaterThan(disk.path("details").path("threshold").asLong());
        assertThat(health.path("components").path("db").path("status").asString()).isEqualTo("UP");
    }

    @Test
    @Order(8)
    void schedulesArePausedAndResumedThroughTheApiAndErrorsAreProblemDetails() throws Exception {
        var get = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/ops/schedules");
        JsonNode list = json.readTree(mvc.perform(get).andReturn().getResponse().getContentAsString());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("show").asString()).isEqualTo(SHOW);
        assertThat(list.get(0).path("scheduled").asBoolean()).isTrue();
        assertThat(list.get(0).path("paused").asBoolean()).isFalse();
        // the next fire time is the tiny show's Saturday 02:00 in London
        java.time.ZonedDateTime next = java.time.Instant.parse(list.get(0).path("nextFire").asString()).atZone(java.time.ZoneId.of("Europe/London"));
        assertThat(next.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
        assertThat(next.getHour()).isEqualTo(2);

        // pause through the API: the service (and Quartz) see it
        JsonNode paused = json.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                "/api/ops/schedules/" + SHOW + "/pause")).andReturn().getResponse().getContentAsString());
        assertThat(paused.path("paused").asBoolean()).isTrue();
        assertThat(operations.schedule(SHOW).paused()).isTrue();
        // and the audit log says who paused it
        assertThat(jdbc.sql("SELECT actor FROM audit_log WHERE action = 'schedule.pause' AND target = ?").param(SHOW)
                .query(String.class).list()).containsExactly("ops-test");
        // a reload keeps it paused
        operations.reload();
        assertThat(operations.schedule(SHOW).paused()).isTrue();
        // resume from the service: the API sees it
        operations.resume(SHOW);
        JsonNode resumed = json.readTree(mvc.perform(get).andReturn().getResponse().getContentAsString());
        assertThat(resumed.get(0).path("paused").asBoolean()).isFalse();

        // errors: problem details with a sentence, no stack trace
        var notFound = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/ops/schedules/no-such-show/pause"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isNotFound())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentTypeCompatibleWith("application/problem+json"))
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(notFound).path("detail").asString()).isEqualTo("No show no-such-show");
        assertThat(notFound).doesNotContain("at org.", "Exception");
        long completed = jobRepository.getLastJobExecution("episodeJob", EpisodeRunner.parameters(SHOW, AIR_DATE)).getId();
        String conflict = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/ops/executions/" + completed + "/stop"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isConflict())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(conflict).path("detail").asString()).contains("is not running (COMPLETED)");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/ops/executions/987654"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isNotFound());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/ops/executions").param("airDate", "last monday"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isBadRequest())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().contentTypeCompatibleWith("application/problem+json"));

        // and the API is described at the standard OpenAPI path
        String api = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/v3/api-docs"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(api).path("paths").propertyNames()).contains("/api/ops/schedules/{show}/pause",
                "/api/ops/executions/{id}/restart", "/api/ops/executions/{id}/stop", "/api/ops/schedules/reload");
    }

    @Test
    @Order(9)
    void aPauseFromTheCommandLineInAnotherProcessReachesThisServer() throws Exception {
        // given: the show is scheduled and not paused in this (server) application
        assertThat(operations.schedule(SHOW).paused()).isFalse();

        // when: another JVM runs the CLI on the same home (the same H2 database, reached through its auto server)
        Path jobs = Path.of("src/test/resources/jobs").toAbsolutePath();
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.ensemble.EnsembleApplication",
                "schedules", "pause", "--show", SHOW, "--home", home.toString(), "--jobs", jobs.toString())
                .redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        // then: it succeeded, and this server's scheduler reads the trigger as paused
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("tiny-show\\s+0 0 2 \\? \\* SAT\\s+Europe/London\\s+\\S+\\s+yes");
        assertThat(operations.schedule(SHOW).paused()).isTrue();
        operations.resume(SHOW);
    }

    static double metric(String prometheus, String nameAndLabels) {
        Matcher m = Pattern.compile("(?m)^" + nameAndLabels + " ([-0-9.Ee+]+)$").matcher(prometheus);
        assertThat(m.find()).as("%s in\n%s", nameAndLabels, prometheus.lines().filter(l -> l.startsWith("ensemble") || l.startsWith("spring_batch_job"))
                .collect(java.util.stream.Collectors.joining("\n"))).isTrue();
        return Double.parseDouble(m.group(1));
    }

    record EdlEvent(int number, String reel, String clip, long sourceIn, long sourceOut, long recordIn, long recordOut) {
    }

    /** A deliberately separate, strict reading of CMX 3600: fixed fields, timecodes parsed here, not by Ensemble. */
    static List<EdlEvent> parseCmx3600(String text) {
        Pattern event = Pattern.compile("^(\\d{3})\\s{2}(\\S{1,8})\\s+(AA/V|V|A|A2|AA|B)\\s+(C|D \\d{3}|W\\d{3} \\d{3})\\s+"
                + "(\\d\\d:\\d\\d:\\d\\d:\\d\\d) (\\d\\d:\\d\\d:\\d\\d:\\d\\d) (\\d\\d:\\d\\d:\\d\\d:\\d\\d) (\\d\\d:\\d\\d:\\d\\d:\\d\\d)\\s*$");
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("TITLE: ");
        assertThat(lines.get(1)).isEqualTo("FCM: NON-DROP FRAME");
        List<EdlEvent> events = new java.util.ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i);
            assertThat(line.chars().allMatch(ch -> ch < 128)).as("7-bit line: %s", line).isTrue();
            Matcher m = event.matcher(line);
            if (m.matches()) {
                String clip = i + 1 < lines.size() && lines.get(i + 1).startsWith("* FROM CLIP NAME: ")
                        ? lines.get(i + 1).substring(18) : "";
                events.add(new EdlEvent(Integer.parseInt(m.group(1)), m.group(2), clip, tc(m.group(5)), tc(m.group(6)),
                        tc(m.group(7)), tc(m.group(8))));
            } else {
                assertThat(line.isBlank() || line.startsWith("*")).as("unexpected EDL line: %s", line).isTrue();
            }
        }
        return events;
    }

    static long tc(String timecode) {
        String[] p = timecode.split(":");
        int ff = Integer.parseInt(p[3]);
        assertThat(ff).isLessThan(FPS);
        return ((Integer.parseInt(p[0]) * 60L + Integer.parseInt(p[1])) * 60 + Integer.parseInt(p[2])) * FPS + ff;
    }

    static JsonNode stream(JsonNode probe, String type) {
        for (JsonNode s : probe.path("streams")) {
            if (type.equals(s.path("codec_type").asString())) {
                return s;
            }
        }
        throw new AssertionError("no " + type + " stream");
    }

    static StepExecution step(JobExecution execution, String name) {
        return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
    }

    static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in %s", regex, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
