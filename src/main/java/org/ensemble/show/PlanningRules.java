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
 * @param closeWith              categories for the last piece
 * @param runtimeToleranceFrames how far the episode may be from the runtime (0: exact to the frame)
 * @param minPerCategory         at least this many pieces of a category
 * @param minSharePercent        a category's pieces fill at least this share of the time between intro and outro
 * @param maxSharePercent        ... and at most this share
 * @param neverRepeatAired       a piece shown in a published earlier episode is used again only when pinned
 * @param chapterMinFrames       every chapter at least this long (0: no minimum), so platforms take the chapter list
 *                               (YouTube: 10 s): photos and writing are given at least this when their bounds allow;
 *                               an event that cannot be (a short film, the intro) shares a chapter with a neighbour
 */
public record PlanningRules(long introFrames, long outroFrames, long pieceMinFrames, long pieceMaxFrames,
                            long stillMinFrames, long stillMaxFrames, int writingWordsPerMinute,
                            long writingMinFrames, long writingMaxFrames, Map<String, Integer> maxPerCategory,
                            boolean onePiecePerContributor, List<String> notBackToBack,
                            List<String> openWith, List<String> closeWith, long runtimeToleranceFrames,
                            Map<String, Integer> minPerCategory, Map<String, Integer> minSharePercent,
                            Map<String, Integer> maxSharePercent, boolean neverRepeatAired, long chapterMinFrames) {

    /** The rules with no minimum chapter length. */
    public PlanningRules(long introFrames, long outroFrames, long pieceMinFrames, long pieceMaxFrames,
                         long stillMinFrames, long stillMaxFrames, int writingWordsPerMinute,
                         long writingMinFrames, long writingMaxFrames, Map<String, Integer> maxPerCategory,
                         boolean onePiecePerContributor, List<String> notBackToBack,
                         List<String> openWith, List<String> closeWith, long runtimeToleranceFrames,
                         Map<String, Integer> minPerCategory, Map<String, Integer> minSharePercent,
                         Map<String, Integer> maxSharePercent, boolean neverRepeatAired) {
        this(introFrames, outroFrames, pieceMinFrames, pieceMaxFrames, stillMinFrames, stillMaxFrames, writingWordsPerMinute,
                writingMinFrames, writingMaxFrames, maxPerCategory, onePiecePerContributor, notBackToBack, openWith, closeWith,
                runtimeToleranceFrames, minPerCategory, minSharePercent, maxSharePercent, neverRepeatAired, 0);
    }

    /** The same rules with every chapter at least {@code frames} long (0: no minimum). */
    public PlanningRules withChapterMinFrames(long frames) {
        return new PlanningRules(introFrames, outroFrames, pieceMinFrames, pieceMaxFrames, stillMinFrames, stillMaxFrames,
                writingWordsPerMinute, writingMinFrames, writingMaxFrames, maxPerCategory, onePiecePerContributor, notBackToBack,
                openWith, closeWith, runtimeToleranceFrames, minPerCategory, minSharePercent, maxSharePercent, neverRepeatAired,
                frames);
    }

    /**
     * The shortest an elastic piece bounded by [{@code min}, {@code max}] may be planned: {@code min}, raised to the
     * chapter minimum when {@code max} allows it.
     */
    public long elasticMinFrames(long min, long max) {
        return chapterMinFrames > min && chapterMinFrames <= max ? chapterMinFrames : min;
    }

    public PlanningRules {
        if (chapterMinFrames < 0) {
            throw new IllegalArgumentException("chapterMinFrames must not be negative");
        }
        maxPerCategory = Map.copyOf(maxPerCategory);
        minPerCategory = Map.copyOf(minPerCategory);
        minSharePercent = Map.copyOf(minSharePercent);
        maxSharePercent = Map.copyOf(maxSharePercent);
        if (runtimeToleranceFrames < 0) {
            throw new IllegalArgumentException("runtimeToleranceFrames must not be negative");
        }
        notBackToBack = List.copyOf(notBackToBack);
        openWith = List.copyOf(openWith);
        closeWith = List.copyOf(closeWith);
    }

    /** The rules without tolerance, category minimums or shares. */
    public PlanningRules(long introFrames, long outroFrames, long pieceMinFrames, long pieceMaxFrames,
                         long stillMinFrames, long stillMaxFrames, int writingWordsPerMinute,
                         long writingMinFrames, long writingMaxFrames, Map<String, Integer> maxPerCategory,
                         boolean onePiecePerContributor, List<String> notBackToBack,
                         List<String> openWith, List<String> closeWith) {
        this(introFrames, outroFrames, pieceMinFrames, pieceMaxFrames, stillMinFrames, stillMaxFrames,
                writingWordsPerMinute, writingMinFrames, writingMaxFrames, maxPerCategory, onePiecePerContributor,
                notBackToBack, openWith, closeWith, 0, Map.of(), Map.of(), Map.of(), true);
    }

    /** Time to read {@code words} at the show's reading speed, plus two seconds to settle on each end. */
    public long readingFrames(int words, int fps) {
        return (long) Math.ceil(words * 60.0 * fps / writingWordsPerMinute) + 2L * fps;
    }

    /**
     * The shortest a writing piece of {@code words} may be: the time it takes to read, within the writing bounds (one
     * too long to read in the longest is refused at ingest; the planner and an imported timeline hold it to that).
     */
    public long shortestWriting(int words, int fps) {
        return Math.max(writingMinFrames, Math.min(readingFrames(words, fps), writingMaxFrames));
    }
}
