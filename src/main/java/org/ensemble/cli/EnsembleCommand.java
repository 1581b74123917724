package org.ensemble.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top of the command line: its commands, and the help and version that need nothing else. */
@Command(name = "java -jar ensemble.jar", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = EnsembleCommand.Version.class,
        synopsisSubcommandLabel = "<command>",
        description = {"Ensemble turns a week of approved contributions into an episode and a publish package.",
                "Without a command, java -jar ensemble.jar starts the server: the weekly schedules and HTTP on port 8080.",
                "Commands work on the same home folder (database, outbox) as a running server."},
        commandListHeading = "%nCommands:%n",
        subcommands = {HelpCommand.class, EnsembleCommand.VersionCommand.class,
                EpisodeCommands.Run.class, EpisodeCommands.Rerender.class,
                TimelineCommands.Export.class, TimelineCommands.Import.class, OverridesCommand.class,
                ExecutionCommands.Status.class, ExecutionCommands.Stop.class, ExecutionCommands.Restart.class,
                SchedulesCommand.class, AdminCommands.Tokens.class, AdminCommands.Prune.class},
        footerHeading = "%n",
        footer = {"Any --<spring.property>=<value> (e.g. --ensemble.parallelism=1) is passed to the application.",
                "",
                "Exit codes of run and rerender: 0 published, 1 failed (nothing published), 2 wrong usage,",
                "                                3 already published (nothing new), 4 already running elsewhere",
                "Exit codes of restart and schedules run-now: those of run",
                "Exit codes of export and import: 0 done, 1 no such revision / import rejected, 2 wrong usage",
                "                                (import --rerender: those of rerender once the import is stored)",
                "Other commands: 0 done, 1 refused (unknown show or execution, not running, overrides refused),",
                "                2 wrong usage",
                "When the application cannot start: 10 no usable FFmpeg, 11 Java cannot use fonts, 12 the home folder",
                "cannot be written, 13 the database is locked by another program, 14 the port is in use, 15 no jobs",
                "folder; 1 anything else (the trace is in <home>/logs/ensemble.log, or on the console with --debug)"})
final class EnsembleCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Give a command (see: java -jar ensemble.jar help).");
    }

    /** The version of the jar (from its manifest) and the Java running it. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EnsembleCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Ensemble " + (version == null ? "(development build)" : version),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }

    @Command(name = "version", description = "print the version of Ensemble and of Java")
    static final class VersionCommand implements Runnable {
        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            spec.root().commandLine().printVersionHelp(spec.commandLine().getOut());
        }
    }
}
