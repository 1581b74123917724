package org.ensemble.plan;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EditorOverrideRepository;
import org.ensemble.episode.EditorOverrides;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.show.PlanningRules;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Plans the episode from the conformed pieces and the editors' overrides and stores the result as a new EDL revision.
 * A plan that misses the runtime cannot be rendered: the step fails, naming the broken rules and the closest plan.
 * Other broken rules (an editor's pin against a rule, too little of a category) are logged and kept in the
 * revision's reason, and the episode goes ahead.
 */
class PlanTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PlanTasklet.class);

    /** The step's exit status when a re-render's plan is the package already current: the re-render job ends there. */
    static final String UNCHANGED = "UNCHANGED";

    private final EpisodeKey episode;
    private final ShowDefinition show;
    private final PlanRequest request;
    private final ContributionRepository contributions;
    private final ConformedPieceRepository conformed;
    private final EditDecisionListRepository edls;
    private final PublicationRepository publications;
    private final EditorOverrideRepository overrides;

    PlanTasklet(EpisodeKey episode, ShowDefinition show, PlanRequest request, ContributionRepository contributions,
                ConformedPieceRepository conformed, EditDecisionListRepository edls, PublicationRepository publications,
                EditorOverrideRepository overrides) {
        this.episode = episode;
        this.show = show;
        this.request = request;
        this.contributions = contributions;
        this.conformed = conformed;
        this.edls = edls;
        this.publications = publications;
        this.overrides = overrides;
    }

    @Override
    public RepeatStatus execute(StepContribution step, ChunkContext chunkContext) {
        if (request.edlRevision() != null) {
            EditDecisionList chosen = edls.find(episode, request.edlRevision()).orElseThrow(() -> new IllegalStateException(
                    episode + " has no EDL revision " + request.edlRevision()));
            if (chosen.totalFrames() != show.runtimeFrames()) {
                throw new IllegalStateException("EDL revision " + chosen.revision() + " of " + episode + " lasts "
                        + chosen.totalFrames() + " frames, not " + show.runtimeFrames());
            }
            choose(chosen, "EDL revision " + chosen.revision() + " as stored (" + chosen.createdBy() + ": " + chosen.reason() + ")",
                    step, chunkContext);
            return RepeatStatus.FINISHED;
        }
        Map<String, ConformedPiece> pieces = conformed.findAll(episode);
        List<Contribution> usable = contributions.findAccepted(episode).stream().filter(c -> pieces.containsKey(c.id())).toList();
        int fps = show.profile().frameRate();
        EditDecisionListRepository.AiredPieces aired = edls.airedBefore(episode);
        List<Candidate> candidates = usable.stream()
                .map(c -> candidate(c, pieces.get(c.id()), show.rules(), fps).withAiredBefore(aired.contains(c.id(), c.sha256())))
                .toList();
        EditorOverrides decisions = overrides.load(episode);
        long started = System.nanoTime();
        Plan plan = new EpisodePlanner().plan(candidates, show.rules(), show.runtimeFrames(), decisions);
        LOG.info("Planned {} from {} candidates in {} ms: score {} (upper bound {}, {}), {} violations", episode,
                candidates.size(), (System.nanoTime() - started) / 1_000_000, plan.score(), plan.upperBound(),
                plan.provedOptimal() ? "optimal" : "gap " + plan.gapPerMille() + " per mille", plan.violations().size());
        String broken = plan.violations().stream().map(RuleViolation::toString).collect(Collectors.joining("; "));
        if (plan.violations().stream().anyMatch(v -> v.rule().equals("runtime"))) {
            String closest = plan.placements().stream().map(p -> p.candidate().id() + " " + p.frames() + "f")
                    .collect(Collectors.joining(", "));
            throw new PlanningException("Episode " + episode + " cannot be planned: " + broken + ". Closest plan: ["
                    + closest + "]. Left out: " + String.join("; ", plan.leftOut()));
        }
        if (!plan.ok()) {
            LOG.warn("Plan for {} breaks rules: {}", episode, broken);
        }

        Map<String, Contribution> byId = new HashMap<>();
        usable.forEach(c -> byId.put(c.id(), c));
        String reason = (request.reason() != null ? request.reason() : "weekly plan from " + usable.size() + " conformed pieces")
                + (decisions.isEmpty() ? "" : " (with the editors' overrides)") + (plan.ok() ? "" : "; breaks: " + broken);
        EditDecisionList edl = edl(plan, byId, pieces, show, episode, edls.nextRevision(episode), Instant.now(), request.requestedBy(),
                reason.length() > 2000 ? reason.substring(0, 1997) + "..." : reason);
        if (edl.totalFrames() != show.runtimeFrames() && plan.ok()) {
            throw new IllegalStateException("Plan lasts " + edl.totalFrames() + " frames, not " + show.runtimeFrames());
        }
        var previous = edls.latest(episode);
        if (previous.isPresent() && previous.get().events().equals(edl.events())) {
            // the same plan again (nothing changed since): keep its revision, so publishing finds it already published
            choose(previous.get(), "unchanged: the plan equals EDL revision " + previous.get().revision(), step, chunkContext);
            return RepeatStatus.FINISHED;
        }
        edls.add(edl);
        step.incrementWriteCount(plan.placements().size());
        choose(edl, String.format(Locale.ROOT, "EDL revision %d: %d pieces, %d frames; left out: %s", edl.revision(),
                plan.placements().size(), edl.totalFrames(), plan.leftOut().isEmpty() ? "none" : String.join("; ", plan.leftOut())),
                step, chunkContext);
        return RepeatStatus.FINISHED;
    }

    /** Records the revision the rest of the job renders and publishes, in the job's (restartable) execution context. */
    private void choose(EditDecisionList edl, String summary, StepContribution step, ChunkContext chunkContext) {
        step.incrementReadCount();
        LOG.info("Planned {}: {}", episode, summary);
        var stepExecution = chunkContext.getStepContext().getStepExecution();
        stepExecution.getExecutionContext().putInt("edlRevision", edl.revision());
        stepExecution.getJobExecution().getExecutionContext().putInt("edlRevision", edl.revision());
        boolean current = publications.latestPublished(episode).map(p -> p.edlRevision() == edl.revision()).orElse(false);
        // a re-render of what is already the current package has nothing to do after planning
        step.setExitStatus((current ? new ExitStatus(UNCHANGED) : step.getExitStatus()).addExitDescription(summary
                + (current ? "; already the current package, nothing to render" : "")));
    }

    /** The EDL of a plan: intro, the pieces in order, outro. A pure function of its arguments. */
    static EditDecisionList edl(Plan plan, Map<String, Contribution> byId, ShowDefinition show, EpisodeKey episode,
                                int revision, Instant createdAt, String createdBy, String reason) {
        return edl(plan, byId, Map.of(), show, episode, revision, createdAt, createdBy, reason);
    }

    /** The same, with the conformed pieces, whose source starts where conform's QC left them. */
    static EditDecisionList edl(Plan plan, Map<String, Contribution> byId, Map<String, ConformedPiece> conformed, ShowDefinition show,
                                EpisodeKey episode, int revision, Instant createdAt, String createdBy, String reason) {
        List<EditDecisionList.Event> events = new ArrayList<>();
        long at = 0;
        int number = 1;
        PlanningRules rules = show.rules();
        events.add(new EditDecisionList.Event(number++, EditDecisionList.EventKind.INTRO, "intro", null, null, null,
                show.title(), null, 0, at, rules.introFrames()));
        at += rules.introFrames();
        for (Plan.Placement p : plan.placements()) {
            Contribution c = byId.get(p.candidate().id());
            ConformedPiece piece = conformed.get(c.id());
            long start = piece == null ? c.trimIn() : piece.sourceIn(c);
            long sourceIn = c.kind() == MediaKind.VIDEO || c.kind() == MediaKind.AUDIO ? start + p.trimIn() : 0;
            events.add(new EditDecisionList.Event(number++, EditDecisionList.EventKind.PIECE, c.id(), c.category().slug(),
                    c.contributor(), c.location(), c.title(), c.file(), sourceIn, at, p.frames()));
            at += p.frames();
        }
        events.add(new EditDecisionList.Event(number, EditDecisionList.EventKind.OUTRO, "outro", null, null, null,
                "Credits", null, 0, at, rules.outroFrames()));
        String title = show.title() + " " + episode.airDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
        return new EditDecisionList(episode, revision, show.profile().frameRate(), title, createdAt, createdBy, reason, events);
    }

    /** A contribution as the planner sees it (see {@link Candidates#of}). */
    static Candidate candidate(Contribution c, ConformedPiece piece, PlanningRules rules, int fps) {
        return Candidates.of(c, piece, rules, fps, false);
    }
}
