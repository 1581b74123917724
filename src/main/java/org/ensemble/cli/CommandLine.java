package org.ensemble.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

import org.ensemble.EnsembleApplication;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.RunOutcome;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command-line door: {@code run} makes one episode and exits. Exit codes: 0 published, 1 failed (nothing
 * published), 2 wrong usage, 3 already published (nothing new), 4 already running elsewhere.
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
            case "prune":
                return prune(options, out, err);
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
        SpringApplicationBuilder builder = new SpringApplicationBuilder(EnsembleApplication.class)
                .web(WebApplicationType.NONE)
                .properties("ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false");
        // given as command-line properties, so they win over application.yml
        java.util.List<String> properties = new java.util.ArrayList<>();
        if (options.containsKey("inbox")) {
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
        try (ConfigurableApplicationContext context = builder.run(properties.toArray(String[]::new))) {
            RunOutcome outcome;
            try {
                outcome = action.apply(context.getBean(EpisodeRunner.class), show, airDate);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return USAGE;
            }
            (outcome.kind() == RunOutcome.Kind.FAILED ? err : out).println(outcome.message());
            out.println("Home: " + home);
            SpringApplication.exit(context);
            return outcome.kind().exitCode();
        }
    }

    /** {@code prune}: removes old package revisions by policy; the current revision of an episode always stays. */
    private static int prune(Map<String, String> options, PrintStream out, PrintStream err) {
        String keep = options.getOrDefault("keep", "0");
        String days = options.get("older-than-days");
        if (!keep.matches("[0-9]{1,6}") || (days != null && !days.matches("[0-9]{1,6}"))) {
            err.println("--keep and --older-than-days take whole numbers, like --keep 3 --older-than-days 30.");
            return USAGE;
        }
        if (keep.equals("0") && days == null) {
            err.println("prune needs --keep <n> (newest revisions kept per episode) and/or --older-than-days <d>.");
            return USAGE;
        }
        String dryRun = options.getOrDefault("dry-run", "no");
        if (!dryRun.matches("yes|no")) {
            err.println("--dry-run takes yes or no.");
            return USAGE;
        }
        Path home = EnsembleApplication.useAbsoluteHome(options.get("home"));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(EnsembleApplication.class)
                .web(WebApplicationType.NONE)
                .properties("ensemble.scheduler.enabled=false", "spring.quartz.auto-startup=false");
        try (ConfigurableApplicationContext context = builder.run()) {
            var removed = context.getBean(org.ensemble.publish.Pruner.class).prune(Integer.parseInt(keep),
                    days == null ? null : java.time.Duration.ofDays(Long.parseLong(days)), options.get("show"), dryRun.equals("yes"));
            removed.forEach(p -> out.println((dryRun.equals("yes") ? "would remove " : "removed ") + home.relativize(p)));
            out.println(removed.size() + " revision(s) " + (dryRun.equals("yes") ? "would be removed" : "removed") + "; Home: " + home);
            SpringApplication.exit(context);
            return 0;
        } catch (java.io.IOException e) {
            err.println("prune failed: " + e);
            return 1;
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
                  java -jar ensemble.jar prune [--keep <n>] [--older-than-days <d>] [--show <id>] [--dry-run yes] [--home <dir>]
                                                              remove old package revisions: those beyond the newest n
                                                              of each episode and/or older than d days (both when both
                                                              are given); an episode's current revision always stays
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

                Exit codes of run and rerender: 0 published, 1 failed (nothing published), 2 wrong usage,
                                                3 already published (nothing new), 4 already running elsewhere""";
    }
}
