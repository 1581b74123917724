package org.ensemble.show;

import java.util.List;
import java.util.Map;

/**
 * The show's planning rules, in frames at the house rate (the YAML gives seconds; they are converted once on load).
 *
 * @param introFrames            the opening title
 * @param outroFrames            the closing credits
 * @param pieceMinFrames         no piece shorter than this
 * @param pieceMaxFrames         longer video or audio pieces are cut (at their trim-out point or here)
 * @param stillMinFrames         photos are elastic between these bounds
 * @param stillMaxFrames
 * @param writingWordsPerMinute  reading speed that decides how long text cards stay up
 * @param writingMinFrames       writing is elastic between these bounds
 * @param writingMaxFrames
 * @param maxPerCategory         at most this many pieces of a category
 * @param onePiecePerContributor one piece per contributor an episode
 * @param notBackToBack          categories that never follow themselves
 * @param openWith               categories preferred for the first piece
 * @param closeWith              categories preferred for the last piece
 */
public record PlanningRules(long introFrames, long outroFrames, long pieceMinFrames, long pieceMaxFrames,
                            long stillMinFrames, long stillMaxFrames, int writingWordsPerMinute,
                            long writingMinFrames, long writingMaxFrames, Map<String, Integer> maxPerCategory,
                            boolean onePiecePerContributor, List<String> notBackToBack,
                            List<String> openWith, List<String> closeWith) {

    public PlanningRules {
        maxPerCategory = Map.copyOf(maxPerCategory);
        notBackToBack = List.copyOf(notBackToBack);
        openWith = List.copyOf(openWith);
        closeWith = List.copyOf(closeWith);
    }
}
