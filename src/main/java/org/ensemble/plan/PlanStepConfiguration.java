package org.ensemble.plan;


import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EditorOverrideRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.show.ShowCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class PlanStepConfiguration {

    static final String STEP = "plan";

    @Bean
    Step planStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, PlanTasklet planTasklet) {
        return new StepBuilder(STEP, jobRepository).tasklet(planTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    PlanTasklet planTasklet(EpisodeKey episode,
                            @Value("#{jobParameters['edlRevision']}") Long edlRevision,
                            @Value("#{jobParameters['requestedBy']}") String requestedBy,
                            @Value("#{jobParameters['reason']}") String reason, ShowCatalog shows,
                            ContributionRepository contributions, ConformedPieceRepository conformed,
                            EditDecisionListRepository edls, PublicationRepository publications,
                            EditorOverrideRepository overrides) {
        PlanRequest request = new PlanRequest(edlRevision == null ? null : edlRevision.intValue(),
                requestedBy == null ? "planner" : requestedBy, reason);
        return new PlanTasklet(episode, shows.require(episode.showId()), request, contributions, conformed, edls,
                publications, overrides);
    }
}
