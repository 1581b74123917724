package org.ensemble.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.ensemble.FileTrees;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On a real server: every door sends Referrer-Policy and Permissions-Policy, and behind a TLS proxy (which says so in
 * X-Forwarded-Proto, trusted from a local address with {@code server.forward-headers-strategy=native}) the session
 * cookie is Secure; over plain HTTP it is not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false", "ensemble.security.bcrypt-strength=4",
        "server.forward-headers-strategy=native"})
class SecureHeadersTest {

    static final Path home = SecurityTest.temporaryHome();
    static final String PASSWORD = "correct-horse-battery";

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts users;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ensemble.home", () -> home.toString());
        registry.add("ensemble.jobs", () -> Path.of("src/test/resources/jobs").toAbsolutePath().toString());
    }

    @AfterAll
    static void removeHome() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.delete(home)));
    }

    @Test
    void everyDoorSendsThePrivacyHeaders() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/login", "/api/shows", "/actuator/health")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
            assertThat(r.headers().firstValue("Permissions-Policy")).as(path).hasValue(SecurityConfiguration.PERMISSIONS_POLICY);
        }
    }

    @Test
    void theSessionCookieIsSecureBehindATlsProxyOnly() throws Exception {
        if (!users.exists("secure1")) {
            users.create("secure1", PASSWORD, EnumSet.of(Role.OPS));
        }
        // the login page opens the session (its form carries the session's CSRF token)
        assertThat(sessionCookie(loginPage(true))).contains("ENSEMBLE_SESSION=").containsIgnoringCase("; Secure")
                .containsIgnoringCase("HttpOnly");
        HttpResponse<String> plain = loginPage(false);
        assertThat(sessionCookie(plain)).contains("ENSEMBLE_SESSION=").doesNotContainIgnoringCase("Secure");
    }

    private HttpResponse<String> loginPage(boolean behindTls) throws Exception {
        HttpRequest.Builder page = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"));
        if (behindTls) {
            page.header("X-Forwarded-Proto", "https");
        }
        return HttpClient.newHttpClient().send(page.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ENSEMBLE_SESSION=")).findFirst().orElse("");
    }
}
