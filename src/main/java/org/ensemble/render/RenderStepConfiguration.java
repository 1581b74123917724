package org.ensemble.render;


import org.ensemble.EnsembleSettings;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeInbox;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.media.MasterAssembler;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.show.ShowCatalog;
import org.ensemble.segment.Beds;
import org.ensemble.show.ShowDefinition;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
class RenderStepConfiguration {

    static final String STEP = "render";

    @Bean
    Step renderStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, RenderTasklet renderTasklet) {
        return new StepBuilder(STEP, jobRepository).tasklet(renderTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    RenderTasklet renderTasklet(EpisodeKey episode,
                                @Value("#{jobExecutionContext['edlRevision']}") Integer edlRevision, ShowCatalog shows,
                                EnsembleSettings settings, ContributionRepository contributions,
                                ConformedPieceRepository conformed, EditDecisionListRepository edls,
                                SegmentFactory segments, MasterAssembler assembler, Beds beds,
                                EpisodeInbox inboxes) {
        ShowDefinition definition = shows.require(episode.showId());
        return new RenderTasklet(episode, edlRevision, definition, settings, inboxes.of(episode), contributions, conformed,
                edls, segments, assembler, beds, definition.quality().detectors(definition.profile().frameRate()));
    }
}
