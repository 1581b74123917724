package org.ensemble.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.ensemble.start.StartFailure;
import org.ensemble.start.StartFailureException;
import org.ensemble.start.StartSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the application for one command: without HTTP and without firing schedules (the CLI works on the same
 * database as a server, so what it changes, a pause or a stop, is seen there; Quartz is created to read and write
 * triggers, not started). What can be answered without Spring is answered first: an unusable home, a missing jobs
 * folder, a show that does not exist, a date that is not the show's air day.
 */
final class ApplicationStarter {

    private final Class<?> application;
    private final SpringArguments arguments;
    private final PrintStream out;
    private final PrintStream err;

    ApplicationStarter(Class<?> application, SpringArguments arguments, PrintStream out, PrintStream err) {
        this.application = application;
        this.arguments = arguments;
        this.out = out;
        this.err = err;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** What a command does with the running application; returns the exit code. */
    @FunctionalInterface
    interface Action {
        int apply(ConfigurableApplicationContext context, StartSettings settings);
    }

    /** A start for the command with these options. */
    Launch launch(CommonOptions common) {
        return new Launch(common);
    }

    /** One start: what to check before Spring, and how the application is set up. */
    final class Launch {
        private final CommonOptions common;
        private String show;
        private LocalDate airDate;
        private int unknownShowExit = Cli.USAGE;
        private Path inbox;
        private boolean lazy;
        private boolean quiet;

        private Launch(CommonOptions common) {
            this.common = common;
        }

        /** The command is about this show (and, when given, this air date): both are checked before Spring starts. */
        Launch show(String id, LocalDate date, int exitWhenUnknown) {
            this.show = id;
            this.airDate = date;
            this.unknownShowExit = exitWhenUnknown;
            return this;
        }

        /** The show's pieces are read from this inbox (the episode remembers it). */
        Launch inbox(String folder) {
            this.inbox = folder == null ? null : Path.of(folder).toAbsolutePath();
            return this;
        }

        /**
         * Beans are made when first used: for the commands that only read or change the database, so that FFmpeg,
         * fonts and the pipeline's steps are not set up for a status line.
         */
        Launch lazy() {
            this.lazy = true;
            return this;
        }

        /** No log on the console (standard output is the command's result, e.g. a timeline). */
        Launch quiet() {
            this.quiet = true;
            return this;
        }

        int run(Action action) {
            StartSettings settings;
            try {
                settings = StartSettings.resolve(first(common.home, arguments.property("ensemble.home")),
                        first(common.jobs, arguments.property("ensemble.jobs"))).useHome().requireUsableHome();
                if (show != null) {
                    OptionalInt refused = checkShow(settings.requireJobsFolder());
                    if (refused.isPresent()) {
                        return refused.getAsInt();
                    }
                }
            } catch (StartFailureException e) {
                err.println(StartFailure.line(e));
                return e.exitCode();
            }
            ConfigurableApplicationContext context;
            try {
                context = builder(settings).run(properties(settings).toArray(String[]::new));
            } catch (RuntimeException e) {
                // Spring has reported it: one line for a known failure, the trace otherwise
                return StartFailure.exitCode(e);
            }
            try {
                return action.apply(context, settings);
            } catch (RuntimeException e) {
                return StartFailure.report(e, err).orElseThrow(() -> e);
            } finally {
                if (context.isActive()) {
                    SpringApplication.exit(context);
                }
                context.close();
            }
        }

        private OptionalInt checkShow(StartSettings settings) {
            ShowCatalog catalog = ShowCatalog.inFolder(settings.jobs());
            Optional<ShowDefinition> found = catalog.find(show);
            try {
                if (found.isEmpty()) {
                    catalog.require(show);
                }
                if (airDate != null) {
                    found.get().requireAirDay(airDate);
                }
                return OptionalInt.empty();
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage() + ".");
                return OptionalInt.of(found.isEmpty() ? unknownShowExit : Cli.USAGE);
            }
        }

        private SpringApplicationBuilder builder(StartSettings settings) {
            SpringApplicationBuilder builder = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
                    .properties(Map.of("logging.file.name", settings.logFile().toString()))
                    .properties("ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false");
            return lazy ? builder.lazyInitialization(true) : builder;
        }

        /** Given as command-line properties, so they win over application.yml. */
        private List<String> properties(StartSettings settings) {
            List<String> properties = new ArrayList<>();
            properties.add("--ensemble.home=" + settings.home());
            if (common.jobs != null || arguments.property("ensemble.jobs") != null) {
                properties.add("--ensemble.jobs=" + settings.jobs());
            }
            if (inbox != null && show != null) {
                properties.add("--ensemble.inboxes[" + show + "]=" + inbox);
            }
            if (quiet) {
                properties.add("--logging.threshold.console=OFF");
            }
            // any other setting, e.g. --ensemble.parallelism=1 or --spring.profiles.active=postgres
            arguments.properties().stream().filter(p -> !p.startsWith("--ensemble.home=") && !p.startsWith("--ensemble.jobs="))
                    .forEach(properties::add);
            return properties;
        }
    }

    private static String first(String given, String property) {
        return given != null ? given : property;
    }
}
