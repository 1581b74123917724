package org.ensemble.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.plan.EpisodeOverrides;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The editors' overrides of an episode's plan: pin, exclude, force an order, trim, replace, prioritise. A PUT replaces
 * the whole set (send what GET answered, changed); it is checked first and refused with every reason (422 problem
 * JSON, {@code reasons}) when it names unknown pieces, trims outside a piece or pins and excludes the same piece.
 * Trims are in frames at the show's frame rate ({@code frameRate} in the answer): {@code in} inclusive, {@code out}
 * exclusive, 0 = the piece's end; for a photo or writing piece {@code out - in} is its length.
 * The overrides are inputs of the next plan: {@code POST .../rerender} without an {@code edlRevision} plans again
 * with them, renders and publishes.
 */
@RestController
@RequestMapping("/api/shows/{show}/episodes/{airDate}/overrides")
class EpisodeOverridesController {

    private final ShowCatalog shows;
    private final EpisodeOverrides overrides;

    EpisodeOverridesController(ShowCatalog shows, EpisodeOverrides overrides) {
        this.shows = shows;
        this.overrides = overrides;
    }

    record TrimJson(long in, long out) {
    }

    /** The overrides as JSON; on a PUT, missing fields mean none. */
    record OverridesJson(List<String> pinned, List<String> excluded, List<String> order, Map<String, TrimJson> trims,
                         Map<String, String> replacements, Map<String, Integer> priorities, Integer frameRate,
                         String trimUnit) {

        static OverridesJson of(EditorOverrides o, int fps) {
            Map<String, TrimJson> trims = new LinkedHashMap<>();
            o.trims().forEach((id, t) -> trims.put(id, new TrimJson(t.in(), t.out())));
            return new OverridesJson(List.copyOf(o.pinned()), List.copyOf(o.excluded()), o.order(), trims,
                    o.replacements(), o.priorities(), fps, "frames");
        }
    }

    @GetMapping
    OverridesJson get(@PathVariable String show, @PathVariable LocalDate airDate) {
        ShowDefinition s = show(show);
        return OverridesJson.of(overrides.load(new EpisodeKey(show, airDate)), s.profile().frameRate());
    }

    @PutMapping
    ResponseEntity<?> put(@PathVariable String show, @PathVariable LocalDate airDate, @RequestBody OverridesJson body) {
        ShowDefinition s = show(show);
        EpisodeKey key = new EpisodeKey(show, airDate);
        List<String> reasons = new ArrayList<>();
        EditorOverrides o = null;
        try {
            Map<String, EditorOverrides.Trim> trims = new LinkedHashMap<>();
            if (body.trims() != null) {
                body.trims().forEach((id, t) -> {
                    try {
                        trims.put(id, new EditorOverrides.Trim(t.in(), t.out()));
                    } catch (IllegalArgumentException e) {
                        reasons.add(id + ": " + e.getMessage());
                    }
                });
            }
            o = new EditorOverrides(set(body.pinned()), set(body.excluded()), body.order() == null ? List.of() : body.order(),
                    trims, body.replacements() == null ? Map.of() : body.replacements(),
                    body.priorities() == null ? Map.of() : body.priorities());
        } catch (IllegalArgumentException | NullPointerException e) {
            reasons.add(String.valueOf(e.getMessage()));
        }
        if (reasons.isEmpty()) {
            EpisodeOverrides.Change change = overrides.save(key, o, "API");
            if (change.stored()) {
                return ResponseEntity.ok(OverridesJson.of(change.overrides(), s.profile().frameRate()));
            }
            reasons.addAll(change.reasons());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The overrides of " + key + " were not stored: " + String.join("; ", reasons));
        problem.setProperty("reasons", reasons);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(problem);
    }

    private static Set<String> set(List<String> ids) {
        return ids == null ? Set.of() : Set.copyOf(ids);
    }

    private ShowDefinition show(String show) {
        return shows.find(show).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No show " + show));
    }
}
