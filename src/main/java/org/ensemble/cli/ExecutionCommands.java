package org.ensemble.cli;

import java.time.LocalDate;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.Operations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Job executions in the shared database: {@code status}, {@code stop}, {@code restart}. */
final class ExecutionCommands {

    private ExecutionCommands() {
    }

    @Command(name = "status", sortOptions = false,
            description = "job executions, newest first (steps and counts for one)")
    static final class Status implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Option(names = "--show", paramLabel = "<id>", description = "only this show's")
        String show;
        @Option(names = "--air-date", paramLabel = "<YYYY-MM-DD>", description = "only this episode's (with --show: its newest in detail)")
        LocalDate airDate;
        @Option(names = "--execution", paramLabel = "<id>", converter = Values.Execution.class, description = "this execution, in detail")
        Long execution;
        @Mixin
        CommonOptions common;

        Status(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return starter.launch(common).lazy().run((context, settings) -> {
                Operations operations = context.getBean(Operations.class);
                try {
                    if (execution != null) {
                        starter.out().print(OperationsText.execution(operations.execution(execution)));
                        return 0;
                    }
                    var page = operations.executions(0, 20, show, airDate);
                    starter.out().print(OperationsText.executions(page));
                    if (!page.executions().isEmpty() && show != null && airDate != null) {
                        starter.out().print(OperationsText.execution(operations.execution(page.executions().get(0).id())));
                    }
                    return 0;
                } catch (NoSuchElementException e) {
                    starter.err().println(e.getMessage());
                    return 1;
                }
            });
        }
    }

    /**
     * Records the stop in the job repository (Spring Batch 6: STOPPED with an end time). The process running it (this
     * machine or another) sees that within two seconds, kills its FFmpeg processes and ends the execution STOPPED;
     * Spring Batch itself checks the status between chunks and steps.
     */
    @Command(name = "stop", sortOptions = false,
            description = "stop a running execution (also one another process runs)")
    static final class Stop implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Option(names = "--execution", required = true, paramLabel = "<id>", converter = Values.Execution.class,
                description = "the execution (see: status --show <id>)")
        long execution;
        @Mixin
        CommonOptions common;

        Stop(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return starter.launch(common).lazy().run((context, settings) -> {
                try {
                    starter.out().println(context.getBean(Operations.class).stop(execution).message());
                    return 0;
                } catch (NoSuchElementException | IllegalStateException e) {
                    starter.err().println(e.getMessage());
                    return 1;
                }
            });
        }
    }

    /** {@code restart --execution <id>}, or {@code restart --show <id> --air-date <date>} (the episode's newest execution). */
    @Command(name = "restart", sortOptions = false,
            description = "continue a stopped or failed execution where it stopped")
    static final class Restart implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Spec
        CommandSpec spec;
        @Option(names = "--execution", paramLabel = "<id>", converter = Values.Execution.class, description = "the execution")
        Long execution;
        @Option(names = "--show", paramLabel = "<id>", description = "or the newest execution of this show's episode ...")
        String show;
        @Option(names = "--air-date", paramLabel = "<YYYY-MM-DD>", description = "... on this air date")
        LocalDate airDate;
        @Option(names = "--inbox", paramLabel = "<dir>", description = "read the pieces from this inbox (default: the episode's own)")
        String inbox;
        @Mixin
        CommonOptions common;

        Restart(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            if (execution == null && (show == null || airDate == null)) {
                throw new ParameterException(spec.commandLine(), "restart needs --execution <id>, or --show and --air-date.");
            }
            ApplicationStarter.Launch launch = starter.launch(common).inbox(inbox);
            return (execution == null ? launch.show(show, airDate, Cli.USAGE) : launch).run((context, settings) -> {
                long id;
                if (execution != null) {
                    id = execution;
                } else {
                    Optional<Long> last = context.getBean(Operations.class).lastExecution(show, airDate);
                    if (last.isEmpty()) {
                        starter.err().println("No run of " + show + " " + airDate + " to restart.");
                        return 1;
                    }
                    id = last.get();
                }
                try {
                    var outcome = Outcomes.withProgress(context, starter.err(), () -> context.getBean(EpisodeRunner.class).restart(id));
                    return Outcomes.report(outcome, settings, starter.out(), starter.err());
                } catch (NoSuchElementException e) {
                    starter.err().println(e.getMessage());
                    return 1;
                }
            });
        }
    }
}
