package org.ensemble.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ensemble.Hashes;

/**
 * A child process for {@link PublishCrashTest}: publishes the files of a source folder as revision N of an episode
 * folder with the production {@link RevisionPublisher}, then records the publication (as the publish step marks it in
 * the database) in {@code marks.log} beside the episode folder. Run as
 * {@code CrashDrill <episodeDir> <revision> <sourceDir>}; {@code -Densemble.publish.crash-at=<point>} halts it there.
 * A run that finds the revision already marked and current does nothing, as the publish step does.
 */
public final class CrashDrill {

    public static void main(String[] args) throws IOException {
        Path episodeDir = Path.of(args[0]);
        int revision = Integer.parseInt(args[1]);
        Path source = Path.of(args[2]);
        Path marks = episodeDir.resolveSibling(episodeDir.getFileName() + "-marks.log");
        Path current = episodeDir.resolve("current");
        if (Files.exists(marks) && Files.readAllLines(marks).contains("r" + revision) && Files.isSymbolicLink(current)
                && Files.readSymbolicLink(current).toString().equals("r" + revision)) {
            System.out.println("ALREADY r" + revision);
            return;
        }
        List<RevisionPublisher.PackageFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(source)) {
            for (Path f : list.sorted().toList()) {
                String name = f.getFileName().toString();
                files.add(new RevisionPublisher.PackageFile(name, dir -> Files.copy(f, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING)));
            }
        }
        RevisionPublisher.publish(episodeDir, revision, files, staging -> {
            StringBuilder json = new StringBuilder("{\"revision\":" + revision + ",\"files\":[");
            for (int i = 0; i < files.size(); i++) {
                Path f = staging.resolve(files.get(i).name());
                json.append(i == 0 ? "" : ",").append("{\"name\":\"").append(f.getFileName()).append("\",\"bytes\":").append(Files.size(f))
                        .append(",\"sha256\":\"").append(Hashes.sha256(f)).append("\"}");
            }
            PackageWriter.writeString(staging.resolve("manifest.json"), json.append("]}").toString());
        });
        Files.writeString(marks, "r" + revision + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        CrashPoint.reach("marked");
        System.out.println("PUBLISHED r" + revision);
    }
}
