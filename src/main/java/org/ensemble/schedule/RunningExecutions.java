package org.ensemble.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ensemble.media.MediaProcessGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Follows each job execution this process runs: its FFmpeg processes belong to it (so a stop can kill them), their
 * progress goes to the {@link ProgressBoard}, and a watcher reads the execution's status in the job repository every
 * second, so a stop asked for by another process (CLI {@code stop}, another server) kills the running FFmpeg
 * too instead of waiting for the step to end. Spring Batch itself notices a stop only between chunks and steps.
 */
@Component
class RunningExecutions implements JobExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunningExecutions.class);
    /** How often the watcher reads the repository: a stop from another process kills FFmpeg within two of these. */
    static final long WATCH_MILLIS = 1000;

    private final MediaProcessGateway gateway;
    private final ProgressBoard board;
    private final JobRepository jobRepository;
    private final EnsembleMetrics metrics;
    private final Map<Long, Thread> watchers = new ConcurrentHashMap<>();

    RunningExecutions(MediaProcessGateway gateway, ProgressBoard board, JobRepository jobRepository, EnsembleMetrics metrics) {
        this.gateway = gateway;
        this.board = board;
        this.jobRepository = jobRepository;
        this.metrics = metrics;
    }

    static String owner(long executionId) {
        return "execution " + executionId;
    }

    @Override
    public void beforeJob(JobExecution execution) {
        long id = execution.getId();
        board.started(id);
        gateway.enter(owner(id), progress -> board.report(id, progress));
        Thread watcher = new Thread(() -> watch(id), "stop-watch-" + id);
        watcher.setDaemon(true);
        watchers.put(id, watcher);
        watcher.start();
    }

    @Override
    public void afterJob(JobExecution execution) {
        long id = execution.getId();
        Thread watcher = watchers.remove(id);
        if (watcher != null) {
            watcher.interrupt();
        }
        gateway.leave();
        board.finished(id);
        metrics.record(execution);
    }

    /** Stops the FFmpeg processes of an execution running here; false when it does not run in this process. */
    boolean cancelHere(long executionId) {
        if (!watchers.containsKey(executionId)) {
            return false;
        }
        int killed = gateway.cancel(owner(executionId));
        LOG.info("Stop of execution {}: {} FFmpeg process(es) killed", executionId, killed);
        return true;
    }

    /**
     * True when the job repository says that an execution this process still runs is to stop. Spring Batch 6's
     * {@code JobOperator.stop} records STOPPING with an end time, which its repository turns into STOPPED at once, so
     * STOPPING is seen only from other writers; a running status with an end time means the same. COMPLETED or FAILED
     * with an end time is the job's own last write, just before its listener stops this watcher.
     */
    static boolean stopRecorded(JobExecution stored) {
        BatchStatus status = stored.getStatus();
        return status == BatchStatus.STOPPING || status == BatchStatus.STOPPED || status == BatchStatus.ABANDONED
                || (status.isRunning() && stored.getEndTime() != null);
    }

    private void watch(long id) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(WATCH_MILLIS);
                JobExecution stored = EpisodeRunner.findExecution(jobRepository, id);
                if (stored != null && stopRecorded(stored)) {
                    LOG.info("Execution {} is {} in the job repository{}: stopping its FFmpeg processes", id, stored.getStatus(),
                            stored.getEndTime() == null ? "" : " with an end time");
                    cancelHere(id);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // the execution ended
        } catch (RuntimeException e) {
            LOG.warn("Stop watcher of execution {} gave up: {}", id, e.toString());
        }
    }
}
