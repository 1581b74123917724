package org.ensemble;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removing a folder with everything in it (scratch and staging folders; links are removed, not followed), and
 * replacing a small file whole.
 */
public final class FileTrees {

    private FileTrees() {
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove " + dir, e);
        }
    }

    /**
     * Writes {@code bytes} beside {@code file}, forces them to disk and renames them over it: a reader sees the old file
     * or the whole new one, never part of it. The temporary file is gone afterwards, whatever happened.
     */
    public static void replace(Path file, byte[] bytes) throws IOException {
        replace(file, out -> out.write(bytes));
    }

    /** What writes a file's content; it may fail. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** {@link #replace(Path, byte[])} for content that is streamed rather than held in memory. */
    public static void replace(Path file, Content content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID());
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
