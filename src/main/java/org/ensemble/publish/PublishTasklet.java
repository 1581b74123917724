package org.ensemble.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.FileTrees;
import org.ensemble.episode.Cmx3600;
import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.EditDecisionListRepository;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.Otio;
import org.ensemble.episode.PublicationRepository;
import org.ensemble.episode.Timecode;
import org.ensemble.media.FrameGrabber;
import org.ensemble.show.ShowDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import tools.jackson.databind.JsonNode;
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
    private final FrameGrabber frames;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    PublishTasklet(EpisodeKey episode, Integer edlRevision, ShowDefinition show, EnsembleSettings settings, EditDecisionListRepository edls,
                   PublicationRepository publications, FrameGrabber frames) {
        this.episode = episode;
        this.edlRevision = edlRevision;
        this.show = show;
        this.settings = settings;
        this.edls = edls;
        this.publications = publications;
        this.frames = frames;
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
        if (existing.isPresent() && !existing.get().status().equals("PUBLISHED")) {
            revision = existing.get().revision();
            LOG.info("Finishing the interrupted publication of {} r{}", episode, revision);
        } else {
            // new, or an older EDL brought back (an editor's undo): either way a new package revision
            revision = publications.nextRevision(episode);
            publications.reserve(episode, revision, jobExecutionId, edl.revision(), episodeDir.resolve("r" + revision).toString());
        }
        Path target = episodeDir.resolve("r" + revision);
        if (!Files.isDirectory(target)) {
            Path staging = episodeDir.resolve(".staging-r" + revision);
            FileTrees.delete(staging);
            Files.createDirectories(staging);
            writePackage(staging, edl, revision, jobExecutionId);
            PackageWriter.fsync(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        }
        PackageWriter.pointCurrent(episodeDir, target.getFileName().toString());
        publications.markPublished(episode, revision);
        chunkContext.getStepContext().getStepExecution().getExecutionContext().putInt("revision", revision);
        step.incrementWriteCount(1);
        step.setExitStatus(step.getExitStatus().addExitDescription("published " + target));
        LOG.info("Published {} revision r{} at {}", episode, revision, target);
        return RepeatStatus.FINISHED;
    }

    private void writePackage(Path dir, EditDecisionList edl, int revision, long jobExecutionId) throws IOException {
        Path work = settings.work(episode.showId(), episode.airDate());
        int fps = edl.frameRate();
        PackageWriter.copy(work.resolve("master.mp4"), dir.resolve("episode.mp4"));
        PackageWriter.writeString(dir.resolve("episode.edl"), Cmx3600.write(edl));
        PackageWriter.writeString(dir.resolve("episode.otio"), Otio.write(edl));
        PackageWriter.writeString(dir.resolve("chapters.txt"), chapters(edl));
        PackageWriter.copy(work.resolve("qc.json"), dir.resolve("qc.json"));
        PackageWriter.writeString(dir.resolve("credits.json"), json.writeValueAsString(credits(edl)));
        EditDecisionList.Event still = thumbnailEvent(edl);
        frames.grab(dir.resolve("episode.mp4"), (still.recordIn() + still.frames() / 2.0) / fps, 1280, 720,
                dir.resolve("thumbnail.jpg"));
        PackageWriter.fsync(dir.resolve("thumbnail.jpg"));
        PackageWriter.writeString(dir.resolve("manifest.json"), json.writeValueAsString(manifest(dir, edl, revision, jobExecutionId)));
    }

    static String chapters(EditDecisionList edl) {
        StringBuilder out = new StringBuilder();
        for (EditDecisionList.Event e : edl.events()) {
            String name = switch (e.kind()) {
                case INTRO -> "Intro";
                case OUTRO -> "Credits";
                case PIECE -> e.contributor() + " – " + e.title();
            };
            out.append(Timecode.clock(e.recordIn(), edl.frameRate())).append(' ').append(name).append('\n');
        }
        return out.toString();
    }

    /** The middle of the first filmed piece (else the first piece): a real picture, not a title or a transition. */
    static EditDecisionList.Event thumbnailEvent(EditDecisionList edl) {
        return edl.pieces().stream().filter(e -> e.category() != null && (e.category().startsWith("filmed") || e.category().startsWith("talking")))
                .filter(e -> e.sourceFile() != null && e.sourceFile().matches("(?i).*\\.(mp4|mov|mkv|webm|m4v|avi)$"))
                .findFirst().orElse(edl.pieces().isEmpty() ? edl.events().get(0) : edl.pieces().get(0));
    }

    private Map<String, Object> credits(EditDecisionList edl) {
        Map<String, List<Map<String, Object>>> byPerson = new LinkedHashMap<>();
        Map<String, String> locations = new LinkedHashMap<>();
        for (EditDecisionList.Event e : edl.pieces()) {
            locations.putIfAbsent(e.contributor(), e.location());
            Map<String, Object> piece = new LinkedHashMap<>();
            piece.put("id", e.pieceId());
            piece.put("title", e.title());
            piece.put("category", e.category());
            piece.put("startFrame", e.recordIn());
            piece.put("frames", e.frames());
            piece.put("start", Timecode.millis(e.recordIn(), edl.frameRate()));
            byPerson.computeIfAbsent(e.contributor(), k -> new ArrayList<>()).add(piece);
        }
        List<Map<String, Object>> contributors = new ArrayList<>();
        byPerson.forEach((name, pieces) -> {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("name", name);
            person.put("location", locations.get(name));
            person.put("pieces", pieces);
            contributors.add(person);
        });
        Map<String, Object> credits = new LinkedHashMap<>();
        credits.put("show", show.title());
        credits.put("airDate", episode.airDate().toString());
        credits.put("contributors", contributors);
        return credits;
    }

    private Map<String, Object> manifest(Path dir, EditDecisionList edl, int revision, long jobExecutionId) throws IOException {
        JsonNode qc = json.readTree(dir.resolve("qc.json").toFile());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("$schema", MANIFEST_SCHEMA);
        m.put("show", episode.showId());
        m.put("showTitle", show.title());
        m.put("title", edl.title());
        m.put("airDate", episode.airDate().toString());
        m.put("revision", revision);
        m.put("supersedes", revision > 1 ? revision - 1 : null);
        m.put("publishAt", show.publishAt(episode.airDate()).toString());
        m.put("createdAt", Instant.now().toString());
        m.put("frameRate", edl.frameRate());
        m.put("durationFrames", edl.totalFrames());
        m.put("durationSeconds", edl.totalFrames() / (double) edl.frameRate());
        Map<String, Object> loudness = new LinkedHashMap<>();
        loudness.put("integratedLufs", qc.path("integratedLufs").asDouble());
        loudness.put("truePeakDbtp", qc.path("truePeakDbtp").asDouble());
        loudness.put("rangeLu", qc.path("loudnessRangeLu").asDouble());
        m.put("loudness", loudness);
        m.put("edlRevision", edl.revision());
        m.put("jobExecutionId", jobExecutionId);
        m.put("pieces", edl.pieces().stream().map(e -> e.pieceId()).toList());
        List<Map<String, Object>> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", f.getFileName().toString());
                entry.put("bytes", Files.size(f));
                entry.put("sha256", PackageWriter.sha256(f));
                files.add(entry);
            }
        }
        m.put("files", files);
        return m;
    }
}
