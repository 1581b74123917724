package org.ensemble.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who gets through which door, on the real filter chains and a real database of users: a table of role x endpoint
 * -> status, CSRF on console forms, the first admin (no default password), API tokens and the audit log.
 */
@SpringBootTest(properties = {"ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false",
        "ensemble.security.bcrypt-strength=4"})
@AutoConfigureMockMvc
class SecurityTest {

    static final Path home = temporaryHome();
    static final String PASSWORD = "correct-horse-battery";
    static final String EPISODE = "/api/shows/tiny-show/episodes/2026-11-30";

    @Autowired
    MockMvc mvc;
    @Autowired
    UserAccounts users;
    @Autowired
    FirstAdmin firstAdmin;
    @Autowired
    JdbcClient jdbc;

    final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ensemble.home", () -> home.toString());
        registry.add("ensemble.jobs", () -> Path.of("src/test/resources/jobs").toAbsolutePath().toString());
    }

    static Path temporaryHome() {
        try {
            return Files.createTempDirectory("ensemble-security-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeHome() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> org.ensemble.FileTrees.delete(home)));
    }

    /** One user per role, and one with no role at all. */
    @BeforeEach
    void users() {
        Map.of("ops1", EnumSet.of(Role.OPS), "editor1", EnumSet.of(Role.EDITOR), "publisher1", EnumSet.of(Role.PUBLISHER),
                "admin1", EnumSet.of(Role.ADMIN), "nobody1", EnumSet.noneOf(Role.class)).forEach((name, roles) -> {
            if (!users.exists(name)) {
                users.create(name, PASSWORD, roles);
            }
        });
    }

    static Stream<Arguments> apiTable() {
        // who, method, path, expected status. 404 means "let through, and there is nothing there (yet)".
        return Stream.of(
                Arguments.of("anonymous", "GET", "/api/shows", 401),
                Arguments.of("nobody1", "GET", "/api/shows", 403),
                Arguments.of("ops1", "GET", "/api/shows", 200),
                Arguments.of("editor1", "GET", "/api/shows", 200),
                Arguments.of("publisher1", "GET", "/api/shows", 403),
                Arguments.of("admin1", "GET", "/api/shows", 200),
                Arguments.of("ops1", "GET", EPISODE + "/edl", 403),
                Arguments.of("editor1", "GET", EPISODE + "/edl", 200),
                Arguments.of("publisher1", "GET", EPISODE + "/edl", 403),
                Arguments.of("admin1", "GET", EPISODE + "/edl", 200),
                // a show that does not exist: the editor gets past security to a 404, the others stop at it
                Arguments.of("editor1", "POST", "/api/shows/no-such-show/episodes/2026-11-30/rerender", 404),
                Arguments.of("ops1", "POST", "/api/shows/no-such-show/episodes/2026-11-30/rerender", 403),
                Arguments.of("publisher1", "POST", "/api/shows/no-such-show/episodes/2026-11-30/rerender", 403),
                Arguments.of("publisher1", "GET", "/api/publish/feed.json", 404),
                Arguments.of("admin1", "GET", "/api/publish/feed.json", 404),
                Arguments.of("ops1", "GET", "/api/publish/feed.json", 403),
                Arguments.of("editor1", "GET", "/api/publish/feed.json", 403),
                Arguments.of("publisher1", "POST", "/api/publish/feed.json", 403),
                Arguments.of("ops1", "GET", "/api/ops/schedules", 200),
                Arguments.of("editor1", "GET", "/api/ops/schedules", 403),
                Arguments.of("publisher1", "GET", "/api/ops/schedules", 403),
                Arguments.of("admin1", "GET", "/api/admin/users", 200),
                Arguments.of("ops1", "GET", "/api/admin/users", 403),
                Arguments.of("editor1", "GET", "/api/admin/tokens", 403),
                Arguments.of("publisher1", "GET", "/api/admin/tokens", 403),
                Arguments.of("anonymous", "GET", "/actuator/health", 200),
                Arguments.of("anonymous", "GET", "/actuator/info", 401),
                Arguments.of("editor1", "GET", "/actuator/info", 403),
                Arguments.of("ops1", "GET", "/actuator/info", 200));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @MethodSource("apiTable")
    void apiAndActuatorLetInOnlyTheirRoles(String who, String method, String path, int expected) throws Exception {
        MockHttpServletRequestBuilder request = method.equals("GET") ? get(path) : post(path).contentType(MediaType.APPLICATION_JSON).content("{}");
        if (!who.equals("anonymous")) {
            request.with(httpBasic(who, PASSWORD));
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

        assertThat(response.getStatus()).as("%s %s %s: %s", who, method, path, response.getContentAsString()).isEqualTo(expected);
        if (expected == 401 || expected == 403) {
            // a problem document, never a stack trace; no Basic challenge, so browsers never cache API credentials
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
            JsonNode problem = json.readTree(response.getContentAsString());
            assertThat(problem.path("status").asInt()).isEqualTo(expected);
            assertThat(response.getContentAsString()).doesNotContain("at org.").doesNotContain("trace");
        }
        if (expected == 401) {
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    static Stream<Arguments> consoleTable() {
        return Stream.of(
                Arguments.of("ops1", "/console/runs", 200), Arguments.of("editor1", "/console/runs", 200),
                Arguments.of("publisher1", "/console/runs", 403), Arguments.of("nobody1", "/console/runs", 403),
                Arguments.of("admin1", "/console/runs", 200),
                Arguments.of("ops1", "/console/shows", 200), Arguments.of("editor1", "/console/shows", 403),
                Arguments.of("editor1", "/console/episodes/tiny-show/2026-11-30", 200),
                Arguments.of("ops1", "/console/episodes/tiny-show/2026-11-30", 403),
                Arguments.of("publisher1", "/console/episodes/tiny-show/2026-11-30", 403),
                Arguments.of("ops1", "/console/contributions", 200), Arguments.of("editor1", "/console/contributions", 200),
                Arguments.of("publisher1", "/console/contributions", 403),
                Arguments.of("admin1", "/console/admin", 200), Arguments.of("ops1", "/console/admin", 403),
                Arguments.of("editor1", "/console/admin", 403), Arguments.of("publisher1", "/console/admin", 403));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("consoleTable")
    void consolePagesLetInOnlyTheirRoles(String who, String path, int expected) throws Exception {
        int status = mvc.perform(get(path).with(user(users.loadUserByUsername(who)))).andReturn().getResponse().getStatus();

        assertThat(status).as("%s %s", who, path).isEqualTo(expected);
    }

    @Test
    void theConsoleSendsStrangersToTheLoginPageAndIgnoresApiCredentials() throws Exception {
        var anonymous = mvc.perform(get("/console/runs")).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(302);
        assertThat(anonymous.getRedirectedUrl()).endsWith("/login");

        // a bearer token is for the API only: the console does not read it
        String token = new ApiTokensFixture(mvc).create("console-probe");
        var withToken = mvc.perform(get("/console/runs").header("Authorization", "Bearer " + token)).andReturn().getResponse();
        assertThat(withToken.getStatus()).isEqualTo(302);
    }

    @Test
    void consoleFormsNeedTheCsrfToken() throws Exception {
        var admin = user(users.loadUserByUsername("admin1"));

        var without = mvc.perform(post("/console/admin/users").with(admin)
                .param("username", "csrf-victim").param("password", PASSWORD).param("roles", "OPS")).andReturn().getResponse();
        var run = mvc.perform(post("/console/shows/tiny-show/run").with(admin).param("airDate", "2026-11-30")).andReturn().getResponse();
        var login = mvc.perform(post("/login").param("username", "ops1").param("password", PASSWORD)).andReturn().getResponse();
        var logout = mvc.perform(post("/logout").with(admin)).andReturn().getResponse();

        assertThat(without.getStatus()).isEqualTo(403);
        assertThat(run.getStatus()).isEqualTo(403);
        assertThat(login.getStatus()).isEqualTo(403);
        assertThat(logout.getStatus()).isEqualTo(403);
        assertThat(users.exists("csrf-victim")).isFalse();

        // with the token the same form works, and the change is in the audit log under the admin's name
        var with = mvc.perform(post("/console/admin/users").with(admin).with(csrf())
                .param("username", "csrf-ok").param("password", PASSWORD).param("roles", "OPS")).andReturn().getResponse();
        assertThat(with.getStatus()).isEqualTo(302);
        assertThat(users.exists("csrf-ok")).isTrue();
        assertThat(audit("user.create", "csrf-ok")).containsExactly("admin1");
    }

    @Test
    void formLoginWorksWithTheRightPasswordOnlyAndIsAudited() throws Exception {
        var good = mvc.perform(post("/login").with(csrf()).param("username", "ops1").param("password", PASSWORD))
                .andReturn().getResponse();
        var bad = mvc.perform(post("/login").with(csrf()).param("username", "ops1").param("password", "wrong-password-here"))
                .andReturn().getResponse();
        users.setEnabled("nobody1", false);
        var disabled = mvc.perform(post("/login").with(csrf()).param("username", "nobody1").param("password", PASSWORD))
                .andReturn().getResponse();
        users.setEnabled("nobody1", true);

        assertThat(good.getRedirectedUrl()).endsWith("/console");
        assertThat(bad.getRedirectedUrl()).endsWith("/login?error");
        assertThat(disabled.getRedirectedUrl()).endsWith("/login?error");
        assertThat(audit("login", "console")).contains("ops1");
        assertThat(audit("login.failed", "console")).contains("ops1", "nobody1");
    }

    @Test
    void thereIsNoDefaultPasswordAndTheGeneratedOneWorks() throws Exception {
        // what FirstAdmin logs, read from its own logger (the console's output is shared with other test classes)
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(FirstAdmin.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        logger.addAppender(log);
        java.util.function.Supplier<String> logged = () -> log.list.stream()
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).collect(java.util.stream.Collectors.joining("\n"));
        // the server started with no users: it made "admin", and none of the usual guesses opens it
        assertThat(users.exists("admin")).isTrue();
        for (String guess : List.of("admin", "password", "", "changeme", "ensemble")) {
            assertThat(mvc.perform(get("/api/admin/users").with(httpBasic("admin", guess))).andReturn().getResponse().getStatus())
                    .as("admin / '%s'", guess).isEqualTo(401);
        }

        // given an empty user table, as on a first start
        jdbc.sql("DELETE FROM app_user").update();

        // when
        String generated = firstAdmin.ensureAdmin(null).orElseThrow();

        // then it was printed once, it opens the admin door, and nothing else was created
        assertThat(generated).hasSize(20);
        assertThat(logged.get()).containsOnlyOnce(generated);
        assertThat(mvc.perform(get("/api/admin/users").with(httpBasic("admin", generated))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(users.list()).extracting(UserAccounts.Account::username).containsExactly("admin");
        // a second start makes nothing new
        assertThat(firstAdmin.ensureAdmin(null)).isEmpty();
        // the stored password is a bcrypt hash, not the password
        String stored = jdbc.sql("SELECT password_hash FROM app_user WHERE username = 'admin'").query(String.class).single();
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(generated);

        // and with ENSEMBLE_ADMIN_PASSWORD set, that password is used and not printed
        jdbc.sql("DELETE FROM app_user").update();
        assertThat(firstAdmin.ensureAdmin("configured-admin-password")).isEmpty();
        assertThat(logged.get()).contains("ENSEMBLE_ADMIN_PASSWORD").doesNotContain("configured-admin-password");
        logger.detachAppender(log);
        assertThat(mvc.perform(get("/api/admin/users").with(httpBasic("admin", "configured-admin-password"))).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void tokensOpenOnlyThePublishingApiAndAreStoredHashed() throws Exception {
        // given: an admin makes a token over the API; the answer holds its secret once
        var created = mvc.perform(post("/api/admin/tokens").with(httpBasic("admin1", PASSWORD))
                .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"feed-reader\"}")).andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode body = json.readTree(created.getContentAsString());
        String secret = body.path("secret").asString();
        long id = body.path("id").asLong();
        assertThat(secret).startsWith("ens_").hasSizeGreaterThan(40);

        // then: /api/publish lets it through (404: nothing published there on this door yet), nothing else does
        assertThat(status(get("/api/publish/feed.json").header("Authorization", "Bearer " + secret))).isEqualTo(404);
        assertThat(status(get("/api/shows").header("Authorization", "Bearer " + secret))).isEqualTo(403);
        assertThat(status(get(EPISODE + "/edl").header("Authorization", "Bearer " + secret))).isEqualTo(403);
        assertThat(status(get("/api/admin/tokens").header("Authorization", "Bearer " + secret))).isEqualTo(403);
        assertThat(status(get("/api/publish/feed.json").header("Authorization", "Bearer " + secret + "x"))).isEqualTo(401);
        assertThat(status(get("/api/publish/feed.json").header("Authorization", "Bearer ens_made-up"))).isEqualTo(401);

        // only the SHA-256 is stored, and the token list never shows the secret
        var row = jdbc.sql("SELECT * FROM api_token WHERE id = ?").param(id).query().singleRow();
        assertThat(row.get("TOKEN_SHA256")).isEqualTo(ApiTokens.sha256(secret));
        assertThat(row.values()).noneMatch(v -> v != null && v.toString().contains(secret));
        String listed = mvc.perform(get("/api/admin/tokens").with(httpBasic("admin1", PASSWORD))).andReturn().getResponse()
                .getContentAsString();
        assertThat(listed).contains("feed-reader").doesNotContain(secret);
        assertThat(audit("token.create", "token " + id + " (feed-reader)")).containsExactly("admin1");

        // a revoked token opens nothing
        mvc.perform(post("/console/admin/tokens/" + id + "/revoke").with(user(users.loadUserByUsername("admin1"))).with(csrf()));
        assertThat(status(get("/api/publish/feed.json").header("Authorization", "Bearer " + secret))).isEqualTo(401);
        assertThat(audit("token.revoke", "token " + id)).containsExactly("admin1");
    }

    @Test
    void healthShowsDetailsOnlyToOps() throws Exception {
        String anonymous = mvc.perform(get("/actuator/health")).andReturn().getResponse().getContentAsString();
        String ops = mvc.perform(get("/actuator/health").with(httpBasic("ops1", PASSWORD))).andReturn().getResponse()
                .getContentAsString();

        assertThat(json.readTree(anonymous).path("status").asString()).isEqualTo("UP");
        assertThat(json.readTree(anonymous).has("components")).isFalse();
        assertThat(json.readTree(ops).path("components").has("db")).isTrue();
    }

    @Test
    void userChangesAreAudited() throws Exception {
        var admin = user(users.loadUserByUsername("admin1"));
        mvc.perform(post("/console/admin/users").with(admin).with(csrf()).param("username", "audited1").param("password", PASSWORD));
        mvc.perform(post("/console/admin/users/audited1/roles").with(admin).with(csrf()).param("roles", "EDITOR", "OPS"));
        mvc.perform(post("/console/admin/users/audited1/enabled").with(admin).with(csrf()).param("enabled", "false"));

        assertThat(audit("user.create", "audited1")).containsExactly("admin1");
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE action = 'user.roles' AND target = 'audited1'").query(String.class)
                .list()).containsExactly("roles OPS,EDITOR");
        assertThat(audit("user.disable", "audited1")).containsExactly("admin1");
        assertThat(users.list()).filteredOn(a -> a.username().equals("audited1")).singleElement()
                .satisfies(a -> assertThat(a.enabled()).isFalse());
    }

    @Test
    void aConsoleSessionEndsWhenItsUserIsDisabledOrTheirRolesOrPasswordChange() throws Exception {
        for (String name : List.of("session-kept", "session-disabled", "session-roles", "session-password")) {
            if (!users.exists(name)) {
                users.create(name, PASSWORD, EnumSet.of(Role.ADMIN));
            }
        }
        MockHttpSession kept = logIn("session-kept");
        MockHttpSession disabled = logIn("session-disabled");
        MockHttpSession roles = logIn("session-roles");
        MockHttpSession password = logIn("session-password");
        for (MockHttpSession session : List.of(kept, disabled, roles, password)) {
            assertThat(status(get("/console/admin").session(session))).isEqualTo(200);
        }
        int tokensBefore = tokenCount();

        // when another admin changes three of them
        users.setEnabled("session-disabled", false);
        users.setRoles("session-roles", EnumSet.of(Role.OPS));
        users.setPassword("session-password", "a-brand-new-password");

        // then with the cookie and CSRF token they had, the changed ones can no longer make a token or a user
        var token = mvc.perform(post("/console/admin/tokens").session(disabled).with(csrf()).param("name", "from-a-disabled-admin"))
                .andReturn().getResponse();
        var user = mvc.perform(post("/console/admin/users").session(roles).with(csrf()).param("username", "made-by-an-ex-admin")
                .param("password", PASSWORD).param("roles", "ADMIN")).andReturn().getResponse();
        var page = mvc.perform(get("/console/admin").session(password)).andReturn().getResponse();
        assertThat(List.of(token, user, page)).allSatisfy(r -> assertThat(r.getRedirectedUrl()).endsWith("/login?ended"));
        assertThat(tokenCount()).isEqualTo(tokensBefore);
        assertThat(users.exists("made-by-an-ex-admin")).isFalse();
        assertThat(List.of(disabled, roles, password)).allSatisfy(s -> assertThat(s.isInvalid()).isTrue());
        assertThat(audit("session.ended", "console")).contains("session-disabled", "session-roles", "session-password");
        // the unchanged admin's session goes on
        assertThat(status(get("/console/admin").session(kept))).isEqualTo(200);
        users.setEnabled("session-disabled", true);
    }

    @Test
    void theLastEnabledAdminCannotBeDisabledOrLoseTheRoleAndTheOperatorCanRecover() throws Exception {
        // given only admin1 is an enabled admin
        List<String> others = users.list().stream().filter(a -> a.enabled() && a.roles().contains(Role.ADMIN)
                && !a.username().equals("admin1")).map(UserAccounts.Account::username).toList();
        others.forEach(name -> users.setEnabled(name, false));
        var admin = user(users.loadUserByUsername("admin1"));
        try {
            // when admin1 tries to disable themselves or drop their ADMIN role, on the Admin page and over the API
            mvc.perform(post("/console/admin/users/admin1/enabled").with(admin).with(csrf()).param("enabled", "false"));
            mvc.perform(post("/console/admin/users/admin1/roles").with(admin).with(csrf()).param("roles", "OPS"));

            // then both are refused with a sentence, and admin1 is still an enabled admin
            assertThat(users.list()).filteredOn(a -> a.username().equals("admin1")).singleElement()
                    .satisfies(a -> assertThat(a.enabled()).isTrue())
                    .satisfies(a -> assertThat(a.roles()).contains(Role.ADMIN));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> users.setEnabled("admin1", false))
                    .hasMessage("Cannot disable admin1: they are the last enabled admin. Make another user an admin first.");

            // and when a database is left with no enabled admin anyway, a start with ENSEMBLE_ADMIN_PASSWORD lets the operator in
            jdbc.sql("UPDATE app_user SET enabled = FALSE WHERE roles LIKE '%ADMIN%'").update();
            assertThat(firstAdmin.ensureAdmin(null)).isEmpty();
            assertThat(users.enabledAdmins()).isZero();
            assertThat(firstAdmin.ensureAdmin("operator-recovery-password")).isEmpty();
            assertThat(users.enabledAdmins()).isEqualTo(1);
            assertThat(status(get("/api/admin/users").with(httpBasic("admin", "operator-recovery-password")))).isEqualTo(200);
            assertThat(audit("user.recover-admin", "admin")).containsExactly("system");
        } finally {
            jdbc.sql("UPDATE app_user SET enabled = TRUE WHERE username = 'admin1'").update();
            others.forEach(name -> jdbc.sql("UPDATE app_user SET enabled = TRUE WHERE username = ?").param(name).update());
        }
    }

    private MockHttpSession logIn(String name) throws Exception {
        var result = mvc.perform(post("/login").with(csrf()).param("username", name).param("password", PASSWORD)).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/console");
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private int tokenCount() {
        return jdbc.sql("SELECT COUNT(*) FROM api_token").query(Integer.class).single();
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private List<String> audit(String action, String target) {
        return jdbc.sql("SELECT actor FROM audit_log WHERE action = ? AND target = ? ORDER BY id").params(action, target)
                .query(String.class).list();
    }

    /** Makes a token through the admin API, as an admin would. */
    record ApiTokensFixture(MockMvc mvc) {
        String create(String name) throws Exception {
            String body = mvc.perform(post("/api/admin/tokens").with(httpBasic("admin1", PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"" + name + "\"}")).andReturn().getResponse()
                    .getContentAsString();
            return JsonMapper.builder().build().readTree(body).path("secret").asString();
        }
    }
}
