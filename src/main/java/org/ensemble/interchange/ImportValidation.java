package org.ensemble.interchange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.Set;
import java.util.function.Predicate;

import org.ensemble.episode.Cmx3600;
import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionList.EventKind;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.ImportedTimeline;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.Timecode;
import org.ensemble.episode.TimelineProblem;
import org.ensemble.plan.Candidate;
import org.ensemble.plan.Candidates;
import org.ensemble.plan.PlanCheck;
import org.ensemble.plan.PlanChecker;
import org.ensemble.plan.PlannedPiece;
import org.ensemble.plan.RuleViolation;
import org.ensemble.show.PlanningRules;
import org.ensemble.show.ShowDefinition;

/**
 * Checks an edited timeline against what the episode can be made of and the show's rules, and turns it into EDL
 * events. It names every problem at once, each with its event number, so an editor fixes the file in one go:
 * <ul>
 * <li>each event is the intro, the credits, or a piece that was accepted and conformed for this episode, used once;</li>
 * <li>the intro opens and the credits close, at the show's lengths;</li>
 * <li>source and record lengths agree; the record timeline runs from 0 without gaps or overlaps and lasts the
 * runtime to the frame;</li>
 * <li>a film or sound piece stays inside its source's trim range and between the show's piece minimum (or its whole
 * length when shorter) and maximum; a photo or writing piece starts at source 0 and stays within its elastic bounds;</li>
 * <li>the show's mix rules on the finished order: at most N per category, one piece per contributor,
 * categories that may not follow themselves.</li>
 * <li>then, on a timeline that passed all of the above, the planner's own rule check ({@link PlanChecker}) with the
 * editors' overrides, for what only it knows. Errors (the timeline is refused): more of a category than its
 * {@code maxSharePercent}, a piece that aired before and is not pinned, a piece the editors excluded. Warnings (the
 * timeline is stored, the warnings are said and kept in the revision's reason), because the planner itself goes
 * ahead with them when the week's material is short: too little of a category ({@code minSharePercent},
 * {@code minPerCategory}), the wrong opening or closing category ({@code openWith}, {@code closeWith}), a pinned
 * piece left out, pieces out of the editors' order.</li>
 * </ul>
 */
final class ImportValidation {

    private ImportValidation() {
    }

    /** The planner's rules an imported timeline may not break. */
    static final Set<String> PLANNER_ERRORS = Set.of("maxSharePercent", "airedBefore", "excluded");
    /** The planner's rules an imported timeline may break, with a warning (the planner's own plans may too). */
    static final Set<String> PLANNER_WARNINGS = Set.of("minSharePercent", "minPerCategory", "openWith", "closeWith",
            "pinned", "order");

    record Result(List<TimelineProblem> problems, List<EditDecisionList.Event> events, List<String> warnings) {

        boolean accepted() {
            return problems.isEmpty();
        }
    }

    static Result check(ShowDefinition show, List<Contribution> contributions, Map<String, ConformedPiece> conformed,
                        ImportedTimeline timeline) {
        return check(show, contributions, conformed, timeline, c -> false, EditorOverrides.NONE);
    }

