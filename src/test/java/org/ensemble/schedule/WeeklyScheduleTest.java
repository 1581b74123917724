package org.ensemble.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.ensemble.EnsembleSettings;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;

/**
 * The weekly triggers in Quartz's JDBC store on a real H2 file database whose tables come from the Flyway migration
 * (V5): one run after weeks of downtime, reload that keeps a pause, and a pause written by a second scheduler (as the
 * CLI does) that stops a running one.
 */
class WeeklyScheduleTest {

    @TempDir
    Path dir;
    String url;
    final java.util.List<Scheduler> schedulers = new java.util.ArrayList<>();

    /** Counts firings per job name; Quartz makes a new instance for each firing. */
    public static class CountingJob implements Job {
        static final ConcurrentHashMap<String, AtomicInteger> FIRED = new ConcurrentHashMap<>();

        @Override
        public void execute(JobExecutionContext context) {
            FIRED.computeIfAbsent(context.getJobDetail().getKey().getName(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @BeforeEach
    void database() {
        CountingJob.FIRED.clear();
        url = "jdbc:h2:file:" + dir.resolve("db/ensemble").toAbsolutePath();
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
    }

    @AfterEach
    void shutdown() throws Exception {
        for (Scheduler s : schedulers) {
            s.shutdown(true);
        }
    }

    /** A scheduler on the shared database, as a server or the CLI makes it (same scheduler name, own instance). */
    Scheduler scheduler(String instance, long idleWaitMillis) throws Exception {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "ensemble");
        p.setProperty("org.quartz.scheduler.instanceId", instance);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.idleWaitTime", Long.toString(idleWaitMillis));
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.dataSource", "ds");
        p.setProperty("org.quartz.dataSource.ds.provider", "hikaricp");
        p.setProperty("org.quartz.dataSource.ds.driver", "org.h2.Driver");
        p.setProperty("org.quartz.dataSource.ds.URL", url);
        p.setProperty("org.quartz.dataSource.ds.user", "sa");
        p.setProperty("org.quartz.dataSource.ds.password", "");
        p.setProperty("org.quartz.dataSource.ds.maxConnections", "4");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        // two schedulers with one name in one JVM: keep the factory's registry from handing back the first one
        SchedulerRepository.getInstance().remove("ensemble");
        scheduler.setJobFactory((bundle, s) -> new CountingJob());
        schedulers.add(scheduler);
        return scheduler;
    }

    ShowCatalog catalog(Path jobs) {
        return new ShowCatalog(new EnsembleSettings(dir, jobs, 1, null));
    }

    Path jobsWith(String... showIds) throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        String tiny = Files.readString(Path.of("src/test/resources/jobs/tiny-show.yaml"));
        for (String id : showIds) {
            Files.writeString(jobs.resolve(id + ".yaml"), tiny.replace("id: tiny-show", "id: " + id));
        }
        return jobs;
    }

    @Test
    void aTriggerWhoseFireTimeIsWeeksInThePastFiresOnceOnStartNotOncePerMissedWeek() throws Exception {
        // given: the tiny show's weekly trigger stored while the server was down, six weeks of fire times ago
        ShowDefinition show = catalog(Path.of("src/test/resources/jobs")).require("tiny-show");
        Instant sixWeeksAgo = Instant.now().minus(Duration.ofDays(42));
        Scheduler down = scheduler("before-downtime", 30_000);
        down.addJob(JobBuilder.newJob(CountingJob.class).withIdentity("tiny-show", WeeklySchedule.GROUP).storeDurably().build(), false);
        down.scheduleJob(WeeklySchedule.trigger(show).startAt(Date.from(sixWeeksAgo)).build());
        // and, for contrast, the same cron told to catch up on every missed fire time
        down.addJob(JobBuilder.newJob(CountingJob.class).withIdentity("catch-up", WeeklySchedule.GROUP).storeDurably().build(), false);
        down.scheduleJob(WeeklySchedule.trigger(show).withIdentity("catch-up", WeeklySchedule.GROUP).forJob("catch-up", WeeklySchedule.GROUP)
                .withSchedule(CronScheduleBuilder.cronSchedule(show.cron()).inTimeZone(java.util.TimeZone.getTimeZone(show.timeZone()))
                        .withMisfireHandlingInstructionIgnoreMisfires())
                .startAt(Date.from(sixWeeksAgo)).build());
        assertThat(down.getTrigger(TriggerKey.triggerKey("tiny-show", WeeklySchedule.GROUP)).getNextFireTime())
                .isBefore(Date.from(Instant.now().minus(Duration.ofDays(30))));
        down.shutdown();
        schedulers.remove(down);
        long missed = missedFireTimes(show, sixWeeksAgo);
        assertThat(missed).isBetween(5L, 6L);

        // when: the server starts again on the same database, and has done what it will do until next week: both
        // triggers' next fire times are ahead (nothing more can be acquired) and no firing is still in flight
        Scheduler server = scheduler("after-downtime", 1_000);
        server.start();
        waitUntil(() -> isAhead(server, "tiny-show") && isAhead(server, "catch-up") && inFlight(null) == 0,
                Duration.ofSeconds(20));

        // then: the show's trigger ran exactly once, the catch-up trigger once per missed week; next run is ahead
        assertThat(fired("tiny-show")).isEqualTo(1);
        assertThat(fired("catch-up")).isEqualTo(missed);
        assertThat(server.getTrigger(TriggerKey.triggerKey("tiny-show", WeeklySchedule.GROUP)).getNextFireTime()).isInTheFuture();
    }

    @Test
    void reloadAddsReplacesAndRemovesTriggersAndKeepsAPausedShowPaused() throws Exception {
        Path jobs = jobsWith("tiny-show", "other-show");
        WeeklySchedule schedule = new WeeklySchedule(scheduler("server", 30_000), catalog(jobs), true);

        // first load: both added
        WeeklySchedule.Reload first = schedule.reload();
        assertThat(first.added()).containsExactlyInAnyOrder("tiny-show", "other-show");
        assertThat(schedule.pause("tiny-show")).isTrue();

        // the cron of tiny-show changes, other-show stays as it was
        Path tinyFile = jobs.resolve("tiny-show.yaml");
        Files.writeString(tinyFile, Files.readString(tinyFile).replace("0 0 2 ? * SAT", "0 30 3 ? * FRI"));
        WeeklySchedule.Reload second = schedule.reload();
        assertThat(second.replaced()).containsExactly("tiny-show");
        assertThat(second.unchanged()).containsExactly("other-show");
        WeeklySchedule.Entry tiny = schedule.entry("tiny-show").orElseThrow();
        assertThat(tiny.cron()).isEqualTo("0 30 3 ? * FRI");
        assertThat(tiny.paused()).isTrue();
        assertThat(tiny.nextFire().atZone(java.time.ZoneId.of("Europe/London")).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.FRIDAY);
        assertThat(schedule.entry("other-show").orElseThrow().paused()).isFalse();

        // other-show's file goes away
        Files.delete(jobs.resolve("other-show.yaml"));
        WeeklySchedule.Reload third = schedule.reload();
        assertThat(third.removed()).containsExactly("other-show");
        assertThat(schedule.entries()).extracting(WeeklySchedule.Entry::show).containsExactly("tiny-show");

        // a restart (a new scheduler on the same database) reloads without touching the stored, paused trigger
        WeeklySchedule afterRestart = new WeeklySchedule(scheduler("restarted", 30_000), catalog(jobs), true);
        WeeklySchedule.Reload fourth = afterRestart.reload();
        assertThat(fourth.unchanged()).containsExactly("tiny-show");
        assertThat(fourth.added()).isEmpty();
        assertThat(afterRestart.entry("tiny-show").orElseThrow().paused()).isTrue();
    }

    @Test
    void aPauseWrittenByAnotherSchedulerStopsTheRunningServerAndAResumeStartsItAgain() throws Exception {
        // given: a running server whose show fires every second, and beside it a witness that nobody pauses
        Path jobs = jobsWith("every-second");
        Path file = jobs.resolve("every-second.yaml");
        Files.writeString(file, Files.readString(file).replace("0 0 2 ? * SAT", "* * * * * ?"));
        Scheduler server = scheduler("server", 1_000);
        new WeeklySchedule(server, catalog(jobs), true).reload();
        server.scheduleJob(JobBuilder.newJob(CountingJob.class).withIdentity("witness", "test").build(),
                TriggerBuilder.newTrigger().withIdentity("witness", "test")
                        .withSchedule(CronScheduleBuilder.cronSchedule("* * * * * ?")).build());
        server.start();
        waitUntil(() -> fired("every-second") >= 2, Duration.ofSeconds(10));

        // when: the CLI (its own scheduler on the same database, never started) pauses the show
        WeeklySchedule cli = new WeeklySchedule(scheduler("cli", 30_000), catalog(jobs), false);
        assertThat(cli.pause("every-second")).isTrue();
        // a firing the server had already acquired may still run, or is released: wait until Quartz holds none
        waitUntil(() -> inFlight("every-second") == 0, Duration.ofSeconds(20));
        int afterPause = fired("every-second");
        int witnessed = fired("witness");
        waitUntil(() -> fired("witness") >= witnessed + 3, Duration.ofSeconds(20));

        // then: the server went on firing the witness every second, and fired the show no more
        assertThat(fired("every-second")).isEqualTo(afterPause);
        assertThat(server.getTriggerState(TriggerKey.triggerKey("every-second", WeeklySchedule.GROUP)))
                .isEqualTo(org.quartz.Trigger.TriggerState.PAUSED);

        // and when the CLI resumes it, the server fires again
        assertThat(cli.resume("every-second")).isTrue();
        waitUntil(() -> fired("every-second") >= afterPause + 2, Duration.ofSeconds(10));
    }

    static long missedFireTimes(ShowDefinition show, Instant since) throws Exception {
        CronExpression cron = new CronExpression(show.cron());
        cron.setTimeZone(java.util.TimeZone.getTimeZone(show.timeZone()));
        long count = 0;
        Date next = cron.getNextValidTimeAfter(Date.from(since));
        while (next.before(new Date())) {
            count++;
            next = cron.getNextValidTimeAfter(next);
        }
        return count;
    }

    /** True when Quartz's stored next fire time of the show's trigger is in the future. */
    static boolean isAhead(Scheduler scheduler, String show) {
        try {
            Date next = scheduler.getTrigger(TriggerKey.triggerKey(show, WeeklySchedule.GROUP)).getNextFireTime();
            return next != null && next.after(new Date());
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Firings of {@code trigger} (any trigger when null) that a scheduler has acquired or is running and not yet
     * completed: Quartz's QRTZ_FIRED_TRIGGERS rows, which it deletes only after the job has run.
     */
    int inFlight(String trigger) {
        String sql = "SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE SCHED_NAME = 'ensemble'"
                + (trigger == null ? "" : " AND TRIGGER_NAME = ?");
        try (Connection c = DriverManager.getConnection(url, "sa", ""); PreparedStatement q = c.prepareStatement(sql)) {
            if (trigger != null) {
                q.setString(1, trigger);
            }
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int fired(String job) {
        AtomicInteger n = CountingJob.FIRED.get(job);
        return n == null ? 0 : n.get();
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not reached within " + limit);
            }
            Thread.sleep(100);
        }
    }
}
