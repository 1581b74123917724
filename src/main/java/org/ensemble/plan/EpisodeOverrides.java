package org.ensemble.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EditorOverrideRepository;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.security.AuditLog;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.springframework.stereotype.Service;

/**
 * The editors' overrides of an episode as every door (API, console, command line) changes them: checked against the
 * episode's pieces before they are stored (so the next plan never meets a decision it cannot read), stored whole,
 * and audited. The next plan (a weekly run, or a re-render without an EDL revision) takes them as inputs.
 */
@Service
public class EpisodeOverrides {

    private final ShowCatalog shows;
    private final ContributionRepository contributions;
    private final ConformedPieceRepository conformed;
    private final EditDecisionListRepository edls;
    private final EditorOverrideRepository store;
    private final AuditLog audit;

    public EpisodeOverrides(ShowCatalog shows, ContributionRepository contributions, ConformedPieceRepository conformed,
                            EditDecisionListRepository edls, EditorOverrideRepository store, AuditLog audit) {
        this.shows = shows;
        this.contributions = contributions;
        this.conformed = conformed;
        this.edls = edls;
        this.store = store;
        this.audit = audit;
    }

    /** The outcome of a change: stored (no reasons), or refused with every reason (nothing stored). */
    public record Change(EditorOverrides overrides, List<String> reasons) {

        public boolean stored() {
            return reasons.isEmpty();
        }
    }

    public EditorOverrides load(EpisodeKey episode) {
        return store.load(episode);
    }

    /** Checks and, when nothing is wrong, stores {@code overrides} as the episode's whole set, audited as {@code via}. */
    public Change save(EpisodeKey episode, EditorOverrides overrides, String via) {
        List<String> reasons = problems(episode, overrides);
        if (!reasons.isEmpty()) {
            audit.record("episode.overrides.refused", episode.toString(), via + ": " + String.join("; ", reasons));
            return new Change(overrides, reasons);
        }
        store.save(episode, overrides);
        audit.record("episode.overrides", episode.toString(), via + ": " + describe(overrides));
        return new Change(overrides, List.of());
    }

    /** The planner's candidates of the episode: accepted, conformed pieces, marked when they aired before. */
    public List<Candidate> candidates(EpisodeKey episode) {
        ShowDefinition show = shows.require(episode.showId());
        Map<String, ConformedPiece> pieces = conformed.findAll(episode);
        EditDecisionListRepository.AiredPieces aired = edls.airedBefore(episode);
        return contributions.findAccepted(episode).stream().filter(c -> pieces.containsKey(c.id()))
                .map(c -> Candidates.of(c, pieces.get(c.id()), show.rules(), show.profile().frameRate(),
                        aired.contains(c.id(), c.sha256())))
                .toList();
    }

    /**
     * What is wrong with {@code overrides} for the episode, each reason naming the piece: pieces that are not
     * accepted contributions of the episode, a piece both pinned (or ordered, or brought in by a replacement) and
     * excluded, a piece replaced by itself, trims outside the piece (frames of its usable source).
     */
    public List<String> problems(EpisodeKey episode, EditorOverrides o) {
        ShowDefinition show = shows.require(episode.showId());
        Map<String, Contribution> accepted = new HashMap<>();
        contributions.findAccepted(episode).forEach(c -> accepted.put(c.id(), c));
        Map<String, ConformedPiece> pieces = conformed.findAll(episode);
        List<String> reasons = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        named.addAll(o.pinned());
        named.addAll(o.excluded());
        named.addAll(o.order());
        named.addAll(o.trims().keySet());
        named.addAll(o.replacements().keySet());
        named.addAll(o.replacements().values());
        named.addAll(o.priorities().keySet());
        for (String id : named) {
            if (!accepted.containsKey(id)) {
                reasons.add(id + " is not an accepted piece of " + episode);
            }
        }
        Set<String> wanted = new LinkedHashSet<>(o.pinned());
        wanted.addAll(o.order());
        wanted.addAll(o.replacements().values());
        for (String id : wanted) {
            if (o.excluded().contains(id)) {
                reasons.add(id + " is both " + (o.pinned().contains(id) ? "pinned" : o.order().contains(id) ? "in the forced order"
                        : "a replacement") + " and excluded");
            }
        }
        o.replacements().forEach((id, by) -> {
            if (id.equals(by)) {
                reasons.add(id + " is replaced by itself");
            } else if (wanted.contains(id)) {
                reasons.add(id + " is replaced by " + by + " but also pinned or in the forced order");
            }
        });
        int fps = show.profile().frameRate();
        o.trims().forEach((id, t) -> {
            Contribution c = accepted.get(id);
            if (c == null) {
                return;
            }
            if (c.kind() == MediaKind.VIDEO || c.kind() == MediaKind.AUDIO) {
                long length = pieces.containsKey(id) ? pieces.get(id).frames() : c.frames();
                long out = t.out() == 0 ? length : t.out();
                if (t.in() >= length || out > length) {
                    reasons.add(id + " is trimmed to frames " + t.in() + ".." + out + " but it lasts " + length + " frames ("
                            + seconds(length, fps) + " s)");
                } else if (out - t.in() < show.rules().pieceMinFrames() && out - t.in() < length) {
                    reasons.add(id + " is trimmed to " + (out - t.in()) + " frames, shorter than the piece minimum of "
                            + show.rules().pieceMinFrames());
                }
                return;
            }
            // a photo or writing piece has no source frames: a trim sets its length, within its bounds
            Candidate elastic = Candidates.of(c, pieces.get(id), show.rules(), fps, false);
            long length = t.out() == 0 ? elastic.maxFrames() : t.out() - t.in();
            if (length < elastic.minFrames() || length > elastic.maxFrames()) {
                reasons.add(id + " is a " + (c.kind() == MediaKind.STILL ? "photo" : "writing piece") + " trimmed to "
                        + length + " frames; it may last " + elastic.minFrames() + ".." + elastic.maxFrames() + " frames");
            }
        });
        return reasons;
    }

    /** One line for logs and the audit: what the editors decided. */
    public static String describe(EditorOverrides o) {
        if (o.isEmpty()) {
            return "no overrides";
        }
        List<String> parts = new ArrayList<>();
        if (!o.pinned().isEmpty()) {
            parts.add("pin " + String.join(",", o.pinned()));
        }
        if (!o.excluded().isEmpty()) {
            parts.add("exclude " + String.join(",", o.excluded()));
        }
        if (!o.order().isEmpty()) {
            parts.add("order " + String.join(",", o.order()));
        }
        o.trims().forEach((id, t) -> parts.add("trim " + id + "=" + t.in() + ":" + t.out()));
        o.replacements().forEach((id, by) -> parts.add("replace " + id + "=" + by));
        o.priorities().forEach((id, p) -> parts.add("priority " + id + "=" + p));
        return String.join("; ", parts);
    }

    private static String seconds(long frames, int fps) {
        return String.format(Locale.ROOT, "%.2f", frames / (double) fps);
    }
}