    /**
     * @param airedBefore whether a contribution was in a published earlier episode of the show
     * @param overrides   the editors' overrides of the episode, as the planner reads them
     */
    static Result check(ShowDefinition show, List<Contribution> contributions, Map<String, ConformedPiece> conformed,
                        ImportedTimeline timeline, Predicate<Contribution> airedBefore, EditorOverrides overrides) {
        int fps = show.profile().frameRate();
        PlanningRules rules = show.rules();
        List<TimelineProblem> problems = new ArrayList<>(timeline.problems());
        List<EditDecisionList.Event> events = new ArrayList<>();
        Map<String, Contribution> byId = new HashMap<>();
        contributions.forEach(c -> byId.put(c.id(), c));
        Map<String, Integer> usedBy = new HashMap<>();
        Map<String, Integer> contributorUsedBy = new HashMap<>();
        Map<String, Integer> perCategory = new HashMap<>();
        List<ImportedTimeline.Event> in = timeline.events();
        long expectedStart = 0;
        String previousCategory = null;
        Integer previousNumber = null;
        for (int i = 0; i < in.size(); i++) {
            ImportedTimeline.Event e = in.get(i);
            int n = e.number();
            // back to back means neighbours: anything that is not a checked piece breaks the run
            String categoryBefore = previousCategory;
            previousCategory = null;
            long frames = e.frames();
            if (e.recordIn() != expectedStart) {
                long d = e.recordIn() - expectedStart;
                problems.add(new TimelineProblem(n, "starts at " + recordTc(e.recordIn(), fps) + " but "
                        + (previousNumber == null ? "the timeline starts at " + recordTc(0, fps)
                        : "event " + previousNumber + " ends at " + recordTc(expectedStart, fps)) + ": "
                        + (d > 0 ? "a gap of " : "an overlap of ") + frames(Math.abs(d), fps) + "; events must follow each other"));
            }
            expectedStart = e.recordOut();
            previousNumber = n;
            if (frames <= 0) {
                problems.add(new TimelineProblem(n, "lasts " + frames + " frames (record out "
                        + recordTc(e.recordOut(), fps) + " is not after record in " + recordTc(e.recordIn(), fps) + ")"));
                continue;
            }
            if (e.sourceOut() - e.sourceIn() != frames) {
                problems.add(new TimelineProblem(n, "uses " + (e.sourceOut() - e.sourceIn()) + " source frames ("
                        + Timecode.smpte(e.sourceIn(), fps) + "-" + Timecode.smpte(e.sourceOut(), fps) + ") for " + frames
                        + " record frames; source and record must last the same (no speed changes)"));
            }
            String id = identify(e, byId);
            if (id == null) {
                problems.add(new TimelineProblem(n, "names no piece of this episode (clip '" + e.clipName() + "'"
                        + (e.reel() == null ? "" : ", reel " + e.reel()) + "); keep the '* ENSEMBLE PIECE:' comment or the"
                        + " clip metadata of an exported timeline"));
                continue;
            }
            Integer earlier = usedBy.putIfAbsent(id, n);
            if (earlier != null) {
                problems.add(new TimelineProblem(n, "uses " + id + " again (already event " + earlier + "); a piece is used once"));
                continue;
            }
            if (id.equals("intro") || id.equals("outro")) {
                boolean intro = id.equals("intro");
                long wanted = intro ? rules.introFrames() : rules.outroFrames();
                if (intro && i != 0) {
                    problems.add(new TimelineProblem(n, "is the intro, which must be the first event"));
                }
                if (!intro && i != in.size() - 1) {
                    problems.add(new TimelineProblem(n, "is the credits (outro), which must be the last event"));
                }
                if (frames != wanted) {
                    problems.add(new TimelineProblem(n, "the " + (intro ? "intro" : "credits") + " last " + frames(frames, fps)
                            + "; " + show.id() + " has " + frames(wanted, fps)));
                }
                events.add(new EditDecisionList.Event(events.size() + 1, intro ? EventKind.INTRO : EventKind.OUTRO, id, null,
                        null, null, intro ? show.title() : "Credits", null, 0, e.recordIn(), frames));
                continue;
            }
            Contribution c = byId.get(id);
            if (c == null) {
                problems.add(new TimelineProblem(n, "names piece '" + id + "', which is not a contribution to this episode"));
                continue;
            }
            if (!c.accepted()) {
                problems.add(new TimelineProblem(n, "names piece " + id + ", which was rejected: " + c.reason()));
                continue;
            }
            if (!conformed.containsKey(id)) {
                problems.add(new TimelineProblem(n, "names piece " + id + ", which has not been conformed (no segment);"
                        + " run the episode first"));
                continue;
            }
            checkBounds(n, c, e, rules, fps, problems);
            String category = c.category().slug();
            int count = perCategory.merge(category, 1, Integer::sum);
            Integer cap = rules.maxPerCategory().get(category);
            if (cap != null && count == cap + 1) {
                problems.add(new TimelineProblem(n, "is the " + ordinal(count) + " " + category + " piece; " + show.id()
                        + " has at most " + cap));
            }
            Integer sameContributor = contributorUsedBy.putIfAbsent(c.contributor(), n);
            if (rules.onePiecePerContributor() && sameContributor != null) {
                problems.add(new TimelineProblem(n, "is a second piece by " + c.contributor() + " (event " + sameContributor
                        + "); " + show.id() + " has one piece per contributor"));
            }
            if (category.equals(categoryBefore) && rules.notBackToBack().contains(category)) {
                problems.add(new TimelineProblem(n, "is " + category + " right after " + category + " (event "
                        + in.get(i - 1).number() + "); " + show.id() + " never puts two " + category + " pieces back to back"));
            }
            long sourceIn = c.kind().elastic() ? 0 : e.sourceIn();
            events.add(new EditDecisionList.Event(events.size() + 1, EventKind.PIECE, id, category, c.contributor(),
                    c.location(), c.title(), c.file(), sourceIn, e.recordIn(), frames));
            previousCategory = category;
        }
        if (!in.isEmpty() && !usedBy.containsKey("intro")) {
            problems.add(new TimelineProblem(null, "the timeline has no intro: the first event must be the intro, "
                    + frames(rules.introFrames(), fps)));
        }
        if (!in.isEmpty() && !usedBy.containsKey("outro")) {
            problems.add(new TimelineProblem(null, "the timeline has no credits (outro): the last event must be the credits, "
                    + frames(rules.outroFrames(), fps)));
        }
        long total = in.stream().mapToLong(ImportedTimeline.Event::frames).sum();
        if (!in.isEmpty() && total != show.runtimeFrames()) {
            long d = show.runtimeFrames() - total;
            problems.add(new TimelineProblem(null, "the timeline lasts " + frames(total, fps) + " but " + show.id()
                    + " runs " + frames(show.runtimeFrames(), fps) + ": " + frames(Math.abs(d), fps)
                    + (d > 0 ? " short; lengthen a piece (e.g. a photo or writing) by that much"
                    : " too long; shorten a piece by that much")));
        }
        List<String> warnings = new ArrayList<>();
        if (problems.isEmpty()) {
            plannerRules(show, contributions, conformed, events, usedBy, airedBefore, overrides, problems, warnings);
        }
        return new Result(List.copyOf(problems), problems.isEmpty() ? List.copyOf(events) : List.of(), List.copyOf(warnings));
    }

