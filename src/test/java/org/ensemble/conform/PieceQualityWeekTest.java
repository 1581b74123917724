package org.ensemble.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.assertj.core.data.Offset;
import org.ensemble.TestMedia;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EditorOverrideRepository;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.RunOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One piece never stops the week: a film that opens on dead air is trimmed, one with dead air in the middle and a
 * phone recording with the lens covered are left out with their reasons, the photo and the writing play over the
 * show's sound bed, and the week publishes with no silence over the show's limit. Each piece's treatment is in
 * {@code qc.json}, in the run's summary and on the console's episode page; an editor who pins a left-out piece airs
 * it on purpose, and verify does not hold its own dead air against the master.
 */
@SpringBootTest(properties = {"ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false"})
@AutoConfigureMockMvc
@org.springframework.security.test.context.support.WithMockUser(username = "editor-test", roles = {"EDITOR"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PieceQualityWeekTest {

    static final String SHOW = "tiny-show";
    static final LocalDate AIR_DATE = LocalDate.of(2026, 12, 21);
    static final EpisodeKey EPISODE = new EpisodeKey(SHOW, AIR_DATE);
    static final int FPS = 30;
    static final Path home = temporaryHome();

    @Autowired
    EpisodeRunner runner;
    @Autowired
    EditDecisionListRepository edls;
    @Autowired
    EditorOverrideRepository overrides;
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
            return Files.createTempDirectory("ensemble-quality-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A 320x180 film made of parts: each is "picture:seconds" (picture "black" or "moving") with a tone or silence. */
    static Path film(Path file, String... parts) {
        List<String> args = new java.util.ArrayList<>();
        StringBuilder graph = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String[] p = parts[i].split(":");
            double seconds = Double.parseDouble(p[1]);
            boolean black = p[0].equals("black");
            args.addAll(List.of("-f", "lavfi", "-i", (black ? "color=c=black:" : "testsrc2=") + "s=320x180:r=30:d=" + seconds,
                    "-f", "lavfi", "-i", black ? "anullsrc=r=48000:cl=stereo:d=" + seconds
                            : "aevalsrc=0.2*sin(2*PI*440*t)|0.2*sin(2*PI*440*t):s=48000:d=" + seconds));
            graph.append('[').append(2 * i).append(":v][").append(2 * i + 1).append(":a]");
        }
        graph.append("concat=n=").append(parts.length).append(":v=1:a=1[v][a]");
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[v]", "-map", "[a]", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ar", "48000", file.toString()));
        TestMedia.ffmpeg(args.toArray(String[]::new));
        return file;
    }

    @BeforeAll
    static void inbox() throws IOException {
        Path inbox = Files.createDirectories(home.resolve("inbox").resolve(SHOW));
        film(inbox.resolve("a.mp4"), "black:1.5", "moving:6.5");
        film(inbox.resolve("b.mp4"), "moving:3", "black:2", "moving:3");
        film(inbox.resolve("e.mp4"), "black:6");
        film(inbox.resolve("f.mp4"), "moving:7");
        TestMedia.picture(inbox.resolve("c.png"), 400, 300);
        TestMedia.text(inbox.resolve("d.md"), "# Tea\n\nThe *first* cup is for the window.\n");
        Files.writeString(inbox.resolve("manifest.jsonl"), String.join("\n",
                line("a", "Ana", "talking-life", "a.mp4", "10"),
                line("b", "Bo", "filmed-life", "b.mp4", "11"),
                line("c", "Cy", "photography", "c.png", "12"),
                line("d", "Di", "writing", "d.md", "13"),
                line("e", "Ed", "little-thing", "e.mp4", "14"),
                line("f", "Fa", "talking-process", "f.mp4", "15")) + "\n", StandardCharsets.UTF_8);
    }

    static String line(String id, String who, String category, String file, String hour) {
        return "{\"id\":\"" + id + "\",\"contributor\":\"" + who + "\",\"category\":\"" + category + "\",\"title\":\"" + id.toUpperCase()
                + "\",\"file\":\"" + file + "\",\"approvedAt\":\"2026-12-14T" + hour + ":00:00Z\"}";
    }

    JsonNode qc(int revision) {
        return json.readTree(home.resolve("outbox/" + SHOW + "/" + AIR_DATE + "/r" + revision + "/qc.json").toFile());
    }

    static Map<String, JsonNode> pieces(JsonNode qc) {
        Map<String, JsonNode> byId = new java.util.TreeMap<>();
        qc.path("pieces").forEach(p -> byId.put(p.path("pieceId").asString(), p));
        return byId;
    }

    @Test
    @Order(1)
    void aWeekWithDeadAirPublishesWithEachPiecesTreatmentSaid() throws Exception {
        // when
        RunOutcome outcome = runner.run(SHOW, AIR_DATE);

        // then the week published
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        JsonNode qc = qc(1);
        assertThat(qc.path("failures")).isEmpty();
        Map<String, JsonNode> pieces = pieces(qc);
        assertThat(pieces).containsOnlyKeys("a", "b", "c", "d", "e", "f");

        // the film that opened on 1.5 s of dead air was trimmed by that much, and airs from there
        JsonNode a = pieces.get("a");
        assertThat(a.path("treatment").asString()).isEqualTo("trimmed");
        assertThat(a.path("quality").path("trimmedHeadFrames").asLong()).isCloseTo(45, Offset.offset(3L));
        assertThat(a.path("quality").path("trimmedTailFrames").asLong()).isZero();
        EditDecisionList edl = edls.latest(EPISODE).orElseThrow();
        EditDecisionList.Event aEvent = edl.pieces().stream().filter(e -> e.pieceId().equals("a")).findFirst().orElseThrow();
        assertThat(aEvent.sourceIn()).isEqualTo(a.path("quality").path("trimmedHeadFrames").asLong());
        assertThat(aEvent.frames()).isEqualTo(240 - aEvent.sourceIn());

        // the film with 2 s of dead air inside, and the recording with the lens covered, are left out with their reasons
        assertThat(pieces.get("b").path("treatment").asString()).isEqualTo("left_out");
        assertThat(pieces.get("b").path("summary").asString()).contains("black and its sound silent for 2.0 s from 0:03.0");
        assertThat(pieces.get("e").path("treatment").asString()).isEqualTo("left_out");
        assertThat(pieces.get("e").path("quality").path("bed").asBoolean()).isTrue();
        assertThat(pieces.get("e").path("summary").asString()).contains("its picture is black and its sound silent from start to end");
        assertThat(edl.pieces()).extracting(EditDecisionList.Event::pieceId).doesNotContain("b", "e").contains("a", "f");

        // the photo and the writing play over the sound bed: measured at its level, not silent
        assertThat(pieces.get("c").path("quality").path("bed").asBoolean()).isTrue();
        assertThat(pieces.get("d").path("quality").path("bed").asBoolean()).isTrue();
        for (JsonNode event : qc.path("segmentLoudness").path("events")) {
            if (event.path("kind").asString().equals("PIECE")) {
                assertThat(event.path("integratedLufs").asDouble()).as(event.toString()).isCloseTo(-16.0, Offset.offset(1.0));
                assertThat(event.path("verdict").asString()).as(event.toString()).isEqualTo("pass");
            }
        }

        // no silence over the show's 3 s anywhere, measured again on the episode itself
        Path episode = home.resolve("outbox/" + SHOW + "/" + AIR_DATE + "/r1/episode.mp4");
        String silences = TestMedia.ffmpeg("-nostats", "-i", episode.toString(), "-map", "0:a", "-af",
                "silencedetect=n=-60dB:d=0.5", "-f", "null", "-");
        assertThat(silences).doesNotContain("silence_duration");
        assertThat(qc.path("gaps").path("maxSilenceFrames").asLong()).isEqualTo(90);
        assertThat(qc.path("gaps").path("silentFrames").asLong()).isZero();

        // the run's summary names each piece the QC trimmed or left out
        assertThat(outcome.message()).contains("QC: a trimmed: cut 1.5 s off its start").contains("b left out: its picture is black")
                .contains("e left out:");

        // and the episode page shows the treatments to the editor
        String page = mvc.perform(MockMvcRequestBuilders.get("/console/episodes/" + SHOW + "/" + AIR_DATE))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("trimmed: cut 1.5 s off its start").contains("kept, with the show&#39;s sound bed under it")
                .contains("conform&#39;s quality check: its picture is black and its sound silent for 2.0 s");
    }

    @Test
    @Order(2)
    void anEditorWhoPinsALeftOutPieceAirsItOnPurposeAndVerifyLetsItsDeadAirBe() throws Exception {
        // given the editor pins the film with dead air inside
        overrides.save(EPISODE, EditorOverrides.NONE.withPinned("b"));

        // when the episode is planned and rendered again
        RunOutcome outcome = runner.rerender(SHOW, AIR_DATE, "Eda", "air b as it is", null);

        // then it is in, and the master passes: its 2 s of dead air are listed, excepted as kept on purpose
        assertThat(outcome.kind()).as(outcome.message()).isEqualTo(RunOutcome.Kind.PUBLISHED);
        JsonNode qc = qc(2);
        assertThat(qc.path("failures")).isEmpty();
        assertThat(edls.latest(EPISODE).orElseThrow().pieces()).extracting(EditDecisionList.Event::pieceId).contains("b");
        JsonNode b = pieces(qc).get("b");
        assertThat(b.path("keptOnPurpose").asBoolean()).isTrue();
        List<JsonNode> deadAir = StreamSupport.stream(qc.path("gaps").path("deadAir").spliterator(), false).toList();
        assertThat(deadAir).anySatisfy(g -> {
            assertThat(g.path("frames").asLong()).isCloseTo(60, Offset.offset(3L));
            assertThat(g.path("excepted").asString()).startsWith("kept on purpose (EDL revision").contains("by Eda");
        });
    }
}
