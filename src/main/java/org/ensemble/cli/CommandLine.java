package org.ensemble.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import org.ensemble.EnsembleApplication;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.Operations;
import org.ensemble.schedule.ProgressBoard;
import org.ensemble.schedule.RunOutcome;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command-line door: {@code run} makes one episode and exits; {@code status}, {@code stop}, {@code restart} and
 * {@code schedules} work on the same database as a running server. Exit codes of the commands that run an episode:
 * 0 published, 1 failed (nothing published), 2 wrong usage, 3 already published (nothing new), 4 already running
 * elsewhere; the others: 0 done, 1 refused (unknown show or execution, not running), 2 wrong usage.
 */
public final class CommandLine {

    static final int USAGE = 2;

    private CommandLine() {
    }

    public static int execute(String[] args) {
        return execute(args, System.out, System.err);
    }

    static int execute(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(usage());
            return USAGE;
        }
        String command = args[0];
        if (command.equals("schedules")) {
            // its action comes before the options
            return schedules(args, out, err);
        }
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(usage());
            return USAGE;
        }
        switch (command) {
            case "run":
                return episodeCommand("run", options, out, err, (runner, show, airDate) -> runner.run(show, airDate));
            case "rerender":
                return episodeCommand("rerender", options, out, err, (runner, show, airDate) -> runner.rerender(show, airDate,
                        options.getOrDefault("by", System.getProperty("user.name", "editor")), options.get("reason"),
                        options.containsKey("edl-revision") ? Integer.valueOf(options.get("edl-revision")) : null));
            case "restart":
                return restart(options, out, err);
            case "stop":
                return stop(options, out, err);
            case "status":
                return status(options, out, err);
            case "help":
            case "--help":
                out.println(usage());
                return 0;
            default:
                err.println("Unknown command '" + command + "'.");
                err.println(usage());
                return USAGE;
        }
    }

    /** What a command does with the application once it is up, for one episode. */
    @FunctionalInterface
    interface EpisodeAction {
        RunOutcome apply(EpisodeRunner runner, String show, LocalDate airDate);
    }

    private static int episodeCommand(String command, Map<String, String> options, PrintStream out, PrintStream err,
                                      EpisodeAction action) {
        String show = options.get("show");
        String date = options.get("air-date");
        if (options.containsKey("edl-revision") && !options.get("edl-revision").matches("[1-9][0-9]{0,8}")) {
            err.println("--edl-revision '" + options.get("edl-revision") + "' is not a revision number like 3.");
            return USAGE;
        }
        if (show == null || date == null) {
            err.println(command + " needs --show and --air-date.");
            err.println(usage());
            return USAGE;
        }
        LocalDate airDate;
        try {
            airDate = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            err.println("--air-date '" + date + "' is not a date like 2026-11-30.");
            return USAGE;
        }
        Path home = EnsembleApplication.useAbsoluteHome(options.get("home"));
        try (ConfigurableApplicationContext context = application(options, show)) {
            RunOutcome outcome;
            try (ProgressLine progress = ProgressLine.start(context.getBean(ProgressBoard.class), err)) {
                outcome = action.apply(context.getBean(EpisodeRunner.class), show, airDate);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return USAGE;
            }
            return report(context, outcome, home, out, err);
        }
    }

    private static int report(ConfigurableApplicationContext context, RunOutcome outcome, Path home, PrintStream out, PrintStream err) {
        (outcome.kind() == RunOutcome.Kind.FAILED ? err : out).println(outcome.message());
        out.println("Home: " + home);
        SpringApplication.exit(context);
        return outcome.kind().exitCode();
    }

    /**
     * The application without HTTP and without firing schedules: the CLI works on the same database as a server,
     * so what it changes (a pause, a stop) is seen there. Quartz is created (to read and write triggers) but not
     * started.
     */
    private static ConfigurableApplicationContext application(Map<String, String> options, String show) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(EnsembleApplication.class)
                .web(WebApplicationType.NONE)
                .properties("ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false");
        // given as command-line properties, so they win over application.yml
        java.util.List<String> properties = new java.util.ArrayList<>();
        if (options.containsKey("inbox") && show != null) {
            properties.add("--ensemble.inboxes[" + show + "]=" + Path.of(options.get("inbox")).toAbsolutePath());
        }
        if (options.containsKey("jobs")) {
            properties.add("--ensemble.jobs=" + Path.of(options.get("jobs")).toAbsolutePath());
        }
        // any other setting, e.g. --ensemble.parallelism=1 or --spring.profiles.active=postgres
        options.forEach((name, value) -> {
            if (name.contains(".")) {
                properties.add("--" + name + "=" + value);
            }
        });
        return builder.run(properties.toArray(String[]::new));
    }

    private static Long executionOption(Map<String, String> options, PrintStream err) {
        String value = options.get("execution");
        if (value == null || !value.matches("[0-9]{1,18}")) {
            err.println("--execution needs a job execution id like 42 (see: status --show <id>).");
            return null;
        }
        return Long.valueOf(value);
    }

    private static LocalDate dateOption(Map<String, String> options, PrintStream err) {
        try {
            return options.containsKey("air-date") ? LocalDate.parse(options.get("air-date")) : null;
        } catch (DateTimeParseException e) {
            err.println("--air-date '" + options.get("air-date") + "' is not a date like 2026-11-30.");
            throw new IllegalArgumentException(e);
        }
    }

    /** {@code restart --execution <id>} or {@code restart --show <id> --air-date <date>} (the episode's newest execution). */
    private static int restart(Map<String, String> options, PrintStream out, PrintStream err) {
        boolean byEpisode = options.containsKey("show") && options.containsKey("air-date");
        if (!options.containsKey("execution") && !byEpisode) {
            err.println("restart needs --execution <id>, or --show and --air-date.");
            return USAGE;
        }
        Long execution = null;
        LocalDate airDate = null;
        try {
            if (options.containsKey("execution")) {
                execution = executionOption(options, err);
                if (execution == null) {
                    return USAGE;
                }
            } else {
                airDate = dateOption(options, err);
            }
        } catch (IllegalArgumentException e) {
            return USAGE;
        }
        Path home = EnsembleApplication.useAbsoluteHome(options.get("home"));
        try (ConfigurableApplicationContext context = application(options, options.get("show"))) {
            Operations operations = context.getBean(Operations.class);
            long id;
            if (execution != null) {
                id = execution;
            } else {
                Optional<Long> last = operations.lastExecution(options.get("show"), airDate);
                if (last.isEmpty()) {
                    err.println("No run of " + options.get("show") + " " + airDate + " to restart.");
                    return 1;
                }
                id = last.get();
            }
            RunOutcome outcome;
            try (ProgressLine progress = ProgressLine.start(context.getBean(ProgressBoard.class), err)) {
                outcome = context.getBean(EpisodeRunner.class).restart(id);
            } catch (NoSuchElementException e) {
                err.println(e.getMessage());
                return 1;
            }
            return report(context, outcome, home, out, err);
        }
    }

    /**
     * {@code stop --execution <id>}: marks the execution STOPPING in the job repository. The process running it
     * (this machine or another) sees that within two seconds, kills its FFmpeg processes and ends the execution
     * STOPPED; Spring Batch itself checks the status between chunks and steps.
     */
    private static int stop(Map<String, String> options, PrintStream out, PrintStream err) {
        Long execution = executionOption(options, err);
        if (execution == null) {
            return USAGE;
        }
        EnsembleApplication.useAbsoluteHome(options.get("home"));
        try (ConfigurableApplicationContext context = application(options, null)) {
            try {
                out.println(context.getBean(Operations.class).stop(execution).message());
                return 0;
            } catch (NoSuchElementException | IllegalStateException e) {
                err.println(e.getMessage());
                return 1;
            } finally {
                SpringApplication.exit(context);
            }
        }
    }

    /** {@code status [--show <id>] [--air-date <date>] [--execution <id>]}: executions, newest first, or one in detail. */
    private static int status(Map<String, String> options, PrintStream out, PrintStream err) {
        LocalDate airDate;
        Long execution = null;
        try {
            airDate = dateOption(options, err);
        } catch (IllegalArgumentException e) {
            return USAGE;
        }
        if (options.containsKey("execution")) {
            execution = executionOption(options, err);
            if (execution == null) {
                return USAGE;
            }
        }
        EnsembleApplication.useAbsoluteHome(options.get("home"));
        try (ConfigurableApplicationContext context = application(options, null)) {
            Operations operations = context.getBean(Operations.class);
            try {
                if (execution != null) {
                    out.print(OperationsText.execution(operations.execution(execution)));
                    return 0;
                }
                var page = operations.executions(0, 20, options.get("show"), airDate);
                out.print(OperationsText.executions(page));
                if (page.executions().size() > 0 && options.containsKey("show") && airDate != null) {
                    out.print(OperationsText.execution(operations.execution(page.executions().get(0).id())));
                }
                return 0;
            } catch (NoSuchElementException e) {
                err.println(e.getMessage());
                return 1;
            } finally {
                SpringApplication.exit(context);
            }
        }
    }

    /** {@code schedules list|reload|pause|resume|run-now [--show <id>]}. */
    private static int schedules(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args[1].startsWith("--")) {
            err.println("schedules needs one of: list, reload, pause, resume, run-now.");
            return USAGE;
        }
        String action = args[1];
        Map<String, String> options;
        try {
            options = options(java.util.Arrays.copyOfRange(args, 1, args.length));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        String show = options.get("show");
        if (!List.of("list", "reload", "pause", "resume", "run-now").contains(action)) {
            err.println("Unknown schedules action '" + action + "': list, reload, pause, resume or run-now.");
            return USAGE;
        }
        if (!List.of("list", "reload").contains(action) && show == null) {
            err.println("schedules " + action + " needs --show <id>.");
            return USAGE;
        }
        Path home = EnsembleApplication.useAbsoluteHome(options.get("home"));
        try (ConfigurableApplicationContext context = application(options, show)) {
            Operations operations = context.getBean(Operations.class);
            try {
                switch (action) {
                    case "list" -> out.print(OperationsText.schedules(operations.schedules()));
                    case "reload" -> {
                        var reload = operations.reload();
                        out.println("added " + reload.added() + ", replaced " + reload.replaced() + ", removed "
                                + reload.removed() + ", unchanged " + reload.unchanged());
                    }
                    case "pause" -> out.print(OperationsText.schedules(List.of(operations.pause(show))));
                    case "resume" -> out.print(OperationsText.schedules(List.of(operations.resume(show))));
                    case "run-now" -> {
                        // in this process, in the foreground: the same run a server's run-now starts in the background
                        LocalDate airDate = operations.runNowAirDate(show);
                        out.println("Running " + show + " for " + airDate + " (its next air date on or after today)");
                        RunOutcome outcome;
                        try (ProgressLine progress = ProgressLine.start(context.getBean(ProgressBoard.class), err)) {
                            outcome = context.getBean(EpisodeRunner.class).run(show, airDate);
                        }
                        return report(context, outcome, home, out, err);
                    }
                    default -> {
                        err.println("Unknown schedules action '" + action + "': list, reload, pause, resume or run-now.");
                        return USAGE;
                    }
                }
                return 0;
            } catch (NoSuchElementException | IllegalStateException e) {
                err.println(e.getMessage());
                return 1;
            } finally {
                if (context.isActive()) {
                    SpringApplication.exit(context);
                }
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'.");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("Option --" + name + " needs a value.");
            }
            options.put(name, value);
        }
        return options;
    }

    static String usage() {
        return """
                Usage:
                  java -jar ensemble.jar                      start the server (scheduler + HTTP on port 8080)
                  java -jar ensemble.jar run --show <id> --air-date <YYYY-MM-DD> [--home <dir>] [--inbox <dir>] [--jobs <dir>]
                                                              make and publish one episode, then exit
                  java -jar ensemble.jar rerender --show <id> --air-date <YYYY-MM-DD> [--by <name>] [--reason <text>]
                                                  [--edl-revision <n>] [--home <dir>]
                                                              plan again (or take stored EDL revision n as it is),
                                                              render from the cached segments and publish r<N+1>
                  java -jar ensemble.jar status [--show <id>] [--air-date <YYYY-MM-DD>] [--execution <id>]
                                                              job executions, newest first (steps and counts for one)
                  java -jar ensemble.jar stop --execution <id>
                                                              stop a running execution (also one another process runs)
                  java -jar ensemble.jar restart --execution <id> | --show <id> --air-date <YYYY-MM-DD>
                                                              continue a stopped or failed execution where it stopped
                  java -jar ensemble.jar schedules list|reload|pause|resume|run-now [--show <id>]
                                                              the weekly triggers (shared with a running server);
                                                              run-now makes the show's next air date on or after today
                  java -jar ensemble.jar help                 this text

                Options:
                  --show      a show id: the name of a file jobs/<id>.yaml
                  --air-date  the day the episode airs (must be the show's air day)
                  --home      Ensemble's home folder: database, inbox, cache, work, outbox (default ./var)
                  --inbox     read this show's approved contributions from <dir>/manifest.jsonl
                              (default <home>/inbox/<show>)
                  --jobs      the folder of show definitions (default ./jobs)
                  --by        who asks for the re-render (recorded with the EDL revision; default: your user name)
                  --reason    why (recorded with the EDL revision)

                Any --<spring.property>=<value> (e.g. --ensemble.parallelism=1) is passed to the application.

                Exit codes of run, rerender, restart and schedules run-now: 0 published, 1 failed (nothing published), 2 wrong usage,
                                                3 already published (nothing new), 4 already running elsewhere
                Other commands: 0 done, 1 refused (unknown show or execution, not running), 2 wrong usage""";
    }
}
