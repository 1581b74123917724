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
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.FileTrees;
import org.ensemble.Hashes;
import org.ensemble.episode.Cmx3600;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.ContributionRepository;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.EpisodeWork;
import org.ensemble.episode.Otio;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.episode.QualityReport;
import org.ensemble.episode.Timecode;
import org.ensemble.media.ChapterMuxer;
import org.ensemble.media.SegmentEncoder;
import org.ensemble.media.FrameGrabber;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.segment.TextCard;
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
    private final Path inbox;
    private final EditDecisionListRepository edls;
    private final PublicationRepository publications;
    private final FrameGrabber frames;
    private final ChapterMuxer muxer;
    private final ContributionRepository contributions;
    private final EpisodeNumbers numbers;
    private final Webhooks webhooks;
    private final CaptionNorms captionNorms;
    private final CueSplitter cueSplitter;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    PublishTasklet(EpisodeKey episode, Integer edlRevision, ShowDefinition show, EnsembleSettings settings, Path inbox, EditDecisionListRepository edls,
                   PublicationRepository publications, FrameGrabber frames, ChapterMuxer muxer, ContributionRepository contributions,
                   EpisodeNumbers numbers, Webhooks webhooks, CaptionNorms captionNorms) {
        this.episode = episode;
        this.edlRevision = edlRevision;
        this.show = show;
        this.settings = settings;
        this.inbox = inbox;
        this.edls = edls;
        this.publications = publications;
        this.frames = frames;
        this.muxer = muxer;
        this.contributions = contributions;
        this.numbers = numbers;
        this.webhooks = webhooks;
        this.captionNorms = captionNorms;
        this.cueSplitter = new CueSplitter(captionNorms);
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
        List<Captions.Cue> cues = captions(edl);
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
        files.add(text("credits.json", json.writeValueAsString(credits(edl))));
        files.add(text("description.txt", description(edl, number, chapters)));
        files.add(new RevisionPublisher.PackageFile("thumbnail.jpg", dir -> thumbnail(edl, dir.resolve("episode.mp4"),
                work.scratch("thumbnails"), dir.resolve("thumbnail.jpg"))));
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

    /**
     * The episode's captions: each piece's own caption file moved to where the piece plays and cut to its span, a
     * writing piece's words card by card (cues change where the cards do), and the intro's and credits' words; all
     * within the caption norms (a contributor's cue that breaks them is split within its own time).
     */
    List<Captions.Cue> captions(EditDecisionList edl) {
        int fps = edl.frameRate();
        List<Captions.Cue> cues = new ArrayList<>();
        for (EditDecisionList.Event e : edl.events()) {
            switch (e.kind()) {
                case INTRO -> cues.addAll(inFrames(show.title() + "\n" + episode.airDate()
                        .format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH)), e.recordIn(), e.recordOut(), fps));
                case OUTRO -> cues.addAll(inFrames("With thanks to " + String.join(", ", edl.contributors()), e.recordIn(), e.recordOut(), fps));
                case PIECE -> {
                    Contribution c = contributions.find(episode, e.pieceId()).orElse(null);
                    if (c == null) {
                        continue;
                    }
                    try {
                        if (c.caption() != null) {
                            List<Captions.Cue> own = Captions.parse(Files.readString(inbox.resolve(c.caption()), StandardCharsets.UTF_8));
                            List<Captions.Cue> placed = new ArrayList<>();
                            for (Captions.Cue cue : Captions.place(own, Chapters.ms(e.sourceIn(), fps), Chapters.ms(e.sourceOut(), fps),
                                    Chapters.ms(e.recordIn(), fps))) {
                                placed.addAll(withinNorms(cue));
                            }
                            cues.addAll(cueSplitter.hold(placed, Chapters.ms(e.recordIn(), fps), Chapters.ms(e.recordOut(), fps)));
                        } else if (c.kind() == MediaKind.TEXT) {
                            List<TextCard> cards = SegmentSpecs.textCards(SegmentSpecs.forContribution(c, inbox, null, e.frames()), show.profile());
                            cues.addAll(inMillis(cueSplitter.cards(cards, e.recordIn(), fps), fps));
                        }
                    } catch (IOException | RuntimeException ex) {
                        // captions help, but a broken caption file must not stop the week's episode
                        LOG.warn("Captions of {} in {} left out: {}", c.id(), episode, ex.toString());
                    }
                }
            }
        }
        return Captions.sequence(cues);
    }

    /** Text on screen from frame {@code in} to {@code out} as cues within the norms, in milliseconds at this edge. */
    private List<Captions.Cue> inFrames(String text, long in, long out, int fps) {
        return inMillis(cueSplitter.split(text, in, out, fps), fps);
    }

    private static List<Captions.Cue> inMillis(List<CueSplitter.Timed> timed, int fps) {
        return timed.stream().map(t -> new Captions.Cue(Chapters.ms(t.start(), fps), Chapters.ms(t.end(), fps), t.text())).toList();
    }

    /** A contributor's cue as it is when it meets the norms, else split within its own time. */
    private List<Captions.Cue> withinNorms(Captions.Cue cue) {
        if (cueSplitter.fits(cue.text(), cue.endMs() - cue.startMs(), 1000)) {
            return List.of(cue);
        }
        return cueSplitter.split(cue.text(), cue.startMs(), cue.endMs(), 1000).stream()
                .map(t -> new Captions.Cue(t.start(), t.end(), t.text())).toList();
    }

    /**
     * The sharpest well-exposed frame among a third and a half into each filmed piece (see the candidates), at 1280x720.
     * Candidates are read from the segment behind their event (render lists them in {@code segments.txt}): a short
     * file seeks fast, and a candidate's score is kept under the segment's key in the cache, so a re-render scores only
     * the pieces it has not seen before. Without the list, the episode itself is read.
     */
    private void thumbnail(EditDecisionList edl, Path video, Path scratch, Path jpeg) throws IOException {
        int fps = edl.frameRate();
        FileTrees.delete(scratch);
        Files.createDirectories(scratch);
        List<Path> segments = segmentPictures(edl);
        long best = -1;
        double bestScore = -1;
        int n = 0;
        int scored = 0;
        for (long frame : thumbnailCandidates(edl)) {
            EditDecisionList.Event event = edl.events().stream().filter(e -> e.recordIn() <= frame && frame < e.recordOut())
                    .findFirst().orElse(null);
            Path segment = event == null || segments.isEmpty() ? null : segments.get(edl.events().indexOf(event));
            long offset = event == null ? frame : frame - event.recordIn();
            Path kept = segment == null ? null
                    : settings.cache().resolve("thumbnails").resolve(segment.getParent().getFileName().toString()).resolve(offset + ".score");
            double score = kept == null ? Double.NaN : keptScore(kept);
            if (Double.isNaN(score)) {
                Path small = scratch.resolve("candidate-" + (n++) + ".png");
                if (segment != null) {
                    frames.grab(segment, offset / (double) fps, 320, 180, small);
                } else {
                    frames.grab(video, frame / (double) fps, 320, 180, small);
                }
                java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(small.toFile());
                score = image == null ? -1 : Sharpness.of(image).score();
                scored++;
                if (kept != null) {
                    keepScore(kept, score);
                }
            }
            LOG.debug("Thumbnail candidate at frame {} of {}: score {}", frame, episode, score);
            if (score > bestScore) {
                bestScore = score;
                best = frame;
            }
        }
        if (best < 0) {
            best = edl.totalFrames() / 2;
        }
        LOG.info("Thumbnail of {}: frame {} (score {}); {} candidate(s) scored now, the others known from earlier renders",
                episode, best, String.format(Locale.ROOT, "%.1f", bestScore), scored);
        frames.grab(video, best / (double) fps, 1280, 720, jpeg);
        FileTrees.delete(scratch);
    }

    /** The segment picture behind each event, from render's list; empty when it is missing or does not fit this EDL. */
    private List<Path> segmentPictures(EditDecisionList edl) {
        List<Path> pictures = EpisodeWork.of(settings, episode).readSegmentList();
        return pictures.size() == edl.events().size() && pictures.stream().allMatch(Files::isRegularFile) ? pictures : List.of();
    }

    private static double keptScore(Path file) {
        try {
            return Files.isRegularFile(file) ? Double.parseDouble(Files.readString(file, StandardCharsets.UTF_8).trim()) : Double.NaN;
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static void keepScore(Path file, double score) {
        try {
            FileTrees.replace(file, Double.toString(score).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("Could not keep a thumbnail score in {}: {}", file, e.toString()); // only a cache
        }
    }

    /**
     * About a third and half-way into each piece (on the keyframe at or before): inside the picture, away from the joins. Only pieces whose picture is the
     * contributor's own footage are candidates (a title card or a sound piece's waveform is sharp, but it is not the
     * episode); photos when there is no footage; any piece when there is neither.
     */
    static List<Long> thumbnailCandidates(EditDecisionList edl) {
        List<EditDecisionList.Event> pieces = edl.pieces().stream().filter(e -> picture(e, VIDEO)).toList();
        if (pieces.isEmpty()) {
            pieces = edl.pieces().stream().filter(e -> picture(e, IMAGE)).toList();
        }
        if (pieces.isEmpty()) {
            pieces = edl.pieces();
        }
        // on the segment's keyframes (every segment starts with one, then one every GOP): reading a candidate then
        // decodes that one frame, where a frame between them costs decoding up to a GOP of full-HD pictures first
        long gop = SegmentEncoder.keyframeInterval(edl.frameRate());
        List<Long> frames = new ArrayList<>();
        for (EditDecisionList.Event e : pieces) {
            for (long offset : new long[] {e.frames() / 3, e.frames() / 2}) {
                long frame = e.recordIn() + offset / gop * gop;
                if (!frames.contains(frame)) {
                    frames.add(frame);
                }
            }
        }
        if (frames.isEmpty()) {
            frames.add(edl.totalFrames() / 2);
        }
        return frames;
    }

    private static final java.util.regex.Pattern VIDEO =
            java.util.regex.Pattern.compile("(?i).*\\.(mp4|m4v|mov|mkv|webm|avi|mpg|mpeg|mts|m2ts|ts|3gp|gif)$");
    private static final java.util.regex.Pattern IMAGE = java.util.regex.Pattern.compile("(?i).*\\.(jpe?g|png|tiff?|bmp)$");

    private static boolean picture(EditDecisionList.Event e, java.util.regex.Pattern files) {
        return e.sourceFile() != null && files.matcher(e.sourceFile()).matches();
    }

    /** Ready to paste under the video: title, what the week was about, chapters and the people in it. */
    String description(EditDecisionList edl, EpisodeNumbers.Number number, List<Chapters.Chapter> chapters) {
        StringBuilder out = new StringBuilder();
        out.append(show.title()).append(" – ").append(edl.title()).append('\n');
        out.append("Season ").append(number.season()).append(", episode ").append(number.episode()).append(" · ")
                .append(episode.airDate().format(java.time.format.DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH)))
                .append("\n\n");
        String theme = number.theme() != null ? number.theme() : show.description();
        if (theme != null && !theme.isBlank()) {
            out.append(theme.strip()).append("\n\n");
        }
        out.append("Chapters\n").append(Chapters.text(chapters, edl.frameRate())).append('\n');
        out.append("With\n");
        for (EditDecisionList.Credit person : edl.credits()) {
            out.append(person.contributor()).append(person.location() == null ? "" : " (" + person.location() + ")")
                    .append(": ").append(String.join(" / ", person.titles())).append('\n');
        }
        return out.toString();
    }

    private Map<String, Object> credits(EditDecisionList edl) {
        List<Map<String, Object>> contributors = new ArrayList<>();
        for (EditDecisionList.Credit credit : edl.credits()) {
            List<Map<String, Object>> pieces = new ArrayList<>();
            for (EditDecisionList.Event e : credit.pieces()) {
                Map<String, Object> piece = new LinkedHashMap<>();
                piece.put("id", e.pieceId());
                piece.put("title", e.title());
                piece.put("category", e.category());
                piece.put("startFrame", e.recordIn());
                piece.put("frames", e.frames());
                piece.put("start", Timecode.millis(e.recordIn(), edl.frameRate()));
                pieces.add(piece);
            }
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("name", credit.contributor());
            person.put("location", credit.location());
            person.put("pieces", pieces);
            contributors.add(person);
        }
        Map<String, Object> credits = new LinkedHashMap<>();
        credits.put("show", show.title());
        credits.put("airDate", episode.airDate().toString());
        credits.put("contributors", contributors);
        return credits;
    }

    private Map<String, Object> manifest(Path dir, EditDecisionList edl, int revision, long jobExecutionId,
                                         EpisodeNumbers.Number number) throws IOException {
        QualityReport qc = EpisodeWork.of(settings, episode).readQualityReport();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("$schema", MANIFEST_SCHEMA);
        m.put("show", episode.showId());
        m.put("showTitle", show.title());
        m.put("title", edl.title());
        m.put("airDate", episode.airDate().toString());
        m.put("season", number.season());
        m.put("episode", number.episode());
        m.put("episodeId", episodeId(number));
        m.put("revision", revision);
        m.put("supersedes", revision > 1 ? revision - 1 : null);
        m.put("publishAt", show.publishAt(episode.airDate()).toString());
        m.put("createdAt", Instant.now().toString());
        m.put("frameRate", edl.frameRate());
        m.put("durationFrames", edl.totalFrames());
        m.put("durationSeconds", edl.totalFrames() / (double) edl.frameRate());
        Map<String, Object> loudness = new LinkedHashMap<>();
        loudness.put("integratedLufs", qc.integratedLufs());
        loudness.put("truePeakDbtp", qc.truePeakDbtp());
        loudness.put("rangeLu", qc.loudnessRangeLu());
        m.put("loudness", loudness);
        m.put("edlRevision", edl.revision());
        m.put("jobExecutionId", jobExecutionId);
        m.put("pieces", edl.pieces().stream().map(e -> e.pieceId()).toList());
        m.put("contributors", edl.contributors());
        Map<String, Object> chapters = new LinkedHashMap<>();
        List<Chapters.Chapter> chapterList = Chapters.of(edl, show.rules().chapterMinFrames());
        List<String> problems = Chapters.youtubeProblems(chapterList, edl.frameRate());
        chapters.put("count", chapterList.size());
        chapters.put("youtubeReady", problems.isEmpty());
        chapters.put("youtubeProblems", problems);
        m.put("chapters", chapters);
        List<Map<String, Object>> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", f.getFileName().toString());
                entry.put("bytes", Files.size(f));
                entry.put("sha256", Hashes.sha256(f));
                files.add(entry);
            }
        }
        m.put("files", files);
        return m;
    }
}
