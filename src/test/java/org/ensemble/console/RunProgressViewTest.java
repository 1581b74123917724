package org.ensemble.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ensemble.schedule.ProgressBoard;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * What the runs pages show of a running execution: the progress board's entry (FFmpeg's percent, the ETA, the FFmpeg
 * run going now) when there is one, else the step counts; and the run page's progress fragment rendered from it.
 */
class RunProgressViewTest {

    static RunBoard.StepView step(String name, String status, int partsDone, int parts) {
        return new RunBoard.StepView(name, status, 0, 0, 0, 0, 0, "1 s", "", partsDone, parts);
    }

    final List<RunBoard.StepView> rendering = List.of(step("ingest", "COMPLETED", 0, 0), step("conform", "COMPLETED", 5, 5),
            step("plan", "COMPLETED", 0, 0), step("render", "STARTED", 0, 0));

    @Test
    void theBoardsEntryGivesTheStepPercentTheEtaAndTheFfmpegRun() {
        var board = new ProgressBoard.Progress(7, "render", 40, 95L, "segment t3", 5, 5);

        RunBoard.Live live = RunBoard.live(rendering, board);

        assertThat(live).isEqualTo(new RunBoard.Live("render", 40, "1 min 35 s", "segment t3", "5/5", true));
        // three of six steps done, the fourth 40 % of the way: 3.4 / 6
        assertThat(RunBoard.percent("episodeJob", "STARTED", rendering, live)).isEqualTo(56);
        assertThat(RunBoard.percent("episodeJob", "STARTED", rendering, null)).isEqualTo(50);
    }

    @Test
    void withoutABoardEntryTheStepCountsSpeak() {
        List<RunBoard.StepView> conforming = List.of(step("ingest", "COMPLETED", 0, 0), step("conform", "STARTED", 3, 4));

        // another process runs it: the board knows the step and pieces from the repository, not a percent
        RunBoard.Live fromRepository = RunBoard.live(conforming, new ProgressBoard.Progress(8, "conform", null, null, null, 3, 4));
        RunBoard.Live noEntry = RunBoard.live(conforming, null);

        assertThat(fromRepository).isEqualTo(new RunBoard.Live("conform", 75, null, null, "3/4", false));
        assertThat(noEntry).isEqualTo(fromRepository);
        // one step done and three quarters of conform's pieces: 1.75 / 6
        assertThat(RunBoard.percent("episodeJob", "STARTED", conforming, noEntry)).isEqualTo(29);
    }

    @Test
    void anFfmpegRunWithoutAPercentIsStillNamed() {
        RunBoard.Live live = RunBoard.live(rendering, new ProgressBoard.Progress(9, "render", null, null, "master", null, null));

        assertThat(live).isEqualTo(new RunBoard.Live("render", null, null, "master", null, false));
        assertThat(RunBoard.percent("episodeJob", "STARTED", rendering, live)).isEqualTo(50);
    }

    @Test
    void etaReadsLikeAPersonWouldSayIt() {
        assertThat(RunBoard.eta(42)).isEqualTo("42 s");
        assertThat(RunBoard.eta(95)).isEqualTo("1 min 35 s");
        assertThat(RunBoard.eta(7260)).isEqualTo("2 h 1 min");
    }

    @Test
    void theRunPagesProgressFragmentShowsTheLiveLineAndPollsWhileRunning() {
        RunBoard.Live live = RunBoard.live(rendering, new ProgressBoard.Progress(7, "render", 40, 95L, "segment t3", 5, 5));
        var run = new RunBoard.RunView(7, "episodeJob", "tiny-show", LocalDate.of(2026, 11, 30), "STARTED", "UNKNOWN",
                LocalDateTime.now().minusMinutes(2), null, "2 min 0 s", true,
                RunBoard.percent("episodeJob", "STARTED", rendering, live), null, null, rendering, "", List.of(), live);

        String forOps = render(run, new ConsoleModel.Viewer("ops1", true, false, false));
        String forEditor = render(run, new ConsoleModel.Viewer("editor1", false, true, false));

        assertThat(forOps).contains("hx-get=\"/console/runs/7/progress\"").contains("hx-trigger=\"every 2s\"")
                .contains("width: 56%").contains("<b>render</b>").contains("40% (FFmpeg)").contains("· ETA 1 min 35 s")
                .contains("· pieces 5/5").contains("· now: segment t3")
                .contains("action=\"/console/runs/7/stop\"").contains("value=\"token-1\"").doesNotContain("restart-run");
        assertThat(forEditor).contains("40% (FFmpeg)").doesNotContain("stop-run").doesNotContain("ops-execution-controls");
    }

    private static String render(RunBoard.RunView run, ConsoleModel.Viewer viewer) {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        MockServletContext servlet = new MockServletContext();
        var exchange = JakartaServletWebApplication.buildApplication(servlet)
                .buildExchange(new MockHttpServletRequest(servlet), new MockHttpServletResponse());
        var context = new WebContext(exchange, Locale.ENGLISH, Map.of("run", run, "viewer", viewer,
                "csrf", new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "token-1")));
        return engine.process("console/run", Set.of("progress"), context);
    }
}
