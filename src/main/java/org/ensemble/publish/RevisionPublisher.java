package org.ensemble.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.ensemble.FileTrees;

/**
 * Puts one package revision into {@code <episode>/r<N>/} so that a reader sees it whole or not at all: every file is
 * written into {@code .staging-r<N>} and synced, {@code manifest.json} comes last, the folder is renamed into place,
 * then {@code current} is switched. Run again after a crash at any point with the same N, it finishes the revision:
 * a renamed folder is complete and kept, a staging folder is thrown away and written anew.
 */
final class RevisionPublisher {

    /** Writes one file of the package into the staging folder. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path staging) throws IOException;
    }

    record PackageFile(String name, FileWriter writer) {
    }

    /** Writes {@code manifest.json} once every other file is in the staging folder. */
    @FunctionalInterface
    interface ManifestWriter {
        void write(Path staging) throws IOException;
    }

    private RevisionPublisher() {
    }

    /** Returns the revision's folder. */
    static Path publish(Path episodeDir, int revision, List<PackageFile> files, ManifestWriter manifest) throws IOException {
        Files.createDirectories(episodeDir);
        // a link left by a process killed while switching current points nowhere readers look; tidy it
        try (var stale = Files.newDirectoryStream(episodeDir, ".current-*")) {
            for (Path link : stale) {
                Files.deleteIfExists(link);
            }
        }
        Path target = episodeDir.resolve("r" + revision);
        if (!Files.isDirectory(target)) {
            Path staging = episodeDir.resolve(".staging-r" + revision);
            FileTrees.delete(staging);
            Files.createDirectories(staging);
            CrashPoint.reach("staging-created");
            for (PackageFile file : files) {
                file.writer().write(staging);
                PackageWriter.fsync(staging.resolve(file.name()));
                CrashPoint.reach("wrote " + file.name());
            }
            manifest.write(staging);
            PackageWriter.fsync(staging.resolve("manifest.json"));
            CrashPoint.reach("wrote manifest.json");
            PackageWriter.fsync(staging);
            CrashPoint.reach("staging-synced");
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            PackageWriter.fsync(episodeDir);
            CrashPoint.reach("renamed");
        }
        PackageWriter.pointCurrent(episodeDir, target.getFileName().toString());
        CrashPoint.reach("current-switched");
        return target;
    }
}
