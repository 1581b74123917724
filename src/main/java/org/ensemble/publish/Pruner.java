package org.ensemble.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.FileTrees;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.PublicationRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Removes old package revisions by a {@link RetentionPolicy}, never the current one. A revision is first renamed out of
 * the {@code r<N>} names (atomically), then deleted, so no reader ever sees a half-deleted revision.
 */
@Component
public class Pruner {

    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

    private final EnsembleSettings settings;
    private final PublishSettings publish;
    private final PublicationRepository publications;
    private final JsonMapper json = JsonMapper.builder().build();

    Pruner(EnsembleSettings settings, PublishSettings publish, PublicationRepository publications) {
        this.settings = settings;
        this.publish = publish;
        this.publications = publications;
    }

    /** The scheduled option: {@code ensemble.publish.retention.cron} with its keep / older-than. */
    @Scheduled(cron = "${ensemble.publish.retention.cron:-}")
    void scheduled() throws IOException {
        var r = publish.retention();
        prune(r.keep(), r.olderThan(), null, false);
    }

    /**
     * Prunes every episode of {@code show} (all shows when null). Returns the revision folders removed (or that would
     * be, when {@code dryRun}).
     */
    public List<Path> prune(int keep, Duration olderThan, String show, boolean dryRun) throws IOException {
        RetentionPolicy policy = new RetentionPolicy(keep, olderThan);
        Path outbox = settings.home().resolve("outbox");
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(outbox)) {
            return removed;
        }
        Instant now = Instant.now();
        for (Path showDir : children(outbox)) {
            if (show != null && !showDir.getFileName().toString().equals(show)) {
                continue;
            }
            for (Path episodeDir : children(showDir)) {
                Path current = episodeDir.resolve("current");
                Integer currentRevision = Files.isSymbolicLink(current)
                        ? Integer.valueOf(Files.readSymbolicLink(current).toString().substring(1)) : null;
                List<RetentionPolicy.Revision> revisions = new ArrayList<>();
                for (int n : Outbox.revisions(episodeDir)) {
                    revisions.add(new RetentionPolicy.Revision(n, publishedAt(episodeDir.resolve("r" + n))));
                }
                for (int n : policy.prunable(revisions, currentRevision, now)) {
                    Path dir = episodeDir.resolve("r" + n);
                    removed.add(dir);
                    if (dryRun) {
                        continue;
                    }
                    Path doomed = episodeDir.resolve(".pruned-r" + n);
                    Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
                    FileTrees.delete(doomed);
                    markPruned(showDir.getFileName().toString(), episodeDir.getFileName().toString(), n);
                    LOG.info("Pruned {} (current is r{})", dir, currentRevision);
                }
            }
        }
        return removed;
    }

    private void markPruned(String show, String date, int revision) {
        try {
            publications.markPruned(new EpisodeKey(show, LocalDate.parse(date)), revision);
        } catch (RuntimeException e) {
            LOG.warn("Pruned r{} of {} {} but could not record it: {}", revision, show, date, e.toString());
        }
    }

    private Instant publishedAt(Path revisionDir) throws IOException {
        Path manifest = revisionDir.resolve("manifest.json");
        try {
            return Instant.parse(json.readTree(manifest.toFile()).path("createdAt").asString());
        } catch (RuntimeException e) {
            return Files.getLastModifiedTime(manifest).toInstant();
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p) && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }
}
