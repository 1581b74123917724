package org.ensemble.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ensemble.EnsembleSettings;
import org.ensemble.episode.Category;
import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.episode.Timecode;
import org.ensemble.plan.EpisodeOverrides;
import org.ensemble.schedule.BackgroundRuns;
import org.ensemble.schedule.EpisodeRunner;
import org.ensemble.security.AuditLog;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editors' episode page: the timeline as blocks, loudness per piece, the current package in a player, moves
 * that make new EDL revisions, re-render, and the revision history with what each revision changed.
 */
@Controller
@RequestMapping("/console/episodes/{show}/{airDate}")
class EpisodeController {

    private final ShowCatalog shows;
    private final EditDecisionListRepository edls;
    private final ConformedPieceRepository pieces;
    private final PublicationRepository publications;
    private final EpisodeEdits edits;
    private final EpisodeRunner runner;
    private final BackgroundRuns background;
    private final AuditLog audit;
    private final EnsembleSettings settings;
    private final RunBoard board;
    private final EpisodeOverrides episodeOverrides;
    private final ContributionRepository contributions;
    private final JsonMapper json = JsonMapper.builder().build();

    EpisodeController(ShowCatalog shows, EditDecisionListRepository edls, ConformedPieceRepository pieces,
                      PublicationRepository publications, EpisodeEdits edits, EpisodeRunner runner,
                      BackgroundRuns background, AuditLog audit, EnsembleSettings settings, RunBoard board,
                      EpisodeOverrides episodeOverrides, ContributionRepository contributions) {
        this.episodeOverrides = episodeOverrides;
        this.contributions = contributions;
        this.shows = shows;
        this.edls = edls;
        this.pieces = pieces;
        this.publications = publications;
        this.edits = edits;
        this.runner = runner;
        this.background = background;
        this.audit = audit;
        this.settings = settings;
        this.board = board;
    }

    /** One event of the timeline as the page draws it. */
    record Block(int number, String pieceId, String kind, String category, String categoryLabel, String contributor, String title,
                 long frames, String seconds, String width, String recordIn, String loudnessBefore, String peakBefore,
                 boolean canMoveUp, boolean canMoveDown, String quality) {
    }

    @GetMapping
    String page(@PathVariable String show, @PathVariable LocalDate airDate, Model model) {
        ShowDefinition definition = show(show);
        EpisodeKey key = new EpisodeKey(show, airDate);
        Optional<EditDecisionList> latest = edls.latest(key);
        model.addAttribute("show", definition);
        model.addAttribute("airDate", airDate);
        model.addAttribute("base", "/console/episodes/" + show + "/" + airDate);
        model.addAttribute("edl", latest.orElse(null));
        model.addAttribute("blocks", latest.map(edl -> blocks(edl, pieces.findAll(key), definition)).orElse(List.of()));
        model.addAttribute("target", String.format(Locale.ROOT, "%.1f LUFS, true peak %.1f dBTP",
                definition.loudness().integratedLufs(), definition.loudness().truePeakDbtp()));
        model.addAttribute("history", edls.history(key));
        overrides(key, latest.orElse(null), definition, model);
        model.addAttribute("changes", edits.changes(key));
        status(key, model);
        return "console/episode";
    }

    @GetMapping("/status")
    String statusFragment(@PathVariable String show, @PathVariable LocalDate airDate, Model model) {
        show(show);
        model.addAttribute("base", "/console/episodes/" + show + "/" + airDate);
        status(new EpisodeKey(show, airDate), model);
        return "console/episode :: status";
    }

