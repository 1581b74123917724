package org.ensemble.interchange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ensemble.episode.EditDecisionList;

/**
 * What a revision changed against the one before, in words: pieces added, removed, moved (their place among the
 * pieces both revisions share), retimed (length) or trimmed (source in). Computed when read, never stored.
 */
final class RevisionChanges {

    private RevisionChanges() {
    }

    static List<String> between(EditDecisionList previous, EditDecisionList next) {
        if (previous == null) {
            return List.of("first revision: " + next.pieces().size() + " pieces");
        }
        Map<String, EditDecisionList.Event> before = byPiece(previous);
        Map<String, EditDecisionList.Event> after = byPiece(next);
        List<String> changes = new ArrayList<>();
        after.keySet().stream().filter(id -> !before.containsKey(id))
                .forEach(id -> changes.add("added " + name(after.get(id))));
        before.keySet().stream().filter(id -> !after.containsKey(id))
                .forEach(id -> changes.add("removed " + name(before.get(id))));
        List<String> keptBefore = before.keySet().stream().filter(after::containsKey).toList();
        List<String> keptAfter = after.keySet().stream().filter(before::containsKey).toList();
        for (int i = 0; i < keptAfter.size(); i++) {
            String id = keptAfter.get(i);
            int was = keptBefore.indexOf(id);
            if (was != i && !id.equals("intro") && !id.equals("outro")) {
                changes.add("moved " + name(after.get(id)) + " from place " + was + " to " + i);
            }
        }
        for (String id : keptAfter) {
            EditDecisionList.Event a = before.get(id);
            EditDecisionList.Event b = after.get(id);
            if (a.frames() != b.frames()) {
                changes.add(String.format(Locale.ROOT, "retimed %s from %d to %d frames (%+d)", name(b), a.frames(),
                        b.frames(), b.frames() - a.frames()));
            }
            if (a.sourceIn() != b.sourceIn()) {
                changes.add("trimmed " + name(b) + ": source in " + a.sourceIn() + " -> " + b.sourceIn());
            }
        }
        return changes.isEmpty() ? List.of("no change to the timeline") : changes;
    }

    private static Map<String, EditDecisionList.Event> byPiece(EditDecisionList edl) {
        Map<String, EditDecisionList.Event> map = new LinkedHashMap<>();
        edl.events().forEach(e -> map.put(e.pieceId(), e));
        return map;
    }

    private static String name(EditDecisionList.Event e) {
        return switch (e.kind()) {
            case INTRO -> "the intro";
            case OUTRO -> "the credits";
            case PIECE -> e.pieceId() + " (" + e.contributor() + " - " + e.title() + ")";
        };
    }
}
