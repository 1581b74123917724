package org.ensemble.publish;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** File operations for publishing: durable writes, checksums and the atomic switch of a revision into place. */
final class PackageWriter {

    private PackageWriter() {
    }

    static void writeString(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        fsync(file);
    }

    static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        fsync(to);
    }

    static void fsync(Path path) throws IOException {
        boolean dir = Files.isDirectory(path);
        try (FileChannel channel = FileChannel.open(path, dir ? StandardOpenOption.READ : StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            if (!dir) {
                throw e;
            }
            // some file systems refuse to open directories for sync; the rename below is still atomic
        }
    }

    /** Points {@code current} at {@code revisionDir} by renaming a fresh link over it: readers see the old or the new, never none. */
    static void pointCurrent(Path episodeDir, String revisionDirName) throws IOException {
        Path tmp = episodeDir.resolve(".current-" + ProcessHandle.current().pid());
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, Path.of(revisionDirName));
        Files.move(tmp, episodeDir.resolve("current"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsync(episodeDir);
    }
}
