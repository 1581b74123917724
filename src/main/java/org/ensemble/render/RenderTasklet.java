package org.ensemble.render;

import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.EpisodeWork;
import org.ensemble.media.MasterAssembler;
import org.ensemble.media.MasterScan;
import org.ensemble.media.ProcessCancelledException;
import org.ensemble.segment.Beds;
import org.ensemble.segment.Segment;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.segment.SegmentSpec;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Renders the newest EDL revision into {@code work/<show>/<air-date>/master.mp4}: every event's segment comes from the
 * cache (stills and writing at their planned length, other pieces whose planned cut differs from their conformed
 * one, the title and the credits are made now), then the segments are joined.
 */
class RenderTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(RenderTasklet.class);
    static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final EpisodeKey episode;
    private final Integer edlRevision;
    private final ShowDefinition show;
    private final EnsembleSettings settings;
    private final Path inbox;
    private final ContributionRepository contributions;
    private final ConformedPieceRepository conformed;
    private final EditDecisionListRepository edls;
    private final SegmentFactory segments;
    private final MasterAssembler assembler;
    private final Beds beds;
    private final MasterScan.Detectors detectors;

    RenderTasklet(EpisodeKey episode, Integer edlRevision, ShowDefinition show, EnsembleSettings settings, Path inbox, ContributionRepository contributions,
                  ConformedPieceRepository conformed, EditDecisionListRepository edls, SegmentFactory segments,
                  MasterAssembler assembler, Beds beds, MasterScan.Detectors detectors) {
        this.episode = episode;
        this.edlRevision = edlRevision;
        this.show = show;
        this.settings = settings;
        this.inbox = inbox;
        this.contributions = contributions;
        this.conformed = conformed;
        this.edls = edls;
        this.segments = segments;
        this.assembler = assembler;
        this.beds = beds;
        this.detectors = detectors;
    }

    @Override
    public RepeatStatus execute(StepContribution step, ChunkContext chunkContext) throws JobInterruptedException {
        try {
            return render(step, chunkContext);
        } catch (ProcessCancelledException e) {
            // an operator stopped the run: the step ends STOPPED and a restart renders again from the cache
            throw new JobInterruptedException("Render of " + episode + " stopped: " + e.getMessage());
        }
    }

    private RepeatStatus render(StepContribution step, ChunkContext chunkContext) {
        long start = System.nanoTime();
        EditDecisionList edl = edls.forExecution(episode, edlRevision);
        Map<String, ConformedPiece> pieces = conformed.findAll(episode);
        // segments missing from the cache (titles, credits, stills and writing, re-cut pieces) are made in parallel
        List<SegmentSpec> specs = edl.events().stream().map(event -> spec(edl, event, pieces, inbox)).toList();
        // the cores are shared by the segments that must be made now: a re-render that makes one gives it all of them
        long missing = specs.stream().filter(s -> segments.cached(s, show.profile(), show.loudness()).isEmpty()).count();
        int atOnce = (int) Math.max(1, Math.min(settings.parallelism(), missing));
        int threads = EnsembleSettings.threadsFor(atOnce);
        ExecutorService pool = Executors.newFixedThreadPool(atOnce);
        List<MasterAssembler.Part> parts = new ArrayList<>();
        try {
            List<Future<Segment>> made = new ArrayList<>();
            for (SegmentSpec spec : specs) {
                made.add(pool.submit(() -> segments.materialize(spec, show.profile(), show.loudness(), threads)));
            }
            for (Future<Segment> future : made) {
                Segment segment = future.get();
                parts.add(new MasterAssembler.Part(segment.picture(), segment.sound(), segment.frames(), segment.black()));
                step.incrementReadCount();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Render of " + episode + " was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        EpisodeWork work = EpisodeWork.of(settings, episode);
        Path master = work.master();
        work.writeSegmentList(parts.stream().map(MasterAssembler.Part::picture).toList());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("title", edl.title());
        metadata.put("show", show.title());
        metadata.put("date", episode.airDate().toString());
        metadata.put("comment", "With " + String.join(", ", edl.contributors()));
        assembler.assemble(parts, edl.totalFrames(), show.profile(), show.loudness(), metadata,
                detectors, work.folder(), master);
        var context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        context.putInt("edlRevision", edl.revision());
        step.incrementWriteCount(1);
        LOG.info("Rendered {} (EDL r{}, {} events) in {} ms", episode, edl.revision(), edl.events().size(),
                (System.nanoTime() - start) / 1_000_000);
        return RepeatStatus.FINISHED;
    }

    private SegmentSpec spec(EditDecisionList edl, EditDecisionList.Event event, Map<String, ConformedPiece> pieces, Path inbox) {
        return switch (event.kind()) {
            case INTRO -> {
                List<String> people = edl.contributors();
                yield SegmentSpecs.title(show.title(), episode.airDate().format(LONG_DATE),
                        "This week: " + edl.pieces().size() + " pieces by " + people.size() + " people", event.frames());
            }
            case OUTRO -> {
                List<String> entries = new ArrayList<>();
                for (EditDecisionList.Credit person : edl.credits()) {
                    entries.add(person.contributor() + (person.location() == null ? "" : " · " + person.location()) + "|"
                            + String.join(" / ", person.titles()));
                }
                yield SegmentSpecs.credits(show.title(), entries, event.frames());
            }
            case PIECE -> {
                Contribution c = contributions.find(episode, event.pieceId())
                        .orElseThrow(() -> new IllegalStateException("EDL names unknown piece " + event.pieceId()));
                ConformedPiece piece = pieces.get(c.id());
                SegmentSpec spec = SegmentSpecs.forContribution(c, inbox, piece == null ? null : piece.measured(), event.frames(),
                        beds.forPiece(show, c.id()).orElse(null));
                // conform may have cut a piece's head, an editor may trim it: the EDL's source in is where it starts
                boolean timed = spec.kind() == SegmentSpec.Kind.FOOTAGE || spec.kind() == SegmentSpec.Kind.SOUND;
                yield timed && event.sourceIn() != spec.trimIn() ? spec.cut(event.sourceIn(), spec.frames()) : spec;
            }
        };
    }

}
