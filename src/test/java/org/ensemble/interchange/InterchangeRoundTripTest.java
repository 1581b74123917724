package org.ensemble.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.ensemble.Cmx3600Parser;
import org.ensemble.TestMedia;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An editor's round trips on the tiny show, made once with real FFmpeg: export the EDL from the command line, edit
 * the text as an editor would (swap two events and fix the record timecodes; trim a film's head and lengthen a photo
 * to keep the runtime), import and re-render; then through the HTTP API download the OTIO, remove a piece and
 * lengthen the elastic pieces, upload and re-render. Each new package is probed (every frame counted) and its EDL
 * read by the independent parser; r1 never changes; wrong files are turned away with the exact reason.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InterchangeRoundTripTest {

    static final String SHOW = "tiny-show";
    static final LocalDate AIR_DATE = LocalDate.of(2026, 11, 30);
    static final int FPS = 30;
    static final long RUNTIME = 30 * FPS;
    static final long STILL_MAX = 6 * FPS;
    static final long WRITING_MAX = 9 * FPS;
    static final Path home = temporaryHome();
    static final Path episodeDir = home.resolve("outbox").resolve(SHOW).resolve(AIR_DATE.toString());
    static byte[] r1Manifest;

    @Autowired
    EpisodeRunner runner;
    @Autowired
    org.ensemble.plan.EpisodeOverrides overrides;
    @Autowired
    org.ensemble.episode.EditDecisionListRepository edls;
    @Autowired
    org.ensemble.episode.PublicationRepository publications;
    @LocalServerPort
    int port;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    org.ensemble.security.UserAccounts users;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ensemble.home", () -> home.toString());
        registry.add("ensemble.jobs", () -> Path.of("src/test/resources/jobs").toAbsolutePath().toString());
    }

    static Path temporaryHome() {
        try {
            return Files.createTempDirectory("ensemble-interchange-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void inbox() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox").resolve(SHOW));
        // a film (150 frames) and a voice (120 frames) of fixed length; two photos and a poem are elastic
        TestMedia.video(inbox.resolve("ana.mp4"), 5, 320, 180, 30, -20);
        TestMedia.tone(inbox.resolve("ben.wav"), 4, -18);
        TestMedia.picture(inbox.resolve("cy.png"), 400, 300);
        TestMedia.text(inbox.resolve("di.txt"), "Tea\n\nThe first cup is for the window.\n");
        TestMedia.picture(inbox.resolve("eve.png"), 300, 400);
        Files.writeString(inbox.resolve("manifest.jsonl"), String.join("\n",
                line("a", "Ana", "talking-life", "Hello", "ana.mp4", "10"),
                line("b", "Ben", "little-thing", "Kettle", "ben.wav", "11"),
                line("c", "Cy", "photography", "Pattern", "cy.png", "12"),
                line("d", "Di", "writing", "Tea", "di.txt", "13"),
                line("e", "Eve", "photography", "Window", "eve.png", "14")) + "\n");
    }

    static String line(String id, String who, String category, String title, String file, String hour) {
        return "{\"id\":\"" + id + "\",\"contributor\":\"" + who + "\",\"category\":\"" + category + "\",\"title\":\"" + title
                + "\",\"file\":\"" + file + "\",\"approvedAt\":\"2026-11-23T" + hour + ":00:00Z\"}";
    }

    @AfterAll
    static void removeHome() {
        // the application context (and its H2 database in this folder) closes only when the JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                org.ensemble.FileTrees.delete(home);
            } catch (java.io.UncheckedIOException e) {
                System.err.println("Could not remove " + home + ": " + e);
            }
        }));
    }

    @Test
    @Order(1)
    void theWeeklyRunPublishesAnOtioNextToTheEdl() throws Exception {
        RunOutcome outcome = runner.run(SHOW, AIR_DATE);

        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        r1Manifest = Files.readAllBytes(episodeDir.resolve("r1/manifest.json"));
        List<Cmx3600Parser.Event> edl = packageEdl(1);
        assertThat(edl).extracting(Cmx3600Parser.Event::piece).containsExactlyInAnyOrder("intro", "a", "b", "c", "d", "e", "outro");
        assertThat(pieceOrder(otioClips(episodeDir.resolve("r1/episode.otio")))).isEqualTo(pieceOrder(edl));
        assertThat(json.readTree(episodeDir.resolve("r1/manifest.json").toFile()).path("files").toString()).contains("episode.otio");
    }

    @Test
    @Order(2)
    void anEditorSwapsTwoEventsInTheExportedEdlAndTheCommandLineImportsAndRerendersIt() throws Exception {
        // given the EDL exported from the command line
        Path exported = home.resolve("edits/week.edl");
        Cli export = cli("export", "--show", SHOW, "--air-date", AIR_DATE.toString(), "--format", "edl", "--out", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();
        List<Block> blocks = blocks(Files.readString(exported));

        // when the editor swaps the film and the voice (neither is photography or writing, so the mix rules still hold)
        int film = indexOf(blocks, "a");
        int voice = indexOf(blocks, "b");
        Block a = blocks.get(film);
        blocks.set(film, blocks.get(voice));
        blocks.set(voice, a);
        Path edited = home.resolve("edits/swapped.edl");
        Files.writeString(edited, text(blocks));
        Cli imported = cli("import", "--show", SHOW, "--air-date", AIR_DATE.toString(), "--file", edited.toString(),
                "--by", "Eda Editor", "--reason", "voice first", "--rerender");

        // then EDL revision 2 is stored and published as r2 in the new order
        assertThat(imported.code()).as(imported.out() + imported.err()).isZero();
        assertThat(imported.out()).contains("Stored swapped.edl as EDL revision 2 of " + SHOW + "/" + AIR_DATE)
                .contains("moved a (Ana - Hello)").contains("Published " + SHOW + "/" + AIR_DATE + " as r2");
        assertPublished(2, blocks);
    }

    @Test
    @Order(3)
    void anEditorTrimsTheFilmsHeadAndLengthensAPhotoThenRerendersThatRevision() throws Exception {
        // given the newest revision exported to standard output
        Cli export = cli("export", "--show", SHOW, "--air-date", AIR_DATE.toString(), "--format", "edl");
        assertThat(export.code()).as(export.err()).isZero();
        List<Block> blocks = blocks(export.out());

        // a wrong total is turned away with the exact shortfall, and nothing is stored
        List<Block> longer = new ArrayList<>(blocks);
        int still = firstElasticWithRoom(longer, 15);
        longer.set(still, longer.get(still).withSource(longer.get(still).sourceIn(), longer.get(still).sourceOut() + 15));
        Path tooLong = home.resolve("edits/too-long.edl");
        Files.writeString(tooLong, text(longer));
        Cli rejected = cli("import", "--show", SHOW, "--air-date", AIR_DATE.toString(), "--file", tooLong.toString(), "--by", "Eda Editor");
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).contains("Rejected too-long.edl for " + SHOW + "/" + AIR_DATE + " (1 problem; nothing was stored):")
                .contains("  the timeline lasts 915 frames (00:00:30:15) but tiny-show runs 900 frames (00:00:30:00): "
                        + "15 frames (00:00:00:15) too long; shorten a piece by that much");

        // when the film's head is trimmed by half a second and the photo lengthened by as much
        int film = indexOf(blocks, "a");
        Block a = blocks.get(film);
        blocks.set(film, a.withSource(a.sourceIn() + 15, a.sourceOut()));
        Block photo = blocks.get(still);
        blocks.set(still, photo.withSource(photo.sourceIn(), photo.sourceOut() + 15));
        Path edited = home.resolve("edits/trimmed.edl");
        Files.writeString(edited, text(blocks));
        Cli imported = cli("import", "--show", SHOW, "--air-date", AIR_DATE.toString(), "--file", edited.toString(),
                "--by", "Eda Editor", "--reason", "tighter start");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("Stored trimmed.edl as EDL revision 3").contains("trimmed a (Ana - Hello): source in")
                .contains("rerender --show tiny-show --air-date 2026-11-30 --edl-revision 3");
        Cli rerender = cli("rerender", "--show", SHOW, "--air-date", AIR_DATE.toString(), "--edl-revision", "3", "--by", "Eda Editor");

        // then r3 has the film 15 frames shorter from a later source in, and the photo 15 frames longer
        assertThat(rerender.code()).as(rerender.out() + rerender.err()).isZero();
        List<Cmx3600Parser.Event> r3 = assertPublished(3, blocks);
        Cmx3600Parser.Event trimmedFilm = r3.stream().filter(e -> "a".equals(e.piece())).findFirst().orElseThrow();
        assertThat(trimmedFilm.sourceIn()).isEqualTo(a.sourceIn() + 15);
        assertThat(trimmedFilm.frames()).isEqualTo(a.sourceOut() - a.sourceIn() - 15);
    }

    @Test
    @Order(4)
    void throughTheApiAnEditorRemovesAPieceFromTheOtioAndLengthensTheElasticsToKeepTheRuntime() throws Exception {
        // given revision 3 downloaded as OTIO
        HttpResponse<String> download = get("/edl/3.otio");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).contains("tiny-show_2026-11-30_edl-r3.otio");
        ObjectNode root = (ObjectNode) json.readTree(download.body());

        // when the editor removes the film or the voice (whichever does not put the two photos together) from both
        // tracks, and lengthens the photos and the poem to fill its time
        List<JsonNode> video = otioClips(root);
        List<String> order = pieceOrder(video);
        String removed = canRemove(order, "a") ? "a" : "b";
        long freed = 0;
        for (JsonNode clip : video) {
            if (id(clip).equals(removed)) {
                freed = (long) clip.path("source_range").path("duration").path("value").asDouble();
            }
        }
        List<String> elastic = order.stream().filter(Set.of("c", "d", "e")::contains).toList();
        java.util.Map<String, Long> longer = new java.util.HashMap<>();
        long need = freed;
        for (String id : elastic) {
            JsonNode clip = video.stream().filter(c -> id(c).equals(id)).findFirst().orElseThrow();
            long now = (long) clip.path("source_range").path("duration").path("value").asDouble();
            long add = Math.min(need, (id.equals("d") ? WRITING_MAX : STILL_MAX) - now);
            longer.put(id, now + add);
            need -= add;
        }
        assertThat(need).as("the elastic pieces can take the freed time").isZero();
        for (JsonNode track : root.path("tracks").path("children")) {
            ArrayNode children = (ArrayNode) track.path("children");
            for (int i = children.size() - 1; i >= 0; i--) {
                String id = id(children.get(i));
                if (id.equals(removed)) {
                    children.remove(i);
                } else if (longer.containsKey(id)) {
                    ((ObjectNode) children.get(i).path("source_range").path("duration")).put("value", (double) longer.get(id));
                }
            }
        }
        HttpResponse<String> posted = post("/edl?format=otio&name=without-" + removed + ".otio&by=Olu%20Online&reason=shorter&rerender=true",
                "application/json", json.writeValueAsString(root));

        // then revision 4 is stored, rendered and published as r4 without the piece
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        JsonNode answer = json.readTree(posted.body());
        assertThat(answer.path("revision").asInt()).isEqualTo(4);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/api/shows/tiny-show/episodes/2026-11-30/edl/4");
        assertThat(answer.path("rerender").path("status").asString()).as(answer.toString()).isEqualTo("PUBLISHED");
        List<Cmx3600Parser.Event> r4 = packageEdl(4);
        List<String> expected = new ArrayList<>(order);
        expected.remove(removed);
        assertThat(pieceOrder(r4)).isEqualTo(expected);
        for (Cmx3600Parser.Event e : r4) {
            if (longer.containsKey(e.piece())) {
                assertThat(e.frames()).as("piece %s", e.piece()).isEqualTo(longer.get(e.piece()));
            }
        }
        assertThat(frameCount(4)).isEqualTo(RUNTIME);
        assertThat(pieceOrder(otioClips(episodeDir.resolve("r4/episode.otio")))).isEqualTo(expected);
    }

    @Test
    @Order(5)
    void wrongFilesAreTurnedAwayWithTheExactReasonAndTheHistorySaysWhoChangedWhat() throws Exception {
        // given revision 4 as CMX 3600, whose first piece is the film or the voice... or a photo: any piece will do
        String edl = get("/edl/4.edl").body();
        List<Block> blocks = blocks(edl);
        Block first = blocks.get(1);
        long firstFrames = first.sourceOut() - first.sourceIn();

        // an unknown piece
        List<Block> unknown = new ArrayList<>(blocks);
        unknown.set(1, first.withPiece("nobody"));
        assertRejected(text(unknown), "event 2: names piece 'nobody', which is not a contribution to this episode");
        // a source past the end of a film (the film is 150 frames, so 140..290 is beyond it)
        int film = indexOf(blocks, "b") >= 0 ? indexOf(blocks, "b") : indexOf(blocks, "a");
        Block sound = blocks.get(film);
        List<Block> beyond = new ArrayList<>(blocks);
        long length = sound.sourceOut() - sound.sourceIn();
        beyond.set(film, sound.withSource(140, 140 + length));
        String usable = sound.piece().equals("a") ? "00:00:00:00-00:00:05:00 (150 frames)" : "00:00:00:00-00:00:04:00 (120 frames)";
        assertRejected(text(beyond), "event " + (film + 1) + ": " + sound.piece() + " uses source 00:00:04:20-"
                + tc(140 + length) + " but its usable source runs " + usable);
        // the credits left out
        List<Block> noOutro = new ArrayList<>(blocks.subList(0, blocks.size() - 1));
        assertRejected(text(noOutro), "the timeline has no credits (outro): the last event must be the credits, 120 frames (00:00:04:00)",
                "the timeline lasts 780 frames (00:00:26:00) but tiny-show runs 900 frames (00:00:30:00): 120 frames (00:00:04:00) short; "
                        + "lengthen a piece (e.g. a photo or writing) by that much");
        // the first piece cut shorter without anything to make up for it
        List<Block> shorter = new ArrayList<>(blocks);
        shorter.set(1, first.withSource(first.sourceIn(), first.sourceOut() - 10));
        assertThat(firstFrames).isGreaterThan(10);
        HttpResponse<String> wrongTotal = post("/edl?by=x", "text/plain", text(shorter));
        assertThat(wrongTotal.statusCode()).isEqualTo(422);
        assertThat(wrongTotal.body()).contains("the timeline lasts 890 frames (00:00:29:20) but tiny-show runs 900 frames (00:00:30:00): "
                + "10 frames (00:00:00:10) short");

        // then nothing was stored; r1 is as it was, and its EDL still exports to the same bytes as the package's
        JsonNode history = json.readTree(get("/edl").body());
        assertThat(history).hasSize(4);
        assertThat(Files.readAllBytes(episodeDir.resolve("r1/manifest.json"))).isEqualTo(r1Manifest);
        assertThat(get("/edl/1.edl").body()).isEqualTo(Files.readString(episodeDir.resolve("r1/episode.edl")));
        assertThat(get("/edl/1.otio").body()).isEqualTo(Files.readString(episodeDir.resolve("r1/episode.otio")));
        assertThat(history.get(0).path("createdBy").asString()).isEqualTo("planner");
        assertThat(history.get(1).path("createdBy").asString()).isEqualTo("Eda Editor");
        // the swap puts the voice first: the planner's opener/closer preferences come back as warnings, kept with the reason
        assertThat(history.get(1).path("reason").asString()).startsWith("imported swapped.edl: voice first; warnings: ")
                .contains("openWith", "closeWith");
        assertThat(history.get(1).path("changes").toString()).contains("moved a (Ana - Hello)").contains("moved b (Ben - Kettle)");
        assertThat(history.get(2).path("reason").asString()).startsWith("imported trimmed.edl: tighter start");
        assertThat(history.get(2).path("changes").toString()).contains("trimmed a (Ana - Hello): source in 0 -> 15")
                .contains("retimed a (Ana - Hello) from 150 to 135 frames (-15)");
        assertThat(history.get(3).path("createdBy").asString()).isEqualTo("Olu Online");
        assertThat(history.get(3).path("changes").toString()).contains("removed ");
        assertThat(get("/edl/9.edl").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(6)
    void theEditorsOverridesAreInputsOfTheNextPlan() throws Exception {
        // given the editors' decisions: leave out the photo c, put e before a, and start the film 15 frames in
        EpisodeKey episode = new EpisodeKey(SHOW, AIR_DATE);
        var refused = overrides.save(episode, EditorOverrides.NONE.withPinned("c").withExcluded("c"), "test");
        assertThat(refused.reasons()).containsExactly("c is both pinned and excluded");
        var change = overrides.save(episode, EditorOverrides.NONE.withExcluded("c").withOrder("e", "a").withTrim("a", 15, 0),
                "test");
        assertThat(change.reasons()).isEmpty();

        // when the episode is re-rendered without an EDL revision: planned again, with them
        RunOutcome outcome = runner.rerender(SHOW, AIR_DATE, "Eda Editor", "overrides", null);

        // then the new plan lacks c, has e before a, and the film from source frame 15 to its end (135 frames)
        var planned = edls.latest(episode).orElseThrow();
        assertThat(planned.reason()).contains("(with the editors' overrides)");
        List<String> plannedOrder = planned.events().stream().map(e -> e.pieceId())
                .filter(id -> !id.equals("intro") && !id.equals("outro")).toList();
        assertThat(plannedOrder).containsExactlyInAnyOrder("a", "b", "d", "e");
        assertThat(plannedOrder.indexOf("e")).isLessThan(plannedOrder.indexOf("a"));
        var plannedFilm = planned.events().stream().filter(e -> e.pieceId().equals("a")).findFirst().orElseThrow();
        assertThat(plannedFilm.sourceIn()).isEqualTo(15);
        assertThat(plannedFilm.frames()).isEqualTo(135);
        assertThat(planned.totalFrames()).isEqualTo(RUNTIME);
        // ... and it is what was rendered and published
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        var published = publications.latestPublished(episode).orElseThrow();
        assertThat(published.edlRevision()).isEqualTo(planned.revision());
        int revision = published.revision();
        List<Cmx3600Parser.Event> edl = packageEdl(revision);
        assertThat(pieceOrder(edl)).isEqualTo(plannedOrder);
        Cmx3600Parser.Event film = edl.stream().filter(e -> e.piece().equals("a")).findFirst().orElseThrow();
        assertThat(film.sourceIn()).isEqualTo(15);
        assertThat(film.frames()).isEqualTo(135);
        assertThat(frameCount(revision)).isEqualTo(RUNTIME);
    }

    // ---- what an editor does to the text of a CMX 3600 file

    /** One event of an EDL: its reel, source times and the comment lines under it. */
    record Block(String reel, long sourceIn, long sourceOut, List<String> comments) {

        Block withSource(long in, long out) {
            return new Block(reel, in, out, comments);
        }

        String piece() {
            return comments.stream().filter(c -> c.startsWith("* ENSEMBLE PIECE: ")).map(c -> c.substring(18).split(" ")[0])
                    .findFirst().orElse("");
        }

        Block withPiece(String id) {
            return new Block(reel, sourceIn, sourceOut, comments.stream()
                    .map(c -> c.startsWith("* ENSEMBLE PIECE: ") ? "* ENSEMBLE PIECE: " + id : c).toList());
        }
    }

    /** The events of an EDL (the title and frame-code lines are written again by {@link #text}). */
    static List<Block> blocks(String edl) {
        List<Block> blocks = new ArrayList<>();
        for (String line : edl.lines().toList()) {
            if (line.matches("^\\d{3} .*")) {
                String[] f = line.trim().split("\\s+");
                blocks.add(new Block(f[1], frames(f[4]), frames(f[5]), new ArrayList<>()));
            } else if (line.startsWith("*") && !blocks.isEmpty()) {
                blocks.get(blocks.size() - 1).comments().add(line);
            }
        }
        return blocks;
    }

    /** Writes the events again as an editor fixing the numbers and record timecodes would: back to back from 01:00:00:00. */
    static String text(List<Block> blocks) {
        StringBuilder out = new StringBuilder("TITLE: TINY SHOW EDITED\nFCM: NON-DROP FRAME\n\n");
        long at = 3600L * FPS;
        int n = 1;
        for (Block b : blocks) {
            long length = b.sourceOut() - b.sourceIn();
            out.append(String.format(Locale.ROOT, "%03d  %-8s %-5s %-8s %s %s %s %s%n", n++, b.reel(), "AA/V", "C",
                    tc(b.sourceIn()), tc(b.sourceOut()), tc(at), tc(at + length)));
            b.comments().forEach(c -> out.append(c).append('\n'));
            out.append('\n');
            at += length;
        }
        return out.toString();
    }

    static String tc(long frames) {
        long s = frames / FPS;
        return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60, frames % FPS);
    }

    static long frames(String tc) {
        String[] p = tc.split(":");
        return ((Long.parseLong(p[0]) * 60 + Long.parseLong(p[1])) * 60 + Long.parseLong(p[2])) * FPS + Long.parseLong(p[3]);
    }

    static int indexOf(List<Block> blocks, String piece) {
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).piece().equals(piece)) {
                return i;
            }
        }
        return -1;
    }

    static int firstElasticWithRoom(List<Block> blocks, long room) {
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            long max = b.piece().equals("d") ? WRITING_MAX : STILL_MAX;
            if (Set.of("c", "d", "e").contains(b.piece()) && b.sourceOut() - b.sourceIn() + room <= max) {
                return i;
            }
        }
        throw new AssertionError("no photo or writing with " + room + " frames to spare");
    }

    /** Whether taking the piece out keeps the two photos apart. */
    static boolean canRemove(List<String> order, String piece) {
        int i = order.indexOf(piece);
        Set<String> photos = Set.of("c", "e");
        return !(i > 0 && i < order.size() - 1 && photos.contains(order.get(i - 1)) && photos.contains(order.get(i + 1)));
    }

    // ---- checks on what was published

    List<Cmx3600Parser.Event> assertPublished(int revision, List<Block> edited) throws Exception {
        List<Cmx3600Parser.Event> events = packageEdl(revision);
        assertThat(events).extracting(Cmx3600Parser.Event::piece).containsExactlyElementsOf(edited.stream().map(Block::piece).toList());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).frames()).as("event %d", i + 1).isEqualTo(edited.get(i).sourceOut() - edited.get(i).sourceIn());
            assertThat(events.get(i).sourceIn()).as("event %d", i + 1).isEqualTo(edited.get(i).sourceIn());
        }
        assertThat(frameCount(revision)).isEqualTo(RUNTIME);
        assertThat(Files.readSymbolicLink(episodeDir.resolve("current")).toString()).isEqualTo("r" + revision);
        assertThat(Files.readAllBytes(episodeDir.resolve("r1/manifest.json"))).isEqualTo(r1Manifest);
        assertThat(pieceOrder(otioClips(episodeDir.resolve("r" + revision + "/episode.otio")))).isEqualTo(pieceOrder(events));
        return events;
    }

    List<Cmx3600Parser.Event> packageEdl(int revision) throws IOException {
        List<Cmx3600Parser.Event> events = Cmx3600Parser.parse(Files.readString(episodeDir.resolve("r" + revision + "/episode.edl")), FPS);
        assertThat(Cmx3600Parser.assertContiguousFromOneHour(events, FPS)).isEqualTo(RUNTIME);
        return events;
    }

    long frameCount(int revision) {
        JsonNode probe = json.readTree(TestMedia.ffprobe("-count_packets", "-select_streams", "v:0", "-show_streams", "-of", "json",
                episodeDir.resolve("r" + revision + "/episode.mp4").toString()));
        return probe.path("streams").get(0).path("nb_read_packets").asLong();
    }

    /** The video track's clips of an OTIO file, after checking its durations add up to the runtime on both tracks. */
    List<JsonNode> otioClips(Path file) throws IOException {
        return otioClips(json.readTree(Files.readString(file)));
    }

    List<JsonNode> otioClips(JsonNode root) {
        assertThat(root.path("OTIO_SCHEMA").asString()).isEqualTo("Timeline.1");
        List<JsonNode> video = new ArrayList<>();
        for (JsonNode track : root.path("tracks").path("children")) {
            long total = 0;
            for (JsonNode clip : track.path("children")) {
                assertThat(clip.path("OTIO_SCHEMA").asString()).isEqualTo("Clip.2");
                assertThat(clip.path("source_range").path("duration").path("rate").asDouble()).isEqualTo(30.0);
                total += (long) clip.path("source_range").path("duration").path("value").asDouble();
                if (track.path("kind").asString().equals("Video")) {
                    video.add(clip);
                }
            }
            assertThat(total).isEqualTo(RUNTIME);
        }
        return video;
    }

    static String id(JsonNode clip) {
        return clip.path("metadata").path("ensemble").path("contribution_id").asString();
    }

    List<String> pieceOrder(List<?> items) {
        List<String> ids = new ArrayList<>();
        for (Object o : items) {
            String id = o instanceof JsonNode clip ? id(clip) : ((Cmx3600Parser.Event) o).piece();
            if (!id.equals("intro") && !id.equals("outro")) {
                ids.add(id);
            }
        }
        return ids;
    }

    // ---- the doors

    record Cli(int code, String out, String err) {
    }

    Cli cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString(), "--jobs", "src/test/resources/jobs"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = org.ensemble.cli.CommandLineAccess.execute(all.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** HTTP Basic for an editor made through the real user service, as a script would log in. */
    String editor() {
        if (!users.exists("round-trip-editor")) {
            users.create("round-trip-editor", "round-trip-password", java.util.Set.of(org.ensemble.security.Role.EDITOR));
        }
        return "Basic " + java.util.Base64.getEncoder().encodeToString("round-trip-editor:round-trip-password".getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", editor()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", editor()).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + "/api/shows/" + SHOW + "/episodes/" + AIR_DATE + path);
    }

    void assertRejected(String edl, String... reasons) throws Exception {
        HttpResponse<String> response = post("/edl?name=edited.edl&by=x", "text/plain", edl);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        List<String> got = new ArrayList<>();
        for (JsonNode p : json.readTree(response.body()).path("problems")) {
            got.add(p.path("event").isNull() ? p.path("reason").asString() : "event " + p.path("event").asInt() + ": " + p.path("reason").asString());
        }
        assertThat(got).containsExactly(reasons);
    }
}
