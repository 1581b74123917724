package org.ensemble.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.ensemble.publish.Pruner;
import org.ensemble.security.ApiTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** For administrators: API {@code tokens} for publishing systems, and {@code prune} for old package revisions. */
final class AdminCommands {

    private AdminCommands() {
    }

    @Command(name = "tokens", synopsisSubcommandLabel = "create",
            description = "API tokens for publishing systems", subcommands = Tokens.Create.class)
    static final class Tokens implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            throw new ParameterException(spec.commandLine(), "tokens create --name <who uses it> [--home <dir>]");
        }

        /** Makes a publishing system's API token and prints it, the only time it is shown; only its SHA-256 is stored. */
        @Command(name = "create", description = "make an API token for a publishing system")
        static final class Create implements Callable<Integer> {
            private final ApplicationStarter starter;
            @Spec
            CommandSpec spec;
            @Option(names = "--name", required = true, paramLabel = "<who uses it>", description = "the system that uses it")
            String name;
            @Mixin
            CommonOptions common;

            Create(ApplicationStarter starter) {
                this.starter = starter;
            }

            @Override
            public Integer call() {
                if (name.isBlank()) {
                    throw new ParameterException(spec.commandLine(), "tokens create --name <who uses it> [--home <dir>]");
                }
                return starter.launch(common).lazy().run((context, settings) -> {
                    try {
                        var created = TerminalUser.asPersonAtTerminal(() -> context.getBean(ApiTokens.class).create(name));
                        starter.out().println("Token " + created.id() + " for " + created.name() + " (shown only now; keep it secret):");
                        starter.out().println(created.secret());
                        return 0;
                    } catch (IllegalArgumentException e) {
                        starter.err().println(e.getMessage());
                        return Cli.USAGE;
                    }
                });
            }
        }
    }

    /** Removes old package revisions by policy; the current revision of an episode always stays. */
    @Command(name = "prune", sortOptions = false,
            description = {"remove old package revisions: those beyond the newest n of each episode and/or older than "
                    + "d days (both when both are given); an episode's current revision always stays"})
    static final class Prune implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Spec
        CommandSpec spec;
        @Option(names = "--keep", paramLabel = "<n>", converter = Values.Count.class, description = "newest revisions kept per episode")
        int keep;
        @Option(names = "--older-than-days", paramLabel = "<d>", converter = Values.Count.class, description = "only revisions older than this")
        Integer olderThanDays;
        @Option(names = "--show", paramLabel = "<id>", description = "only this show's")
        String show;
        @Option(names = "--dry-run", arity = "1", paramLabel = "yes|no", converter = Values.YesNo.class, description = "only say what would go (default no)")
        boolean dryRun;
        @Mixin
        CommonOptions common;

        Prune(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            if (keep == 0 && olderThanDays == null) {
                throw new ParameterException(spec.commandLine(),
                        "prune needs --keep <n> (newest revisions kept per episode) and/or --older-than-days <d>.");
            }
            return starter.launch(common).lazy().run((context, settings) -> {
                List<Path> removed;
                try {
                    removed = context.getBean(Pruner.class).prune(keep, olderThanDays == null ? null : Duration.ofDays(olderThanDays),
                            show, dryRun);
                } catch (IOException | UncheckedIOException e) {
                    starter.err().println("prune failed: " + e);
                    return 1;
                }
                removed.forEach(p -> starter.out().println((dryRun ? "would remove " : "removed ") + settings.home().relativize(p)));
                starter.out().println(removed.size() + " revision(s) " + (dryRun ? "would be removed" : "removed")
                        + "; Home: " + settings.home());
                return 0;
            });
        }
    }
}
