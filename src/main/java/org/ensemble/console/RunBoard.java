package org.ensemble.console;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.schedule.ProgressBoard;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

/** What the job repository knows about the episode jobs' executions, shaped for the console's runs page. */
@Service
class RunBoard {

    static final List<String> JOBS = List.of("episodeJob", "rerenderJob");
    private static final List<String> EPISODE_STEPS = List.of("ingest", "conform", "plan", "render", "verify", "publish");
    private static final List<String> RERENDER_STEPS = List.of("plan", "render", "verify", "publish");

    record StepView(String name, String status, long read, long filtered, long written, long skipped, long commits,
                    String duration, String exitDescription, int partsDone, int parts) {
    }

    record RunView(long id, String job, String show, LocalDate airDate, String status, String exitCode,
                   LocalDateTime started, LocalDateTime ended, String duration, boolean running, int percent,
                   String requestedBy, String reason, List<StepView> steps, String failure, List<Contribution> rejected,
                   Live live) {

        String episodeLink() {
            return show == null || airDate == null ? null : "/console/episodes/" + show + "/" + airDate;
        }
    }

    /**
     * What a running execution is doing now. From the progress board when this process runs it (FFmpeg's own report:
     * the step's percent, its ETA, the FFmpeg run going now); otherwise from the step counts alone.
     *
     * @param step        the step running now (null between steps)
     * @param stepPercent 0..100 of that step, null when unknown
     * @param eta         the step's remaining time as a person reads it, null when unknown
     * @param current     the FFmpeg run reported last, null when none
     * @param pieces      "done/total" pieces of conform, null outside conform
     * @param fromFfmpeg  whether the percent comes from FFmpeg's report (false: step counts)
     */
    record Live(String step, Integer stepPercent, String eta, String current, String pieces, boolean fromFfmpeg) {
    }

    private final JobRepository jobs;
    private final ContributionRepository contributions;
    private final ProgressBoard progress;

    RunBoard(JobRepository jobs, ContributionRepository contributions, ProgressBoard progress) {
        this.jobs = jobs;
        this.contributions = contributions;
        this.progress = progress;
    }

    /** The newest executions of both jobs, newest first, without step details. */
    List<RunView> recent(int limit) {
        List<RunView> runs = new ArrayList<>();
        for (String job : JOBS) {
            for (JobInstance instance : jobs.getJobInstances(job, 0, limit)) {
                for (JobExecution e : jobs.getJobExecutions(instance)) {
                    runs.add(view(jobs.getJobExecution(e.getId()), false));
                }
            }
        }
        runs.sort(Comparator.comparing(RunView::id).reversed());
        return runs.size() > limit ? runs.subList(0, limit) : runs;
    }

    Optional<RunView> find(long executionId) {
        JobExecution execution = jobs.getJobExecution(executionId);
        if (execution == null || !JOBS.contains(execution.getJobInstance().getJobName())) {
            return Optional.empty();
        }
        return Optional.of(view(execution, true));
    }

    private RunView view(JobExecution e, boolean details) {
        String job = e.getJobInstance().getJobName();
        String show = e.getJobParameters().getString("show");
        LocalDate airDate = e.getJobParameters().getLocalDate("airDate");
        List<StepExecution> all = new ArrayList<>(e.getStepExecutions());
        all.sort(Comparator.comparing(StepExecution::getId));
        List<StepView> steps = new ArrayList<>();
        for (StepExecution s : all) {
            if (s.getStepName().contains(":")) {
                continue;
            }
            List<StepExecution> parts = all.stream().filter(p -> p.getStepName().startsWith(s.getStepName() + "Piece:")
                    || p.getStepName().startsWith(s.getStepName() + ":")).toList();
            int done = (int) parts.stream().filter(p -> !p.getStatus().isRunning()).count();
            steps.add(new StepView(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getFilterCount(),
                    s.getWriteCount(), s.getSkipCount(), s.getCommitCount(), duration(s.getStartTime(), s.getEndTime()),
                    withoutStackFrames(s.getExitStatus().getExitDescription()), done, parts.size()));
        }
        boolean running = e.getStatus().isRunning();
        String failure = e.getAllFailureExceptions().stream().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                .distinct().collect(Collectors.joining("\n"));
        List<Contribution> rejected = List.of();
        if (details && job.equals("episodeJob") && show != null && airDate != null) {
            rejected = contributions.findAll(new EpisodeKey(show, airDate)).stream().filter(c -> !c.accepted()).toList();
        }
        Live live = running ? live(steps, progress.progress(e.getId()).orElse(null)) : null;
        return new RunView(e.getId(), job, show, airDate, e.getStatus().name(), e.getExitStatus().getExitCode(),
                e.getStartTime(), e.getEndTime(), duration(e.getStartTime(), e.getEndTime()), running,
                percent(job, e.getStatus().name(), steps, live), e.getJobParameters().getString("requestedBy"),
                e.getJobParameters().getString("reason"), steps, failure, rejected, live);
    }

