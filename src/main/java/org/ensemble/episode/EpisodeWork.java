package org.ensemble.episode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ensemble.EnsembleSettings;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The folder in which render, verify and publish hand an episode over to each other ({@code work/<show>/<air-date>/}),
 * and the name and format of everything in it: render writes the master and the segment list, verify reads the master
 * and writes the quality report, publish reads all three. Nothing in it is ever visible to a publishing system.
 */
public record EpisodeWork(Path folder) {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public static EpisodeWork of(EnsembleSettings settings, EpisodeKey episode) {
        return new EpisodeWork(settings.work(episode.showId(), episode.airDate()));
    }

    /** The rendered programme, before publish adds chapters and tags. */
    public Path master() {
        return folder.resolve("master.mp4");
    }

    /**
     * The segment picture behind each EDL event, in order, one file per line: publish looks for the thumbnail in them,
     * where a segment's frames can be read without seeking through the whole master.
     */
    public Path segmentList() {
        return folder.resolve("segments.txt");
    }

    /** What verify measured on the master ({@link QualityReport}), published as {@code qc.json}. */
    public Path qualityReport() {
        return folder.resolve("qc.json");
    }

    /** Publish's own scratch space (chapter metadata, thumbnail candidates). */
    public Path scratch(String name) {
        return folder.resolve(name);
    }

    public void writeSegmentList(List<Path> pictures) {
        StringBuilder text = new StringBuilder();
        pictures.forEach(p -> text.append(p.toAbsolutePath()).append('\n'));
        try {
            Files.createDirectories(folder);
            Files.writeString(segmentList(), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The segment list as render wrote it; empty when there is none. */
    public List<Path> readSegmentList() {
        try {
            if (!Files.isRegularFile(segmentList())) {
                return List.of();
            }
            return Files.readAllLines(segmentList(), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public void writeQualityReport(QualityReport report) {
        try {
            Files.createDirectories(folder);
            Files.writeString(qualityReport(), JSON.writeValueAsString(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public QualityReport readQualityReport() {
        return JSON.readValue(qualityReport().toFile(), QualityReport.class);
    }
}
