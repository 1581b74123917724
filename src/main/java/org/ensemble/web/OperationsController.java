package org.ensemble.web;

import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.ensemble.schedule.Operations;
import org.ensemble.schedule.ProgressBoard;
import org.ensemble.schedule.WeeklySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ensemble.security.AuditLog;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations over HTTP: the shows' schedules and the job executions. Errors are RFC 7807 problem details
 * ({@code application/problem+json}) with a sentence a person can act on, never a stack trace.
 */
@RestController
@RequestMapping("/api/ops")
@Tag(name = "operations", description = "Schedules and job executions of the weekly episode job")
class OperationsController {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsController.class);

    private final Operations operations;
    private final ProgressBoard board;
    private final AuditLog audit;

    OperationsController(Operations operations, ProgressBoard board, AuditLog audit) {
        this.operations = operations;
        this.board = board;
        this.audit = audit;
    }

    record Accepted(String show, LocalDate airDate, Long executionId, String message) {
    }

    @GetMapping("/schedules")
    @Operation(summary = "Every show with its cron, time zone, next and previous fire time and paused state")
    List<Operations.ScheduleView> schedules() {
        return operations.schedules();
    }

    @GetMapping("/schedules/{show}")
    @Operation(summary = "One show's schedule")
    Operations.ScheduleView schedule(@PathVariable String show) {
        return operations.schedule(show);
    }

    @PostMapping("/schedules/{show}/pause")
    @Operation(summary = "Pause a show's weekly trigger (shared by every process on the database)")
    Operations.ScheduleView pause(@PathVariable String show) {
        Operations.ScheduleView paused = operations.pause(show);
        audit.record("schedule.pause", show, "api");
        return paused;
    }

    @PostMapping("/schedules/{show}/resume")
    @Operation(summary = "Resume a paused show; a fire time missed while paused runs once")
    Operations.ScheduleView resume(@PathVariable String show) {
        Operations.ScheduleView resumed = operations.resume(show);
        audit.record("schedule.resume", show, "api");
        return resumed;
    }

    @PostMapping("/schedules/{show}/run-now")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Run the weekly job now, in the background, for the show's next air date on or after today "
            + "(in the show's time zone)")
    Accepted runNow(@PathVariable String show) {
        Operations.RunNow run = operations.runNow(show);
        audit.record("schedule.run-now", show + "/" + run.airDate(), "api");
        return new Accepted(run.show(), run.airDate(), null, "Started " + show + " " + run.airDate()
                + "; follow it in GET /api/ops/executions?show=" + show + "&airDate=" + run.airDate());
    }

    @PostMapping("/schedules/reload")
    @Operation(summary = "Read jobs/*.yaml again and add, replace or remove triggers (paused shows stay paused)")
    WeeklySchedule.Reload reload() {
        WeeklySchedule.Reload reload = operations.reload();
        audit.record("schedule.reload", "jobs", "api: added " + reload.added() + ", replaced " + reload.replaced()
                + ", removed " + reload.removed());
        return reload;
    }

    @GetMapping("/executions")
    @Operation(summary = "Job executions, newest first (steps left out; see GET /executions/{id})")
    Operations.ExecutionPage executions(@RequestParam(defaultValue = "0") int page,
                                        @RequestParam(defaultValue = "20") int size,
                                        @RequestParam(required = false) String show,
                                        @Parameter(description = "YYYY-MM-DD") @RequestParam(required = false) LocalDate airDate) {
        return operations.executions(page, size, show, airDate);
    }

    @GetMapping("/executions/{id}")
    @Operation(summary = "One execution with its steps, their counts and exit descriptions, and its progress while it runs")
    Operations.ExecutionView execution(@PathVariable long id) {
        return operations.execution(id);
    }

    @GetMapping(value = "/executions/{id}/steps/{step}/log", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The exit code and description of one step (the failure and its cause when it failed)")
    String stepLog(@PathVariable long id, @PathVariable String step) {
        return operations.stepLog(id, step);
    }

    @PostMapping("/executions/{id}/stop")
    @Operation(summary = "Stop a running execution: STOPPING in the repository, its FFmpeg processes killed")
    Operations.StopResult stop(@PathVariable long id) {
        Operations.StopResult stopped = operations.stop(id);
        audit.record("execution.stop", "execution " + id, "api");
        return stopped;
    }

    @PostMapping("/executions/{id}/restart")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Restart a failed or stopped execution from where it stopped, in the background")
    Accepted restart(@PathVariable long id) {
        Operations.RestartRequest request = operations.restart(id);
        audit.record("execution.restart", "execution " + id, "api");
        return new Accepted(request.show(), request.airDate(), id, "Restarting execution " + id
                + "; the new execution appears in GET /api/ops/executions?show=" + request.show() + "&airDate=" + request.airDate());
    }

    @GetMapping("/progress")
    @Operation(summary = "Progress of the executions running in this server (step, percent, ETA, current piece)")
    List<ProgressBoard.Progress> progress() {
        return board.running().stream().flatMap(id -> board.progress(id).stream()).toList();
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        LOG.info("Operations request refused: {}", e.getMessage());
        return problem(HttpStatus.CONFLICT, "Not possible now", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
