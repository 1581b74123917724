package org.ensemble.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.Operations;
import org.ensemble.schedule.RunOutcome;
import org.ensemble.start.StartSettings;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The weekly triggers, shared with a running server: {@code schedules list|reload|pause|resume|run-now}. */
@Command(name = "schedules", synopsisSubcommandLabel = "list|reload|pause|resume|run-now",
        description = {"the weekly triggers (shared with a running server);",
                "run-now makes the show's next air date on or after today"},
        subcommands = {SchedulesCommand.ListAll.class, SchedulesCommand.Reload.class, SchedulesCommand.Pause.class,
                SchedulesCommand.Resume.class, SchedulesCommand.RunNow.class})
final class SchedulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "schedules needs one of: list, reload, pause, resume, run-now.");
    }

    /** What an action does with the operations; refusals (an unknown show, a state that does not fit) exit 1. */
    @FunctionalInterface
    interface Action {
        int apply(ConfigurableApplicationContext context, Operations operations, StartSettings settings);
    }

    static int withOperations(ApplicationStarter starter, ApplicationStarter.Launch launch, Action action) {
        return launch.run((context, settings) -> {
            try {
                return action.apply(context, context.getBean(Operations.class), settings);
            } catch (NoSuchElementException | IllegalStateException e) {
                starter.err().println(e.getMessage());
                return 1;
            }
        });
    }

    @Command(name = "list",
            description = "every show: cron, zone, next fire time, paused, the air date run-now makes")
    static final class ListAll implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Mixin
        CommonOptions common;

        ListAll(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return withOperations(starter, starter.launch(common).lazy(), (context, operations, settings) -> {
                starter.out().print(OperationsText.schedules(operations.schedules()));
                return 0;
            });
        }
    }

    @Command(name = "reload",
            description = "read jobs/*.yaml again: add, replace, remove triggers (paused stays paused)")
    static final class Reload implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Mixin
        CommonOptions common;

        Reload(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return withOperations(starter, starter.launch(common).lazy(), (context, operations, settings) -> {
                var reload = operations.reload();
                starter.out().println("added " + reload.added() + ", replaced " + reload.replaced() + ", removed "
                        + reload.removed() + ", unchanged " + reload.unchanged());
                return 0;
            });
        }
    }

    /** The options of the actions on one show. */
    static final class OneShow {
        @Option(names = "--show", required = true, paramLabel = "<id>", description = "a show id: the file jobs/<id>.yaml")
        String show;
        @Mixin
        CommonOptions common;
    }

    @Command(name = "pause", description = "pause the show's trigger (a running server sees it)")
    static final class Pause implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Mixin
        OneShow options;

        Pause(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return withOperations(starter, starter.launch(options.common).show(options.show, null, 1).lazy(),
                    (context, operations, settings) -> {
                        starter.out().print(OperationsText.schedules(List.of(operations.pause(options.show))));
                        return 0;
                    });
        }
    }

    @Command(name = "resume", description = "resume the show's trigger")
    static final class Resume implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Mixin
        OneShow options;

        Resume(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return withOperations(starter, starter.launch(options.common).show(options.show, null, 1).lazy(),
                    (context, operations, settings) -> {
                        starter.out().print(OperationsText.schedules(List.of(operations.resume(options.show))));
                        return 0;
                    });
        }
    }

    @Command(name = "run-now",
            description = "make the show's next air date on or after today, here, in the foreground (exit codes: those of run)")
    static final class RunNow implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Mixin
        OneShow options;

        RunNow(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return withOperations(starter, starter.launch(options.common).show(options.show, null, 1), (context, operations, settings) -> {
                // the same run a server's run-now starts in the background
                LocalDate airDate = operations.runNowAirDate(options.show);
                starter.out().println("Running " + options.show + " for " + airDate + " (its next air date on or after today)");
                RunOutcome outcome = Outcomes.withProgress(context, starter.err(),
                        () -> context.getBean(EpisodeRunner.class).run(options.show, airDate));
                return Outcomes.report(outcome, settings, starter.out(), starter.err());
            });
        }
    }
}