    /**
     * The planner's check on the timeline's pieces. Only the rules above do not already cover: lengths and cut points
     * are the checks above (an editor may cut a film anywhere inside its source), and so are the mix rules.
     */
    private static void plannerRules(ShowDefinition show, List<Contribution> contributions, Map<String, ConformedPiece> conformed,
                                     List<EditDecisionList.Event> events, Map<String, Integer> eventOf,
                                     Predicate<Contribution> airedBefore,
                                     EditorOverrides overrides, List<TimelineProblem> problems, List<String> warnings) {
        int fps = show.profile().frameRate();
        List<Candidate> candidates = contributions.stream().filter(c -> c.accepted() && conformed.containsKey(c.id()))
                .map(c -> Candidates.of(c, conformed.get(c.id()), show.rules(), fps, airedBefore.test(c))).toList();
        List<PlannedPiece> pieces = new ArrayList<>();
        for (EditDecisionList.Event e : events) {
            if (e.kind() == EventKind.PIECE) {
                pieces.add(new PlannedPiece(e.pieceId(), e.frames(), 0));
            }
        }
        PlanCheck check = PlanChecker.check(pieces, candidates, show.rules(), show.runtimeFrames(), overrides);
        for (RuleViolation v : check.violations()) {
            String text = "breaks " + show.id() + "'s rule " + v.rule() + ": " + v.message();
            if (PLANNER_ERRORS.contains(v.rule())) {
                String id = v.message().split(" ", 2)[0];
                problems.add(new TimelineProblem(eventOf.get(id), text));
            } else if (PLANNER_WARNINGS.contains(v.rule())) {
                warnings.add(text);
            }
        }
    }

