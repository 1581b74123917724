package org.ensemble.episode;

import java.time.LocalDate;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;

/**
 * A run of an episode job names its episode in two job parameters, {@value #SHOW} and {@value #AIR_DATE}; this is
 * the one place that knows them. A step's beans take the {@link EpisodeKey} of their run as a plain argument.
 */
@Configuration(proxyBeanMethods = false)
public class EpisodeRun {

    public static final String SHOW = "show";
    public static final String AIR_DATE = "airDate";

    /** The episode of a run, from its parameters. */
    public static EpisodeKey of(JobParameters parameters) {
        return new EpisodeKey(parameters.getString(SHOW), parameters.getLocalDate(AIR_DATE));
    }

    /** The parameters that name an episode, to which a run adds its own. */
    public static JobParametersBuilder parameters(EpisodeKey episode) {
        return new JobParametersBuilder().addString(SHOW, episode.showId()).addLocalDate(AIR_DATE, episode.airDate());
    }

    /**
     * The episode of the step that is running, for the step's own beans (no proxy: a record cannot be one, and it is
     * only ever asked for while a step runs, also in a worker that runs one partition of it).
     */
    @Bean
    @Scope(value = "step", proxyMode = ScopedProxyMode.NO)
    EpisodeKey episodeOfTheRun(@Value("#{jobParameters['" + SHOW + "']}") String show,
                               @Value("#{jobParameters['" + AIR_DATE + "']}") LocalDate airDate) {
        return new EpisodeKey(show, airDate);
    }
}
