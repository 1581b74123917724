package org.ensemble.publish;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ensemble.Hashes;

/**
 * {@code manifest.json}, written last into a revision: what the package is and every other file in it with its size and
 * SHA-256. The fields and their order are those of the published JSON Schema ({@value PublishTasklet#MANIFEST_SCHEMA}).
 */
record PackageManifest(@JsonProperty("$schema") String schema, String show, String showTitle, String title, String airDate,
                       int season, int episode, String episodeId, int revision, Integer supersedes, String publishAt,
                       String createdAt, int frameRate, long durationFrames, double durationSeconds, Loudness loudness,
                       int edlRevision, long jobExecutionId, List<String> pieces, List<String> contributors,
                       ChapterList chapters, List<File> files) {

    /** The master's loudness as verify measured it. */
    record Loudness(double integratedLufs, double truePeakDbtp, double rangeLu) {
    }

    /** How many chapters, and whether the list is valid for YouTube (else why not). */
    record ChapterList(int count, boolean youtubeReady, List<String> youtubeProblems) {
    }

    record File(String name, long bytes, String sha256) {
    }

    /** Every regular file in {@code dir}, by name. */
    static List<File> files(Path dir) throws IOException {
        List<File> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new File(f.getFileName().toString(), Files.size(f), Hashes.sha256(f)));
            }
        }
        return files;
    }
}
