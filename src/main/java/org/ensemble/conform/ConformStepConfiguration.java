package org.ensemble.conform;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.show.ShowCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The conform step: one partition per accepted contribution, run {@code ensemble.parallelism} at a time.
 * Partitions exchange only ids, so the same step can later be spread over workers (remote partitioning).
 * On restart only the partitions that did not finish run again.
 */
@Configuration(proxyBeanMethods = false)
class ConformStepConfiguration {

    static final String STEP = "conform";
    static final String WORKER_STEP = "conformPiece";

    @Bean
    Step conformStep(JobRepository jobRepository, Step conformPieceStep, Partitioner conformPartitioner,
                     EnsembleSettings settings, SegmentFactory segments) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("conform-");
        executor.setConcurrencyLimit(settings.parallelism());
        return new StepBuilder(STEP, jobRepository)
                .partitioner(WORKER_STEP, conformPartitioner)
                .step(conformPieceStep)
                .gridSize(settings.parallelism())
                .taskExecutor(executor)
                .listener(new StepExecutionListener() {
                    @Override
                    public void beforeStep(StepExecution stepExecution) {
                        segments.removeAbandonedWork();
                    }
                })
                .build();
    }

    @Bean
    @StepScope
    Partitioner conformPartitioner(ContributionRepository contributions,
                                   @Value("#{jobParameters['show']}") String show,
                                   @Value("#{jobParameters['airDate']}") LocalDate airDate) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (Contribution c : contributions.findAccepted(new EpisodeKey(show, airDate))) {
                ExecutionContext context = new ExecutionContext();
                context.putString("contributionId", c.id());
                partitions.put("piece-" + c.id(), context);
            }
            return partitions;
        };
    }

    @Bean
    Step conformPieceStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, ConformTasklet conformTasklet) {
        return new StepBuilder(WORKER_STEP, jobRepository).tasklet(conformTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    ConformTasklet conformTasklet(@Value("#{jobParameters['show']}") String show,
                                  @Value("#{jobParameters['airDate']}") LocalDate airDate,
                                  @Value("#{stepExecutionContext['contributionId']}") String contributionId,
                                  ShowCatalog shows, EnsembleSettings settings, ContributionRepository contributions,
                                  ConformedPieceRepository conformed, LoudnessCache loudness, SegmentFactory segments,
                                  org.ensemble.episode.EpisodeInbox inboxes) {
        EpisodeKey episode = new EpisodeKey(show, airDate);
        return new ConformTasklet(episode, contributionId, shows.require(show), inboxes.of(episode),
                contributions, conformed, loudness, segments);
    }
}
