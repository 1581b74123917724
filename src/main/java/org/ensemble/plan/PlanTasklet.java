package org.ensemble.plan;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.show.PlanningRules;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Plans the episode from the conformed pieces and stores the result as a new EDL revision. */
class PlanTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PlanTasklet.class);

    private final EpisodeKey episode;
    private final ShowDefinition show;
    private final PlanRequest request;
    private final ContributionRepository contributions;
    private final ConformedPieceRepository conformed;
    private final EditDecisionListRepository edls;
    private final PublicationRepository publications;
    static final String UNCHANGED = "UNCHANGED";

    PlanTasklet(EpisodeKey episode, ShowDefinition show, PlanRequest request, ContributionRepository contributions,
                ConformedPieceRepository conformed, EditDecisionListRepository edls,
                PublicationRepository publications) {
        this.episode = episode;
        this.show = show;
        this.request = request;
        this.contributions = contributions;
        this.conformed = conformed;
        this.edls = edls;
        this.publications = publications;
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
        List<Candidate> candidates = usable.stream().map(c -> candidate(c, pieces.get(c.id()), show.rules(), fps)).toList();
        EpisodePlanner.Plan plan = new EpisodePlanner().plan(candidates, show.rules(), show.runtimeFrames(), fps);

        Map<String, Contribution> byId = new java.util.HashMap<>();
        usable.forEach(c -> byId.put(c.id(), c));
        List<EditDecisionList.Event> events = new ArrayList<>();
        long at = 0;
        int number = 1;
        events.add(new EditDecisionList.Event(number++, EditDecisionList.EventKind.INTRO, "intro", null, null, null,
                show.title(), null, 0, at, show.rules().introFrames()));
        at += show.rules().introFrames();
        for (EpisodePlanner.Placement p : plan.pieces()) {
            Contribution c = byId.get(p.candidate().id());
            long sourceIn = c.kind() == MediaKind.VIDEO || c.kind() == MediaKind.AUDIO ? c.trimIn() : 0;
            events.add(new EditDecisionList.Event(number++, EditDecisionList.EventKind.PIECE, c.id(), c.category().slug(),
                    c.contributor(), c.location(), c.title(), c.file(), sourceIn, at, p.frames()));
            at += p.frames();
        }
        events.add(new EditDecisionList.Event(number, EditDecisionList.EventKind.OUTRO, "outro", null, null, null,
                "Credits", null, 0, at, show.rules().outroFrames()));
        String title = show.title() + " " + episode.airDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
        String reason = request.reason() != null ? request.reason()
                : "weekly plan from " + usable.size() + " conformed pieces";
        EditDecisionList edl = new EditDecisionList(episode, edls.nextRevision(episode), fps, title, Instant.now(),
                request.requestedBy(), reason, events);
        if (edl.totalFrames() != show.runtimeFrames()) {
            throw new IllegalStateException("Plan lasts " + edl.totalFrames() + " frames, not " + show.runtimeFrames());
        }
        var previous = edls.latest(episode);
        if (previous.isPresent() && previous.get().events().equals(edl.events())) {
            // the same plan again (nothing changed since): keep its revision, so publishing finds it already published
            choose(previous.get(), "unchanged: the plan equals EDL revision " + previous.get().revision(), step, chunkContext);
            return RepeatStatus.FINISHED;
        }
        edls.add(edl);
        step.incrementWriteCount(plan.pieces().size());
        choose(edl, String.format(Locale.ROOT, "EDL revision %d: %d pieces, %d frames; left out: %s", edl.revision(),
                plan.pieces().size(), edl.totalFrames(), plan.leftOut().isEmpty() ? "none" : String.join("; ", plan.leftOut())),
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

    static Candidate candidate(Contribution c, ConformedPiece piece, PlanningRules rules, int fps) {
        return switch (c.kind()) {
            case VIDEO, AUDIO -> new Candidate(c.id(), c.category(), c.contributor(), c.approvedAt(), false,
                    piece.frames(), piece.frames(), Math.min(piece.frames(), rules.pieceMinFrames()));
            case STILL -> new Candidate(c.id(), c.category(), c.contributor(), c.approvedAt(), true,
                    rules.stillMinFrames(), rules.stillMaxFrames(), rules.stillMinFrames());
            case TEXT -> {
                long reading = Math.min(SegmentSpecs.readingFrames(c.words(), rules, fps), rules.writingMaxFrames());
                long min = Math.max(rules.writingMinFrames(), reading);
                yield new Candidate(c.id(), c.category(), c.contributor(), c.approvedAt(), true, min,
                        rules.writingMaxFrames(), min);
            }
        };
    }
}
