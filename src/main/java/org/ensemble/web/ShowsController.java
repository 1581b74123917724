package org.ensemble.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.schedule.WeeklySchedule;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read-only JSON views for operations: the shows with their next run, and what an episode's run recorded. */
@RestController
@RequestMapping("/api/shows")
class ShowsController {

    private final ShowCatalog shows;
    private final PublicationRepository publications;
    private final ContributionRepository contributions;

    ShowsController(ShowCatalog shows, PublicationRepository publications, ContributionRepository contributions) {
        this.shows = shows;
        this.publications = publications;
        this.contributions = contributions;
    }

    record ShowSummary(String id, String title, String timeZone, String cron, Instant nextRun, String airDay,
                       String airTime, long runtimeFrames, int frameRate) {
    }

    record EpisodeSummary(String show, LocalDate airDate, List<PublicationRepository.Publication> revisions,
                          List<Map<String, Object>> contributions) {
    }

    @GetMapping
    List<ShowSummary> list() {
        List<ShowSummary> result = new ArrayList<>();
        for (ShowDefinition show : shows.all().values()) {
            result.add(new ShowSummary(show.id(), show.title(), show.timeZone().getId(), show.cron(), WeeklySchedule.nextFire(show, Instant.now()),
                    show.airDay().name(), show.airTime().toString(), show.runtimeFrames(), show.profile().frameRate()));
        }
        return result;
    }

    @GetMapping("/{show}/episodes/{airDate}")
    EpisodeSummary episode(@PathVariable String show, @PathVariable LocalDate airDate) {
        if (shows.find(show).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No show " + show);
        }
        EpisodeKey key = new EpisodeKey(show, airDate);
        List<Map<String, Object>> pieces = new ArrayList<>();
        for (Contribution c : contributions.findAll(key)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id());
            row.put("line", c.line());
            row.put("contributor", c.contributor());
            row.put("category", c.category() == null ? null : c.category().slug());
            row.put("file", c.file());
            row.put("status", c.status());
            row.put("reason", c.reason());
            pieces.add(row);
        }
        return new EpisodeSummary(show, airDate, publications.list(key), pieces);
    }
}
