package org.ensemble.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.episode.EpisodeKey;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the outbox as a publishing system sees it: only renamed {@code r<N>} folders with a manifest count, and
 * {@code current} says which one is live. Names from outside (show, date, revision, file) are checked before any path
 * is built from them.
 */
@Component
class Outbox {

    static final String API = "/api/publish";
    private static final Pattern REVISION = Pattern.compile("r([1-9][0-9]{0,8})");
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    record Episode(EpisodeKey key, Path dir, int current, List<Integer> revisions) {
    }

    private final EnsembleSettings settings;
    private final JsonMapper json = JsonMapper.builder().build();

    Outbox(EnsembleSettings settings) {
        this.settings = settings;
    }

    static String path(EpisodeKey episode, int revision, String file) {
        return API + "/shows/" + episode.showId() + "/episodes/" + episode.airDate() + "/r" + revision + "/" + file;
    }

    static boolean safeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.contains("..");
    }

    /** The show's episodes that have a current revision, newest air date first. */
    List<Episode> episodes(String show) throws IOException {
        if (!safeName(show)) {
            return List.of();
        }
        Path showDir = settings.outbox(show);
        if (!Files.isDirectory(showDir)) {
            return List.of();
        }
        List<Episode> out = new ArrayList<>();
        try (Stream<Path> dates = Files.list(showDir)) {
            for (Path dir : dates.sorted(Comparator.reverseOrder()).toList()) {
                LocalDate date;
                try {
                    date = LocalDate.parse(dir.getFileName().toString());
                } catch (DateTimeParseException e) {
                    continue;
                }
                episode(new EpisodeKey(show, date)).ifPresent(out::add);
            }
        }
        return out;
    }

    Optional<Episode> episode(EpisodeKey key) throws IOException {
        Path dir = settings.outbox(key.showId()).resolve(key.airDate().toString());
        Path current = dir.resolve("current");
        if (!Files.isSymbolicLink(current)) {
            return Optional.empty();
        }
        Matcher m = REVISION.matcher(Files.readSymbolicLink(current).toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Episode(key, dir, Integer.parseInt(m.group(1)), revisions(dir)));
    }

    /** Published revisions of an episode folder, oldest first; staging folders never match. */
    static List<Integer> revisions(Path episodeDir) throws IOException {
        List<Integer> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(episodeDir)) {
            list.filter(p -> !Files.isSymbolicLink(p) && Files.isDirectory(p)).forEach(p -> {
                Matcher m = REVISION.matcher(p.getFileName().toString());
                if (m.matches()) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            });
        }
        out.sort(null);
        return out;
    }

    JsonNode manifest(Episode episode, int revision) throws IOException {
        return json.readTree(episode.dir().resolve("r" + revision).resolve("manifest.json").toFile());
    }

    /** A file of a published revision, or empty when any part of the request does not name one. */
    Optional<Path> file(String show, String date, String revision, String name) throws IOException {
        if (!safeName(show) || !safeName(name) || !REVISION.matcher(revision).matches()) {
            return Optional.empty();
        }
        LocalDate airDate;
        try {
            airDate = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        Path dir = settings.outbox(show).resolve(airDate.toString()).resolve(revision);
        Path file = dir.resolve(name);
        if (!Files.isDirectory(dir) || Files.isSymbolicLink(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }
}
