package org.ensemble.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.Operations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The console's operations controls on the real filter chain, the real Quartz store and the real job repository:
 * OPS pauses, resumes and reloads the schedules and stops or restarts runs (audited); EDITOR and forged posts are
 * refused; the run pages show what a run is doing while it runs.
 */
@SpringBootTest(properties = {"ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false",
        "ensemble.security.bcrypt-strength=4"})
@AutoConfigureMockMvc
class ConsoleOperationsTest {

    static final String SHOW = "tiny-show";
    static final Path home = temporaryHome();

    @Autowired
    MockMvc mvc;
    @Autowired
    Operations operations;
    @Autowired
    JobRepository jobs;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ensemble.home", () -> home.toString());
        registry.add("ensemble.jobs", () -> Path.of("src/test/resources/jobs").toAbsolutePath().toString());
    }

    static Path temporaryHome() {
        try {
            return Files.createTempDirectory("ensemble-console-ops-test");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeHome() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> org.ensemble.FileTrees.delete(home)));
    }

    @Test
    void opsReloadsPausesAndResumesTheScheduleFromTheShowsPage() throws Exception {
        // given: nothing is scheduled yet (the scheduler does not load the shows in this test)
        assertThat(operations.schedule(SHOW).scheduled()).isFalse();
        assertThat(page("/console/shows", "ops1")).contains("not scheduled");

        // when OPS reloads the schedules with htmx: the table comes back saying what was added
        String reloaded = htmx(post("/console/shows/reload"), "ops1", 200);
        assertThat(reloaded).contains("id=\"schedules\"").contains("added tiny-show").contains("id=\"pause-tiny-show\"")
                .doesNotContain("<html");
        assertThat(operations.schedule(SHOW).scheduled()).isTrue();
        assertThat(operations.schedule(SHOW).paused()).isFalse();

        // when they pause it: Quartz holds it paused, the page says so and offers Resume
        String paused = htmx(post("/console/shows/" + SHOW + "/pause"), "ops1", 200);
        assertThat(operations.schedule(SHOW).paused()).isTrue();
        assertThat(paused).contains(">paused<").contains("id=\"resume-tiny-show\"").doesNotContain("id=\"pause-tiny-show\"");

        // a second reload leaves it paused and says nothing changed
        assertThat(htmx(post("/console/shows/reload"), "ops1", 200)).contains("unchanged tiny-show").contains(">paused<");
        assertThat(operations.schedule(SHOW).paused()).isTrue();

        // when they resume it with a plain form (no JavaScript): a redirect, and it is active again
        MockHttpServletResponse plain = mvc.perform(post("/console/shows/" + SHOW + "/resume").with(user("ops1").roles("OPS"))
                .with(csrf())).andReturn().getResponse();
        assertThat(plain.getStatus()).isEqualTo(302);
        assertThat(plain.getRedirectedUrl()).isEqualTo("/console/shows");
        assertThat(operations.schedule(SHOW).paused()).isFalse();
        assertThat(page("/console/shows", "ops1")).contains(">active<").contains("id=\"pause-tiny-show\"");

        // and every change is in the audit log under their name
        assertThat(audit("ops1")).containsSubsequence("schedule.reload jobs", "schedule.pause tiny-show",
                "schedule.reload jobs", "schedule.resume tiny-show");
        assertThat(jdbc.sql("SELECT detail FROM audit_log WHERE actor = 'ops1' AND action = 'schedule.reload' ORDER BY id")
                .query(String.class).list().get(0)).contains("added tiny-show");
    }

    @Test
    void anEditorAndAForgedPostCannotTouchTheSchedulesOrStopARun() throws Exception {
        long running = execution(BatchStatus.STARTED);
        for (String path : List.of("/console/shows/reload", "/console/shows/" + SHOW + "/pause",
                "/console/shows/" + SHOW + "/resume", "/console/runs/" + running + "/stop", "/console/runs/" + running + "/restart")) {
            // an editor, with a valid CSRF token
            assertThat(mvc.perform(post(path).with(user("editor1").roles("EDITOR")).with(csrf()).header("HX-Request", "true"))
                    .andReturn().getResponse().getStatus()).as("editor " + path).isEqualTo(403);
            // OPS, without the token (a cross-site form)
            assertThat(mvc.perform(post(path).with(user("ops1").roles("OPS")).header("HX-Request", "true"))
                    .andReturn().getResponse().getStatus()).as("no CSRF " + path).isEqualTo(403);
            // OPS, with a wrong token
            assertThat(mvc.perform(post(path).with(user("ops1").roles("OPS")).with(csrf().useInvalidToken()))
                    .andReturn().getResponse().getStatus()).as("bad CSRF " + path).isEqualTo(403);
        }
        assertThat(operations.schedule(SHOW).paused()).isFalse();
        assertThat(jobs.getJobExecution(running).getStatus()).isEqualTo(BatchStatus.STARTED);
        assertThat(audit("editor1")).isEmpty();
    }

    @Test
    void opsStopsARunningExecutionAndAnEditorSeesItWithoutTheButtons() throws Exception {
        long id = execution(BatchStatus.STARTED);

        // the run page: what it is doing from the step counts (nothing runs it in this process), Stop for OPS only
        String forOps = page("/console/runs/" + id, "ops1");
        assertThat(forOps).contains("id=\"live\"").contains("<b>conform</b>").contains("50% (parts)")
                .contains("pieces 1/2").contains("id=\"stop-run\"").doesNotContain("id=\"restart-run\"");
        String forEditor = page("/console/runs/" + id, "editor1");
        assertThat(forEditor).contains("<b>conform</b>").doesNotContain("stop-run").doesNotContain("restart-run");
        assertThat(page("/console/runs/table", "editor1")).contains("pieces 1/2");

        // when OPS stops it: the repository has it STOPPING, the page says what happens next, the audit log has it
        MockHttpServletResponse stop = mvc.perform(post("/console/runs/" + id + "/stop").with(user("ops1").roles("OPS"))
                .with(csrf())).andReturn().getResponse();
        assertThat(stop.getStatus()).isEqualTo(302);
        assertThat(stop.getRedirectedUrl()).isEqualTo("/console/runs/" + id);
        // (no process runs it, so Spring Batch may end it STOPPED at once)
        assertThat(jobs.getJobExecution(id).getStatus()).isIn(BatchStatus.STOPPING, BatchStatus.STOPPED);
        assertThat(audit("ops1")).contains("execution.stop execution " + id);
        assertThat(page("/console/runs/" + id, "ops1")).containsPattern("STOPP(ING|ED)").doesNotContain("id=\"stop-run\"");
    }

    @Test
    void aFailedRunShowsItsStepsFailureAndOffersRestartToOpsOnly() throws Exception {
        long id = execution(BatchStatus.FAILED);

        String forOps = page("/console/runs/" + id, "ops1");
        assertThat(forOps).contains("id=\"restart-run\"").doesNotContain("id=\"stop-run\"").doesNotContain("id=\"live\"")
                .contains("The disk is full while conforming t2");
        assertThat(page("/console/runs/" + id, "editor1")).contains("The disk is full while conforming t2")
                .doesNotContain("restart-run");

        // stopping a run that is not running is refused with the reason, and nothing is audited
        var refused = mvc.perform(post("/console/runs/" + id + "/stop").with(user("ops1").roles("OPS"))
                .with(csrf())).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(302);
        assertThat(refused.getFlashMap().get("error")).asString().contains("is not running");
        assertThat(jobs.getJobExecution(id).getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(audit("ops1")).doesNotContain("execution.stop execution " + id);
    }

    /**
     * An execution of the weekly job as the repository holds it: ingest done, conform with one of two pieces done;
     * FAILED ends conform with a failure.
     */
    private long execution(BatchStatus status) {
        JobParameters parameters = EpisodeRunner.parameters(SHOW, LocalDate.of(2026, 11, 30).plusWeeks(jdbc.sql(
                "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE").query(Long.class).single()));
        JobInstance instance = jobs.createJobInstance("episodeJob", parameters);
        JobExecution execution = jobs.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStartTime(LocalDateTime.now().minusSeconds(30));
        execution.setStatus(status);
        jobs.update(execution);
        step(execution, "ingest", BatchStatus.COMPLETED, ExitStatus.COMPLETED);
        boolean failed = status == BatchStatus.FAILED;
        step(execution, "conform", status, failed ? ExitStatus.FAILED.addExitDescription(
                "java.io.IOException: The disk is full while conforming t2\n\tat org.ensemble.conform.X.y(X.java:1)") : ExitStatus.EXECUTING);
        step(execution, "conformPiece:t1", BatchStatus.COMPLETED, ExitStatus.COMPLETED);
        step(execution, "conformPiece:t2", status, failed ? ExitStatus.FAILED : ExitStatus.EXECUTING);
        if (failed) {
            execution.setEndTime(LocalDateTime.now());
            execution.setExitStatus(ExitStatus.FAILED);
            jobs.update(execution);
        }
        return execution.getId();
    }

    private void step(JobExecution execution, String name, BatchStatus status, ExitStatus exit) {
        StepExecution step = jobs.createStepExecution(name, execution);
        step.setStartTime(LocalDateTime.now().minusSeconds(20));
        step.setStatus(status);
        step.setExitStatus(exit);
        if (!status.isRunning()) {
            step.setEndTime(LocalDateTime.now());
        }
        jobs.update(step);
    }

    private String page(String path, String who) throws Exception {
        String role = who.startsWith("ops") ? "OPS" : "EDITOR";
        MockHttpServletResponse response = mvc.perform(get(path).with(user(who).roles(role))).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString();
    }

    private String htmx(MockHttpServletRequestBuilder request, String who, int status) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(user(who).roles("OPS")).with(csrf().asHeader())
                .header("HX-Request", "true")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(status);
        return response.getContentAsString();
    }

    private List<String> audit(String actor) {
        return jdbc.sql("SELECT action || ' ' || target FROM audit_log WHERE actor = ? ORDER BY id").param(actor)
                .query(String.class).list();
    }
}
