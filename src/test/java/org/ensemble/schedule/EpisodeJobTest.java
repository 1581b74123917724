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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole weekly job with real FFmpeg, a real H2 file database and real files, on the tiny test show
 * (320x180, 30 s). Asserts on what was produced: the master's probed length and measured loudness, the EDL read
 * by an independent parser, the manifest's checksums, the rejected disguised file, and restart behaviour.
 */
@SpringBootTest(properties = {"ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EpisodeJobTest {

    static final String SHOW = "tiny-show";
    static final LocalDate AIR_DATE = LocalDate.of(2026, 11, 30);
    static final int FPS = 30;
    static final long RUNTIME_FRAMES = 30 * FPS;
    static final Path home = temporaryHome();

    @Autowired
    EpisodeRunner runner;
    @Autowired
    JobRepository jobRepository;
    @Autowired
    ContributionRepository contributions;
    @Autowired
    EditDecisionListRepository edls;
    @Autowired
    org.ensemble.episode.EditorOverrideRepository overrides;

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
        // when
        RunOutcome outcome = runner.run(SHOW, AIR_DATE);

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

        // qc.json: every check passed; the pieces with sound were judged on their own loudness, the silent photo and
        // text and the title cards were excepted with a reason; the photo and text are one silent run, never dead air
        JsonNode qc = json.readTree(r1.resolve("qc.json").toFile());
        qc.path("checks").properties().forEach(check -> assertThat(check.getValue().asBoolean()).as(check.getKey()).isTrue());
        assertThat(qc.path("checks").size()).isEqualTo(7);
        assertThat(qc.path("integratedLufs").asDouble()).isCloseTo(integrated, org.assertj.core.data.Offset.offset(0.05));
        JsonNode rows = qc.path("segmentLoudness").path("events");
        assertThat(rows.size()).isEqualTo(events.size());
        for (JsonNode row : rows) {
            String piece = row.path("pieceId").asString();
            if (piece.equals("t1") || piece.equals("t2")) {
                assertThat(row.path("verdict").asString()).as(piece).isEqualTo("pass");
                assertThat(row.path("integratedLufs").asDouble()).as(piece).isBetween(-17.0, -15.0);
            } else {
                assertThat(row.path("verdict").asString()).as(piece).isEqualTo("excepted");
                assertThat(row.path("reason").asString()).as(piece).containsAnyOf("silent", "card");
            }
        }
        assertThat(qc.path("gaps").path("silence").size()).isEqualTo(1);
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
