package org.ensemble.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.ensemble.media.MediaProgress;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * How far each job execution running in this process has got: the FFmpeg runs it has going now (from FFmpeg's own
 * {@code -progress} report) and, from the job repository, its current step and, in {@code conform}, the pieces done
 * out of all. In memory only: another process sees the repository's part (step, pieces), not the percent.
 */
@Component
public class ProgressBoard {

    /**
     * @param step        the step running now (null when none)
     * @param percent     0..100 of the step's work, when it can be told
     * @param etaSeconds  the step's remaining time, from its elapsed time and percent (null when unknown)
     * @param current     the FFmpeg run reported last (e.g. "segment t1")
     * @param piecesDone  in {@code conform}: pieces finished (conformed or rejected)
     * @param piecesTotal in {@code conform}: pieces to conform
     */
    public record Progress(long executionId, String step, Integer percent, Long etaSeconds, String current,
                           Integer piecesDone, Integer piecesTotal) {
    }

    private record Entry(Map<String, MediaProgress> running, String[] last) {
    }

    private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
    private final JobRepository jobRepository;

    public ProgressBoard(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    void started(long executionId) {
        entries.put(executionId, new Entry(new ConcurrentHashMap<>(), new String[1]));
    }

    void report(long executionId, MediaProgress progress) {
        Entry entry = entries.get(executionId);
        if (entry == null) {
            return;
        }
        entry.last()[0] = progress.label();
        if (progress.finished()) {
            entry.running().remove(progress.label());
        } else {
            entry.running().put(progress.label(), progress);
        }
    }

    void finished(long executionId) {
        entries.remove(executionId);
    }

    /** Executions running in this process, newest first. */
    public List<Long> running() {
        List<Long> ids = new ArrayList<>(entries.keySet());
        ids.sort(Comparator.reverseOrder());
        return ids;
    }

    /** The progress of an execution: percent and FFmpeg runs only when it runs in this process. */
    public Optional<Progress> progress(long executionId) {
        JobExecution execution = EpisodeRunner.findExecution(jobRepository, executionId);
        if (execution == null) {
            return Optional.empty();
        }
        return Optional.of(progress(execution));
    }

    Progress progress(JobExecution execution) {
        long id = execution.getId();
        StepExecution step = execution.getStepExecutions().stream()
                .filter(s -> s.getStatus().isRunning() && !s.getStepName().contains(":"))
                .max(Comparator.comparing(StepExecution::getId)).orElse(null);
        Integer done = null;
        Integer total = null;
        List<StepExecution> pieces = execution.getStepExecutions().stream()
                .filter(s -> s.getStepName().startsWith("conformPiece:")).toList();
        if (!pieces.isEmpty()) {
            total = pieces.size();
            done = (int) pieces.stream().filter(s -> !s.getStatus().isRunning()).count();
        }
        Entry entry = entries.get(id);
        if (step == null || entry == null) {
            return new Progress(id, step == null ? null : step.getStepName(), null, null, null, done, total);
        }
        List<MediaProgress> live = new ArrayList<>(entry.running().values());
        double fraction;
        if ("conform".equals(step.getStepName()) && total != null && total > 0) {
            // whole pieces done plus the part of each piece being encoded now
            fraction = (done + live.stream().mapToDouble(MediaProgress::fraction).sum()) / total;
        } else if (!live.isEmpty()) {
            // the FFmpeg runs going now, weighted by their length in frames
            long all = live.stream().mapToLong(MediaProgress::framesTotal).sum();
            long written = live.stream().mapToLong(MediaProgress::framesDone).sum();
            fraction = all == 0 ? 0 : (double) written / all;
        } else {
            return new Progress(id, step.getStepName(), null, null, entry.last()[0], done, total);
        }
        fraction = Math.max(0, Math.min(1, fraction));
        Long eta = null;
        if (fraction > 0.01 && step.getStartTime() != null) {
            long elapsed = Duration.between(step.getStartTime(), LocalDateTime.now()).toSeconds();
            eta = Math.round(elapsed * (1 - fraction) / fraction);
        }
        return new Progress(id, step.getStepName(), (int) Math.floor(fraction * 100), eta, entry.last()[0], done, total);
    }

    public static String bar(Progress p, int width) {
        int percent = p.percent() == null ? 0 : p.percent();
        int filled = width * percent / 100;
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + (p.percent() == null ? "  ?" : String.format("%3d", percent))
                + "% " + (p.step() == null ? "" : p.step())
                + (p.piecesTotal() == null ? "" : " " + p.piecesDone() + "/" + p.piecesTotal() + " pieces")
                + (p.etaSeconds() == null ? "" : " ETA " + p.etaSeconds() + " s")
                + (p.current() == null ? "" : " (" + p.current() + ")");
    }

}
