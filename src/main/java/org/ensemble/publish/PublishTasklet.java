package org.ensemble.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.Cmx3600;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.EpisodeWork;
import org.ensemble.episode.Otio;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.episode.QualityReport;
import org.ensemble.media.ChapterMuxer;
import org.ensemble.media.FrameGrabber;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the verified master as {@code outbox/<show>/<air-date>/r<N>/}: every file is written into a staging
 * folder and synced, {@code manifest.json} (with every file's SHA-256) comes last, then the folder is renamed into
 * place and {@code current} is switched to it. The revision number is reserved in the database first, so a run that
 * dies half-way finishes the same revision when restarted instead of publishing another.
 */
class PublishTasklet implements Tasklet {

    private static final Logger LOG = LoggerFactory.getLogger(PublishTasklet.class);
    static final String MANIFEST_SCHEMA = "https://ensemble.example/schemas/publish-manifest-v1.json";

    private final EpisodeKey episode;
    private final Integer edlRevision;
    private final ShowDefinition show;
    private final EnsembleSettings settings;
    private final EditDecisionListRepository edls;
    private final PublicationRepository publications;
    private final ChapterMuxer muxer;
    private final EpisodeNumbers numbers;
    private final Webhooks webhooks;
    private final EpisodeCaptions captions;
    private final ThumbnailPicker thumbnails;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    PublishTasklet(EpisodeKey episode, Integer edlRevision, ShowDefinition show, EnsembleSettings settings, Path inbox, EditDecisionListRepository edls,
                   PublicationRepository publications, FrameGrabber frames, ChapterMuxer muxer, ContributionRepository contributions,
                   EpisodeNumbers numbers, Webhooks webhooks, CaptionNorms captionNorms) {
        this.episode = episode;
        this.edlRevision = edlRevision;
        this.show = show;
        this.settings = settings;
        this.edls = edls;
        this.publications = publications;
        this.muxer = muxer;
        this.numbers = numbers;
        this.webhooks = webhooks;
        this.captions = new EpisodeCaptions(episode, show, inbox, contributions, captionNorms);
        this.thumbnails = new ThumbnailPicker(frames, settings.cache().resolve("thumbnails"));
    }

    @Override
    public RepeatStatus execute(StepContribution step, ChunkContext chunkContext) throws IOException {
        EditDecisionList edl = edls.forExecution(episode, edlRevision);
        Path episodeDir = settings.outbox(episode.showId()).resolve(episode.airDate().toString());
        Files.createDirectories(episodeDir);
        long jobExecutionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();

        var existing = publications.forEdl(episode, edl.revision());
        var current = publications.latestPublished(episode);
        int revision;
        if (existing.isPresent() && existing.get().status().equals("PUBLISHED") && current.isPresent()
                && current.get().revision() == existing.get().revision()) {
            LOG.info("EDL r{} of {} is already published as r{}, the current revision", edl.revision(), episode,
                    existing.get().revision());
            return RepeatStatus.FINISHED;
        }
        if (existing.isPresent() && existing.get().status().equals("STAGING")) {
            revision = existing.get().revision();
            LOG.info("Finishing the interrupted publication of {} r{}", episode, revision);
        } else {
            // new, or an older EDL brought back (an editor's undo): either way a new package revision
            revision = publications.nextRevision(episode);
            publications.reserve(episode, revision, jobExecutionId, edl.revision(), episodeDir.resolve("r" + revision).toString());
        }
        EpisodeNumbers.Number number = numbers.assign(episode, show);
        Path target = RevisionPublisher.publish(episodeDir, revision, packageFiles(edl, number),
                staging -> PackageWriter.writeString(staging.resolve("manifest.json"),
                        json.writeValueAsString(manifest(staging, edl, revision, jobExecutionId, number))));
        // the mark and the webhook events are one transaction (the step's): both happen or, after a crash, both again
        publications.markPublished(episode, revision);
        webhooks.revisionPublished(episode, revision, current.map(PublicationRepository.Publication::revision).orElse(null),
                target.resolve("manifest.json"));
        CrashPoint.reach("marked");
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putInt("revision", revision);
        step.incrementWriteCount(1);
        step.setExitStatus(step.getExitStatus().addExitDescription("published " + target));
        LOG.info("Published {} (season {} episode {}) revision r{} at {}", episode, number.season(), number.episode(), revision, target);
        return RepeatStatus.FINISHED;
    }

    /** The package's files in the order they are written; {@code manifest.json} comes after all of them. */
    private List<RevisionPublisher.PackageFile> packageFiles(EditDecisionList edl, EpisodeNumbers.Number number) {
        EpisodeWork work = EpisodeWork.of(settings, episode);
        int fps = edl.frameRate();
        List<Chapters.Chapter> chapters = Chapters.of(edl, show.rules().chapterMinFrames());
        List<Captions.Cue> cues = captions.of(edl);
        String contributors = String.join(", ", edl.contributors());
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("title", edl.title());
        tags.put("show", show.title());
        tags.put("album", show.title());
        tags.put("date", episode.airDate().toString());
        // FFmpeg writes the iTunes season and episode atoms (tvsn, tves) from these with only their low 8 bits:
        // a number that does not fit is left out rather than written wrong (2026 would read 234)
        if (fitsTvAtom(number.season())) {
            tags.put("season_number", Integer.toString(number.season()));
        } else {
            LOG.warn("Season {} of {} does not fit the MP4's season tag (1-255); set firstSeasonYear in the show file", number.season(), episode);
        }
        if (fitsTvAtom(number.episode())) {
            tags.put("episode_sort", Integer.toString(number.episode()));
        }
        tags.put("episode_id", episodeId(number));
        tags.put("artist", contributors);
        tags.put("comment", "With " + contributors);
        tags.put("description", show.title() + ", " + episode.airDate() + ". With " + contributors + ".");
        List<RevisionPublisher.PackageFile> files = new ArrayList<>();
        files.add(new RevisionPublisher.PackageFile("episode.mp4", dir -> {
            Path metadata = work.scratch("chapters.ffmetadata");
            Files.writeString(metadata, Chapters.ffmetadata(chapters, fps, Map.of()), StandardCharsets.UTF_8);
            muxer.remux(work.master(), metadata, tags, dir.resolve("episode.mp4"));
        }));
        files.add(text("episode.edl", Cmx3600.write(edl)));
        files.add(text("episode.otio", Otio.write(edl)));
        files.add(text("chapters.txt", Chapters.text(chapters, fps)));
        files.add(text("chapters.vtt", Chapters.webVtt(chapters, fps)));
        files.add(text("captions.vtt", Captions.webVtt(cues)));
        files.add(text("captions.srt", Captions.subRip(cues)));
        files.add(new RevisionPublisher.PackageFile("qc.json", dir -> PackageWriter.copy(work.qualityReport(), dir.resolve("qc.json"))));
        files.add(text("credits.json", json.writeValueAsString(Credits.of(edl, show.title(), episode.airDate().toString()))));
        files.add(text("description.txt", Description.of(show, episode.airDate(), edl, number, chapters)));
        files.add(new RevisionPublisher.PackageFile("thumbnail.jpg", dir -> thumbnails.pick(episode, edl, segmentPictures(edl),
                dir.resolve("episode.mp4"), work.scratch("thumbnails"), dir.resolve("thumbnail.jpg"))));
        return files;
    }

    private static RevisionPublisher.PackageFile text(String name, String text) {
        return new RevisionPublisher.PackageFile(name, dir -> PackageWriter.writeString(dir.resolve(name), text));
    }

    private String episodeId(EpisodeNumbers.Number number) {
        return String.format(Locale.ROOT, "S%04dE%02d", number.season(), number.episode());
    }

    /** FFmpeg's mov muxer keeps 8 bits of a season or episode number (in a 4-byte data atom); 0 means none. */
    static boolean fitsTvAtom(int number) {
        return number >= 1 && number <= 255;
    }

    /** The segment picture behind each event, from render's list; empty when it is missing or does not fit this EDL. */
    private List<Path> segmentPictures(EditDecisionList edl) {
        List<Path> pictures = EpisodeWork.of(settings, episode).readSegmentList();
        return pictures.size() == edl.events().size() && pictures.stream().allMatch(Files::isRegularFile) ? pictures : List.of();
    }

    private PackageManifest manifest(Path dir, EditDecisionList edl, int revision, long jobExecutionId,
                                     EpisodeNumbers.Number number) throws IOException {
        QualityReport qc = EpisodeWork.of(settings, episode).readQualityReport();
        List<Chapters.Chapter> chapters = Chapters.of(edl, show.rules().chapterMinFrames());
        List<String> problems = Chapters.youtubeProblems(chapters, edl.frameRate());
        return new PackageManifest(MANIFEST_SCHEMA, episode.showId(), show.title(), edl.title(), episode.airDate().toString(),
                number.season(), number.episode(), episodeId(number), revision, revision > 1 ? revision - 1 : null,
                show.publishAt(episode.airDate()).toString(), Instant.now().toString(), edl.frameRate(), edl.totalFrames(),
                edl.totalFrames() / (double) edl.frameRate(),
                new PackageManifest.Loudness(qc.integratedLufs(), qc.truePeakDbtp(), qc.loudnessRangeLu()), edl.revision(),
                jobExecutionId, edl.pieces().stream().map(EditDecisionList.Event::pieceId).toList(), edl.contributors(),
                new PackageManifest.ChapterList(chapters.size(), problems.isEmpty(), problems), PackageManifest.files(dir));
    }
}
