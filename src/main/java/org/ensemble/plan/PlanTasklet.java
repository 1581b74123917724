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
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.show.PlanningRules;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** Plans the episode from the conformed pieces and stores the result as a new EDL revision. */
class PlanTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PlanTasklet.class);

    private final EpisodeKey episode;
    private final ShowDefinition show;
    private final ContributionRepository contributions;
    private final ConformedPieceRepository conformed;
    private final EditDecisionListRepository edls;

    PlanTasklet(EpisodeKey episode, ShowDefinition show, ContributionRepository contributions,
                ConformedPieceRepository conformed, EditDecisionListRepository edls) {
        this.episode = episode;
        this.show = show;
        this.contributions = contributions;
        this.conformed = conformed;
        this.edls = edls;
    }

    @Override
    public RepeatStatus execute(StepContribution step, ChunkContext chunkContext) {
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
        EditDecisionList edl = new EditDecisionList(episode, edls.nextRevision(episode), fps, title, Instant.now(),
                "planner", "weekly plan from " + usable.size() + " conformed pieces", events);
        if (edl.totalFrames() != show.runtimeFrames()) {
            throw new IllegalStateException("Plan lasts " + edl.totalFrames() + " frames, not " + show.runtimeFrames());
        }
        edls.add(edl);
        step.incrementReadCount();
        step.incrementWriteCount(plan.pieces().size());
        String summary = String.format(Locale.ROOT, "EDL revision %d: %d pieces, %d frames; left out: %s", edl.revision(),
                plan.pieces().size(), edl.totalFrames(), plan.leftOut().isEmpty() ? "none" : String.join("; ", plan.leftOut()));
        LOG.info("Planned {}: {}", episode, summary);
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putInt("edlRevision", edl.revision());
        step.setExitStatus(step.getExitStatus().addExitDescription(summary));
        return RepeatStatus.FINISHED;
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
