package org.ensemble.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.ProcessCancelledException;
import org.ensemble.media.ProcessSpec;
import org.ensemble.show.ShowCatalog;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * A stop recorded in the job repository by another process (the CLI's {@code stop}, the API or console of another
 * server) reaches the FFmpeg that this process runs for the execution: {@link RunningExecutions} kills it, and the
 * execution ends STOPPED. Two job repositories and operators on one H2 file database stand for the two processes.
 */
class StopFromAnotherProcessTest {

    @TempDir
    Path dir;

    private final MediaProcessGateway gateway = new MediaProcessGateway();
    private final ExecutorService runner = Executors.newSingleThreadExecutor();
    private String url;

    @BeforeEach
    void database() {
        url = "jdbc:h2:file:" + dir.resolve("db/ensemble").toAbsolutePath();
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
    }

    @AfterEach
    void stopAnythingLeft() throws InterruptedException {
        gateway.close();
        runner.shutdownNow();
        assertThat(runner.awaitTermination(30, TimeUnit.SECONDS)).as("the job's thread ended").isTrue();
    }

    /** One process's view of the shared database: its own connections, transactions and job repository. */
    record Process(DataSource dataSource, JdbcTransactionManager transactions, JobRepository repository) {
    }

    Process process() throws Exception {
        DataSource dataSource = new DriverManagerDataSource(url, "sa", "");
        JdbcTransactionManager transactions = new JdbcTransactionManager(dataSource);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(transactions);
        factory.afterPropertiesSet();
        return new Process(dataSource, transactions, factory.getObject());
    }

    static TaskExecutorJobOperator operator(Process process, Job... known) throws Exception {
        MapJobRegistry registry = new MapJobRegistry();
        for (Job job : known) {
            registry.register(job);
        }
        TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
        operator.setJobRepository(process.repository());
        operator.setJobRegistry(registry);
        operator.afterPropertiesSet();
        return operator;
    }

    /** A job of one step that runs FFmpeg for two minutes, as conform and render do: a stop ends it STOPPED. */
    Job encodingJob(Process process, RunningExecutions running, Path out) {
        ProcessSpec spec = ProcessSpec.of("long", List.of(TestMedia.ffmpeg(), "-hide_banner", "-nostdin", "-y", "-re", "-f", "lavfi",
                "-i", "testsrc2=size=320x180:rate=30", "-t", "120", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                out.toString()), Duration.ofMinutes(5), out);
        return new JobBuilder("stopWatchJob", process.repository())
                .listener(running)
                .start(new StepBuilder("encode", process.repository()).tasklet((contribution, chunk) -> {
                    try {
                        gateway.run(spec);
                    } catch (ProcessCancelledException e) {
                        throw new JobInterruptedException("encode stopped: " + e.getMessage());
                    }
                    return RepeatStatus.FINISHED;
                }, process.transactions()).build())
                .build();
    }

    @ParameterizedTest(name = "the stopping process knows the job: {0}")
    @ValueSource(booleans = {true, false})
    void aStopRecordedByAnotherProcessKillsTheRunningFfmpegAndTheExecutionEndsStopped(boolean knowsTheJob) throws Exception {
        // given: this process runs an execution whose FFmpeg is encoding
        Process here = process();
        RunningExecutions running = new RunningExecutions(gateway, new ProgressBoard(here.repository()), here.repository(),
                new EnsembleMetrics(new SimpleMeterRegistry(), new ShowCatalog(new EnsembleSettings(dir, dir, 1, null))));
        Path out = dir.resolve("long.mp4");
        Job job = encodingJob(here, running, out);
        TaskExecutorJobOperator operatorHere = operator(here, job);
        Future<JobExecution> run = runner.submit(() -> operatorHere.start(job,
                new JobParametersBuilder().addString("run", "stop-from-elsewhere").toJobParameters()));
        ProcessHandle ffmpeg = waitFor(() -> ProcessHandle.current().descendants()
                .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(out.toString())).findFirst(),
                Duration.ofSeconds(30), "FFmpeg of the execution started");
        JobExecution execution = here.repository().getLastJobExecution("stopWatchJob",
                new JobParametersBuilder().addString("run", "stop-from-elsewhere").toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.STARTED);

        // when: another process stops it through its own job operator (as `ensemble stop --execution <id>` does)
        Process elsewhere = process();
        TaskExecutorJobOperator operatorElsewhere = knowsTheJob
                ? operator(elsewhere, encodingJob(elsewhere, running, out)) : operator(elsewhere);
        assertThat(operatorElsewhere.stop(elsewhere.repository().getJobExecution(execution.getId()))).isTrue();
        long stoppedAt = System.nanoTime();
        // (Spring Batch 6 records that stop as STOPPED with an end time at once, not as STOPPING)
        JobExecution recorded = elsewhere.repository().getJobExecution(execution.getId());
        assertThat(recorded.getEndTime()).isNotNull();
        assertThat(recorded.getStatus()).isIn(BatchStatus.STOPPING, BatchStatus.STOPPED);

        // then: this process kills its FFmpeg within seconds (it would encode for two minutes otherwise)
        waitFor(() -> ffmpeg.isAlive() ? Optional.empty() : Optional.of(true), Duration.ofSeconds(10), "FFmpeg killed");
        System.out.printf("FFmpeg gone %d ms after the stop was recorded%n", (System.nanoTime() - stoppedAt) / 1_000_000);
        // and the execution ends STOPPED, its step too, and the partial output is gone
        run.get(30, TimeUnit.SECONDS);
        JobExecution ended = elsewhere.repository().getJobExecution(execution.getId());
        assertThat(ended.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(ended.getEndTime()).isNotNull();
        assertThat(ended.getStepExecutions()).extracting(StepExecution::getStatus).containsExactly(BatchStatus.STOPPED);
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest(name = "{0}, end time {1}: stop {2}")
    @org.junit.jupiter.params.provider.CsvSource({
            // Spring Batch 6's JobOperator.stop, as its repository stores it
            "STOPPED, true, true",
            // a writer that leaves STOPPING (Spring Batch before 6, or a stop read before the repository's upgrade)
            "STOPPING, false, true",
            "STOPPING, true, true",
            // an end time on an execution still marked running: someone else ended it
            "STARTED, true, true",
            "ABANDONED, true, true",
            // running, nothing asked
            "STARTING, false, false",
            "STARTED, false, false",
            // the job's own last write, just before its listener ends the watcher: nothing to stop
            "COMPLETED, true, false",
            "FAILED, true, false",
    })
    void theWatcherReadsAStopHoweverItIsRecorded(BatchStatus status, boolean ended, boolean stop) {
        JobExecution stored = new JobExecution(1, new org.springframework.batch.core.job.JobInstance(1, "stopWatchJob"),
                new JobParametersBuilder().toJobParameters());
        stored.setStatus(status);
        if (ended) {
            stored.setEndTime(java.time.LocalDateTime.now());
        }
        assertThat(RunningExecutions.stopRecorded(stored)).isEqualTo(stop);
    }

    static <T> T waitFor(java.util.function.Supplier<Optional<T>> found, Duration limit, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<T> value = found.get();
            if (value.isPresent()) {
                return value.get();
            }
            assertThat(System.nanoTime()).as("%s within %s", what, limit).isLessThan(end);
            Thread.sleep(50);
        }
    }
}
