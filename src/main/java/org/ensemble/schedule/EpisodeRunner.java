package org.ensemble.schedule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.EpisodeRun;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs the weekly job for one (show, air date), for the CLI and the scheduler alike. A file lock under
 * {@code <home>/locks} keeps two runs of the same episode apart (also across processes); an execution the
 * repository still calls running while nobody holds the lock was killed, and is recovered so the same job
 * instance restarts from the step that did not finish.
 */
@Component
public class EpisodeRunner {

    private static final Logger LOG = LoggerFactory.getLogger(EpisodeRunner.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job episodeJob;
    private final Job rerenderJob;
    private final ShowCatalog shows;
    private final EnsembleSettings settings;
    private final PublicationRepository publications;
    private final EditDecisionListRepository edls;

    public EpisodeRunner(JobOperator jobOperator, JobRepository jobRepository, @Qualifier("episodeJob") Job episodeJob,
                         @Qualifier("rerenderJob") Job rerenderJob, ShowCatalog shows, EnsembleSettings settings,
                         PublicationRepository publications, EditDecisionListRepository edls) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.episodeJob = episodeJob;
        this.rerenderJob = rerenderJob;
        this.edls = edls;
        this.shows = shows;
        this.settings = settings;
        this.publications = publications;
    }

    public static JobParameters parameters(String show, LocalDate airDate) {
        return EpisodeRun.parameters(new EpisodeKey(show, airDate)).toJobParameters();
    }

    public RunOutcome run(String showId, LocalDate airDate) {
        ShowDefinition show = shows.require(showId);
        show.requireAirDay(airDate);
        EpisodeKey episode = new EpisodeKey(showId, airDate);
        return locked(episode, () -> runLocked(episode));
    }

    /**
     * An editor's re-render: a new execution of {@code rerenderJob} that plans again (or takes the named stored EDL
     * revision as it is), renders from the cached segments, verifies and publishes the next package revision.
     *
     * @param edlRevision a stored EDL revision to render as it is (e.g. an imported edit), or {@code null} to plan again
     */
    public RunOutcome rerender(String showId, LocalDate airDate, String requestedBy, String reason, Integer edlRevision) {
        shows.require(showId);
        EpisodeKey episode = new EpisodeKey(showId, airDate);
        return locked(episode, () -> rerenderLocked(episode, requestedBy, reason, edlRevision));
    }

