package org.ensemble.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.ensemble.TestMedia;
import org.ensemble.security.Role;
import org.ensemble.security.UserAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real headless Chromium against the real server on a random port: log in, run the tiny show from
 * the Shows page, watch the run finish, move a piece on the episode page, re-render, and see the new revisions.
 * Screenshots go to target/screenshots/. Under CI=true a missing Chromium fails the test instead of skipping it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false", "ensemble.security.bcrypt-strength=4"})
class ConsoleBrowserTest {

    static final String SHOW = "tiny-show";
    static final String PASSWORD = "editor-password-1";
    static final Path home = temporaryHome();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts users;

    WebDriver browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ensemble.home", () -> home.toString());
        registry.add("ensemble.jobs", () -> Path.of("src/test/resources/jobs").toAbsolutePath().toString());
    }

    static Path temporaryHome() {
        try {
            return Files.createTempDirectory("ensemble-console-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void inbox() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            assertThat(present).as("Chromium and chromedriver are needed (apt-get install chromium chromium-driver): %s, %s",
                    CHROMIUM, CHROMEDRIVER).isTrue();
        }
        Assumptions.assumeTrue(present, "no Chromium at " + CHROMIUM + " / " + CHROMEDRIVER);
        Path inbox = Files.createDirectories(home.resolve("inbox").resolve(SHOW));
        TestMedia.video(inbox.resolve("hello.mp4"), 6, 426, 240, 25, -32);
        TestMedia.tone(inbox.resolve("ben-voice.wav"), 5, -8);
        TestMedia.picture(inbox.resolve("cy-photo.png"), 640, 480);
        TestMedia.text(inbox.resolve("di-poem.txt"), "Kettle\n\nIt sings before I am awake,\nand I forgive the morning.\n");
        TestMedia.zipNamed(inbox.resolve("ed-holiday.mp4"));
        Files.writeString(inbox.resolve("manifest.jsonl"), String.join("\n",
                line("t1", "Ana Lima", "talking-life", "Hello from Porto", "hello.mp4"),
                line("t2", "Ben Okoro", "little-thing", "The kettle", "ben-voice.wav"),
                line("t3", "Cy Tan", "photography", "Pattern", "cy-photo.png"),
                line("t4", "Di Ruiz", "writing", "Kettle", "di-poem.txt"),
                line("t5", "Ed Berg", "filmed-life", "Holiday", "ed-holiday.mp4")) + "\n", StandardCharsets.UTF_8);
        Files.createDirectories(SCREENSHOTS);
    }

    static String line(String id, String who, String category, String title, String file) {
        return "{\"id\":\"" + id + "\",\"contributor\":\"" + who + "\",\"category\":\"" + category + "\",\"title\":\"" + title
                + "\",\"file\":\"" + file + "\",\"approvedAt\":\"2026-11-23T10:00:00Z\",\"location\":\"Somewhere\"}";
    }

    @AfterAll
    static void removeHome() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> org.ensemble.FileTrees.delete(home)));
    }

    @BeforeEach
    void startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1500");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anEditorRunsTheWeekReordersTwoPiecesAndReRendersFromTheConsole() throws Exception {
        // given: a person with the OPS and EDITOR roles
        users.create("eddie", PASSWORD, EnumSet.of(Role.OPS, Role.EDITOR));

        // when they log in
        open("/login");
        browser.findElement(By.id("username")).sendKeys("eddie");
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login")).click();
        waitFor(Duration.ofSeconds(20), "the runs page", () -> browser.getCurrentUrl().endsWith("/console/runs"));
        Cookie session = browser.manage().getCookieNamed("ENSEMBLE_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");

        // and run the tiny show from the Shows page
        open("/console/shows");
        WebElement date = browser.findElement(By.cssSelector("#show-" + SHOW + " input[name=airDate]"));
        String airDate = date.getAttribute("value");
        // the weekly trigger: reload it from jobs/*.yaml, then pause it (htmx posts, the table comes back)
        browser.findElement(By.id("reload-schedules")).click();
        waitFor(Duration.ofSeconds(20), "the reload's outcome", () -> text("schedules").contains("added " + SHOW));
        browser.findElement(By.id("pause-" + SHOW)).click();
        waitFor(Duration.ofSeconds(20), "the show paused", () -> text("state-" + SHOW).equals("paused"));
        assertThat(browser.findElements(By.id("resume-" + SHOW))).hasSize(1);
        screenshot("1-shows");
        browser.findElement(By.id("run-" + SHOW)).click();

        // then the runs page (polled by htmx every 2 s) shows the run until it completes
        waitFor(Duration.ofSeconds(20), "the runs page", () -> browser.getCurrentUrl().endsWith("/console/runs"));
        waitFor(Duration.ofSeconds(30), "the run to appear", () -> text("runs").contains("episodeJob"));
        screenshot("2-runs-started");
        // its page while it runs: the live line (step, percent, ETA, FFmpeg run) and Stop for OPS
        browser.findElement(By.cssSelector("#runs td a")).click();
        waitFor(Duration.ofSeconds(20), "the run page", () -> !text("progress").isEmpty());
        screenshot("2b-run-running");
        open("/console/runs");
        waitFor(Duration.ofMinutes(5), "COMPLETED", () -> text("runs").contains("COMPLETED") || text("runs").contains("FAILED"));
        assertThat(text("runs")).contains("COMPLETED").contains(SHOW + " / " + airDate);
        screenshot("3-runs-completed");

        // the run's page has every step with its counts, and the refused contribution with its reason
        browser.findElement(By.cssSelector("#runs td a")).click();
        waitFor(Duration.ofSeconds(20), "the run page", () -> browser.getPageSource().contains("Refused contributions"));
        String run = browser.findElement(By.tagName("main")).getText();
        assertThat(run).contains("ingest", "conform", "plan", "render", "verify", "publish").contains("ZIP archive");
        screenshot("4-run");

        // the episode page: a timeline of blocks, the pieces in order, EDL revision 1
        open("/console/episodes/" + SHOW + "/" + airDate);
        assertThat(browser.findElements(By.cssSelector("#timeline .block"))).hasSizeGreaterThanOrEqualTo(6);
        List<String> before = contributors();
        assertThat(before).containsExactlyInAnyOrder("Ana Lima", "Ben Okoro", "Cy Tan", "Di Ruiz");
        assertThat(browser.findElement(By.id("edl-revision")).getText()).isEqualTo("1");
        // the preview player's source answers a range request with part of the file
        Object range = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.querySelector('video').src, {headers: {Range: 'bytes=0-99'}})
                  .then(r => r.arrayBuffer().then(b => done(r.status + ' ' + b.byteLength))).catch(e => done(String(e)));""");
        assertThat(range).isEqualTo("206 100");
        screenshot("5-episode-r1");

        // when the first piece moves down one place
        browser.findElement(By.id("down-2")).click();
        waitFor(Duration.ofSeconds(20), "EDL revision 2", () -> browser.findElements(By.id("revision-2")).size() == 1);

        // then EDL revision 2 has the two pieces swapped, and the history says who and what
        List<String> after = contributors();
        assertThat(after.get(0)).isEqualTo(before.get(1));
        assertThat(after.get(1)).isEqualTo(before.get(0));
        assertThat(after.subList(2, after.size())).isEqualTo(before.subList(2, before.size()));
        assertThat(browser.findElement(By.id("revision-2")).getText()).contains("eddie").contains("order:");
        screenshot("6-episode-moved");

        // when they re-render
        browser.findElement(By.name("reason")).sendKeys("Ben first");
        browser.findElement(By.id("rerender")).click();

        // then package r2 appears (the status panel is polled) and r1 stays
        waitFor(Duration.ofMinutes(4), "package r2", () -> text("publications").contains("r2"));
        assertThat(text("publications")).contains("r1").contains("EDL r2");
        open("/console/episodes/" + SHOW + "/" + airDate);
        assertThat(browser.findElement(By.cssSelector("h2 .note")).getText()).isNotEmpty();
        assertThat(text("history")).contains("r1").contains("r2");
        screenshot("7-episode-r2");

        // the contributions search finds the refused file with its reason
        open("/console/contributions?show=" + SHOW + "&status=REJECTED");
        assertThat(text("contributions")).contains("t5").contains("ed-holiday.mp4").contains("ZIP archive").doesNotContain("Ana Lima");
        screenshot("8-contributions-rejected");

        // and a page that is not theirs is a clean "not allowed"
        open("/console/admin");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");
        assertThat(browser.getPageSource()).doesNotContain("Exception").doesNotContain("at org.");
        screenshot("9-forbidden");

        // an admin sees what the editor did in the audit log
        browser.findElement(By.linkText("Back to the console")).click();
        browser.findElement(By.cssSelector("header form button")).click();
        waitFor(Duration.ofSeconds(20), "the login page", () -> browser.getCurrentUrl().contains("/login"));
        users.create("ada", "admin-password-1", EnumSet.of(Role.ADMIN));
        browser.findElement(By.id("username")).sendKeys("ada");
        browser.findElement(By.id("password")).sendKeys("admin-password-1");
        browser.findElement(By.id("login")).click();
        waitFor(Duration.ofSeconds(20), "the console", () -> browser.getCurrentUrl().contains("/console"));
        open("/console/admin");
        assertThat(text("audit")).contains("eddie\tlogin").contains("eddie\tschedule.reload").contains("eddie\tschedule.pause")
                .contains("eddie\tepisode.run").contains("eddie\tedl.reorder")
                .contains("eddie\tepisode.rerender").contains("eddie\tlogout");
        screenshot("10-admin");
    }

    private void open(String path) {
        browser.get("http://localhost:" + port + path);
    }

    private String text(String id) {
        Object value = ((JavascriptExecutor) browser).executeScript(
                "const e = document.getElementById(arguments[0]); return e ? e.innerText : '';", id);
        return value == null ? "" : value.toString();
    }

    private List<String> contributors() {
        return browser.findElements(By.cssSelector("#pieces td.contributor")).stream().map(WebElement::getText)
                .filter(s -> !s.isBlank()).toList();
    }

    private void waitFor(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, timeout, Duration.ofMillis(500)).withMessage("waiting for " + what)
                .until(d -> condition.getAsBoolean());
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
