package org.ensemble.cli;

import java.io.PrintStream;
import java.util.function.Supplier;

import org.ensemble.schedule.ProgressBoard;
import org.ensemble.schedule.RunOutcome;
import org.ensemble.start.StartSettings;
import org.springframework.context.ConfigurableApplicationContext;

/** How a command that makes an episode shows its progress and its outcome. */
final class Outcomes {

    private Outcomes() {
    }

    /** Runs {@code making} with a progress bar on standard error (when it is a terminal). */
    static RunOutcome withProgress(ConfigurableApplicationContext context, PrintStream err, Supplier<RunOutcome> making) {
        try (ProgressLine progress = ProgressLine.start(context.getBean(ProgressBoard.class), err)) {
            return making.get();
        }
    }

    /** The outcome's message (on standard error when it failed), then the home folder; returns the exit code. */
    static int report(RunOutcome outcome, StartSettings settings, PrintStream out, PrintStream err) {
        (outcome.kind() == RunOutcome.Kind.FAILED ? err : out).println(outcome.message());
        out.println("Home: " + settings.home());
        return outcome.kind().exitCode();
    }
}
