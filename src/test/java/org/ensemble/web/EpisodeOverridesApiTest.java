package org.ensemble.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.ensemble.episode.Category;
import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditorOverrideRepository;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.security.Role;
import org.ensemble.security.UserAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editors' overrides door on the real filter chains and a real database: who may read and change them, what is
 * refused (with every reason) and that each change is in the audit log. The tiny show runs at 30 fps.
 */
@SpringBootTest(properties = {"ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false",
        "ensemble.security.bcrypt-strength=4"})
@AutoConfigureMockMvc
class EpisodeOverridesApiTest {

    static final Path home = temporaryHome();
    static final String PASSWORD = "correct-horse-battery";
    static final EpisodeKey EPISODE = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));
    static final String URL = "/api/shows/tiny-show/episodes/2026-11-30/overrides";

    @Autowired
    MockMvc mvc;
    @Autowired
    UserAccounts users;
    @Autowired
    ContributionRepository contributions;
    @Autowired
    ConformedPieceRepository conformed;
    @Autowired
    EditorOverrideRepository stored;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.ensemble.episode.EditDecisionListRepository edls;

    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ensemble.home", () -> home.toString());
        registry.add("ensemble.jobs", () -> Path.of("src/test/resources/jobs").toAbsolutePath().toString());
    }

    static Path temporaryHome() {
        try {
            return Files.createTempDirectory("ensemble-overrides-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeHome() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> org.ensemble.FileTrees.delete(home)));
    }

    /** An editor, an operator, and the week's pieces: a film of 150 frames, a sound piece, two photos. */
    @BeforeEach
    void setUp() {
        Map.of("editor2", EnumSet.of(Role.EDITOR), "ops2", EnumSet.of(Role.OPS)).forEach((name, roles) -> {
            if (!users.exists(name)) {
                users.create(name, PASSWORD, roles);
            }
        });
        for (Contribution c : List.of(piece("v1", "Ana", Category.TALKING_LIFE, MediaKind.VIDEO, 150),
                piece("a1", "Ben", Category.LITTLE_THING, MediaKind.AUDIO, 120),
                piece("p1", "Cy", Category.PHOTOGRAPHY, MediaKind.STILL, 0),
                piece("p2", "Eve", Category.PHOTOGRAPHY, MediaKind.STILL, 0))) {
            contributions.save(c);
            conformed.save(new ConformedPiece(EPISODE, c.id(), "key-" + c.id(), c.frames() == 0 ? 90 : c.frames(), null));
        }
        stored.save(EPISODE, EditorOverrides.NONE);
    }

    static Contribution piece(String id, String who, Category category, MediaKind kind, long frames) {
        return new Contribution(EPISODE, id, 1, who, "Somewhere", category, "Title " + id, id + ".file", null,
                Instant.parse("2026-11-23T10:00:00Z"), 0, 0, "sha-" + id, 1000, "x", kind, frames, 320, 180,
                kind == MediaKind.VIDEO || kind == MediaKind.AUDIO ? "a:0" : null, 0, Contribution.Status.ACCEPTED, null);
    }

    private MockHttpServletResponse send(String user, String body) throws Exception {
        return mvc.perform(put(URL).with(httpBasic(user, PASSWORD)).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse();
    }

    private List<String> audit(String action) {
        return jdbc.sql("SELECT actor || ' ' || detail FROM audit_log WHERE action = ? AND target = ? ORDER BY id")
                .params(action, EPISODE.toString()).query(String.class).list();
    }

    @Test
    void anEditorStoresOverridesThatTheNextPlanReadsAndTheChangeIsAudited() throws Exception {
        MockHttpServletResponse response = send("editor2", """
                {"pinned": ["v1"], "excluded": ["p2"], "order": ["a1", "v1"], "trims": {"v1": {"in": 15, "out": 120}},
                 "replacements": {"p1": "a1"}, "priorities": {"a1": 3}}""");

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        EditorOverrides expected = EditorOverrides.NONE.withPinned("v1").withExcluded("p2").withOrder("a1", "v1")
                .withTrim("v1", 15, 120).withReplacement("p1", "a1").withPriority("a1", 3);
        assertThat(stored.load(EPISODE)).isEqualTo(expected);
        assertThat(audit("episode.overrides")).filteredOn(a -> a.contains(" API: ")).containsExactly(
                "editor2 API: pin v1; exclude p2; order a1,v1; trim v1=15:120; replace p1=a1; priority a1=3");

        JsonNode read = json.readTree(mvc.perform(get(URL).with(httpBasic("editor2", PASSWORD))).andReturn().getResponse()
                .getContentAsString());
        assertThat(read.get("trims").get("v1").get("in").asLong()).isEqualTo(15);
        assertThat(read.get("trims").get("v1").get("out").asLong()).isEqualTo(120);
        assertThat(read.get("trimUnit").asString()).isEqualTo("frames");
        assertThat(read.get("frameRate").asInt()).isEqualTo(30);
        assertThat(read.get("order").toString()).isEqualTo("[\"a1\",\"v1\"]");
    }

    @Test
    void operatorsMayNeitherReadNorChangeThemAndNobodyAnonymously() throws Exception {
        assertThat(send("ops2", "{\"excluded\": [\"v1\"]}").getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get(URL).with(httpBasic("ops2", PASSWORD))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(put(URL).contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse()
                .getStatus()).isEqualTo(401);
        assertThat(stored.load(EPISODE)).isEqualTo(EditorOverrides.NONE);
        assertThat(mvc.perform(get("/api/shows/no-such-show/episodes/2026-11-30/overrides").with(httpBasic("editor2", PASSWORD)))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aSetThatCannotBePlannedIsRefusedWithEveryReasonAndNothingChanges() throws Exception {
        stored.save(EPISODE, EditorOverrides.NONE.withPinned("a1"));

        MockHttpServletResponse response = send("editor2", """
                {"pinned": ["v1", "ghost"], "excluded": ["v1"], "trims": {"a1": {"in": 30, "out": 200},
                 "p1": {"in": 0, "out": 30}}}""");

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("reasons").valueStream().map(JsonNode::asString).toList()).containsExactlyInAnyOrder(
                "ghost is not an accepted piece of tiny-show/2026-11-30",
                "v1 is both pinned and excluded",
                "a1 is trimmed to frames 30..200 but it lasts 120 frames (4.00 s)",
                "p1 is a photo trimmed to 30 frames; it may last 90..180 frames");
        assertThat(stored.load(EPISODE)).isEqualTo(EditorOverrides.NONE.withPinned("a1"));
        assertThat(audit("episode.overrides.refused")).hasSize(1).allSatisfy(a -> assertThat(a).startsWith("editor2 API: "));

        // a trim that is not a range of frames at all is refused the same way
        MockHttpServletResponse backwards = send("editor2", "{\"trims\": {\"v1\": {\"in\": 90, \"out\": 30}}}");
        assertThat(backwards.getStatus()).isEqualTo(422);
        assertThat(backwards.getContentAsString()).contains("v1: trim [90, 30) is not a range of frames");
    }

    @Test
    void onTheConsoleAnEditorTrimsInSecondsPinsAndExcludesAndThePageShowsItAll() throws Exception {
        // a stored plan with the film and a photo; the sound piece and the other photo are left out
        var events = List.of(
                new org.ensemble.episode.EditDecisionList.Event(1, org.ensemble.episode.EditDecisionList.EventKind.INTRO, "intro",
                        null, null, null, "Tiny Show", null, 0, 0, 90),
                new org.ensemble.episode.EditDecisionList.Event(2, org.ensemble.episode.EditDecisionList.EventKind.PIECE, "v1",
                        "talking-life", "Ana", "Somewhere", "Title v1", "v1.file", 0, 90, 150),
                new org.ensemble.episode.EditDecisionList.Event(3, org.ensemble.episode.EditDecisionList.EventKind.PIECE, "p1",
                        "photography", "Cy", "Somewhere", "Title p1", "p1.file", 0, 240, 540),
                new org.ensemble.episode.EditDecisionList.Event(4, org.ensemble.episode.EditDecisionList.EventKind.OUTRO, "outro",
                        null, null, null, "Credits", null, 0, 780, 120));
        if (edls.latest(EPISODE).isEmpty()) {
            edls.add(new org.ensemble.episode.EditDecisionList(EPISODE, 1, 30, "Tiny Show 2026-11-30", Instant.now(), "planner",
                    "weekly plan from 4 conformed pieces; breaks: closeWith: the last piece, p1, is photography, not one of "
                            + "[little-thing]", events));
        }
        String base = "/console/episodes/tiny-show/2026-11-30/overrides/";
        var editor = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("editor2")
                .roles("EDITOR");
        var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();

        // 0.5 s to 4 s at 30 fps: frames 15 to 120
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(base + "trim")
                .with(editor).with(csrf).param("piece", "v1").param("in", "0.5").param("out", "4")).andReturn().getResponse()
                .getStatus()).isEqualTo(302);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(base + "pin").with(editor).with(csrf)
                .param("piece", "a1"));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(base + "exclude").with(editor)
                .with(csrf).param("piece", "p2"));
        // without the CSRF token nothing changes
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(base + "exclude")
                .with(editor).param("piece", "v1")).andReturn().getResponse().getStatus()).isEqualTo(403);
        // a trim past the film's end is refused with the reason, and nothing changes
        var refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(base + "trim")
                .with(editor).with(csrf).param("piece", "v1").param("in", "1").param("out", "9")).andReturn();

        assertThat(stored.load(EPISODE)).isEqualTo(EditorOverrides.NONE.withTrim("v1", 15, 120).withPinned("a1").withExcluded("p2"));
        assertThat(String.valueOf(refused.getFlashMap().get("error")))
                .isEqualTo("Not stored: v1 is trimmed to frames 30..270 but it lasts 150 frames (5.00 s)");
        assertThat(audit("episode.overrides")).filteredOn(a -> a.contains(" console: ")).containsExactly(
                "editor2 console: trim v1=15:120", "editor2 console: pin a1; trim v1=15:120",
                "editor2 console: pin a1; exclude p2; trim v1=15:120");
        String page = mvc.perform(get("/console/episodes/tiny-show/2026-11-30").with(editor)).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"override-v1\"").contains("trimmed 0.50-4.00 s (frames 15-120)")
                .contains("id=\"override-a1\"").contains("id=\"left-out-p2\"").contains("excluded by an editor")
                .contains("left out by the planner").contains("closeWith: the last piece, p1, is photography")
                .contains("id=\"replan\"").doesNotContain("disabled");
    }
}
