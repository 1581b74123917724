package org.ensemble.publish;


import org.ensemble.EnsembleSettings;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeInbox;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.media.ChapterMuxer;
import org.ensemble.media.FrameGrabber;
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
class PublishStepConfiguration {

    static final String STEP = "publish";

    @Bean
    Step publishStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, PublishTasklet publishTasklet) {
        return new StepBuilder(STEP, jobRepository).tasklet(publishTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    PublishTasklet publishTasklet(EpisodeKey episode,
                                  @Value("#{jobExecutionContext['edlRevision']}") Integer edlRevision, ShowCatalog shows,
                                  EnsembleSettings settings, EditDecisionListRepository edls,
                                  PublicationRepository publications, FrameGrabber frames, ChapterMuxer muxer,
                                  ContributionRepository contributions, EpisodeNumbers numbers, Webhooks webhooks,
                                  EpisodeInbox inboxes, PublishSettings publishSettings) {
        return new PublishTasklet(episode, edlRevision, shows.require(episode.showId()), settings, inboxes.of(episode), edls, publications, frames,
                muxer, contributions, numbers, webhooks, publishSettings.captions());
    }
}
