package org.ensemble.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.ensemble.EnsembleApplication;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.interchange.EdlInterchange;
import org.ensemble.interchange.TimelineFormat;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.Operations;
import org.ensemble.schedule.ProgressBoard;
import org.ensemble.schedule.RunOutcome;
import org.ensemble.show.ShowCatalog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command-line door: {@code run} makes one episode and exits; {@code rerender} makes its next revision;
 * {@code export} and {@code import} exchange timelines with editors; {@code status}, {@code stop}, {@code restart}
 * and {@code schedules} work on the same database as a running server; {@code tokens} and {@code prune} are for
 * administrators. Exit codes of the commands that run an episode: 0 published, 1 failed (nothing published),
 * 2 wrong usage, 3 already published (nothing new), 4 already running elsewhere; the others: 0 done, 1 refused
 * (unknown show, execution or revision; import rejected; not running), 2 wrong usage.
 */
public final class CommandLine {

    static final int USAGE = 2;
    /** Options that stand alone, without a value. */
    static final java.util.Set<String> FLAGS = java.util.Set.of("rerender", "clear");

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
            case "export":
                return export(options, out, err);
            case "import":
                return importTimeline(options, out, err);
            case "tokens":
                return tokensCommand(args, options, out, err);
            case "overrides":
                return overrides(options, out, err);
            case "prune":
                return prune(options, out, err);
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
        return withApplication(command, options, out, err, (context, show, airDate) -> {
            RunOutcome outcome;
            try (ProgressLine progress = ProgressLine.start(context.getBean(ProgressBoard.class), err)) {
                outcome = action.apply(context.getBean(EpisodeRunner.class), show, airDate);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return USAGE;
            }
            (outcome.kind() == RunOutcome.Kind.FAILED ? err : out).println(outcome.message());
            return outcome.kind().exitCode();
        });
    }

    /** What a command does with the running application for one episode; returns the exit code. */
    @FunctionalInterface
    interface ApplicationAction {
        int apply(ConfigurableApplicationContext context, String show, LocalDate airDate);
    }

    private static int withApplication(String command, Map<String, String> options, PrintStream out, PrintStream err,
                                       ApplicationAction action) {
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
        // standard output is the timeline when export has no --out: keep the log off it
        boolean quiet = command.equals("export") && !options.containsKey("out");
        try (ConfigurableApplicationContext context = quiet ? application(options, show, "--logging.threshold.console=OFF")
                : application(options, show)) {
            int code = action.apply(context, show, airDate);
            // the timeline itself may have gone to standard output: the home folder goes to standard error then
            (command.equals("export") && !options.containsKey("out") ? err : out).println("Home: " + home);
            SpringApplication.exit(context);
            return code;
        }
    }

    /** {@code export}: a stored EDL revision (default the newest) as CMX 3600 or OpenTimelineIO, to a file or stdout. */
    private static int export(Map<String, String> options, PrintStream out, PrintStream err) {
        TimelineFormat format;
        try {
            format = options.containsKey("format") ? TimelineFormat.parse(options.get("format"))
                    : options.containsKey("out") ? TimelineFormat.ofFileName(options.get("out")) : null;
        } catch (IllegalArgumentException e) {
            err.println("--format: " + e.getMessage() + ".");
            return USAGE;
        }
        if (format == null) {
            err.println("export needs --format edl|otio (or an --out file ending in .edl or .otio).");
            return USAGE;
        }
        return withApplication("export", options, out, err, (context, show, airDate) -> {
            Integer revision = options.containsKey("edl-revision") ? Integer.valueOf(options.get("edl-revision")) : null;
            EpisodeKey episode = new EpisodeKey(show, airDate);
            if (context.getBean(ShowCatalog.class).find(show).isEmpty()) {
                err.println("No show " + show + ".");
                return USAGE;
            }
            var text = context.getBean(EdlInterchange.class).export(episode, revision, format);
            if (text.isEmpty()) {
                err.println(episode + " has no EDL revision" + (revision == null ? " yet: run it first." : " " + revision + "."));
                return 1;
            }
            if (!options.containsKey("out")) {
                out.print(text.get());
                return 0;
            }
            Path file = Path.of(options.get("out")).toAbsolutePath();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
                Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
                Files.writeString(temporary, text.get(), StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                err.println("Cannot write " + file + ": " + e.getMessage());
                return 1;
            }
            out.println("Wrote " + episode + " EDL revision " + (revision == null ? "(newest)" : revision) + " as "
                    + format.extension() + " to " + file);
            return 0;
        });
    }

    /**
     * {@code import}: an edited {@code .edl} or {@code .otio} becomes the next EDL revision (exit 0), or is rejected
     * with every problem printed (exit 1); with {@code --rerender} it is rendered and published at once.
     */
    private static int importTimeline(Map<String, String> options, PrintStream out, PrintStream err) {
        String fileOption = options.get("file");
        if (fileOption == null) {
            err.println("import needs --file <edited .edl or .otio>.");
            err.println(usage());
            return USAGE;
        }
        Path file = Path.of(fileOption);
        TimelineFormat format;
        try {
            format = options.containsKey("format") ? TimelineFormat.parse(options.get("format")) : TimelineFormat.ofFileName(fileOption);
        } catch (IllegalArgumentException e) {
            err.println("--format: " + e.getMessage() + ".");
            return USAGE;
        }
        if (format == null) {
            err.println("--file " + fileOption + " ends in neither .edl nor .otio; say which with --format edl|otio.");
            return USAGE;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("Cannot read --file " + file.toAbsolutePath() + ": " + e.getMessage());
            return USAGE;
        }
        boolean rerender = options.containsKey("rerender") && !options.get("rerender").equalsIgnoreCase("false");
        return withApplication("import", options, out, err, (context, show, airDate) -> {
            EpisodeKey episode = new EpisodeKey(show, airDate);
            if (context.getBean(ShowCatalog.class).find(show).isEmpty()) {
                err.println("No show " + show + ".");
                return USAGE;
            }
            String by = options.getOrDefault("by", System.getProperty("user.name", "editor"));
            var outcome = context.getBean(EdlInterchange.class).importFile(episode, file.getFileName().toString(), content,
                    format, by, options.get("reason"));
            if (!outcome.accepted()) {
                err.println("Rejected " + file.getFileName() + " for " + episode + " (" + outcome.problems().size()
                        + (outcome.problems().size() == 1 ? " problem" : " problems") + "; nothing was stored):");
                outcome.problems().forEach(p -> err.println("  " + p));
                return 1;
            }
            out.println("Stored " + file.getFileName() + " as EDL revision " + outcome.revision() + " of " + episode + ": "
                    + String.join("; ", outcome.changes()));
            outcome.warnings().forEach(w -> out.println("  warning: " + w));
            if (!rerender) {
                out.println("Render it with: rerender --show " + show + " --air-date " + airDate + " --edl-revision "
                        + outcome.revision());
                return 0;
            }
            RunOutcome run = context.getBean(EpisodeRunner.class).rerender(show, airDate, by, "imported " + file.getFileName()
                    + (options.get("reason") == null ? "" : ": " + options.get("reason")), outcome.revision());
            (run.kind() == RunOutcome.Kind.FAILED ? err : out).println(run.message());
            return run.kind().exitCode();
        });
    }

    /**
     * {@code overrides}: changes the editors' overrides of an episode (added to the stored ones, or to none with
     * {@code --clear}) and prints what is stored; a set that names unknown pieces, trims outside a piece or pins and
     * excludes one piece is refused with every reason (exit 1) and nothing changes. Trims are frames at the show's rate.
     */
    private static int overrides(Map<String, String> options, PrintStream out, PrintStream err) {
        java.util.function.UnaryOperator<org.ensemble.episode.EditorOverrides> change;
        try {
            change = overridesChange(options);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        }
        return withApplication("overrides", options, out, err, (context, show, airDate) -> {
            if (context.getBean(ShowCatalog.class).find(show).isEmpty()) {
                err.println("No show " + show + ".");
                return 1;
            }
            EpisodeKey episode = new EpisodeKey(show, airDate);
            var overrides = context.getBean(org.ensemble.plan.EpisodeOverrides.class);
            var stored = overrides.load(episode);
            var wanted = change.apply(stored);
            if (!wanted.equals(stored)) {
                // the audit log names the person at the terminal
                org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                        org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                                "cli:" + System.getProperty("user.name", "unknown"), null, java.util.List.of()));
                try {
                    var outcome = overrides.save(episode, wanted, "command line");
                    if (!outcome.stored()) {
                        err.println("Refused the overrides of " + episode + " (nothing changed):");
                        outcome.reasons().forEach(r -> err.println("  " + r));
                        return 1;
                    }
                } finally {
                    org.springframework.security.core.context.SecurityContextHolder.clearContext();
                }
                stored = wanted;
            }
            int fps = context.getBean(ShowCatalog.class).require(show).profile().frameRate();
            out.println("Overrides of " + episode + " (trims in frames at " + fps + " fps): "
                    + org.ensemble.plan.EpisodeOverrides.describe(stored));
            out.println("The next plan uses them: rerender --show " + show + " --air-date " + airDate);
            return 0;
        });
    }

    /** The change the options ask for, read before the application starts (so mistakes are usage errors). */
    static java.util.function.UnaryOperator<org.ensemble.episode.EditorOverrides> overridesChange(Map<String, String> options) {
        List<String> pin = ids(options, "pin");
        List<String> exclude = ids(options, "exclude");
        List<String> order = ids(options, "order");
        Map<String, long[]> trims = new java.util.LinkedHashMap<>();
        for (String t : ids(options, "trim")) {
            String[] p = t.split("[=:]");
            if (p.length != 3 || p[0].isBlank() || !p[1].matches("[0-9]{1,9}") || !p[2].matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("--trim '" + t + "' is not <id>=<in>:<out> in frames (out 0 = the end), like v1=15:120.");
            }
            long in = Long.parseLong(p[1]);
            long outFrame = Long.parseLong(p[2]);
            if (outFrame != 0 && outFrame <= in) {
                throw new IllegalArgumentException("--trim '" + t + "': out must be after in (or 0 for the end).");
            }
            trims.put(p[0], new long[] {in, outFrame});
        }
        Map<String, String> replace = new java.util.LinkedHashMap<>();
        for (String r : ids(options, "replace")) {
            String[] p = r.split("=");
            if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                throw new IllegalArgumentException("--replace '" + r + "' is not <id>=<other id>, like v1=v2.");
            }
            replace.put(p[0], p[1]);
        }
        Map<String, Integer> priority = new java.util.LinkedHashMap<>();
        for (String r : ids(options, "priority")) {
            String[] p = r.split("=");
            if (p.length != 2 || p[0].isBlank() || !p[1].matches("-?[0-9]{1,6}")) {
                throw new IllegalArgumentException("--priority '" + r + "' is not <id>=<whole number>, like v1=5.");
            }
            priority.put(p[0], Integer.valueOf(p[1]));
        }
        if (order.size() != new java.util.HashSet<>(order).size()) {
            throw new IllegalArgumentException("--order names a piece twice: " + String.join(",", order) + ".");
        }
        boolean clear = options.containsKey("clear") && !options.get("clear").equalsIgnoreCase("false");
        return stored -> {
            var o = clear ? org.ensemble.episode.EditorOverrides.NONE : stored;
            o = o.withPinned(pin.toArray(String[]::new)).withExcluded(exclude.toArray(String[]::new));
            if (!order.isEmpty()) {
                o = o.withOrder(order.toArray(String[]::new));
            }
            for (var t : trims.entrySet()) {
                o = o.withTrim(t.getKey(), t.getValue()[0], t.getValue()[1]);
            }
            for (var r : replace.entrySet()) {
                o = o.withReplacement(r.getKey(), r.getValue());
            }
            for (var p : priority.entrySet()) {
                o = o.withPriority(p.getKey(), p.getValue());
            }
            return o;
        };
    }

    private static List<String> ids(Map<String, String> options, String name) {
        if (!options.containsKey(name)) {
            return List.of();
        }
        List<String> ids = java.util.Arrays.stream(options.get(name).split(",", -1)).map(String::strip).toList();
        if (ids.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--" + name + " '" + options.get(name) + "' has an empty item; separate ids with commas.");
        }
        return ids;
    }

    /** {@code tokens create --name X}: makes a publishing system's API token and prints it, the only time it is shown. */
    private static int tokensCommand(String[] args, Map<String, String> options, PrintStream out, PrintStream err) {
        String name = options.get("name");
        if (!"create".equals(options.get("_sub")) || name == null || name.isBlank()) {
            err.println("tokens create --name <who uses it> [--home <dir>]");
            return USAGE;
        }
        EnsembleApplication.useAbsoluteHome(options.get("home"));
        try (ConfigurableApplicationContext context = application(options, null)) {
            // the audit log names the person at the terminal
            org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
                    org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                            "cli:" + System.getProperty("user.name", "unknown"), null, java.util.List.of()));
            var created = context.getBean(org.ensemble.security.ApiTokens.class).create(name);
            out.println("Token " + created.id() + " for " + created.name() + " (shown only now; keep it secret):");
            out.println(created.secret());
            SpringApplication.exit(context);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return USAGE;
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
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
        try (ConfigurableApplicationContext context = application(options, null)) {
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
    private static ConfigurableApplicationContext application(Map<String, String> options, String show, String... extra) {
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
        properties.addAll(java.util.Arrays.asList(extra));
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
     * {@code stop --execution <id>}: records the stop in the job repository (Spring Batch 6: STOPPED with an end
     * time). The process running it (this machine or another) sees that within two seconds, kills its FFmpeg
     * processes and ends the execution STOPPED; Spring Batch itself checks the status between chunks and steps.
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
        int first = 1;
        if (args.length > 1 && args[0].equals("tokens") && !args[1].startsWith("--")) {
            options.put("_sub", args[1]);
            first = 2;
        }
        for (int i = first; i < args.length; i++) {
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
            } else if (FLAGS.contains(name)) {
                value = "true";
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
                  java -jar ensemble.jar export --show <id> --air-date <YYYY-MM-DD> --format edl|otio [--edl-revision <n>]
                                                [--out <file>] [--home <dir>]
                                                              write EDL revision n (default the newest) as CMX 3600
                                                              or OpenTimelineIO, to the file or standard output
                  java -jar ensemble.jar import --show <id> --air-date <YYYY-MM-DD> --file <edited.edl|.otio>
                                                [--by <name>] [--reason <text>] [--rerender] [--home <dir>]
                                                              check an edited timeline and store it as the next EDL
                                                              revision (exit 1 with every problem when rejected);
                                                              --rerender also renders and publishes it
                  java -jar ensemble.jar overrides --show <id> --air-date <YYYY-MM-DD> [--pin <id,id>] [--exclude <id,id>]
                                                   [--order <id,id,id>] [--trim <id=in:out,...>] [--replace <id=other>]
                                                   [--priority <id=n>] [--clear] [--home <dir>]
                                                              change the editors' overrides of the episode (added to
                                                              the stored ones; --clear starts from none) and print them;
                                                              trims are frames at the show's rate (out 0 = the end);
                                                              the next plan (rerender without --edl-revision) uses them
                  java -jar ensemble.jar tokens create --name <who> [--home <dir>]   make an API token for a publishing system
                  java -jar ensemble.jar prune [--keep <n>] [--older-than-days <d>] [--show <id>] [--dry-run yes] [--home <dir>]
                                                              remove old package revisions: those beyond the newest n
                                                              of each episode and/or older than d days (both when both
                                                              are given); an episode's current revision always stays
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
                  --inbox     read this show's approved contributions from <dir>/manifest.jsonl; the episode
                              remembers it for its re-renders and restarts (default: the episode's last
                              inbox, else <home>/inbox/<show>)
                  --jobs      the folder of show definitions (default ./jobs)
                  --by        who asks for the re-render (recorded with the EDL revision; default: your user name)
                  --reason    why (recorded with the EDL revision)
                  --format    edl (CMX 3600, 30 fps non-drop) or otio (OpenTimelineIO JSON)

                Any --<spring.property>=<value> (e.g. --ensemble.parallelism=1) is passed to the application.

                Exit codes of run and rerender: 0 published, 1 failed (nothing published), 2 wrong usage,
                                                3 already published (nothing new), 4 already running elsewhere
                Exit codes of restart and schedules run-now: those of run
                Exit codes of export and import: 0 done, 1 no such revision / import rejected, 2 wrong usage
                                                (import --rerender: those of rerender once the import is stored)
                Other commands: 0 done, 1 refused (unknown show or execution, not running, overrides refused),
                                2 wrong usage""";
    }
}
