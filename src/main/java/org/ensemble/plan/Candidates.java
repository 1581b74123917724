package org.ensemble.plan;

import java.util.List;

import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.Contribution;
import org.ensemble.show.PlanningRules;

/** How a conformed contribution becomes a planner's candidate; the planner, the overrides door and imports share it. */
public final class Candidates {

    private Candidates() {
    }

    /**
     * A contribution as the planner sees it: video and sound at their conformed length (the manifest's trims and
     * the piece maximum already applied), stills and writing elastic within the show's bounds (writing no shorter
     * than it takes to read). A piece conform's quality check left out is held back with the reason (an editor's pin
     * brings it in).
     */
    public static Candidate of(Contribution c, ConformedPiece piece, PlanningRules rules, int fps, boolean airedBefore) {
        return shape(c, piece, rules, fps, airedBefore).withHeldBack(piece != null && piece.leftOut() ? piece.quality().reason() : null);
    }

    private static Candidate shape(Contribution c, ConformedPiece piece, PlanningRules rules, int fps, boolean airedBefore) {
        return switch (c.kind()) {
            case VIDEO, AUDIO -> new Candidate(c.id(), c.sha256(), c.category(), c.contributor(), false,
                    piece.frames(), piece.frames(), List.of(), c.approvedAt(), 0, airedBefore);
            case STILL -> new Candidate(c.id(), c.sha256(), c.category(), c.contributor(), true,
                    rules.stillMinFrames(), rules.stillMaxFrames(), List.of(), c.approvedAt(), 0, airedBefore);
            case TEXT -> {
                yield new Candidate(c.id(), c.sha256(), c.category(), c.contributor(), true, rules.shortestWriting(c.words(), fps),
                        rules.writingMaxFrames(), List.of(), c.approvedAt(), 0, airedBefore);
            }
        };
    }
}
