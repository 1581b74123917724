package org.ensemble.ingest;

import java.util.List;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EpisodeInbox;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.EpisodeRun;
import org.ensemble.media.ContentDetector;
import org.ensemble.media.MediaProbe;
import org.ensemble.show.ShowCatalog;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The ingest step: manifest lines in, recorded contributions (accepted or rejected with a reason) out. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestSettings.class)
class IngestStepConfiguration {

    static final String STEP = "ingest";

    @Bean
    Step ingestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                    ManifestReader manifestReader, ContributionInspector contributionInspector,
                    ContributionRepository contributions, EpisodeInbox inboxes) {
        return new StepBuilder(STEP, jobRepository)
                .<ManifestLine, Contribution>chunk(10)
                .transactionManager(transactionManager)
                .reader(manifestReader)
                .processor(contributionInspector)
                .writer(chunk -> chunk.forEach(contributions::save))
                .listener(new IngestSummary(contributions, inboxes))
                .build();
    }

    @Bean
    @StepScope
    ManifestReader manifestReader(EpisodeInbox inboxes, EpisodeKey episode) {
        return new ManifestReader(inboxes.of(episode).resolve("manifest.jsonl"));
    }

    @Bean
    @StepScope
    ContributionInspector contributionInspector(EpisodeInbox inboxes, ShowCatalog shows, ContentDetector detector,
                                                MediaProbe probe, IngestSettings limits, ContributionRepository contributions,
                                                EpisodeKey episode) {
        return new ContributionInspector(episode, shows.require(episode.showId()), inboxes.of(episode),
                detector, probe, limits, contributions.findAll(episode));
    }

    /**
     * Remembers the inbox the episode is read from (a re-render or restart reads the pieces there), and puts the
     * accepted and rejected counts (and every reason) where operations look: the step's exit description.
     */
    static final class IngestSummary implements StepExecutionListener {
        private final ContributionRepository contributions;
        private final EpisodeInbox inboxes;

        IngestSummary(ContributionRepository contributions, EpisodeInbox inboxes) {
            this.contributions = contributions;
            this.inboxes = inboxes;
        }

        @Override
        public void beforeStep(StepExecution step) {
            EpisodeKey episode = EpisodeRun.of(step.getJobParameters());
            inboxes.remember(episode, inboxes.of(episode));
        }

        @Override
        public ExitStatus afterStep(StepExecution step) {
            EpisodeKey episode = EpisodeRun.of(step.getJobParameters());
            List<Contribution> all = contributions.findAll(episode);
            List<Contribution> rejected = all.stream().filter(c -> !c.accepted()).toList();
            step.getExecutionContext().putInt("accepted", all.size() - rejected.size());
            step.getExecutionContext().putInt("rejected", rejected.size());
            StringBuilder summary = new StringBuilder((all.size() - rejected.size()) + " accepted, " + rejected.size() + " rejected");
            rejected.forEach(r -> summary.append("\n").append(r.id()).append(": ").append(r.reason()));
            return step.getExitStatus().addExitDescription(summary.toString());
        }
    }
}
