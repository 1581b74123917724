package org.ensemble.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.schedule.BackgroundRuns;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.RunOutcome;
import org.ensemble.security.AuditLog;
import org.ensemble.show.ShowCatalog;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The editors' JSON door to an episode: its EDL revisions (who made each and why) and re-renders. */
@RestController
@RequestMapping("/api/shows/{show}/episodes/{airDate}")
class EpisodeEditsController {

    private final ShowCatalog shows;
    private final EditDecisionListRepository edls;
    private final EpisodeRunner runner;
    private final BackgroundRuns background;
    private final AuditLog audit;

    EpisodeEditsController(ShowCatalog shows, EditDecisionListRepository edls, EpisodeRunner runner, BackgroundRuns background,
                           AuditLog audit) {
        this.audit = audit;
        this.shows = shows;
        this.edls = edls;
        this.runner = runner;
        this.background = background;
    }

    /** A re-render request: who asks, why, and optionally a stored EDL revision to render as it is. */
    record RerenderRequest(String requestedBy, String reason, Integer edlRevision) {
    }

    record RerenderResponse(String status, String message, String episode) {
    }

    @GetMapping("/edl")
    List<EditDecisionListRepository.RevisionSummary> history(@PathVariable String show, @PathVariable LocalDate airDate) {
        return edls.history(episode(show, airDate));
    }

    @GetMapping("/edl/{revision}")
    EditDecisionList revision(@PathVariable String show, @PathVariable LocalDate airDate, @PathVariable int revision) {
        EpisodeKey key = episode(show, airDate);
        return edls.find(key, revision).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                key + " has no EDL revision " + revision));
    }

    /**
     * Starts a re-render. By default it answers 202 at once (watch the episode resource for the new revision);
     * {@code ?wait=true} answers when it is done: 200 published, 200 unchanged, 409 busy, 422 failed.
     */
    @PostMapping("/rerender")
    ResponseEntity<RerenderResponse> rerender(@PathVariable String show, @PathVariable LocalDate airDate,
                                              @RequestBody(required = false) RerenderRequest request,
                                              @RequestParam(defaultValue = "false") boolean wait) throws Exception {
        EpisodeKey key = episode(show, airDate);
        RerenderRequest r = request == null ? new RerenderRequest(null, null, null) : request;
        audit.record("episode.rerender", key.toString(), (r.edlRevision() == null ? "plan again" : "EDL r" + r.edlRevision())
                + (r.reason() == null ? "" : ": " + r.reason()) + " (API, for " + r.requestedBy() + ")");
        var outcome = background.submit("Re-render of " + key, () -> runner.rerender(show, airDate, r.requestedBy(),
                r.reason(), r.edlRevision()));
        URI watch = URI.create("/api/shows/" + show + "/episodes/" + airDate);
        if (!wait) {
            return ResponseEntity.accepted().location(watch)
                    .body(new RerenderResponse("STARTED", "Re-render of " + key + " started", watch.toString()));
        }
        RunOutcome done = outcome.get();
        HttpStatus status = switch (done.kind()) {
            case PUBLISHED, ALREADY_PUBLISHED -> HttpStatus.OK;
            case ALREADY_RUNNING -> HttpStatus.CONFLICT;
            case FAILED -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
        return ResponseEntity.status(status).location(watch)
                .body(new RerenderResponse(done.kind().name(), done.message(), watch.toString()));
    }

    private EpisodeKey episode(String show, LocalDate airDate) {
        if (shows.find(show).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No show " + show);
        }
        return new EpisodeKey(show, airDate);
    }

}
