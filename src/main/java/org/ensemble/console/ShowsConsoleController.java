package org.ensemble.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

import org.ensemble.schedule.BackgroundRuns;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.security.AuditLog;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.quartz.CronExpression;
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

/** The shows with their schedules' next fire times, and "run now" for an episode. */
@Controller
@RequestMapping("/console/shows")
class ShowsConsoleController {

    private final ShowCatalog shows;
    private final EpisodeRunner runner;
    private final BackgroundRuns background;
    private final AuditLog audit;

    ShowsConsoleController(ShowCatalog shows, EpisodeRunner runner, BackgroundRuns background, AuditLog audit) {
        this.shows = shows;
        this.runner = runner;
        this.background = background;
        this.audit = audit;
    }

    record ShowRow(String id, String title, String cron, String timeZone, ZonedDateTime nextRun, String airSlot,
                   LocalDate nextAirDate) {
    }

    @GetMapping
    String list(Model model) {
        List<ShowRow> rows = new ArrayList<>();
        for (ShowDefinition s : shows.all().values()) {
            Instant next = nextRun(s);
            rows.add(new ShowRow(s.id(), s.title(), s.cron(), s.timeZone().getId(),
                    next == null ? null : next.atZone(s.timeZone()), s.airDay() + " " + s.airTime(),
                    s.nextAirDateAfter(LocalDate.now(s.timeZone()).minusDays(1))));
        }
        model.addAttribute("shows", rows);
        return "console/shows";
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

    /** The next time the show's cron fires, in its time zone (the same rule the scheduler uses). */
    static Instant nextRun(ShowDefinition show) {
        try {
            CronExpression cron = new CronExpression(show.cron());
            cron.setTimeZone(TimeZone.getTimeZone(show.timeZone()));
            Date next = cron.getNextValidTimeAfter(new Date());
            return next == null ? null : next.toInstant();
        } catch (java.text.ParseException e) {
            return null;
        }
    }
}
