package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpServer;
import org.ensemble.FileTrees;
import org.ensemble.Mp4Atoms;
import org.ensemble.TestMedia;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.RunOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The publishing contract on real packages: one weekly run of the tiny show (with caption files) and one editor's
 * re-render, then what a publishing system gets: the package files, the feeds, downloads with ranges, signed webhooks
 * that survive a failing receiver, the consumer script, and pruning.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishContractTest {

    static final String SHOW = "tiny-show";
    static final LocalDate AIR_DATE = LocalDate.of(2026, 11, 30);
    static final int FPS = 30;
    static final String SECRET = "test-secret-0123456789";
    static final Path home = temporaryHome();
    static final HttpServer receiver = receiver();
    static final AtomicInteger attempts = new AtomicInteger();
    static final List<Received> received = new CopyOnWriteArrayList<>();

    /** One request the receiver took, with the second (Unix time) it arrived in. */
    record Received(String event, String timestamp, String signature, byte[] body, long arrived) {
    }

    @Autowired
    EpisodeRunner runner;
    @Autowired
    EditDecisionListRepository edls;
    @Autowired
    PublicationRepository publications;
    @Autowired
    WebhookDeliveries deliveries;
    @Autowired
    Pruner pruner;
    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    org.ensemble.security.ApiTokens tokens;
    static String token;
    final Path episodeDir = home.resolve("outbox").resolve(SHOW).resolve(AIR_DATE.toString());
    final EpisodeKey key = new EpisodeKey(SHOW, AIR_DATE);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ensemble.home", () -> home.toString());
        registry.add("ensemble.jobs", () -> Path.of("src/test/resources/jobs").toAbsolutePath().toString());
        registry.add("ensemble.publish.webhooks[0].url", () -> "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        registry.add("ensemble.publish.webhooks[0].secret", () -> SECRET);
        registry.add("ensemble.publish.webhook-poll", () -> "PT0.2S");
        registry.add("ensemble.publish.retry-base", () -> "PT0.2S");
        registry.add("ensemble.publish.retry-max", () -> "PT0.5S");
    }

    static Path temporaryHome() {
        try {
            return Files.createTempDirectory("ensemble-publish-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A webhook receiver that answers 500 to the first two requests it gets, then 204. */
    static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                boolean fail = attempts.incrementAndGet() <= 2;
                if (!fail) {
                    var h = exchange.getRequestHeaders();
                    received.add(new Received(h.getFirst("X-Ensemble-Event"), h.getFirst("X-Ensemble-Timestamp"),
                            h.getFirst("X-Ensemble-Signature"), body, Instant.now().getEpochSecond()));
                }
                exchange.sendResponseHeaders(fail ? 500 : 204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void inbox() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox").resolve(SHOW));
        Files.createDirectories(inbox.resolve("ana"));
        TestMedia.video(inbox.resolve("ana/hello.mp4"), 6, 426, 240, 25, -20);
        Files.writeString(inbox.resolve("ana/hello.srt"), """
                1
                00:00:00,200 --> 00:00:01,000
                Cut by the trim

                2
                00:00:01,500 --> 00:00:03,000
                I'm Ana, in Porto

                3
                00:00:05,000 --> 00:00:09,000
                Longer than the piece
                """);
        TestMedia.tone(inbox.resolve("ben-voice.wav"), 5, -12);
        Files.writeString(inbox.resolve("ben-voice.vtt"), "WEBVTT\n\n00:01.000 --> 00:02.000\nThe kettle sings\n");
        TestMedia.picture(inbox.resolve("cy-photo.png"), 640, 480);
        TestMedia.text(inbox.resolve("di-poem.txt"), "Kettle\n\nIt sings before I am awake,\nand I forgive the morning.\n");
        Files.writeString(inbox.resolve("manifest.jsonl"), String.join("\n",
                line("t1", "Ana Lima", "talking-life", "Hello from Porto", "ana/hello.mp4", ",\"trimIn\":0.5,\"caption\":\"ana/hello.srt\""),
                line("t2", "Ben Okoro", "little-thing", "The kettle", "ben-voice.wav", ",\"caption\":\"ben-voice.vtt\""),
                line("t3", "Cy Tan", "photography", "Pattern", "cy-photo.png", ""),
                line("t4", "Di Ruiz", "writing", "Kettle", "di-poem.txt", "")) + "\n", StandardCharsets.UTF_8);
    }

    static String line(String id, String who, String category, String title, String file, String extra) {
        return "{\"id\":\"" + id + "\",\"contributor\":\"" + who + "\",\"category\":\"" + category + "\",\"title\":\"" + title
                + "\",\"file\":\"" + file + "\",\"approvedAt\":\"2026-11-23T10:00:00Z\",\"location\":\"Somewhere\"" + extra + "}";
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                FileTrees.delete(home);
            } catch (java.io.UncheckedIOException e) {
                System.err.println("Could not remove " + home + ": " + e);
            }
        }));
    }

    @Test
    @Order(1)
    void thePackageHasEveryFileAndEachSaysWhatTheEdlSays() throws Exception {
        RunOutcome outcome = runner.run(SHOW, AIR_DATE);
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        Path r1 = episodeDir.resolve("r1");
        EditDecisionList edl = edls.latest(key).orElseThrow();
        assertThat(r1.toFile().list()).containsExactlyInAnyOrder("episode.mp4", "episode.edl", "episode.otio", "chapters.txt", "chapters.vtt",
                "captions.vtt", "captions.srt", "qc.json", "credits.json", "description.txt", "thumbnail.jpg", "manifest.json");

        // the manifest is valid by the published schema, and numbers the episode
        JsonNode manifest = json.readTree(r1.resolve("manifest.json").toFile());
        var schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(Path.of("src/main/resources/schemas/publish-manifest-v1.json")), InputFormat.JSON);
        assertThat(schema.validate(Files.readString(r1.resolve("manifest.json")), InputFormat.JSON)).isEmpty();
        assertThat(schema.validate(Files.readString(r1.resolve("manifest.json")).replace("\"revision\" : 1", "\"revision\" : \"1\""),
                InputFormat.JSON)).as("the schema can fail").isNotEmpty();
        // the tiny show's first season is 2026's
        assertThat(manifest.path("season").asInt()).isEqualTo(1);
        assertThat(manifest.path("episode").asInt()).isEqualTo(1);
        assertThat(manifest.path("episodeId").asString()).isEqualTo("S0001E01");

        // episode.mp4: chapters embedded at the EDL's frames, index first, tags naming the show and the people
        JsonNode probe = json.readTree(TestMedia.ffprobe("-show_chapters", "-show_format", "-show_streams", "-of", "json",
                r1.resolve("episode.mp4").toString()));
        JsonNode chapters = probe.path("chapters");
        assertThat(chapters.size()).isEqualTo(edl.events().size());
        for (int i = 0; i < edl.events().size(); i++) {
            EditDecisionList.Event e = edl.events().get(i);
            assertThat(chapters.get(i).path("start_time").asDouble()).isCloseTo(e.recordIn() / (double) FPS,
                    org.assertj.core.data.Offset.offset(0.001));
            assertThat(chapters.get(i).path("end_time").asDouble()).isCloseTo(e.recordOut() / (double) FPS,
                    org.assertj.core.data.Offset.offset(0.001));
        }
        assertThat(chapters.get(0).path("tags").path("title").asString()).isEqualTo("Intro");
        assertThat(chapters.get(chapters.size() - 1).path("tags").path("title").asString()).isEqualTo("Credits");
        JsonNode tags = probe.path("format").path("tags");
        assertThat(tags.path("title").asString()).isEqualTo(edl.title());
        assertThat(tags.path("show").asString()).isEqualTo("Tiny Show");
        assertThat(tags.path("episode_id").asString()).isEqualTo("S0001E01");
        assertThat(tags.path("comment").asString()).contains("Ana Lima", "Ben Okoro", "Cy Tan", "Di Ruiz");
        assertThat(tags.path("description").asString()).contains("Ana Lima");
        // the season and episode atoms read back from the file's bytes: 4-byte integers holding 1 and 1
        Mp4Atoms.Box tvsn = Mp4Atoms.find(r1.resolve("episode.mp4"), "moov", "udta", "meta", "ilst", "tvsn", "data").orElseThrow();
        Mp4Atoms.Box tves = Mp4Atoms.find(r1.resolve("episode.mp4"), "moov", "udta", "meta", "ilst", "tves", "data").orElseThrow();
        System.out.println("episode.mp4 tvsn/data: " + tvsn.hex() + " = " + tvsn.number() + "; tves/data: " + tves.hex() + " = " + tves.number());
        assertThat(tvsn.number()).isEqualTo(1);
        assertThat(tves.number()).isEqualTo(1);
        assertThat(tvsn.dataType()).isEqualTo(21);
        assertThat(topLevelBoxes(r1.resolve("episode.mp4"))).as("faststart: moov before mdat")
                .containsSubsequence("ftyp", "moov", "mdat");
        long videoPackets = json.readTree(TestMedia.ffprobe("-count_packets", "-select_streams", "v:0", "-show_streams", "-of", "json",
                r1.resolve("episode.mp4").toString())).path("streams").get(0).path("nb_read_packets").asLong();
        assertThat(videoPackets).isEqualTo(edl.totalFrames());

        // captions: valid WebVTT; Ana's own cues moved to where her piece plays and cut to it; Ben's; Di's words
        List<StrictWebVtt.Cue> cues = StrictWebVtt.parse(Files.readString(r1.resolve("captions.vtt")));
        for (int i = 1; i < cues.size(); i++) {
            assertThat(cues.get(i).startMs()).isGreaterThanOrEqualTo(cues.get(i - 1).endMs());
        }
        assertThat(cues.get(cues.size() - 1).endMs()).isLessThanOrEqualTo(edl.totalFrames() * 1000 / FPS);
        EditDecisionList.Event ana = piece(edl, "t1");
        long anaIn = ms(ana.recordIn());
        long anaSourceIn = ms(ana.sourceIn());
        assertThat(anaSourceIn).isEqualTo(500);
        long anaOut = ms(ana.recordOut());
        assertThat(cue(cues, "I'm Ana, in Porto")).isEqualTo(new StrictWebVtt.Cue(cues.get(cues.indexOf(cue(cues, "I'm Ana, in Porto"))).id(),
                anaIn + 1000, anaIn + 2500, "I'm Ana, in Porto"));
        assertThat(cue(cues, "Cut by the trim").startMs()).isEqualTo(anaIn);
        // the trim leaves half a second of it: held until it can be read, up to where the next cue begins
        assertThat(cue(cues, "Cut by the trim").endMs()).isEqualTo(anaIn + 1000);
        if (anaOut > anaIn + 4500) {
            assertThat(cue(cues, "Longer than the piece").endMs()).isEqualTo(Math.min(anaOut, anaIn + 8500));
        }
        EditDecisionList.Event ben = piece(edl, "t2");
        assertThat(cue(cues, "The kettle sings").startMs()).isEqualTo(ms(ben.recordIn()) - ms(ben.sourceIn()) + 1000);
        EditDecisionList.Event di = piece(edl, "t4");
        assertThat(cues).filteredOn(c -> c.startMs() >= ms(di.recordIn()) && c.endMs() <= ms(di.recordOut()))
                .extracting(StrictWebVtt.Cue::text).anyMatch(t -> t.contains("It sings before I am awake"));
        assertThat(cues.get(0).text()).contains("Tiny Show");
        assertThat(cues.get(cues.size() - 1).text()).contains("Ana Lima", "Di Ruiz");
        // every cue of the week within the caption norms
        CueFigures figures = CueFigures.of(cues).assertWithin(CaptionNorms.COMMON);
        System.out.println("tiny-show week captions: " + figures);
        String srt = Files.readString(r1.resolve("captions.srt"));
        assertThat(srt.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d,\\d{3} --> \\d\\d:\\d\\d:\\d\\d,\\d{3}"))).hasSize(cues.size());

        // chapters.txt and chapters.vtt: one per event, the first at 00:00
        List<String> chapterLines = Files.readAllLines(r1.resolve("chapters.txt"));
        assertThat(chapterLines).hasSize(edl.events().size());
        assertThat(chapterLines.get(0)).isEqualTo("00:00 Intro");
        assertThat(chapterLines).allMatch(l -> l.matches("(\\d+:)?\\d\\d:\\d\\d .+"));
        assertThat(StrictWebVtt.parse(Files.readString(r1.resolve("chapters.vtt")))).hasSize(edl.events().size());
        // a 30-second test episode is too short for YouTube's 10-second chapters, and the manifest says so
        assertThat(manifest.path("chapters").path("youtubeReady").asBoolean()).isFalse();
        assertThat(manifest.path("chapters").path("youtubeProblems").toString()).contains("Intro");

        // credits name exactly the people of the EDL, nobody else
        List<String> credited = new ArrayList<>();
        json.readTree(r1.resolve("credits.json").toFile()).path("contributors").forEach(c -> credited.add(c.path("name").asString()));
        assertThat(credited).containsExactlyInAnyOrderElementsOf(edl.pieces().stream().map(EditDecisionList.Event::contributor).distinct().toList());

        // description.txt: ready to paste
        String description = Files.readString(r1.resolve("description.txt"));
        assertThat(description).startsWith("Tiny Show – " + edl.title()).contains("Season 1, episode 1", "Monday 30 November 2026",
                "00:00 Intro", "Ana Lima (Somewhere): Hello from Porto", "Di Ruiz (Somewhere): Kettle");

        // the thumbnail: 1280x720, a well exposed picture with detail, not a black frame or a flat card
        var thumbnail = ImageIO.read(r1.resolve("thumbnail.jpg").toFile());
        assertThat(thumbnail.getWidth()).isEqualTo(1280);
        assertThat(thumbnail.getHeight()).isEqualTo(720);
        Sharpness thumb = Sharpness.of(thumbnail);
        assertThat(thumb.meanLuma()).isBetween(Sharpness.DARKEST, Sharpness.BRIGHTEST);
        assertThat(thumb.laplacianVariance()).isGreaterThan(5);
    }

    @Test
    @Order(2)
    void aReRenderIsTheNextRevisionWithTheSameEpisodeNumberAndTheFirstUnchanged() throws Exception {
        byte[] r1Manifest = Files.readAllBytes(episodeDir.resolve("r1/manifest.json"));
        EditDecisionList planned = edls.latest(key).orElseThrow();
        List<EditDecisionList.Event> events = new ArrayList<>(planned.events());
        EditDecisionList.Event a = events.get(1);
        events.set(1, events.get(2));
        events.set(2, a);
        List<EditDecisionList.Event> laidOut = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < events.size(); i++) {
            EditDecisionList.Event e = events.get(i);
            laidOut.add(new EditDecisionList.Event(i + 1, e.kind(), e.pieceId(), e.category(), e.contributor(), e.location(), e.title(),
                    e.sourceFile(), e.sourceIn(), at, e.frames()));
            at += e.frames();
        }
        int revision = edls.nextRevision(key);
        edls.add(new EditDecisionList(key, revision, planned.frameRate(), planned.title(), Instant.now(), "editor", "swap", laidOut));

        RunOutcome outcome = runner.rerender(SHOW, AIR_DATE, "editor", "swap", revision);

        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        assertThat(Files.readSymbolicLink(episodeDir.resolve("current")).toString()).isEqualTo("r2");
        assertThat(Files.readAllBytes(episodeDir.resolve("r1/manifest.json"))).isEqualTo(r1Manifest);
        JsonNode manifest = json.readTree(episodeDir.resolve("r2/manifest.json").toFile());
        assertThat(manifest.path("episodeId").asString()).isEqualTo("S0001E01");
        assertThat(manifest.path("supersedes").asInt()).isEqualTo(1);
        assertThat(Files.readAllLines(episodeDir.resolve("r2/chapters.txt")).get(1)).contains(laidOut.get(1).contributor());
    }

    @Test
    @Order(3)
    void theFeedsListTheCurrentRevisionAndEveryFileDownloadsWithItsChecksum() throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpResponse<byte[]> rss = get(base + "/api/publish/shows/" + SHOW + "/feed.rss", null);
        assertThat(rss.statusCode()).isEqualTo(200);
        assertThat(rss.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(rss.body()));
        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("rss");
        assertThat(root.getAttribute("version")).isEqualTo("2.0");
        Element channel = only(root, "channel");
        for (String required : List.of("title", "link", "description")) {
            assertThat(only(channel, required).getTextContent()).isNotBlank();
        }
        Element item = only(channel, "item");
        assertThat(only(item, "guid").getTextContent()).isEqualTo(SHOW + "/" + AIR_DATE + "/r2");
        assertThat(only(item, "pubDate").getTextContent()).isEqualTo("Mon, 30 Nov 2026 07:00:00 GMT");
        Element enclosure = only(item, "enclosure");
        assertThat(enclosure.getAttribute("type")).isEqualTo("video/mp4");
        assertThat(Long.parseLong(enclosure.getAttribute("length"))).isEqualTo(Files.size(episodeDir.resolve("r2/episode.mp4")));
        assertThat(get(enclosure.getAttribute("url"), null).body()).isEqualTo(Files.readAllBytes(episodeDir.resolve("r2/episode.mp4")));

        JsonNode feed = json.readValue(get(base + "/api/publish/shows/" + SHOW + "/feed.json", null).body(), JsonNode.class);
        JsonNode episode = feed.path("episodes").get(0);
        assertThat(episode.path("revision").asInt()).isEqualTo(2);
        assertThat(episode.path("publishAt").asString()).isEqualTo("2026-11-30T07:00Z");
        assertThat(episode.path("revisions").toString()).isEqualTo("[1,2]");
        assertThat(EpisodeContract.sha256(get(episode.path("manifest").asString(), null).body()))
                .isEqualTo(episode.path("manifestSha256").asString());
        for (JsonNode file : episode.path("files")) {
            byte[] body = get(file.path("url").asString(), null).body();
            assertThat(body.length).isEqualTo(file.path("bytes").asLong());
            assertThat(EpisodeContract.sha256(body)).as(file.path("name").asString()).isEqualTo(file.path("sha256").asString());
        }
        assertThat(get(base + "/api/publish/shows/" + SHOW + "/episodes/" + AIR_DATE + "/.staging-r2/manifest.json", null).statusCode())
                .isEqualTo(404);
        assertThat(get(base + "/api/publish/shows/" + SHOW + "/episodes/" + AIR_DATE + "/current/manifest.json", null).statusCode())
                .isEqualTo(404);
        assertThat(get(base + "/api/publish/shows/no-such-show/feed.json", null).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> schema = get(base + "/api/publish/schemas/publish-manifest-v1.json", null);
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.body()).isEqualTo(Files.readAllBytes(Path.of("src/main/resources/schemas/publish-manifest-v1.json")));

        // the consumer script picks the episode up as a publishing system would
        Path target = home.resolve("pickup");
        ProcessBuilder consumer = new ProcessBuilder("bash", "ops/consume-latest.sh", base, SHOW, target.toString()).redirectErrorStream(true);
        consumer.environment().put("ENSEMBLE_TOKEN", token());
        Process script = consumer.start();
        String out = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(out).isZero();
        Path picked = target.resolve(SHOW).resolve(AIR_DATE.toString());
        assertThat(Files.readSymbolicLink(picked.resolve("current")).toString()).isEqualTo("r2");
        for (String name : episodeDir.resolve("r2").toFile().list()) {
            assertThat(Files.readAllBytes(picked.resolve("r2").resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(episodeDir.resolve("r2").resolve(name)));
        }
        assertThat(target.toFile().list()).containsExactly(SHOW);
    }

    @Test
    @Order(4)
    void downloadsAnswerRangeRequests() throws Exception {
        String url = "http://127.0.0.1:" + port + "/api/publish/shows/" + SHOW + "/episodes/" + AIR_DATE + "/r2/episode.mp4";
        byte[] file = Files.readAllBytes(episodeDir.resolve("r2/episode.mp4"));

        HttpResponse<byte[]> whole = get(url, null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");

        HttpResponse<byte[]> part = get(url, "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 100-199/" + file.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(file, 100, 200));

        HttpResponse<byte[]> tail = get(url, "bytes=-50");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(file, file.length - 50, file.length));

        HttpResponse<byte[]> resumed = get(url, "bytes=" + (file.length - 10) + "-");
        assertThat(resumed.body()).isEqualTo(java.util.Arrays.copyOfRange(file, file.length - 10, file.length));

        HttpResponse<byte[]> past = get(url, "bytes=" + file.length + "-");
        assertThat(past.statusCode()).isEqualTo(416);
        assertThat(past.headers().firstValue("Content-Range")).hasValue("bytes */" + file.length);
        assertThat(past.body()).isEmpty();

        // behind a token: the caller may keep it, no shared cache may; and it can be checked for change cheaply
        assertThat(whole.headers().firstValue("Cache-Control").orElseThrow()).contains("private").doesNotContain("public");
        String tag = whole.headers().firstValue("ETag").orElseThrow();
        assertThat(whole.headers().firstValue("Last-Modified")).isPresent();
        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token())
                .header("If-None-Match", tag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    @Order(5)
    void webhooksAreSignedStoredFirstAndRetriedUntilTheReceiverTakesThem() throws Exception {
        // ready r1, ready r2 and superseded r1, each queued in the database before any attempt: wait until the poller
        // has recorded all three as delivered (it does so after the receiver's answer, so all three have arrived)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(deliveries.all().size() == 3 && deliveries.all().stream().allMatch(d -> d.status().equals("DELIVERED")))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(received).extracting(Received::event).containsExactlyInAnyOrder("revision.ready", "revision.ready", "revision.superseded");
        assertThat(attempts.get()).isEqualTo(5);
        assertThat(deliveries.all()).allSatisfy(d -> assertThat(d.status()).isEqualTo("DELIVERED")).hasSize(3);
        // the first event met the two failures and went through on its third attempt, the others on their first
        assertThat(deliveries.all()).extracting(WebhookDeliveries.Delivery::attempts).containsExactly(3, 1, 1);
        for (Received r : received) {
            // the signed timestamp is the time of sending: a receiver holds it against the time the request arrived
            assertThat(Math.abs(r.arrived() - Long.parseLong(r.timestamp()))).isLessThan(120);
            String expected = "sha256=" + PublishUnitsTest.hmacByHand(SECRET, r.timestamp() + "." + new String(r.body(), StandardCharsets.UTF_8));
            assertThat(r.signature()).isEqualTo(expected);
        }
        JsonNode superseded = json.readTree(received.stream().filter(r -> r.event().equals("revision.superseded")).findFirst().orElseThrow().body());
        assertThat(superseded.path("revision").asInt()).isEqualTo(1);
        assertThat(superseded.path("supersededBy").asInt()).isEqualTo(2);
        JsonNode ready2 = received.stream().map(r -> json.readTree(r.body())).filter(n -> n.path("event").asString().equals("revision.ready")
                && n.path("revision").asInt() == 2).findFirst().orElseThrow();
        assertThat(ready2.path("manifestSha256").asString()).isEqualTo(EpisodeContract.sha256(Files.readAllBytes(episodeDir.resolve("r2/manifest.json"))));
    }

    @Test
    @Order(6)
    void pruningRemovesOldRevisionsButNeverTheCurrentOne() throws Exception {
        assertThat(pruner.prune(1, null, SHOW, true)).containsExactly(episodeDir.resolve("r1"));
        assertThat(episodeDir.resolve("r1")).isDirectory();

        assertThat(pruner.prune(1, null, SHOW, false)).containsExactly(episodeDir.resolve("r1"));

        assertThat(episodeDir.toFile().list()).containsExactlyInAnyOrder("r2", "current");
        assertThat(publications.list(key)).extracting(PublicationRepository.Publication::status).containsExactly("PRUNED", "PUBLISHED");
        assertThat(pruner.prune(1, Duration.ofDays(0), null, false)).isEmpty();
        assertThat(org.ensemble.cli.CommandLineAccess.execute("prune", "--keep", "x")).isEqualTo(2);
        assertThat(org.ensemble.cli.CommandLineAccess.execute("prune")).isEqualTo(2);
    }

    private EditDecisionList.Event piece(EditDecisionList edl, String id) {
        return edl.pieces().stream().filter(e -> e.pieceId().equals(id)).findFirst().orElseThrow();
    }

    private static StrictWebVtt.Cue cue(List<StrictWebVtt.Cue> cues, String text) {
        return cues.stream().filter(c -> c.text().equals(text)).findFirst().orElseThrow(() -> new AssertionError("no cue '" + text + "' in " + cues));
    }

    static long ms(long frames) {
        return Math.round(frames * 1000.0 / FPS);
    }

    /** A publishing system's API token (publisher role only), made once through the real token service. */
    private String token() {
        if (token == null) {
            token = tokens.create("publish-contract-test").secret();
        }
        return token;
    }

    private HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token());
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Element only(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        assertThat(found).as("<%s> in <%s>", name, parent.getTagName()).hasSize(1);
        return found.get(0);
    }

    /** The MP4's top-level box types in file order. */
    static List<String> topLevelBoxes(Path mp4) throws IOException {
        List<String> boxes = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(mp4, StandardOpenOption.READ)) {
            long at = 0;
            long size = channel.size();
            var header = java.nio.ByteBuffer.allocate(16);
            while (at + 8 <= size) {
                header.clear();
                channel.read(header, at);
                header.flip();
                long boxSize = Integer.toUnsignedLong(header.getInt());
                byte[] type = new byte[4];
                header.get(type);
                if (boxSize == 1) {
                    boxSize = header.getLong();
                } else if (boxSize == 0) {
                    boxSize = size - at;
                }
                boxes.add(new String(type, StandardCharsets.US_ASCII));
                if (boxSize < 8) {
                    break;
                }
                at += boxSize;
            }
        }
        return boxes;
    }
}