    @PostMapping("/move")
    String move(@PathVariable String show, @PathVariable LocalDate airDate, @RequestParam int number,
                @RequestParam EpisodeEdits.Direction direction, Authentication user, RedirectAttributes flash) {
        show(show);
        try {
            EditDecisionList next = edits.move(new EpisodeKey(show, airDate), number, direction, user.getName());
            flash.addFlashAttribute("message", "EDL revision " + next.revision() + ": " + next.reason()
                    + ". Re-render to publish it.");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/console/episodes/" + show + "/" + airDate;
    }

    @PostMapping("/rerender")
    String rerender(@PathVariable String show, @PathVariable LocalDate airDate,
                    @RequestParam(required = false) String reason, Authentication user, RedirectAttributes flash) {
        show(show);
        EpisodeKey key = new EpisodeKey(show, airDate);
        // an editor's newest revision is rendered as it is; when the newest one is already published, plan again
        Integer revision = edls.latest(key).map(EditDecisionList::revision)
                .filter(r -> publications.forEdl(key, r).isEmpty()).orElse(null);
        String why = reason == null || reason.isBlank() ? "re-render from the console" : reason.strip();
        audit.record("episode.rerender", key.toString(), (revision == null ? "plan again" : "EDL r" + revision) + ": " + why);
        background.submit("Re-render of " + key, () -> runner.rerender(show, airDate, user.getName(), why, revision));
        flash.addFlashAttribute("message", "Re-render of " + key + " started" + (revision == null ? "" : " from EDL revision " + revision));
        return "redirect:/console/episodes/" + show + "/" + airDate;
    }

    /** The current package's episode.mp4; Spring answers Range requests for a Resource, so the player can seek. */
    @GetMapping("/video")
    ResponseEntity<Resource> video(@PathVariable String show, @PathVariable LocalDate airDate) {
        show(show);
        var current = publications.latestPublished(new EpisodeKey(show, airDate))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Nothing published yet"));
        Path outbox = settings.outbox(show).toAbsolutePath().normalize();
        Path file = Path.of(current.path()).toAbsolutePath().normalize().resolve("episode.mp4");
        if (!file.startsWith(outbox) || !Files.isRegularFile(file)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No episode.mp4 for r" + current.revision());
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("video/mp4")).body(new FileSystemResource(file));
    }

    /** One row of the overrides table: a piece and what the editors decided about it. */
    record OverrideRow(String pieceId, String piece, List<String> decisions) {
    }

    /** A piece of the week that is not in the newest revision, and why. */
    record LeftOut(String pieceId, String piece, String why) {
    }

    /** The stored overrides, the rules the newest plan breaks (from its reason) and the pieces it left out. */
    private void overrides(EpisodeKey key, EditDecisionList edl, ShowDefinition show, Model model) {
        int fps = show.profile().frameRate();
        EditorOverrides o = episodeOverrides.load(key);
        Map<String, Contribution> byId = new HashMap<>();
        contributions.findAccepted(key).forEach(c -> byId.put(c.id(), c));
        Function<String, String> name = id -> byId.containsKey(id)
                ? id + " (" + byId.get(id).contributor() + " - " + byId.get(id).title() + ")" : id;
        Map<String, List<String>> decisions = new TreeMap<>();
        o.pinned().forEach(id -> decisions.computeIfAbsent(id, k -> new ArrayList<>()).add("pinned"));
        o.excluded().forEach(id -> decisions.computeIfAbsent(id, k -> new ArrayList<>()).add("excluded"));
        for (int i = 0; i < o.order().size(); i++) {
            decisions.computeIfAbsent(o.order().get(i), k -> new ArrayList<>()).add("place " + (i + 1) + " in the forced order");
        }
        o.trims().forEach((id, t) -> decisions.computeIfAbsent(id, k -> new ArrayList<>()).add(String.format(Locale.ROOT,
                "trimmed %.2f-%s s (frames %d-%s)", t.in() / (double) fps,
                t.out() == 0 ? "end" : String.format(Locale.ROOT, "%.2f", t.out() / (double) fps), t.in(),
                t.out() == 0 ? "end" : String.valueOf(t.out()))));
        o.replacements().forEach((id, by) -> decisions.computeIfAbsent(id, k -> new ArrayList<>()).add("replaced by " + by));
        o.priorities().forEach((id, p) -> decisions.computeIfAbsent(id, k -> new ArrayList<>()).add("priority " + p));
        model.addAttribute("overrides", decisions.entrySet().stream()
                .map(e -> new OverrideRow(e.getKey(), name.apply(e.getKey()), e.getValue())).toList());
        model.addAttribute("fps", fps);
        List<String> breaks = new ArrayList<>();
        if (edl != null && edl.reason() != null) {
            for (String marker : List.of("; breaks: ", "; warnings: ")) {
                int at = edl.reason().indexOf(marker);
                if (at >= 0) {
                    String rest = edl.reason().substring(at + marker.length());
                    int next = rest.indexOf("; warnings: ");
                    breaks.addAll(List.of((next >= 0 ? rest.substring(0, next) : rest).split("; (?=[a-zA-Z]+: )")));
                }
            }
        }
        model.addAttribute("breaks", breaks);
        Set<String> used = edl == null ? Set.of() : edl.events().stream()
                .map(EditDecisionList.Event::pieceId).collect(Collectors.toSet());
        Map<String, ConformedPiece> conformed = pieces.findAll(key);
        model.addAttribute("leftOut", edl == null ? List.of() : byId.keySet().stream().sorted().filter(id -> !used.contains(id))
                .map(id -> new LeftOut(id, name.apply(id), o.excluded().contains(id) ? "excluded by an editor"
                        : !conformed.containsKey(id) ? "not conformed (no segment)"
                        : conformed.get(id).leftOut() ? "conform's quality check: " + conformed.get(id).quality().reason()
                        : o.replacements().containsKey(id) ? "replaced by " + o.replacements().get(id)
                        : "left out by the planner (the runtime or the show's rules)"))
                .toList());
    }

    private void status(EpisodeKey key, Model model) {
        var list = publications.list(key);
        model.addAttribute("publications", list);
        model.addAttribute("current", publications.latestPublished(key).orElse(null));
        model.addAttribute("runs", board.recent(30).stream()
                .filter(r -> key.showId().equals(r.show()) && key.airDate().equals(r.airDate())).limit(5).toList());
        model.addAttribute("programme", publications.latestPublished(key).map(p -> programmeLoudness(Path.of(p.path()))).orElse(null));
    }

    /** The master's loudness as verify measured it (qc.json), or null when it cannot be read. */
    private String programmeLoudness(Path revisionDir) {
        try {
            JsonNode qc = json.readTree(revisionDir.resolve("qc.json").toFile());
            return String.format(Locale.ROOT, "%.1f LUFS, true peak %.1f dBTP", qc.path("integratedLufs").asDouble(),
                    qc.path("truePeakDbtp").asDouble());
        } catch (RuntimeException e) {
            return null;
        }
    }

    static List<Block> blocks(EditDecisionList edl, Map<String, ConformedPiece> conformed, ShowDefinition show) {
        List<Block> blocks = new ArrayList<>();
        long total = Math.max(1, edl.totalFrames());
        List<EditDecisionList.Event> events = edl.events();
        for (int i = 0; i < events.size(); i++) {
            EditDecisionList.Event e = events.get(i);
            boolean piece = e.kind() == EditDecisionList.EventKind.PIECE;
            ConformedPiece c = e.pieceId() == null ? null : conformed.get(e.pieceId());
            String label = e.category();
            try {
                label = e.category() == null ? e.kind().name().toLowerCase(Locale.ROOT) : Category.fromSlug(e.category()).label();
            } catch (IllegalArgumentException unknown) {
                // keep the slug as it is
            }
            blocks.add(new Block(e.number(), piece ? e.pieceId() : null, e.kind().name(), piece ? e.category() : e.kind().name().toLowerCase(Locale.ROOT),
                    label, e.contributor(), e.title(), e.frames(),
                    String.format(Locale.ROOT, "%.1f", e.frames() / (double) edl.frameRate()),
                    String.format(Locale.ROOT, "%.3f", 100.0 * e.frames() / total),
                    Timecode.smpte(e.recordIn(), edl.frameRate()),
                    c == null || c.measured() == null ? "" : String.format(Locale.ROOT, "%.1f", c.measured().integratedLufs()),
                    c == null || c.measured() == null ? "" : String.format(Locale.ROOT, "%.1f", c.measured().truePeakDbtp()),
                    piece && i > 0 && events.get(i - 1).kind() == EditDecisionList.EventKind.PIECE,
                    piece && i + 1 < events.size() && events.get(i + 1).kind() == EditDecisionList.EventKind.PIECE,
                    c == null || c.quality() == null ? "" : (c.leftOut() ? "kept on purpose; conform's QC: " : "") + c.quality().summary()));
        }
        return blocks;
    }

    private ShowDefinition show(String id) {
        return shows.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No show " + id));
    }
}
