package org.ensemble.interchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionList.Event;
import org.ensemble.episode.EditDecisionList.EventKind;
import org.junit.jupiter.api.Test;

class RevisionChangesTest {

    /** "id:sourceIn:frames" laid end to end; intro and outro by their ids. */
    static EditDecisionList edl(int revision, String spec) {
        List<Event> events = new ArrayList<>();
        long at = 0;
        for (String e : spec.split(" ")) {
            String[] p = e.split(":");
            long frames = Long.parseLong(p[2]);
            EventKind kind = p[0].equals("intro") ? EventKind.INTRO : p[0].equals("outro") ? EventKind.OUTRO : EventKind.PIECE;
            events.add(new Event(events.size() + 1, kind, p[0], "music", "By " + p[0], null, "T" + p[0], p[0] + ".wav",
                    Long.parseLong(p[1]), at, frames));
            at += frames;
        }
        return new EditDecisionList(ImportValidationTest.EPISODE, revision, 30, "t", Instant.EPOCH, "x", "y", events);
    }

    @Test
    void namesAddedRemovedMovedRetimedAndTrimmedPieces() {
        EditDecisionList before = edl(1, "intro:0:90 a:0:150 b:0:150 c:0:120 outro:0:120");
        EditDecisionList after = edl(2, "intro:0:90 c:0:135 a:15:135 d:0:150 outro:0:120");

        assertThat(RevisionChanges.between(before, after)).containsExactly(
                "added d (By d - Td)",
                "removed b (By b - Tb)",
                "moved c (By c - Tc) from place 2 to 1",
                "moved a (By a - Ta) from place 1 to 2",
                "retimed c (By c - Tc) from 120 to 135 frames (+15)",
                "retimed a (By a - Ta) from 150 to 135 frames (-15)",
                "trimmed a (By a - Ta): source in 0 -> 15");
    }

    @Test
    void theFirstAndAnUnchangedRevisionSaySo() {
        EditDecisionList one = edl(1, "intro:0:90 a:0:150 outro:0:120");

        assertThat(RevisionChanges.between(null, one)).containsExactly("first revision: 1 pieces");
        assertThat(RevisionChanges.between(one, edl(2, "intro:0:90 a:0:150 outro:0:120"))).containsExactly("no change to the timeline");
    }
}
