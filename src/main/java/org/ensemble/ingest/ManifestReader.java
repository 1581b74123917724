package org.ensemble.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads {@code manifest.jsonl} line by line (blank lines are skipped). Restartable: the item count is kept in
 * the step's execution context by the base class, so a restarted ingest continues after the last committed line.
 */
class ManifestReader extends AbstractItemCountingItemStreamItemReader<ManifestLine> {

    private final Path manifest;
    private BufferedReader reader;
    private int lineNumber;

    ManifestReader(Path manifest) {
        this.manifest = manifest;
        setName("manifestReader");
    }

    @Override
    protected void doOpen() throws IOException {
        if (!Files.isRegularFile(manifest)) {
            throw new IllegalStateException("No manifest at " + manifest.toAbsolutePath()
                    + ": put the approved contributions and their manifest.jsonl there (see README, 'The inbox')");
        }
        reader = Files.newBufferedReader(manifest, StandardCharsets.UTF_8);
        lineNumber = 0;
    }

    @Override
    protected ManifestLine doRead() {
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    return new ManifestLine(lineNumber, line);
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + manifest, e);
        }
    }

    @Override
    protected void doClose() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
