package org.ensemble.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import java.util.function.UnaryOperator;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.plan.EpisodeOverrides;
import org.ensemble.schedule.BackgroundRuns;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.security.AuditLog;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The episode page's override buttons: pin, exclude, trim (in and out in seconds, stored as frames at the show's
 * rate), forget a piece's overrides, and re-plan and re-render (a re-render without an EDL revision, which plans
 * again with the overrides). Every change goes through {@link EpisodeOverrides}: checked, stored whole, audited.
 */
@Controller
@RequestMapping("/console/episodes/{show}/{airDate}/overrides")
class EpisodeOverridesForms {

    private final ShowCatalog shows;
    private final EpisodeOverrides overrides;
    private final EpisodeRunner runner;
    private final BackgroundRuns background;
    private final AuditLog audit;

    EpisodeOverridesForms(ShowCatalog shows, EpisodeOverrides overrides, EpisodeRunner runner, BackgroundRuns background,
                          AuditLog audit) {
        this.shows = shows;
        this.overrides = overrides;
        this.runner = runner;
        this.background = background;
        this.audit = audit;
    }

    @PostMapping("/pin")
    String pin(@PathVariable String show, @PathVariable LocalDate airDate, @RequestParam String piece, RedirectAttributes flash) {
        return change(show, airDate, flash, "pinned " + piece, o -> without(o, piece).withPinned(piece));
    }

    @PostMapping("/exclude")
    String exclude(@PathVariable String show, @PathVariable LocalDate airDate, @RequestParam String piece, RedirectAttributes flash) {
        return change(show, airDate, flash, "excluded " + piece, o -> without(o, piece).withExcluded(piece));
    }

    /** A trim in seconds from the start of the piece's usable source; an empty out means its end. */
    @PostMapping("/trim")
    String trim(@PathVariable String show, @PathVariable LocalDate airDate, @RequestParam String piece,
                @RequestParam String in, @RequestParam(required = false) String out, RedirectAttributes flash) {
        int fps = show(show).profile().frameRate();
        long inFrames;
        long outFrames;
        try {
            inFrames = frames(in, fps);
            outFrames = out == null || out.isBlank() ? 0 : frames(out, fps);
            new EditorOverrides.Trim(inFrames, outFrames);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", "Trim of " + piece + ": " + e.getMessage()
                    + " (seconds, like 0.5 and 4; out after in, or empty for the end)");
            return back(show, airDate);
        }
        return change(show, airDate, flash, "trimmed " + piece + " to frames " + inFrames + ".." + (outFrames == 0 ? "end" : outFrames),
                o -> o.withTrim(piece, inFrames, outFrames));
    }

    @PostMapping("/forget")
    String forget(@PathVariable String show, @PathVariable LocalDate airDate, @RequestParam String piece, RedirectAttributes flash) {
        return change(show, airDate, flash, "no overrides for " + piece, o -> without(o, piece));
    }

    @PostMapping("/replan")
    String replan(@PathVariable String show, @PathVariable LocalDate airDate, @RequestParam(required = false) String reason,
                  Authentication user, RedirectAttributes flash) {
        show(show);
        EpisodeKey key = new EpisodeKey(show, airDate);
        String why = reason == null || reason.isBlank() ? "re-plan with the editors' overrides" : reason.strip();
        audit.record("episode.rerender", key.toString(), "plan again: " + why + " (" + EpisodeOverrides.describe(overrides.load(key)) + ")");
        background.submit("Re-render of " + key, () -> runner.rerender(show, airDate, user.getName(), why, null));
        flash.addFlashAttribute("message", "Re-plan and re-render of " + key + " started, with the overrides");
        return back(show, airDate);
    }

    private String change(String show, LocalDate airDate, RedirectAttributes flash, String what,
                          UnaryOperator<EditorOverrides> how) {
        show(show);
        EpisodeKey key = new EpisodeKey(show, airDate);
        EditorOverrides next;
        try {
            next = how.apply(overrides.load(key));
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return back(show, airDate);
        }
        EpisodeOverrides.Change change = overrides.save(key, next, "console");
        if (change.stored()) {
            flash.addFlashAttribute("message", "Overrides: " + what + ". Re-plan and re-render to use them.");
        } else {
            flash.addFlashAttribute("error", "Not stored: " + String.join("; ", change.reasons()));
        }
        return back(show, airDate);
    }

    /** The overrides with every decision about {@code piece} taken away. */
    static EditorOverrides without(EditorOverrides o, String piece) {
        Set<String> pinned = new TreeSet<>(o.pinned());
        pinned.remove(piece);
        Set<String> excluded = new HashSet<>(o.excluded());
        excluded.remove(piece);
        List<String> order = o.order().stream().filter(id -> !id.equals(piece)).toList();
        Map<String, EditorOverrides.Trim> trims = new HashMap<>(o.trims());
        trims.remove(piece);
        Map<String, String> replacements = new LinkedHashMap<>(o.replacements());
        replacements.remove(piece);
        replacements.values().removeIf(piece::equals);
        Map<String, Integer> priorities = new HashMap<>(o.priorities());
        priorities.remove(piece);
        return new EditorOverrides(pinned, excluded, order, trims, replacements, priorities);
    }

    /** Seconds as typed by a person, to the nearest frame. */
    static long frames(String seconds, int fps) {
        try {
            BigDecimal s = new BigDecimal(seconds.strip());
            if (s.signum() < 0) {
                throw new IllegalArgumentException("'" + seconds + "' is before the start");
            }
            return s.multiply(BigDecimal.valueOf(fps)).setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + seconds + "' is not a number of seconds");
        }
    }

    private static String back(String show, LocalDate airDate) {
        return "redirect:/console/episodes/" + show + "/" + airDate;
    }

    private ShowDefinition show(String id) {
        return shows.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No show " + id));
    }
}
