package org.ensemble.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.plan.EpisodeOverrides;
import org.ensemble.show.ShowCatalog;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The editors' overrides of an episode: added to the stored ones (or to none with {@code --clear}) and printed. A set
 * that names unknown pieces, trims outside a piece, or pins and excludes one piece is refused with every reason
 * (exit 1) and nothing changes. Trims are frames at the show's rate.
 */
@Command(name = "overrides", sortOptions = false,
        description = {"change the editors' overrides of the episode (added to the stored ones; --clear starts from none) "
                + "and print them; the next plan (rerender without --edl-revision) uses them"})
final class OverridesCommand implements Callable<Integer> {

    private final ApplicationStarter starter;
    @Spec
    CommandSpec spec;
    @Mixin
    EpisodeCommands.Episode episode;
    @Option(names = "--pin", paramLabel = "<id,id>", description = "always in, even a piece that aired before")
    String pin;
    @Option(names = "--exclude", paramLabel = "<id,id>", description = "never in")
    String exclude;
    @Option(names = "--order", paramLabel = "<id,id,id>", description = "these pieces in this relative order (implicitly pinned)")
    String order;
    @Option(names = "--trim", paramLabel = "<id=in:out,...>", description = "frames of the piece's usable source at the show's rate (out 0 = its end)")
    String trim;
    @Option(names = "--replace", paramLabel = "<id=other>", description = "the other piece takes this one's place")
    String replace;
    @Option(names = "--priority", paramLabel = "<id=n>", description = "higher is preferred")
    String priority;
    @Option(names = "--clear", description = "start from no overrides")
    boolean clear;
    @Mixin
    CommonOptions common;

    OverridesCommand(ApplicationStarter starter) {
        this.starter = starter;
    }

    @Override
    public Integer call() {
        UnaryOperator<EditorOverrides> change;
        try {
            change = change(pin, exclude, order, trim, replace, priority, clear);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return starter.launch(common).show(episode.show, episode.airDate, 1).lazy().run((context, settings) -> {
            int code = apply(context, change);
            starter.out().println("Home: " + settings.home());
            return code;
        });
    }

    private int apply(ConfigurableApplicationContext context, UnaryOperator<EditorOverrides> change) {
        EpisodeKey key = new EpisodeKey(episode.show, episode.airDate);
        EpisodeOverrides overrides = context.getBean(EpisodeOverrides.class);
        EditorOverrides stored = overrides.load(key);
        EditorOverrides wanted = change.apply(stored);
        if (!wanted.equals(stored)) {
            var outcome = TerminalUser.asPersonAtTerminal(() -> overrides.save(key, wanted, "command line"));
            if (!outcome.stored()) {
                starter.err().println("Refused the overrides of " + key + " (nothing changed):");
                outcome.reasons().forEach(r -> starter.err().println("  " + r));
                return 1;
            }
            stored = wanted;
        }
        int fps = context.getBean(ShowCatalog.class).require(episode.show).profile().frameRate();
        starter.out().println("Overrides of " + key + " (trims in frames at " + fps + " fps): " + EpisodeOverrides.describe(stored));
        starter.out().println("The next plan uses them: rerender --show " + episode.show + " --air-date " + episode.airDate);
        return 0;
    }

    /** The change the options ask for, read before the application starts (so mistakes are usage errors). */
    static UnaryOperator<EditorOverrides> change(String pinned, String excluded, String ordered, String trimmed,
                                                 String replaced, String prioritised, boolean clear) {
        List<String> pin = ids("pin", pinned);
        List<String> exclude = ids("exclude", excluded);
        List<String> order = ids("order", ordered);
        Map<String, long[]> trims = new LinkedHashMap<>();
        for (String t : ids("trim", trimmed)) {
            String[] p = t.split("[=:]");
            if (p.length != 3 || p[0].isBlank() || !p[1].matches("[0-9]{1,9}") || !p[2].matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("--trim '" + t + "' is not <id>=<in>:<out> in frames (out 0 = the end), like v1=15:120.");
            }
            long in = Long.parseLong(p[1]);
            long out = Long.parseLong(p[2]);
            if (out != 0 && out <= in) {
                throw new IllegalArgumentException("--trim '" + t + "': out must be after in (or 0 for the end).");
            }
            trims.put(p[0], new long[] {in, out});
        }
        Map<String, String> replace = new LinkedHashMap<>();
        for (String r : ids("replace", replaced)) {
            String[] p = r.split("=");
            if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                throw new IllegalArgumentException("--replace '" + r + "' is not <id>=<other id>, like v1=v2.");
            }
            replace.put(p[0], p[1]);
        }
        Map<String, Integer> priority = new LinkedHashMap<>();
        for (String r : ids("priority", prioritised)) {
            String[] p = r.split("=");
            if (p.length != 2 || p[0].isBlank() || !p[1].matches("-?[0-9]{1,6}")) {
                throw new IllegalArgumentException("--priority '" + r + "' is not <id>=<whole number>, like v1=5.");
            }
            priority.put(p[0], Integer.valueOf(p[1]));
        }
        if (order.size() != new HashSet<>(order).size()) {
            throw new IllegalArgumentException("--order names a piece twice: " + String.join(",", order) + ".");
        }
        return stored -> {
            EditorOverrides o = clear ? EditorOverrides.NONE : stored;
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

    private static List<String> ids(String option, String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(Arrays.stream(value.split(",", -1)).map(String::strip).toList());
        if (ids.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--" + option + " '" + value + "' has an empty item; separate ids with commas.");
        }
        return ids;
    }
}
