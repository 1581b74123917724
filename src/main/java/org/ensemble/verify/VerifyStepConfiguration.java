package org.ensemble.verify;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.EpisodeWork;
import org.ensemble.episode.QualityReport;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The verify step: measures the master and writes {@code qc.json} beside it; out of spec fails the run. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VerifySettings.class)
class VerifyStepConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(VerifyStepConfiguration.class);
    static final String STEP = "verify";

    @Bean
    Step verifyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, Tasklet verifyTasklet) {
        return new StepBuilder(STEP, jobRepository).tasklet(verifyTasklet, transactionManager).build();
    }

    @Bean
    @StepScope
    Tasklet verifyTasklet(EpisodeKey episode,
                          @Value("#{jobExecutionContext['edlRevision']}") Integer edlRevision, ShowCatalog shows,
                          EnsembleSettings settings, EditDecisionListRepository edls, ConformedPieceRepository conformed,
                          MasterInspector inspector) {
        return (step, chunk) -> {
            ShowDefinition show = shows.require(episode.showId());
            EpisodeWork work = EpisodeWork.of(settings, episode);
            EditDecisionList edl = edls.forExecution(episode, edlRevision);
            QualityReport report = inspector.inspect(work.master(), show, edl, conformed.findAll(episode));
            work.writeQualityReport(report);
            step.incrementReadCount();
            LOG.info("QC of {}: {} frames, {} LUFS, {} dBTP; {}", episode, report.videoFrames(),
                    report.integratedLufs(), report.truePeakDbtp(), report.passed() ? "passed" : "FAILED " + report.failures());
            if (!report.passed()) {
                throw new IllegalStateException("The master of " + episode.showId() + " " + episode.airDate() + " is out of spec: "
                        + String.join("; ", report.failures()) + " (see " + work.qualityReport() + "); nothing was published");
            }
            return RepeatStatus.FINISHED;
        };
    }
}
