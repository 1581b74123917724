package org.ensemble.schedule;

import io.micrometer.observation.ObservationRegistry;
import org.ensemble.EnsembleSettings;
import org.ensemble.episode.EpisodeRun;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The weekly job, one instance per (show, air date), and the editors' re-render job, one instance per request,
 * which starts at {@code plan} and reuses everything the weekly run conformed. Their names and their steps' names
 * are stored in the job repository forever; do not rename them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EnsembleSettings.class)
class EpisodeJobConfiguration {

    static final String JOB = "episodeJob";
    static final String RERENDER_JOB = "rerenderJob";

    @Bean
    Job episodeJob(JobRepository jobRepository, Step ingestStep, Step conformStep, Step planStep, Step renderStep,
                   Step verifyStep, Step publishStep, RunningExecutions running, ObjectProvider<ObservationRegistry> observations) {
        return new JobBuilder(JOB, jobRepository)
                .listener(running)
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .validator(new DefaultJobParametersValidator(new String[] {EpisodeRun.SHOW, EpisodeRun.AIR_DATE}, new String[0]))
                .start(ingestStep)
                .next(conformStep)
                .next(planStep)
                .next(renderStep)
                .next(verifyStep)
                .next(publishStep)
                .build();
    }

    @Bean
    Job rerenderJob(JobRepository jobRepository, Step planStep, Step renderStep, Step verifyStep, Step publishStep,
                    RunningExecutions running, ObjectProvider<ObservationRegistry> observations) {
        return new JobBuilder(RERENDER_JOB, jobRepository)
                .listener(running)
                // job durations as the timer spring.batch.job (tags: job name, status)
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .validator(new DefaultJobParametersValidator(new String[] {EpisodeRun.SHOW, EpisodeRun.AIR_DATE, "request"},
                        new String[] {"requestedBy", "reason", "edlRevision"}))
                // the plan step ends with UNCHANGED when its plan is the package already current: nothing to render
                .start(planStep).on("UNCHANGED").end()
                .from(planStep).on("COMPLETED").to(renderStep).next(verifyStep).next(publishStep)
                .from(planStep).on("*").fail()
                .end()
                .build();
    }
}
