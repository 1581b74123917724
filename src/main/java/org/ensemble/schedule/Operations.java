package org.ensemble.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What operations can see and do, for the REST API, the CLI and the console alike: the shows' schedules (list, pause,
 * resume, run now, reload), the job executions with their steps and counts, and stop/restart of an execution.
 * Unknown shows and executions raise {@link NoSuchElementException}; requests that do not fit the current state
 * raise {@link IllegalStateException}.
 */
@Service
public class Operations {

    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    static final List<String> JOBS = List.of(EpisodeJobConfiguration.JOB, EpisodeJobConfiguration.RERENDER_JOB);

    private final WeeklySchedule schedule;
    private final ShowCatalog shows;
    private final EpisodeRunner runner;
    private final BackgroundRuns background;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final ProgressBoard board;
    private final RunningExecutions running;
    private final JdbcClient jdbc;

    Operations(WeeklySchedule schedule, ShowCatalog shows, EpisodeRunner runner, BackgroundRuns background,
               JobOperator jobOperator, JobRepository jobRepository, ProgressBoard board, RunningExecutions running,
               JdbcClient jdbc) {
        this.schedule = schedule;
        this.shows = shows;
        this.runner = runner;
        this.background = background;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.board = board;
        this.running = running;
        this.jdbc = jdbc;
    }

    // ---- schedules

    /** A show's schedule: from its file, and what Quartz holds for it (null fire times when not scheduled). */
    public record ScheduleView(String show, String title, String cron, String timeZone, Instant nextFire,
                               Instant previousFire, boolean scheduled, boolean paused, LocalDate nextRunAirDate) {
    }

    public List<ScheduleView> schedules() {
        List<ScheduleView> result = new ArrayList<>();
        for (ShowDefinition show : shows.all().values()) {
            result.add(view(show));
        }
        return result;
    }

    public ScheduleView schedule(String showId) {
        return view(show(showId));
    }

    public ScheduleView pause(String showId) {
        ShowDefinition show = show(showId);
        if (!quartz(() -> schedule.pause(showId))) {
            throw new IllegalStateException("Show " + showId + " is not scheduled yet: reload the schedules first");
        }
        return view(show);
    }

    public ScheduleView resume(String showId) {
        ShowDefinition show = show(showId);
        if (!quartz(() -> schedule.resume(showId))) {
            throw new IllegalStateException("Show " + showId + " is not scheduled yet: reload the schedules first");
        }
        return view(show);
    }

    public WeeklySchedule.Reload reload() {
        return quartz(schedule::reload);
    }

    /** A run started now, in the background; the outcome completes when the run ends. */
    public record RunNow(String show, LocalDate airDate, CompletableFuture<RunOutcome> outcome) {
    }

    /**
     * Runs a show's weekly job now, off the caller's thread, for its next air date on or after today in the show's
     * time zone (on an air day, that day's episode). The episode's lock keeps it apart from a scheduled run.
     */
    public RunNow runNow(String showId) {
        ShowDefinition show = show(showId);
        LocalDate airDate = runNowAirDate(show, LocalDate.now(show.timeZone()));
        LOG.info("Run now of {} for {}", showId, airDate);
        return new RunNow(showId, airDate, background.submit("Run now of " + showId + " " + airDate,
                () -> runner.run(showId, airDate)));
    }

    /** The air date a run now of this show makes today: its next air date on or after today in its time zone. */
    public LocalDate runNowAirDate(String showId) {
        ShowDefinition show = show(showId);
        return runNowAirDate(show, LocalDate.now(show.timeZone()));
    }

    static LocalDate runNowAirDate(ShowDefinition show, LocalDate today) {
        return today.getDayOfWeek() == show.airDay() ? today : show.nextAirDateAfter(today);
    }

    // ---- executions

    public record StepView(long id, String name, BatchStatus status, String exitCode, String exitDescription,
                           long readCount, long writeCount, long filterCount, long skipCount, long rollbackCount,
                           LocalDateTime startTime, LocalDateTime endTime) {
    }

    public record ExecutionView(long id, long instanceId, String job, String show, LocalDate airDate, BatchStatus status,
                                String exitCode, String exitDescription, LocalDateTime startTime, LocalDateTime endTime,
                                List<StepView> steps, ProgressBoard.Progress progress) {
    }

    public record ExecutionPage(int page, int size, long total, List<ExecutionView> executions) {
    }

    /** Executions of both jobs, newest first, optionally of one show and air date. Steps are left out of the list. */
    public ExecutionPage executions(int page, int size, String show, LocalDate airDate) {
        if (page < 0 || size < 1 || size > 200) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and 200");
        }
        String where = " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " WHERE i.JOB_NAME IN ('" + String.join("','", JOBS) + "')"
                + (show == null ? "" : " AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID ="
                + " e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'show' AND p.PARAMETER_VALUE = :show)")
                + (airDate == null ? "" : " AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID ="
                + " e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'airDate' AND p.PARAMETER_VALUE = :airDate)");
        var count = jdbc.sql("SELECT COUNT(*)" + where);
        var ids = jdbc.sql("SELECT e.JOB_EXECUTION_ID" + where + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT :size OFFSET :offset");
        if (show != null) {
            count = count.param("show", show);
            ids = ids.param("show", show);
        }
        if (airDate != null) {
            count = count.param("airDate", airDate.toString());
            ids = ids.param("airDate", airDate.toString());
        }
        long total = count.query(Long.class).single();
        List<ExecutionView> views = new ArrayList<>();
        for (Long id : ids.param("size", size).param("offset", (long) page * size).query(Long.class).list()) {
            JobExecution execution = jobRepository.getJobExecution(id);
            if (execution != null) {
                views.add(view(execution, false));
            }
        }
        return new ExecutionPage(page, size, total, views);
    }

