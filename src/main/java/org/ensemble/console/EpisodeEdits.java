package org.ensemble.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionList.Event;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.security.AuditLog;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Editors' changes to an episode's timeline made directly as EDL revisions. Moving a piece keeps every length, so the
 * episode still lasts its runtime to the frame; record positions are laid out again from frame 0.
 */
@Service
class EpisodeEdits {

    enum Direction { UP, DOWN }

    /** What changed from one revision to the next, in words an editor reads. */
    record Change(int revision, List<String> lines) {
    }

    private final EditDecisionListRepository edls;
    private final AuditLog audit;

    EpisodeEdits(EditDecisionListRepository edls, AuditLog audit) {
        this.edls = edls;
        this.audit = audit;
    }

    /** Moves the event numbered {@code number} one place up or down among the pieces; answers the new revision. */
    @Transactional
    EditDecisionList move(EpisodeKey key, int number, Direction direction, String by) {
        EditDecisionList latest = edls.latest(key).orElseThrow(() -> new IllegalArgumentException(key + " has no EDL yet"));
        List<Event> events = new ArrayList<>(latest.events());
        int index = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).number() == number) {
                index = i;
            }
        }
        if (index < 0 || events.get(index).kind() != EditDecisionList.EventKind.PIECE) {
            throw new IllegalArgumentException("Event " + number + " of " + key + " is not a piece");
        }
        int other = direction == Direction.UP ? index - 1 : index + 1;
        if (other < 0 || other >= events.size() || events.get(other).kind() != EditDecisionList.EventKind.PIECE) {
            throw new IllegalArgumentException("Piece " + number + " cannot move " + direction.name().toLowerCase()
                    + ": the intro and outro stay where they are");
        }
        Event moved = events.get(index);
        events.set(index, events.get(other));
        events.set(other, moved);
        String reason = "move " + describe(moved) + " " + direction.name().toLowerCase();
        EditDecisionList next = new EditDecisionList(key, edls.nextRevision(key), latest.frameRate(), latest.title(),
                Instant.now(), by, reason, layOut(events));
        edls.add(next);
        audit.record("edl.reorder", key + " EDL r" + next.revision(), reason);
        return next;
    }

    /** The events in the given order, numbered from 1 and placed end to end from record frame 0. */
    static List<Event> layOut(List<Event> events) {
        List<Event> laidOut = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            laidOut.add(new Event(i + 1, e.kind(), e.pieceId(), e.category(), e.contributor(), e.location(), e.title(),
                    e.sourceFile(), e.sourceIn(), at, e.frames()));
            at += e.frames();
        }
        return laidOut;
    }

    /** What each revision changed against the one before it (the first revision is "planned"). */
    List<Change> changes(EpisodeKey key) {
        List<Change> changes = new ArrayList<>();
        EditDecisionList before = null;
        for (var summary : edls.history(key)) {
            EditDecisionList edl = edls.find(key, summary.revision()).orElseThrow();
            changes.add(new Change(edl.revision(), before == null ? List.of("first plan: " + edl.pieces().size() + " pieces")
                    : diff(before, edl)));
            before = edl;
        }
        return changes;
    }

    static List<String> diff(EditDecisionList before, EditDecisionList after) {
        List<String> lines = new ArrayList<>();
        List<String> a = before.pieces().stream().map(Event::pieceId).toList();
        List<String> b = after.pieces().stream().map(Event::pieceId).toList();
        Set<String> added = new LinkedHashSet<>(b);
        a.forEach(added::remove);
        Set<String> removed = new LinkedHashSet<>(a);
        b.forEach(removed::remove);
        for (String id : added) {
            lines.add("added " + describe(piece(after, id)));
        }
        for (String id : removed) {
            lines.add("removed " + describe(piece(before, id)));
        }
        List<String> keptBefore = a.stream().filter(b::contains).toList();
        List<String> keptAfter = b.stream().filter(a::contains).toList();
        if (!keptBefore.equals(keptAfter)) {
            lines.add("order: " + String.join(", ", keptAfter.stream().map(id -> piece(after, id).contributor()).toList()));
        }
        for (String id : keptAfter) {
            Event x = piece(before, id);
            Event y = piece(after, id);
            if (x.frames() != y.frames() || x.sourceIn() != y.sourceIn()) {
                lines.add("trimmed " + describe(y) + ": " + x.frames() + " -> " + y.frames() + " frames");
            }
        }
        if (lines.isEmpty()) {
            lines.add("same pieces, same order");
        }
        return lines;
    }

    private static Event piece(EditDecisionList edl, String id) {
        return edl.pieces().stream().filter(e -> Objects.equals(e.pieceId(), id)).findFirst().orElseThrow();
    }

    private static String describe(Event e) {
        return "'" + e.title() + "' (" + e.contributor() + ")";
    }
}
