package org.ensemble.publish;

import java.util.List;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.Timecode;

/** {@code credits.json}: the people in the episode, in the order they first appear, each with their pieces. */
record Credits(String show, String airDate, List<Person> contributors) {

    record Person(String name, String location, List<Piece> pieces) {
    }

    /** {@code start} is the record time of {@code startFrame} as HH:MM:SS.mmm. */
    record Piece(String id, String title, String category, long startFrame, long frames, String start) {
    }

    static Credits of(EditDecisionList edl, String showTitle, String airDate) {
        return new Credits(showTitle, airDate, edl.credits().stream().map(c -> new Person(c.contributor(), c.location(),
                c.pieces().stream().map(e -> new Piece(e.pieceId(), e.title(), e.category(), e.recordIn(), e.frames(),
                        Timecode.millis(e.recordIn(), edl.frameRate()))).toList())).toList());
    }
}