    private RunOutcome rerenderLocked(EpisodeKey episode, String requestedBy, String reason, Integer edlRevision) {
        JobExecution weekly = jobRepository.getLastJobExecution(EpisodeJobConfiguration.JOB,
                parameters(episode.showId(), episode.airDate()));
        if (weekly == null || edls.latest(episode).isEmpty()) {
            return new RunOutcome(RunOutcome.Kind.FAILED, episode + " has not been planned yet: run the weekly job first ("
                    + "ensemble run --show " + episode.showId() + " --air-date " + episode.airDate() + ")");
        }
        if (weekly.getStatus().isRunning()) {
            return new RunOutcome(RunOutcome.Kind.ALREADY_RUNNING, "The weekly run of " + episode + " is still going");
        }
        var before = publications.latestPublished(episode);
        JobParametersBuilder builder = EpisodeRun.parameters(episode)
                .addString("request", UUID.randomUUID().toString())
                .addString("requestedBy", requestedBy == null || requestedBy.isBlank() ? "editor" : requestedBy, false);
        if (reason != null && !reason.isBlank()) {
            builder.addString("reason", reason, false);
        }
        if (edlRevision != null) {
            builder.addLong("edlRevision", edlRevision.longValue(), false);
        }
        try {
            LOG.info("Re-rendering {} for {}{}", episode, requestedBy, edlRevision == null ? "" : " from EDL revision " + edlRevision);
            JobExecution execution = jobOperator.start(rerenderJob, builder.toJobParameters());
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                return new RunOutcome(RunOutcome.Kind.FAILED, "Re-render of " + episode + " ended " + execution.getStatus()
                        + summary(execution) + "\nNothing new was published; " + before.map(p -> "r" + p.revision()).orElse("no revision")
                        + " stays current.");
            }
            var after = publications.latestPublished(episode).orElseThrow();
            if (before.isPresent() && before.get().revision() == after.revision()) {
                return new RunOutcome(RunOutcome.Kind.ALREADY_PUBLISHED, "Nothing changed in " + episode + ": EDL revision "
                        + after.edlRevision() + " is already published as r" + after.revision() + summary(execution));
            }
            return new RunOutcome(RunOutcome.Kind.PUBLISHED, "Published " + episode + " as r" + after.revision() + " at "
                    + after.path() + summary(execution));
        } catch (Exception e) {
            LOG.error("Re-render of {} could not start", episode, e);
            return new RunOutcome(RunOutcome.Kind.FAILED, "Re-render of " + episode + " could not start: " + e.getMessage());
        }
    }

    /**
     * Continues a stopped or failed execution of either job with Spring Batch's own restart (a new execution of the
     * same job instance: finished steps and conformed partitions are not run again), under the episode's lock like
     * every other run. An execution the repository still calls running while the lock is free was left by a process
     * that is gone; it is recovered first, exactly as {@link #run} does.
     */
    public RunOutcome restart(long executionId) {
        JobExecution given = findExecution(jobRepository, executionId);
        if (given == null) {
            throw new NoSuchElementException("No job execution " + executionId);
        }
        String showId = given.getJobParameters().getString(EpisodeRun.SHOW);
        LocalDate airDate = given.getJobParameters().getLocalDate(EpisodeRun.AIR_DATE);
        EpisodeKey episode = new EpisodeKey(showId, airDate);
        return locked(episode, () -> restartLocked(episode, given));
    }

    /** The execution with this id, or null (the JDBC repository throws for an unknown id). */
    static JobExecution findExecution(JobRepository repository, long id) {
        try {
            return repository.getJobExecution(id);
        } catch (EmptyResultDataAccessException e) {
            return null;
        }
    }

    private RunOutcome restartLocked(EpisodeKey episode, JobExecution given) {
        JobExecution last = jobRepository.getLastJobExecution(given.getJobInstance());
        if (last.getStatus().isRunning()) {
            LOG.warn("Execution {} of {} was left {} by a process that is gone; recovering it to restart", last.getId(),
                    episode, last.getStatus());
            last = jobOperator.recover(last);
        }
        String job = given.getJobInstance().getJobName();
        if (last.getStatus() == BatchStatus.COMPLETED) {
            return job.equals(EpisodeJobConfiguration.JOB) ? alreadyPublished(episode)
                    : new RunOutcome(RunOutcome.Kind.ALREADY_PUBLISHED, "Execution " + last.getId() + " of " + job + " for "
                    + episode + " already completed; nothing to restart");
        }
        if (last.getStatus() == BatchStatus.ABANDONED) {
            return new RunOutcome(RunOutcome.Kind.FAILED, "Execution " + last.getId() + " of " + episode
                    + " was abandoned and cannot be restarted");
        }
        try {
            LOG.info("Restarting {} of {} from execution {} ({})", job, episode, last.getId(), last.getStatus());
            long from = last.getId();
            JobExecution execution = jobOperator.restart(last);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                return publications.latestPublished(episode)
                        .map(p -> new RunOutcome(RunOutcome.Kind.PUBLISHED, "Restarted execution " + from + " as "
                                + execution.getId() + ": " + episode + " is published as r" + p.revision() + " at " + p.path()
                                + summary(execution)))
                        .orElseGet(() -> new RunOutcome(RunOutcome.Kind.FAILED, "Restart of " + episode + " completed but nothing is published"
                                + summary(execution)));
            }
            return new RunOutcome(RunOutcome.Kind.FAILED, "Restart of " + episode + " (execution " + execution.getId() + ") ended "
                    + execution.getStatus() + summary(execution) + "\nNothing was published.");
        } catch (Exception e) {
            LOG.error("Restart of {} could not start", episode, e);
            return new RunOutcome(RunOutcome.Kind.FAILED, "Restart of " + episode + " could not start: " + e.getMessage());
        }
    }

    private RunOutcome locked(EpisodeKey episode, Supplier<RunOutcome> work) {
        Path lockFile = settings.locks().resolve(episode.showId() + "_" + episode.airDate() + ".lock");
        try {
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = tryLock(channel)) {
                if (lock == null) {
                    return new RunOutcome(RunOutcome.Kind.ALREADY_RUNNING, episode + " is being made by another process right now");
                }
                return work.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + lockFile, e);
        }
    }

    /** Null when another process or another thread of this one holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // the JVM reports its own lock this way, e.g. run now over HTTP while the scheduled run is going
            return null;
        }
    }

    private RunOutcome runLocked(EpisodeKey episode) {
        JobParameters parameters = parameters(episode.showId(), episode.airDate());
        JobExecution last = jobRepository.getLastJobExecution(EpisodeJobConfiguration.JOB, parameters);
        if (last != null && last.getStatus().isRunning()) {
            LOG.warn("Execution {} of {} was left {} by a process that is gone; recovering it to restart", last.getId(),
                    episode, last.getStatus());
            jobOperator.recover(last);
        }
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            return alreadyPublished(episode);
        }
        try {
            LOG.info("{} {}", last == null ? "Starting" : "Restarting", episode);
            JobExecution execution = jobOperator.start(episodeJob, parameters);
            if (execution.getStatus() == BatchStatus.COMPLETED) {
                var published = publications.latestPublished(episode).orElseThrow();
                return new RunOutcome(RunOutcome.Kind.PUBLISHED, "Published " + episode + " as r" + published.revision()
                        + " at " + published.path() + summary(execution));
            }
            return new RunOutcome(RunOutcome.Kind.FAILED, "Run of " + episode + " ended " + execution.getStatus()
                    + summary(execution) + "\nNothing was published. Fix the cause and run the same command again to continue.");
        } catch (JobInstanceAlreadyCompleteException e) {
            return alreadyPublished(episode);
        } catch (Exception e) {
            LOG.error("Run of {} could not start", episode, e);
            return new RunOutcome(RunOutcome.Kind.FAILED, "Run of " + episode + " could not start: " + e.getMessage());
        }
    }

    private RunOutcome alreadyPublished(EpisodeKey episode) {
        String where = publications.latestPublished(episode)
                .map(p -> "r" + p.revision() + " at " + p.path() + " (" + p.publishedAt() + ")").orElse("an earlier run");
        return new RunOutcome(RunOutcome.Kind.ALREADY_PUBLISHED, episode + " was already published as " + where
                + "; nothing new to publish");
    }

    /** The exit description without stack frames, indented under its step. */
    private static String describe(String description) {
        String text = description.lines().filter(l -> !l.isBlank() && !l.stripLeading().startsWith("at ")
                && !l.stripLeading().startsWith("... ")).limit(20).collect(Collectors.joining("\n           "));
        return text.isBlank() ? "" : "\n           " + text;
    }

    private static String summary(JobExecution execution) {
        String steps = execution.getStepExecutions().stream()
                .filter(s -> !s.getStepName().contains(":"))
                .map(s -> String.format("  %-8s %-9s read %d, written %d, filtered %d%s", s.getStepName(), s.getStatus(),
                        s.getReadCount(), s.getWriteCount(), s.getFilterCount(),
                        describe(s.getExitStatus().getExitDescription())))
                .collect(Collectors.joining("\n"));
        String failure = execution.getAllFailureExceptions().stream().map(Throwable::getMessage).distinct()
                .collect(Collectors.joining("\n  "));
        return "\n" + steps + (failure.isBlank() ? "" : "\nFailure:\n  " + failure);
    }
}
