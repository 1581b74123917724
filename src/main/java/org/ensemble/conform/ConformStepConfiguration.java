package org.ensemble.conform;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.ensemble.EnsembleSettings;
import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EpisodeInbox;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.EpisodeRun;
import org.ensemble.episode.PieceQuality;
import org.ensemble.media.MasterScan;
import org.ensemble.segment.Beds;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.show.ShowCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.ExitStatus;
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
                     EnsembleSettings settings, SegmentFactory segments, ConformedPieceRepository conformed) {
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

                    /** The run's summary names what the pieces' own QC did: each trimmed or left-out piece, with why. */
                    @Override
                    public ExitStatus afterStep(StepExecution stepExecution) {
                        EpisodeKey episode = EpisodeRun.of(stepExecution.getJobParameters());
                        String treated = qualitySummary(conformed.list(episode));
                        return treated.isEmpty() ? stepExecution.getExitStatus()
                                : stepExecution.getExitStatus().addExitDescription(treated);
                    }
                })
                .build();
    }

    /** "QC: a trimmed: …; b left out: …", by piece id, or "" when every piece was kept as it was. */
    static String qualitySummary(List<ConformedPiece> pieces) {
        String treated = pieces.stream().filter(p -> p.quality() != null
                        && p.quality().treatment() != PieceQuality.Treatment.KEPT)
                .sorted(Comparator.comparing(ConformedPiece::contributionId))
                .map(p -> p.contributionId() + " " + p.quality().summary()).collect(Collectors.joining("; "));
        return treated.isEmpty() ? "" : "QC: " + treated;
    }

    @Bean
    @StepScope
    Partitioner conformPartitioner(ContributionRepository contributions, EpisodeKey episode) {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (Contribution c : contributions.findAccepted(episode)) {
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
    ConformTasklet conformTasklet(EpisodeKey episode,
                                  @Value("#{stepExecutionContext['contributionId']}") String contributionId,
                                  ShowCatalog shows, EnsembleSettings settings, ContributionRepository contributions,
                                  ConformedPieceRepository conformed, LoudnessCache loudness, SegmentFactory segments,
                                  EpisodeInbox inboxes, Beds beds, MasterScan scanner) {
        return new ConformTasklet(episode, contributionId, shows.require(episode.showId()), inboxes.of(episode),
                contributions, conformed, loudness, segments, beds, new PieceCheck(scanner),
                settings.work(episode.showId(), episode.airDate()));
    }
}
