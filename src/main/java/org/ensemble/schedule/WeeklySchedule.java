package org.ensemble.schedule;

import java.text.ParseException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.quartz.CronExpression;
import org.ensemble.start.StartFailure;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
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
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One Quartz trigger per show from {@code jobs/<show>.yaml} (cron in the show's time zone), kept in Quartz's JDBC store
 * so the schedule, its paused state and missed fire times survive restarts and are shared by every process on the
 * database. {@link #reload()} brings the triggers in line with the files: adds, replaces (a changed cron or zone),
 * removes, and keeps a paused show paused. A trigger that misfired during downtime fires once, not once per missed
 * week. When it fires, the episode built is the one for the next air day after today.
 */
@Component
public class WeeklySchedule {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklySchedule.class);
    static final String GROUP = "shows";

    private final Scheduler scheduler;
    private final ShowCatalog shows;
    private final boolean enabled;

    public WeeklySchedule(Scheduler scheduler, ShowCatalog shows,
                          @Value("${ensemble.scheduler.enabled:true}") boolean enabled) {
        this.scheduler = scheduler;
        this.shows = shows;
        this.enabled = enabled;
    }

    /** What a reload changed, by show id. */
    public record Reload(List<String> added, List<String> replaced, List<String> removed, List<String> unchanged) {
    }

    /** A show's trigger as Quartz holds it. */
    public record Entry(String show, String cron, String timeZone, Instant nextFire, Instant previousFire, boolean paused) {
    }

    @EventListener(ApplicationReadyEvent.class)
    void reloadOnStart() throws SchedulerException {
        if (enabled) {
            // a server without shows would run nothing, quietly: stop at start instead
            if (!Files.isDirectory(shows.folder())) {
                throw StartFailure.jobsMissing(shows.folder().toAbsolutePath());
            }
            reload();
        }
    }

    public synchronized Reload reload() throws SchedulerException {
        Map<String, ShowDefinition> defined = shows.all();
        List<String> added = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (JobKey key : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
            if (!defined.containsKey(key.getName())) {
                scheduler.deleteJob(key);
                removed.add(key.getName());
                LOG.info("Unscheduled {}: its show file is gone", key.getName());
            }
        }
        for (ShowDefinition show : defined.values()) {
            TriggerKey key = TriggerKey.triggerKey(show.id(), GROUP);
            Trigger existing = scheduler.getTrigger(key);
            if (existing instanceof CronTrigger cron && cron.getCronExpression().equals(show.cron())
                    && cron.getTimeZone().getID().equals(show.timeZone().getId())) {
                // left alone: replacing it would forget a misfire waiting to be handled
                unchanged.add(show.id());
                continue;
            }
            Trigger trigger = trigger(show).build();
            Date next;

            if (existing != null) {
                boolean paused = scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED;
                next = scheduler.rescheduleJob(key, trigger);
                if (paused) {
                    scheduler.pauseTrigger(key);
                }
                replaced.add(show.id());
            } else {
                JobDetail job = JobBuilder.newJob(WeeklyEpisodeJob.class).withIdentity(show.id(), GROUP)
                        .usingJobData("show", show.id()).storeDurably().build();
                scheduler.scheduleJob(job, Set.of(trigger), true);
                next = trigger.getNextFireTime();
                added.add(show.id());
            }
            LOG.info("Scheduled {} ({}, {}): next run {}", show.id(), show.cron(), show.timeZone(), next == null ? "-" : next.toInstant());
        }
        return new Reload(added, replaced, removed, unchanged);
    }

    /** The trigger for a show: its cron in its time zone; after downtime, one run for all the missed weeks. */
    static TriggerBuilder<CronTrigger> trigger(ShowDefinition show) {
        return TriggerBuilder.newTrigger().withIdentity(TriggerKey.triggerKey(show.id(), GROUP)).forJob(show.id(), GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(show.cron()).inTimeZone(TimeZone.getTimeZone(show.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed());
    }

    public List<Entry> entries() throws SchedulerException {
        List<Entry> result = new ArrayList<>();
        for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(GROUP))) {
            entry(key.getName()).ifPresent(result::add);
        }
        result.sort(Comparator.comparing(Entry::show));
        return result;
    }

    public Optional<Entry> entry(String show) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey(show, GROUP);
        Trigger trigger = scheduler.getTrigger(key);
        if (trigger == null) {
            return Optional.empty();
        }
        CronTrigger cron = (CronTrigger) trigger;
        return Optional.of(new Entry(show, cron.getCronExpression(), cron.getTimeZone().getID(), instant(trigger.getNextFireTime()),
                instant(trigger.getPreviousFireTime()), scheduler.getTriggerState(key) == Trigger.TriggerState.PAUSED));
    }

    /** Pauses a show's trigger (in the database: every process sharing it sees the pause). False when unknown. */
    public boolean pause(String show) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey(show, GROUP);
        if (!scheduler.checkExists(key)) {
            return false;
        }
        scheduler.pauseTrigger(key);
        LOG.info("Paused the schedule of {}", show);
        return true;
    }

    /** Resumes a paused show; a fire time missed while paused is handled as a misfire (one run now). */
    public boolean resume(String show) throws SchedulerException {
        TriggerKey key = TriggerKey.triggerKey(show, GROUP);
        if (!scheduler.checkExists(key)) {
            return false;
        }
        scheduler.resumeTrigger(key);
        LOG.info("Resumed the schedule of {}", show);
        return true;
    }

    /**
     * The next time a show's cron fires after {@code after}, in the show's time zone: the rule the scheduler's own
     * trigger follows, for a show the scheduler does not hold (not scheduled here, or this process runs no scheduler).
     * Null for a cron that never fires again.
     */
    public static Instant nextFire(ShowDefinition show, Instant after) {
        try {
            CronExpression cron = new CronExpression(show.cron());
            cron.setTimeZone(TimeZone.getTimeZone(show.timeZone()));
            return instant(cron.getNextValidTimeAfter(Date.from(after)));
        } catch (ParseException e) {
            // the show catalogue refuses a cron Quartz cannot read, so this cannot happen to a loaded show
            return null;
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
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