    /** One execution with all its steps (conform's partitions included) and, while it runs, its progress. */
    public ExecutionView execution(long id) {
        return view(require(id), true);
    }

    /** The newest execution of the weekly job for an episode. */
    public Optional<Long> lastExecution(String show, LocalDate airDate) {
        JobExecution last = jobRepository.getLastJobExecution(EpisodeJobConfiguration.JOB, EpisodeRunner.parameters(show, airDate));
        return Optional.ofNullable(last).map(JobExecution::getId);
    }

    /** The exit description (the failure and its cause, as Spring Batch stored it) of one step of an execution. */
    public String stepLog(long executionId, String stepName) {
        StepExecution step = require(executionId).getStepExecutions().stream().filter(s -> s.getStepName().equals(stepName))
                .findFirst().orElseThrow(() -> new NoSuchElementException("Execution " + executionId + " has no step " + stepName));
        return step.getExitStatus().getExitCode() + "\n" + step.getExitStatus().getExitDescription();
    }

    /** What a stop request did. */
    public record StopResult(long executionId, BatchStatus status, boolean runningHere, String message) {
    }

    /**
     * Asks a running execution to stop: the job repository records the stop (Spring Batch 6 writes STOPPED with an end
     * time at once; Spring Batch itself stops only between steps and chunks) and its FFmpeg processes are killed: at
     * once when it runs in this process, within two seconds when another process runs it (that process watches its
     * executions' status).
     */
    public StopResult stop(long executionId) {
        JobExecution execution = require(executionId);
        try {
            jobOperator.stop(execution);
        } catch (JobExecutionNotRunningException e) {
            throw new IllegalStateException("Execution " + executionId + " is not running (" + execution.getStatus() + ")");
        }
        boolean here = running.cancelHere(executionId);
        JobExecution recorded = EpisodeRunner.findExecution(jobRepository, executionId);
        BatchStatus status = recorded == null ? BatchStatus.STOPPING : recorded.getStatus();
        String message = "Execution " + executionId + " is " + status + " in the job repository; " + (here
                ? "its FFmpeg processes were stopped and it ends STOPPED when its step returns"
                : "the process running it stops its FFmpeg processes within " + 2 * RunningExecutions.WATCH_MILLIS / 1000
                + " s and ends it STOPPED (if no process runs it any more, the next run or restart recovers it)");
        return new StopResult(executionId, status, here, message);
    }

    /** A restart started in the background; the outcome completes when it ends. */
    public record RestartRequest(long executionId, String show, LocalDate airDate, CompletableFuture<RunOutcome> outcome) {
    }

    /** Restarts a failed or stopped execution from where it stopped (Spring Batch restart), off the caller's thread. */
    public RestartRequest restart(long executionId) {
        JobExecution execution = require(executionId);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            throw new IllegalStateException("Execution " + executionId + " completed; there is nothing to restart");
        }
        if (execution.getStatus() == BatchStatus.ABANDONED) {
            throw new IllegalStateException("Execution " + executionId + " was abandoned and cannot be restarted");
        }
        String show = execution.getJobParameters().getString("show");
        LocalDate airDate = execution.getJobParameters().getLocalDate("airDate");
        return new RestartRequest(executionId, show, airDate,
                background.submit("Restart of execution " + executionId, () -> runner.restart(executionId)));
    }

    private JobExecution require(long id) {
        JobExecution execution = EpisodeRunner.findExecution(jobRepository, id);
        if (execution == null || !JOBS.contains(execution.getJobInstance().getJobName())) {
            throw new NoSuchElementException("No job execution " + id);
        }
        return execution;
    }

    private ShowDefinition show(String showId) {
        return shows.find(showId).orElseThrow(() -> new NoSuchElementException("No show " + showId));
    }

    private ScheduleView view(ShowDefinition show) {
        Optional<WeeklySchedule.Entry> entry = quartz(() -> schedule.entry(show.id()));
        LocalDate today = LocalDate.now(show.timeZone());
        return new ScheduleView(show.id(), show.title(), show.cron(), show.timeZone().getId(),
                entry.map(WeeklySchedule.Entry::nextFire).orElse(null), entry.map(WeeklySchedule.Entry::previousFire).orElse(null),
                entry.isPresent(), entry.map(WeeklySchedule.Entry::paused).orElse(false), runNowAirDate(show, today));
    }

    private ExecutionView view(JobExecution e, boolean withSteps) {
        List<StepView> steps = withSteps ? e.getStepExecutions().stream().sorted(Comparator.comparing(StepExecution::getId))
                .map(s -> new StepView(s.getId(), s.getStepName(), s.getStatus(), s.getExitStatus().getExitCode(),
                        s.getExitStatus().getExitDescription(), s.getReadCount(), s.getWriteCount(), s.getFilterCount(),
                        s.getSkipCount(), s.getRollbackCount(), s.getStartTime(), s.getEndTime()))
                .toList() : List.of();
        return new ExecutionView(e.getId(), e.getJobInstance().getInstanceId(), e.getJobInstance().getJobName(),
                e.getJobParameters().getString("show"), e.getJobParameters().getLocalDate("airDate"), e.getStatus(),
                e.getExitStatus().getExitCode(), e.getExitStatus().getExitDescription(), e.getStartTime(), e.getEndTime(),
                steps, board.progress(e));
    }

    @FunctionalInterface
    private interface QuartzCall<T> {
        T call() throws SchedulerException;
    }

    private static <T> T quartz(QuartzCall<T> call) {
        try {
            return call.call();
        } catch (SchedulerException e) {
            throw new IllegalStateException("The scheduler failed: " + e.getMessage(), e);
        }
    }
}
