package org.ensemble.schedule;

import java.time.LocalDate;
import java.util.Date;
import java.util.TimeZone;

import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers one Quartz trigger per show from {@code jobs/<show>.yaml} (cron in the show's time zone). A trigger that
 * misfired during downtime fires once, not once per missed week. When it fires, the episode built is the one for the
 * next air day after today.
 */
@Component
@ConditionalOnProperty(name = "ensemble.scheduler.enabled", havingValue = "true", matchIfMissing = true)
public class WeeklySchedule {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklySchedule.class);
    static final String GROUP = "shows";

    private final Scheduler scheduler;
    private final ShowCatalog shows;

    public WeeklySchedule(Scheduler scheduler, ShowCatalog shows) {
        this.scheduler = scheduler;
        this.shows = shows;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void reload() throws SchedulerException {
        for (JobKey key : scheduler.getJobKeys(org.quartz.impl.matchers.GroupMatcher.jobGroupEquals(GROUP))) {
            scheduler.deleteJob(key);
        }
        for (ShowDefinition show : shows.all().values()) {
            JobDetail job = JobBuilder.newJob(WeeklyEpisodeJob.class).withIdentity(show.id(), GROUP)
                    .usingJobData("show", show.id()).storeDurably().build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(show.id(), GROUP))
                    .withSchedule(CronScheduleBuilder.cronSchedule(show.cron()).inTimeZone(TimeZone.getTimeZone(show.timeZone()))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            Date next = scheduler.scheduleJob(job, trigger);
            LOG.info("Scheduled {} ({}, {}): next run {}", show.id(), show.cron(), show.timeZone(), next.toInstant());
        }
    }

    /** The Quartz side of a weekly run: works out the air date and hands over to {@link EpisodeRunner}. */
    @DisallowConcurrentExecution
    public static class WeeklyEpisodeJob implements Job {

        private final EpisodeRunner runner;
        private final ShowCatalog shows;

        public WeeklyEpisodeJob(EpisodeRunner runner, ShowCatalog shows) {
            this.runner = runner;
            this.shows = shows;
        }

        @Override
        public void execute(JobExecutionContext context) {
            String showId = context.getMergedJobDataMap().getString("show");
            ShowDefinition show = shows.require(showId);
            LocalDate today = LocalDate.now(show.timeZone());
            LocalDate airDate = show.nextAirDateAfter(today);
            RunOutcome outcome = runner.run(showId, airDate);
            LOG.info("Scheduled run of {} {}: {}", showId, airDate, outcome.message());
        }
    }
}
