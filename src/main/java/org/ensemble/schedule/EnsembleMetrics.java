package org.ensemble.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Ensemble's own metrics, taken from what each finished job execution counted (job and step durations come from
 * Spring Batch's observations, {@code spring.batch.job}):
 * <ul>
 * <li>{@code ensemble.pieces.conformed} / {@code ensemble.pieces.rejected} (counters, per show)</li>
 * <li>{@code ensemble.render.realtime.factor} (summary, per show): programme seconds per wall-clock second of the
 * render step (above 1 is faster than real time)</li>
 * <li>{@code ensemble.publish.last.success} (gauge, per show): epoch seconds of the last publish by this process</li>
 * </ul>
 */
@Component
public class EnsembleMetrics {

    private final MeterRegistry registry;
    private final ShowCatalog shows;
    private final Map<String, AtomicLong> lastPublish = new ConcurrentHashMap<>();

    public EnsembleMetrics(MeterRegistry registry, ShowCatalog shows) {
        this.registry = registry;
        this.shows = shows;
    }

    void record(JobExecution execution) {
        String show = execution.getJobParameters().getString("show");
        if (show == null) {
            return;
        }
        long conformed = 0;
        long rejected = 0;
        StepExecution render = null;
        boolean published = false;
        for (StepExecution step : execution.getStepExecutions()) {
            String name = step.getStepName();
            if (name.startsWith("conformPiece:")) {
                conformed += step.getWriteCount();
                rejected += step.getFilterCount();
            } else if (name.equals("ingest") && step.getExecutionContext().containsKey("rejected")) {
                rejected += step.getExecutionContext().getInt("rejected");
            } else if (name.equals("render") && step.getStatus() == BatchStatus.COMPLETED) {
                render = step;
            } else if (name.equals("publish") && step.getStatus() == BatchStatus.COMPLETED) {
                published = true;
            }
        }
        Counter.builder("ensemble.pieces.conformed").description("Contributions conformed into house-format segments")
                .tag("show", show).register(registry).increment(conformed);
        Counter.builder("ensemble.pieces.rejected").description("Contributions rejected at ingest or conform, with a reason")
                .tag("show", show).register(registry).increment(rejected);
        if (render != null && render.getStartTime() != null && render.getEndTime() != null) {
            ShowDefinition definition = shows.find(show).orElse(null);
            double wall = Duration.between(render.getStartTime(), render.getEndTime()).toMillis() / 1000.0;
            if (definition != null && wall > 0) {
                double programme = definition.runtimeFrames() / (double) definition.profile().frameRate();
                DistributionSummary.builder("ensemble.render.realtime.factor")
                        .description("Programme seconds rendered per wall-clock second").tag("show", show)
                        .register(registry).record(programme / wall);
            }
        }
        if (published) {
            long when = (execution.getEndTime() != null ? execution.getEndTime() : LocalDateTime.now())
                    .atZone(ZoneId.systemDefault()).toEpochSecond();
            lastPublish.computeIfAbsent(show, s -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("ensemble.publish.last.success", value, AtomicLong::get)
                        .description("Epoch seconds of the last successful publish").baseUnit("seconds")
                        .tag("show", s).register(registry);
                return value;
            }).set(when);
        }
    }
}
