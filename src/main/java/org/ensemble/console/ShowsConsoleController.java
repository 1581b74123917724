package org.ensemble.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import jakarta.servlet.http.HttpServletRequest;
import org.ensemble.schedule.BackgroundRuns;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.Operations;
import org.ensemble.schedule.WeeklySchedule;
import org.ensemble.security.AuditLog;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The shows with their schedules (next fire time, paused or not), "run now" for an episode, and pause / resume / reload
 * of the weekly triggers through the same operations service as the API. The schedule buttons post with htmx and get
 * the table back; without JavaScript the forms post and redirect.
 */
@Controller
@RequestMapping("/console/shows")
class ShowsConsoleController {

    private final ShowCatalog shows;
    private final EpisodeRunner runner;
    private final BackgroundRuns background;
    private final AuditLog audit;
    private final Operations operations;

    ShowsConsoleController(ShowCatalog shows, EpisodeRunner runner, BackgroundRuns background, AuditLog audit,
                           Operations operations) {
        this.shows = shows;
        this.runner = runner;
        this.background = background;
        this.audit = audit;
        this.operations = operations;
    }

    /**
     * One show's row. {@code nextRun} is the scheduler's next fire time when the show is scheduled, else the cron's
     * (as it would fire after a reload); {@code scheduled} says which.
     */
    record ShowRow(String id, String title, String cron, String timeZone, ZonedDateTime nextRun, String airSlot,
                   LocalDate nextAirDate, boolean scheduled, boolean paused, ZonedDateTime previousRun) {
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("shows", rows());
        return "console/shows";
    }

    @PostMapping("/{show}/pause")
    String pause(@PathVariable String show, HttpServletRequest request, Model model, RedirectAttributes flash) {
        return scheduleChange(request, model, flash, () -> {
            operations.pause(show);
            audit.record("schedule.pause", show, "from the console");
            return show + " is paused: its weekly run does not fire until it is resumed";
        });
    }

    @PostMapping("/{show}/resume")
    String resume(@PathVariable String show, HttpServletRequest request, Model model, RedirectAttributes flash) {
        return scheduleChange(request, model, flash, () -> {
            Operations.ScheduleView view = operations.resume(show);
            audit.record("schedule.resume", show, "from the console");
            return show + " is resumed" + (view.nextFire() == null ? "" : "; next run " + view.nextFire());
        });
    }

    @PostMapping("/reload")
    String reload(HttpServletRequest request, Model model, RedirectAttributes flash) {
        return scheduleChange(request, model, flash, () -> {
            WeeklySchedule.Reload reload = operations.reload();
            String summary = describe(reload);
            audit.record("schedule.reload", "jobs", summary);
            return "Schedules reloaded from jobs/*.yaml: " + summary;
        });
    }

    static String describe(WeeklySchedule.Reload reload) {
        return "added " + names(reload.added()) + "; replaced " + names(reload.replaced()) + "; removed "
                + names(reload.removed()) + "; unchanged " + names(reload.unchanged());
    }

    private static String names(List<String> shows) {
        return shows.isEmpty() ? "none" : String.join(", ", shows);
    }

    @FunctionalInterface
    private interface Change {
        String apply();
    }

    /** Does the change; an htmx request gets the schedules table back with the outcome, a plain form a redirect. */
    private String scheduleChange(HttpServletRequest request, Model model, RedirectAttributes flash, Change change) {
        String key = "message";
        String text;
        try {
            text = change.apply();
        } catch (NoSuchElementException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage());
        } catch (IllegalStateException e) {
            key = "error";
            text = e.getMessage();
        }
        if (request.getHeader("HX-Request") != null) {
            model.addAttribute(key, text);
            model.addAttribute("shows", rows());
            return "console/shows :: schedules";
        }
        flash.addFlashAttribute(key, text);
        return "redirect:/console/shows";
    }

    private List<ShowRow> rows() {
        List<ShowRow> rows = new ArrayList<>();
        Map<String, ShowDefinition> defined = shows.all();
        for (Operations.ScheduleView v : operations.schedules()) {
            ShowDefinition s = defined.get(v.show());
            if (s == null) {
                continue;
            }
            Instant next = v.scheduled() ? v.nextFire() : WeeklySchedule.nextFire(s, Instant.now());
            rows.add(new ShowRow(s.id(), s.title(), s.cron(), s.timeZone().getId(),
                    next == null ? null : next.atZone(s.timeZone()), s.airDay() + " " + s.airTime(),
                    s.nextAirDateAfter(LocalDate.now(s.timeZone()).minusDays(1)), v.scheduled(), v.paused(),
                    v.previousFire() == null ? null : v.previousFire().atZone(s.timeZone())));
        }
        return rows;
    }

    @PostMapping("/{show}/run")
    String runNow(@PathVariable String show, @RequestParam LocalDate airDate, Authentication user, RedirectAttributes flash) {
        ShowDefinition definition = shows.find(show).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No show " + show));
        try {
            definition.requireAirDay(airDate);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/console/shows";
        }
        audit.record("episode.run", show + "/" + airDate, "run now from the console");
        background.submit("Run of " + show + "/" + airDate + " asked by " + user.getName(), () -> runner.run(show, airDate));
        flash.addFlashAttribute("message", "Run of " + show + "/" + airDate + " started");
        return "redirect:/console/runs";
    }
}
