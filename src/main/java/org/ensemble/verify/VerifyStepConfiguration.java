package org.ensemble.verify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
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
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

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
    Tasklet verifyTasklet(@Value("#{jobParameters['show']}") String showId,
                          @Value("#{jobParameters['airDate']}") LocalDate airDate,
                          @Value("#{jobExecutionContext['edlRevision']}") Integer edlRevision, ShowCatalog shows,
                          EnsembleSettings settings, EditDecisionListRepository edls, ConformedPieceRepository conformed,
                          MasterInspector inspector) {
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        return (step, chunk) -> {
            ShowDefinition show = shows.require(showId);
            Path work = settings.work(showId, airDate);
            EpisodeKey episode = new EpisodeKey(showId, airDate);
            EditDecisionList edl = edls.forExecution(episode, edlRevision);
            QualityReport report = inspector.inspect(work.resolve("master.mp4"), show, edl, conformed.findAll(episode));
            try {
                Files.writeString(work.resolve("qc.json"), json.writeValueAsString(report));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            step.incrementReadCount();
            LOG.info("QC of {}/{}: {} frames, {} LUFS, {} dBTP; {}", showId, airDate, report.videoFrames(),
                    report.integratedLufs(), report.truePeakDbtp(), report.passed() ? "passed" : "FAILED " + report.failures());
            if (!report.passed()) {
                throw new IllegalStateException("The master of " + showId + " " + airDate + " is out of spec: "
                        + String.join("; ", report.failures()) + " (see " + work.resolve("qc.json") + "); nothing was published");
            }
            return RepeatStatus.FINISHED;
        };
    }
}
