package org.ensemble.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as a user types it (with the tiny test show): --inbox, --home and --jobs are honoured,
 * the exit code says it published, and the same command again says there is nothing new (exit code 3).
 */
class CommandLineRunTest {

    @TempDir
    Path dir;

    @Test
    void theRunCommandPublishesFromTheGivenInboxAndThenHasNothingNew() throws IOException {
        // given an inbox outside the home folder, as sample-media/ is
        Path inbox = Files.createDirectories(dir.resolve("week"));
        TestMedia.video(inbox.resolve("a.mp4"), 8, 320, 180, 30, -20);
        TestMedia.video(inbox.resolve("b.mp4"), 8, 640, 360, 25, -25);
        TestMedia.picture(inbox.resolve("c.png"), 400, 300);
        TestMedia.text(inbox.resolve("d.md"), "# Tea\n\nThe *first* cup is for the window.\n");
        Files.writeString(inbox.resolve("manifest.jsonl"), String.join("\n",
                "{\"id\":\"a\",\"contributor\":\"Ana\",\"category\":\"talking-life\",\"title\":\"A\",\"file\":\"a.mp4\",\"approvedAt\":\"2026-11-23T10:00:00Z\"}",
                "{\"id\":\"b\",\"contributor\":\"Bo\",\"category\":\"filmed-life\",\"title\":\"B\",\"file\":\"b.mp4\",\"approvedAt\":\"2026-11-23T11:00:00Z\"}",
                "{\"id\":\"c\",\"contributor\":\"Cy\",\"category\":\"photography\",\"title\":\"C\",\"file\":\"c.png\",\"approvedAt\":\"2026-11-23T12:00:00Z\"}",
                "{\"id\":\"d\",\"contributor\":\"Di\",\"category\":\"writing\",\"title\":\"Tea\",\"file\":\"d.md\",\"approvedAt\":\"2026-11-23T13:00:00Z\"}"));
        Path home = dir.resolve("home");
        String[] command = {"run", "--show", "tiny-show", "--air-date", "2026-12-14", "--inbox", inbox.toString(),
                "--home", home.toString(), "--jobs", "src/test/resources/jobs"};

        // when
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int first = CommandLineAccess.execute(command, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        int second = CommandLineAccess.execute(command, new PrintStream(again, true, StandardCharsets.UTF_8), System.err);

        // then
        assertThat(first).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Published tiny-show/2026-12-14 as r1");
        Path episode = home.resolve("outbox/tiny-show/2026-12-14");
        assertThat(episode.resolve("r1/episode.mp4")).isRegularFile();
        assertThat(episode.resolve("r1/manifest.json")).isRegularFile();
        assertThat(Files.readString(episode.resolve("r1/episode.edl"))).contains("* SOURCE FILE: d.md");
        assertThat(second).isEqualTo(3);
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("already published as r1").contains("nothing new");
        assertThat(episode.toFile().list()).containsExactlyInAnyOrder("r1", "current");

        // an editor excludes a piece and re-renders without naming the inbox: the episode remembers where its pieces are
        ByteArrayOutputStream edited = new ByteArrayOutputStream();
        assertThat(CommandLineAccess.execute(new String[] {"overrides", "--show", "tiny-show", "--air-date", "2026-12-14",
                "--exclude", "b", "--home", home.toString(), "--jobs", "src/test/resources/jobs"},
                new PrintStream(edited, true, StandardCharsets.UTF_8), System.err)).as(edited.toString(StandardCharsets.UTF_8)).isZero();
        ByteArrayOutputStream rerendered = new ByteArrayOutputStream();
        int rerender = CommandLineAccess.execute(new String[] {"rerender", "--show", "tiny-show", "--air-date", "2026-12-14", "--by", "Eda",
                "--reason", "without B", "--home", home.toString(), "--jobs", "src/test/resources/jobs"},
                new PrintStream(rerendered, true, StandardCharsets.UTF_8), System.err);
        assertThat(rerender).as(rerendered.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(rerendered.toString(StandardCharsets.UTF_8)).contains("as r2");
        assertThat(Files.readString(episode.resolve("r2/episode.edl"))).contains("* SOURCE FILE: a.mp4").doesNotContain("b.mp4");

        // an admin makes a publishing system's token in the same home: printed once, stored only as its SHA-256
        ByteArrayOutputStream tokenOut = new ByteArrayOutputStream();
        int made = CommandLineAccess.execute(new String[] {"tokens", "create", "--name", "feed-reader", "--home", home.toString()},
                new PrintStream(tokenOut, true, StandardCharsets.UTF_8), System.err);
        assertThat(made).as(tokenOut.toString(StandardCharsets.UTF_8)).isZero();
        // the command's identity (for the audit log) does not outlive the command
        assertThat(org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()).isNull();
        String secret = tokenOut.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("ens_")).findFirst().orElseThrow();
        try (var db = java.sql.DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/ensemble") + ";AUTO_SERVER=TRUE", "sa", "");
             var rows = db.createStatement().executeQuery("SELECT name, token_sha256 FROM api_token")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("name")).isEqualTo("feed-reader");
            assertThat(rows.getString("token_sha256")).isEqualTo(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8))));
            assertThat(rows.next()).isFalse();
            var audit = db.createStatement().executeQuery("SELECT actor FROM audit_log WHERE action = 'token.create'");
            assertThat(audit.next()).isTrue();
            assertThat(audit.getString("actor")).startsWith("cli:");
        } catch (java.sql.SQLException | java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
