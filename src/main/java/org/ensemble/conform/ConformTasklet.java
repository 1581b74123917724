package org.ensemble.conform;

import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.ensemble.episode.ConformedPiece;
import org.ensemble.episode.ConformedPieceRepository;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.MediaProcessException;
import org.ensemble.media.ProcessCancelledException;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.PieceQuality;
import org.ensemble.segment.BedSound;
import org.ensemble.segment.Beds;
import org.ensemble.segment.Segment;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.segment.SegmentSpec;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Conforms one contribution (one partition): measures its loudness (audio only decoded, or read back from the
 * loudness cache), then makes its segment in the house format, or takes it from the cache. Stills and writing are
 * only prepared (their picture decoded and painted): the planner decides their length, and render encodes them once
 * at it. Then the piece's own QC ({@link PieceCheck}): dead ends are cut, and a piece that would break the programme's
 * rules is kept out of the plan with the reason. A piece that cannot be conformed is rejected with the reason; the
 * week goes on without it.
 */
class ConformTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(ConformTasklet.class);

    private final EpisodeKey episode;
    private final String contributionId;
    private final ShowDefinition show;
    private final Path inbox;
    private final ContributionRepository contributions;
    private final ConformedPieceRepository conformed;
    private final LoudnessCache loudness;
    private final SegmentFactory segments;
    private final Beds beds;
    private final PieceCheck check;
    private final Path scratch;

    ConformTasklet(EpisodeKey episode, String contributionId, ShowDefinition show, Path inbox,
                   ContributionRepository contributions, ConformedPieceRepository conformed, LoudnessCache loudness,
                   SegmentFactory segments, Beds beds, PieceCheck check, Path scratch) {
        this.episode = episode;
        this.contributionId = contributionId;
        this.show = show;
        this.inbox = inbox;
        this.contributions = contributions;
        this.conformed = conformed;
        this.loudness = loudness;
        this.segments = segments;
        this.beds = beds;
        this.check = check;
        this.scratch = scratch;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws JobInterruptedException {
        Contribution c = contributions.find(episode, contributionId)
                .orElseThrow(() -> new IllegalStateException("No contribution " + contributionId + " in " + episode));
        int fps = show.profile().frameRate();
        long frames = SegmentSpecs.defaultFrames(c, show.rules(), fps);
        long start = System.nanoTime();
        try {
            LoudnessMeasurement measured = null;
            if (c.audioStream() != null) {
                measured = loudness.measure(inbox.resolve(c.file()), c.sha256(), "0:" + c.audioStream(), c.trimIn(), frames,
                        show.profile(), show.loudness(), c.id());
                LOG.info("{} measures {} LUFS integrated, {} dBTP true peak", c.id(), measured.integratedLufs(), measured.truePeakDbtp());
            }
            BedSound bed = beds.forPiece(show, c.id()).orElse(null);
            SegmentSpec spec = SegmentSpecs.forContribution(c, inbox, measured, frames, bed);
            boolean bedded = spec.bed() != null;
            PieceQuality quality;
            if (spec.elastic()) {
                // encoded here it would be encoded again: the planner nearly always gives it another length
                segments.prepare(spec, show.profile(), show.loudness());
                quality = PieceCheck.elastic(bedded, show, c.kind() == MediaKind.STILL ? show.rules().stillMinFrames()
                        : show.rules().writingMinFrames(), c.kind() == MediaKind.STILL ? "this photo" : "this writing");
                conformed.save(new ConformedPiece(episode, c.id(), null, frames, measured, quality));
            } else {
                Segment segment = segments.materialize(spec, show.profile(), show.loudness());
                boolean ownSoundSilent = c.audioStream() == null || measured == null || measured.isSilent();
                PieceCheck.Findings found = check.find(segment, show, ownSoundSilent, scratch);
                PieceCheck.Cut cut = PieceCheck.cut(found, show.quality(), show.rules().pieceMinFrames(), bedded);
                if (cut.any() && cut.allowed()) {
                    // the same piece without its dead ends: made again, and looked at again
                    segment = segments.materialize(spec.cut(spec.trimIn() + cut.head(), frames - cut.head() - cut.tail()),
                            show.profile(), show.loudness());
                    found = check.find(segment, show, ownSoundSilent, scratch);
                }
                quality = PieceCheck.judge(found, cut, bedded, show);
                conformed.save(new ConformedPiece(episode, c.id(), segment.key(), segment.frames(), measured, quality));
            }
            if (quality.treatment() != PieceQuality.Treatment.KEPT || bedded) {
                LOG.info("QC of {}: {}", c.id(), quality.summary());
            }
            contribution.incrementWriteCount(1);
            LOG.info("Conformed {} ({} frames) in {} ms", c.id(), frames, (System.nanoTime() - start) / 1_000_000);
        } catch (ProcessCancelledException e) {
            // an operator stopped the run: not the piece's fault, so it is not rejected; a restart conforms it again
            throw new JobInterruptedException(c.id() + ": " + e.getMessage());
        } catch (MediaProcessException | UncheckedIOException e) {
            // the exception's own text is for operations (logged); the editor gets what happened and what to ask for
            String reason = "could not be conformed: " + (e instanceof MediaProcessException
                    ? "FFmpeg failed while making it (the log has FFmpeg's words)"
                    : "the data inside the file is damaged and cannot be decoded (the log has the details)")
                    + "; ask the contributor to send it again, exported afresh";
            LOG.warn("Rejected {}: {}", c.id(), reason, e);
            contributions.reject(episode, c.id(), reason);
            contribution.incrementFilterCount(1);
        }
        contribution.incrementReadCount();
        return RepeatStatus.FINISHED;
    }
}
