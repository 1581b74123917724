package org.ensemble.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import java.util.Locale;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.TimelineProblem;
import org.ensemble.interchange.EdlInterchange;
import org.ensemble.interchange.TimelineFormat;
import org.ensemble.schedule.BackgroundRuns;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.schedule.RunOutcome;
import org.ensemble.security.AuditLog;
import org.ensemble.show.ShowCatalog;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The editors' door to an episode: its EDL revisions (who made each, why and what it changed), downloads as CMX 3600
 * or OpenTimelineIO, imports of edited timelines, and re-renders.
 */
@RestController
@RequestMapping("/api/shows/{show}/episodes/{airDate}")
class EpisodeEditsController {

    private final ShowCatalog shows;
    private final EditDecisionListRepository edls;
    private final EpisodeRunner runner;
    private final BackgroundRuns background;
    private final EdlInterchange interchange;
    private final AuditLog audit;

    EpisodeEditsController(ShowCatalog shows, EditDecisionListRepository edls, EpisodeRunner runner, BackgroundRuns background,
                           EdlInterchange interchange, AuditLog audit) {
        this.interchange = interchange;
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

    /** Every revision: who or what made it, why, and what it changed against the one before. */
    @GetMapping("/edl")
    List<EdlInterchange.RevisionEntry> history(@PathVariable String show, @PathVariable LocalDate airDate) {
        return interchange.history(episode(show, airDate));
    }

    /** A revision as a CMX 3600 file for an NLE. */
    @GetMapping("/edl/{revision}.edl")
    ResponseEntity<String> revisionAsEdl(@PathVariable String show, @PathVariable LocalDate airDate, @PathVariable int revision) {
        return download(show, airDate, revision, TimelineFormat.EDL);
    }

    /** A revision as an OpenTimelineIO file. */
    @GetMapping("/edl/{revision}.otio")
    ResponseEntity<String> revisionAsOtio(@PathVariable String show, @PathVariable LocalDate airDate, @PathVariable int revision) {
        return download(show, airDate, revision, TimelineFormat.OTIO);
    }

    private ResponseEntity<String> download(String show, LocalDate airDate, int revision, TimelineFormat format) {
        EpisodeKey key = episode(show, airDate);
        String text = interchange.export(key, revision, format).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, key + " has no EDL revision " + revision));
        String name = show + "_" + airDate + "_edl-r" + revision + "." + format.extension();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.mediaType() + ";charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(text);
    }

    record ImportResponse(Integer revision, List<String> changes, List<TimelineProblem> problems, RerenderResponse rerender,
                          List<String> warnings) {
    }

    /**
     * Imports an edited timeline (the request body: a CMX 3600 EDL or an OTIO file, told by {@code ?format=edl|otio}
     * or the Content-Type, text/plain or application/json) as the next EDL revision: 201 with its number and what it
     * changed, or 422 with every problem (event number and reason). {@code ?rerender=true} then renders and
     * publishes it before answering.
     */
    @PostMapping("/edl")
    ResponseEntity<ImportResponse> importTimeline(@PathVariable String show, @PathVariable LocalDate airDate,
                                                  @RequestBody String body,
                                                  @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                  @RequestParam(required = false) String format,
                                                  @RequestParam(required = false) String name,
                                                  @RequestParam(required = false) String by,
                                                  @RequestParam(required = false) String reason,
                                                  @RequestParam(defaultValue = "false") boolean rerender) throws Exception {
        EpisodeKey key = episode(show, airDate);
        TimelineFormat f;
        try {
            f = format != null ? TimelineFormat.parse(format) : name != null && TimelineFormat.ofFileName(name) != null
                    ? TimelineFormat.ofFileName(name) : contentType != null && contentType.toLowerCase(Locale.ROOT)
                    .contains("json") ? TimelineFormat.OTIO : TimelineFormat.EDL;
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        String fileName = name != null ? name : "upload." + f.extension();
        EdlInterchange.ImportOutcome outcome = interchange.importFile(key, fileName, body, f, by, reason);
        audit.record(outcome.accepted() ? "episode.edl.import" : "episode.edl.import.refused", key.toString(),
                fileName + (outcome.accepted() ? " as EDL r" + outcome.revision() : ": " + outcome.problems().size() + " problem(s)"));
        if (!outcome.accepted()) {
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                    .body(new ImportResponse(null, List.of(), outcome.problems(), null, List.of()));
        }
        URI location = URI.create("/api/shows/" + show + "/episodes/" + airDate + "/edl/" + outcome.revision());
        RerenderResponse rendered = null;
        if (rerender) {
            RunOutcome done = background.submit("Re-render of " + key, () -> runner.rerender(show, airDate,
                    by == null || by.isBlank() ? "editor" : by, "imported " + fileName + (reason == null ? "" : ": " + reason),
                    outcome.revision())).get();
            rendered = new RerenderResponse(done.kind().name(), done.message(), "/api/shows/" + show + "/episodes/" + airDate);
        }
        return ResponseEntity.created(location).body(new ImportResponse(outcome.revision(), outcome.changes(), List.of(), rendered,
                outcome.warnings()));
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