    /**
     * The live part of a running execution: the board's entry when it has a percent or an FFmpeg run, else the running
     * step and its finished partitions from the step counts.
     */
    static Live live(List<StepView> steps, ProgressBoard.Progress board) {
        StepView runningStep = steps.stream().filter(s -> s.status().equals("STARTED") || s.status().equals("STARTING")
                || s.status().equals("STOPPING")).reduce((a, b) -> b).orElse(null);
        String step = board != null && board.step() != null ? board.step() : runningStep == null ? null : runningStep.name();
        String pieces = board != null && board.piecesTotal() != null ? board.piecesDone() + "/" + board.piecesTotal()
                : runningStep != null && runningStep.parts() > 0 ? runningStep.partsDone() + "/" + runningStep.parts() : null;
        if (board != null && (board.percent() != null || board.current() != null)) {
            return new Live(step, board.percent(), board.etaSeconds() == null ? null : eta(board.etaSeconds()),
                    board.current(), pieces, board.percent() != null);
        }
        Integer partsPercent = runningStep != null && runningStep.parts() > 0
                ? 100 * runningStep.partsDone() / runningStep.parts() : null;
        return new Live(step, partsPercent, null, null, pieces, false);
    }

    /** The statuses Spring Batch restarts from where they stopped. */
    static boolean restartable(String status) {
        return status.equals("FAILED") || status.equals("STOPPED");
    }

    static String eta(long seconds) {
        return seconds >= 3600 ? (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min"
                : seconds >= 60 ? (seconds / 60) + " min " + (seconds % 60) + " s" : seconds + " s";
    }

    /**
     * Progress from the step counts: finished steps out of the job's steps, a running step counted by FFmpeg's percent
     * when the board has one, else a running partitioned step by its finished partitions.
     */
    static int percent(String job, String status, List<StepView> steps, Live live) {
        if (status.equals("COMPLETED")) {
            return 100;
        }
        List<String> names = job.equals("rerenderJob") ? RERENDER_STEPS : EPISODE_STEPS;
        double done = 0;
        for (StepView s : steps) {
            if (!names.contains(s.name())) {
                continue;
            }
            if (s.status().equals("COMPLETED")) {
                done += 1;
            } else if (live != null && live.fromFfmpeg() && s.name().equals(live.step())) {
                done += live.stepPercent() / 100.0;
            } else if (s.parts() > 0) {
                done += (double) s.partsDone() / s.parts();
            }
        }
        return (int) Math.min(99, Math.floor(100 * done / names.size()));
    }

    static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "";
        }
        Duration d = Duration.between(start, end == null ? LocalDateTime.now() : end);
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s > 0 ? s + "." + (d.toMillisPart() / 100) + " s" : d.toMillis() + " ms";
    }

    /** An exit description as a person wants it: the messages, not the stack frames. */
    static String withoutStackFrames(String description) {
        if (description == null) {
            return "";
        }
        return description.lines().filter(l -> !l.isBlank() && !l.stripLeading().startsWith("at ")
                && !l.stripLeading().startsWith("... ")).limit(30).collect(Collectors.joining("\n"));
    }
}
