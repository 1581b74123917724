package org.ensemble.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.RunOutcome;
import org.ensemble.start.StartSettings;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Making an episode: the weekly {@code run}, and the editors' {@code rerender}. */
final class EpisodeCommands {

    private EpisodeCommands() {
    }

    /** The episode a command is about. */
    static final class Episode {
        @Option(names = "--show", required = true, paramLabel = "<id>", description = "a show id: the file jobs/<id>.yaml")
        String show;

        @Option(names = "--air-date", required = true, paramLabel = "<YYYY-MM-DD>",
                description = "the day the episode airs (must be the show's air day)")
        LocalDate airDate;
    }

    @Command(name = "run", sortOptions = false,
            description = "make and publish one episode, then exit")
    static final class Run implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Mixin
        Episode episode;
        @Option(names = "--inbox", paramLabel = "<dir>", description = {"read the show's approved contributions from "
                + "<dir>/manifest.jsonl; the episode remembers it for its re-renders and restarts",
                "(default: the episode's last inbox, else <home>/inbox/<show>)"})
        String inbox;
        @Mixin
        CommonOptions common;

        Run(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return starter.launch(common).show(episode.show, episode.airDate, Cli.USAGE).inbox(inbox).run((context, settings) ->
                    make(context, starter, settings, () -> context.getBean(EpisodeRunner.class).run(episode.show, episode.airDate)));
        }
    }

    @Command(name = "rerender", sortOptions = false,
            description = {"plan again (or take stored EDL revision n as it is), render from the cached segments and "
                    + "publish r<N+1>"})
    static final class Rerender implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Mixin
        Episode episode;
        @Option(names = "--by", paramLabel = "<name>", description = "who asks (recorded with the EDL revision; default: your user name)")
        String by = System.getProperty("user.name", "editor");
        @Option(names = "--reason", paramLabel = "<text>", description = "why (recorded with the EDL revision)")
        String reason;
        @Option(names = "--edl-revision", paramLabel = "<n>", converter = Values.Revision.class,
                description = "render this stored EDL revision as it is, e.g. one imported from an edit suite")
        Integer edlRevision;
        @Option(names = "--inbox", paramLabel = "<dir>", description = "read the pieces from this inbox (default: the episode's own)")
        String inbox;
        @Mixin
        CommonOptions common;

        Rerender(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            return starter.launch(common).show(episode.show, episode.airDate, Cli.USAGE).inbox(inbox).run((context, settings) ->
                    make(context, starter, settings, () -> context.getBean(EpisodeRunner.class)
                            .rerender(episode.show, episode.airDate, by, reason, edlRevision)));
        }
    }

    private static int make(ConfigurableApplicationContext context, ApplicationStarter starter, StartSettings settings,
                            Supplier<RunOutcome> making) {
        RunOutcome outcome;
        try {
            outcome = Outcomes.withProgress(context, starter.err(), making);
        } catch (IllegalArgumentException e) {
            starter.err().println(e.getMessage());
            return Cli.USAGE;
        }
        return Outcomes.report(outcome, settings, starter.out(), starter.err());
    }
}