    private static void checkBounds(int n, Contribution c, ImportedTimeline.Event e, PlanningRules rules, int fps,
                                    List<TimelineProblem> problems) {
        long frames = e.frames();
        if (c.kind() == MediaKind.VIDEO || c.kind() == MediaKind.AUDIO) {
            long first = c.trimIn();
            long end = c.trimIn() + c.frames();
            if (e.sourceIn() < first || e.sourceOut() > end) {
                problems.add(new TimelineProblem(n, c.id() + " uses source " + Timecode.smpte(e.sourceIn(), fps) + "-"
                        + Timecode.smpte(e.sourceOut(), fps) + " but its usable source runs " + Timecode.smpte(first, fps) + "-"
                        + Timecode.smpte(end, fps) + " (" + c.frames() + " frames)"));
            }
            long min = Math.min(rules.pieceMinFrames(), c.frames());
            if (frames < min || frames > rules.pieceMaxFrames()) {
                problems.add(new TimelineProblem(n, c.id() + " lasts " + frames(frames, fps) + "; a piece lasts "
                        + frames(min, fps) + " to " + frames(rules.pieceMaxFrames(), fps)));
            }
            return;
        }
        if (e.sourceIn() != 0) {
            problems.add(new TimelineProblem(n, c.id() + " is a " + (c.kind() == MediaKind.STILL ? "photo" : "writing piece")
                    + " and starts at source 00:00:00:00, not " + Timecode.smpte(e.sourceIn(), fps)
                    + "; change its length with the source out"));
        }
        long min;
        long max;
        if (c.kind() == MediaKind.STILL) {
            min = rules.stillMinFrames();
            max = rules.stillMaxFrames();
        } else {
            min = rules.shortestWriting(c.words(), fps);
            max = rules.writingMaxFrames();
        }
        if (frames < min || frames > max) {
            problems.add(new TimelineProblem(n, c.id() + " lasts " + frames(frames, fps) + "; this "
                    + (c.kind() == MediaKind.STILL ? "photo" : "writing piece") + " may last " + frames(min, fps) + " to "
                    + frames(max, fps)));
        }
    }

    /** Which piece an event is: its piece comment or metadata, else its clip name, else its reel. */
    static String identify(ImportedTimeline.Event e, Map<String, Contribution> byId) {
        if (e.pieceId() != null && !e.pieceId().isBlank()) {
            return e.pieceId();
        }
        if (e.clipName() != null) {
            if (e.clipName().equals("Intro")) {
                return "intro";
            }
            if (e.clipName().equals("Credits")) {
                return "outro";
            }
            List<String> named = byId.values().stream().filter(Contribution::accepted)
                    .filter(c -> Cmx3600.ascii(c.contributor() + " - " + c.title()).equals(e.clipName()))
                    .map(Contribution::id).toList();
            if (named.size() == 1) {
                return named.get(0);
            }
        }
        if (e.reel() != null) {
            if (e.reel().equals("INTRO")) {
                return "intro";
            }
            if (e.reel().equals("OUTRO")) {
                return "outro";
            }
            List<String> byReel = byId.values().stream().filter(Contribution::accepted)
                    .filter(c -> Cmx3600.reelBase(c.id()).equals(e.reel())).map(Contribution::id).toList();
            if (byReel.size() == 1) {
                return byReel.get(0);
            }
        }
        return null;
    }

    static String frames(long frames, int fps) {
        return frames + " frames (" + Timecode.smpte(frames, fps) + ")";
    }

    private static String recordTc(long frames, int fps) {
        return Timecode.smpte(Cmx3600.RECORD_START_SECONDS * fps + frames, fps);
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }
}
