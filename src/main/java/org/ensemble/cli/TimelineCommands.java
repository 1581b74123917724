package org.ensemble.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import org.ensemble.episode.EpisodeKey;
import org.ensemble.interchange.EdlInterchange;
import org.ensemble.interchange.TimelineFormat;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.RunOutcome;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Timelines with edit suites: {@code export} an EDL revision, {@code import} an edited one. */
final class TimelineCommands {

    private TimelineCommands() {
    }

    @Command(name = "export", sortOptions = false,
            description = "write EDL revision n (default the newest) as CMX 3600 or OpenTimelineIO, to the file or standard output")
    static final class Export implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Spec
        CommandSpec spec;
        @Mixin
        EpisodeCommands.Episode episode;
        @Option(names = "--format", paramLabel = "edl|otio", converter = Values.Format.class,
                description = "edl (CMX 3600, 30 fps non-drop) or otio (OpenTimelineIO JSON); default: the --out file's ending")
        TimelineFormat format;
        @Option(names = "--edl-revision", paramLabel = "<n>", converter = Values.Revision.class, description = "default: the newest")
        Integer edlRevision;
        @Option(names = "--out", paramLabel = "<file>", description = "default: standard output")
        Path out;
        @Mixin
        CommonOptions common;

        Export(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            TimelineFormat chosen = format != null ? format : out != null ? TimelineFormat.ofFileName(out.toString()) : null;
            if (chosen == null) {
                throw new ParameterException(spec.commandLine(),
                        "export needs --format edl|otio (or an --out file ending in .edl or .otio).");
            }
            ApplicationStarter.Launch launch = starter.launch(common).show(episode.show, episode.airDate, Cli.USAGE).lazy();
            // standard output is the timeline when there is no --out: the log stays off it, the home goes to standard error
            return (out == null ? launch.quiet() : launch).run((context, settings) -> {
                int code = export(context, chosen);
                (out == null ? starter.err() : starter.out()).println("Home: " + settings.home());
                return code;
            });
        }

        private int export(ConfigurableApplicationContext context, TimelineFormat chosen) {
            EpisodeKey key = new EpisodeKey(episode.show, episode.airDate);
            var text = context.getBean(EdlInterchange.class).export(key, edlRevision, chosen);
            if (text.isEmpty()) {
                starter.err().println(key + " has no EDL revision" + (edlRevision == null ? " yet: run it first." : " " + edlRevision + "."));
                return 1;
            }
            if (out == null) {
                starter.out().print(text.get());
                return 0;
            }
            Path file = out.toAbsolutePath();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
                Files.writeString(temporary, text.get(), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                starter.err().println("Cannot write " + file + ": " + e.getMessage());
                return 1;
            }
            starter.out().println("Wrote " + key + " EDL revision " + (edlRevision == null ? "(newest)" : edlRevision) + " as "
                    + chosen.extension() + " to " + file);
            return 0;
        }
    }

    /**
     * An edited {@code .edl} or {@code .otio} becomes the next EDL revision (exit 0), or is rejected with every problem
     * printed (exit 1); with {@code --rerender} it is rendered and published at once.
     */
    @Command(name = "import", sortOptions = false,
            description = {"check an edited timeline and store it as the next EDL revision (exit 1 with every problem "
                    + "when rejected); --rerender also renders and publishes it"})
    static final class Import implements Callable<Integer> {
        private final ApplicationStarter starter;
        @Spec
        CommandSpec spec;
        @Mixin
        EpisodeCommands.Episode episode;
        @Option(names = "--file", required = true, paramLabel = "<edited.edl|.otio>", description = "the edited timeline")
        Path file;
        @Option(names = "--format", paramLabel = "edl|otio", converter = Values.Format.class, description = "default: the file's ending")
        TimelineFormat format;
        @Option(names = "--by", paramLabel = "<name>", description = "who edited it (default: your user name)")
        String by = System.getProperty("user.name", "editor");
        @Option(names = "--reason", paramLabel = "<text>", description = "why (recorded with the EDL revision)")
        String reason;
        @Option(names = "--rerender", description = "render and publish it at once")
        boolean rerender;
        @Option(names = "--inbox", paramLabel = "<dir>", description = "read the pieces from this inbox (default: the episode's own)")
        String inbox;
        @Mixin
        CommonOptions common;

        Import(ApplicationStarter starter) {
            this.starter = starter;
        }

        @Override
        public Integer call() {
            TimelineFormat chosen = format != null ? format : TimelineFormat.ofFileName(file.toString());
            if (chosen == null) {
                throw new ParameterException(spec.commandLine(), "--file " + file
                        + " ends in neither .edl nor .otio; say which with --format edl|otio.");
            }
            String content;
            try {
                content = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "Cannot read --file " + file.toAbsolutePath() + ": " + e.getMessage());
            }
            ApplicationStarter.Launch launch = starter.launch(common).show(episode.show, episode.airDate, Cli.USAGE).inbox(inbox);
            return (rerender ? launch : launch.lazy()).run((context, settings) -> {
                int code = store(context, chosen, content);
                starter.out().println("Home: " + settings.home());
                return code;
            });
        }

        private int store(ConfigurableApplicationContext context, TimelineFormat chosen, String content) {
            EpisodeKey key = new EpisodeKey(episode.show, episode.airDate);
            String name = file.getFileName().toString();
            var outcome = context.getBean(EdlInterchange.class).importFile(key, name, content, chosen, by, reason);
            if (!outcome.accepted()) {
                starter.err().println("Rejected " + name + " for " + key + " (" + outcome.problems().size()
                        + (outcome.problems().size() == 1 ? " problem" : " problems") + "; nothing was stored):");
                outcome.problems().forEach(p -> starter.err().println("  " + p));
                return 1;
            }
            starter.out().println("Stored " + name + " as EDL revision " + outcome.revision() + " of " + key + ": "
                    + String.join("; ", outcome.changes()));
            outcome.warnings().forEach(w -> starter.out().println("  warning: " + w));
            if (!rerender) {
                starter.out().println("Render it with: rerender --show " + episode.show + " --air-date " + episode.airDate
                        + " --edl-revision " + outcome.revision());
                return 0;
            }
            RunOutcome run = Outcomes.withProgress(context, starter.err(), () -> context.getBean(EpisodeRunner.class).rerender(
                    episode.show, episode.airDate, by, "imported " + name + (reason == null ? "" : ": " + reason), outcome.revision()));
            (run.kind() == RunOutcome.Kind.FAILED ? starter.err() : starter.out()).println(run.message());
            return run.kind().exitCode();
        }
    }
}
