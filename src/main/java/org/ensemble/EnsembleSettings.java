package org.ensemble;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Ensemble keeps its things and how hard it works.
 *
 * @param home        the home folder: database, inbox, cache, work, outbox (default {@code ./var})
 * @param jobs        the folder of show definitions ({@code jobs/*.yaml})
 * @param parallelism how many pieces are conformed at once
 * @param inboxes     per show, an inbox folder elsewhere than {@code <home>/inbox/<show>} (e.g. a shared mount)
 */
@ConfigurationProperties("ensemble")
public record EnsembleSettings(@DefaultValue("var") Path home,
                               @DefaultValue("jobs") Path jobs,
                               @DefaultValue("2") int parallelism,
                               Map<String, Path> inboxes) {

    public EnsembleSettings {
        inboxes = inboxes == null ? Map.of() : Map.copyOf(inboxes);
    }

    /** The show's inbox: the configured one, else {@code <home>/inbox/<show>}. An episode's own is {@code EpisodeInbox}'s. */
    public Path inbox(String showId) {
        return configuredInbox(showId).orElseGet(() -> home.resolve("inbox").resolve(showId));
    }

    /** The inbox configured for the show, if one is. */
    public Optional<Path> configuredInbox(String showId) {
        return Optional.ofNullable(inboxes.get(showId));
    }

    public Path cache() {
        return home.resolve("cache");
    }

    public Path work(String showId, LocalDate airDate) {
        return home.resolve("work").resolve(showId).resolve(airDate.toString());
    }

    public Path outbox(String showId) {
        return home.resolve("outbox").resolve(showId);
    }

    public Path locks() {
        return home.resolve("locks");
    }

    /** FFmpeg threads per process, so that parallel pieces share the cores instead of fighting over them. */
    public int threadsPerProcess() {
        return threadsFor(parallelism);
    }

    /** FFmpeg threads for each of {@code atOnce} processes that share this machine's cores (at least one). */
    public static int threadsFor(int atOnce) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, atOnce));
    }
}
