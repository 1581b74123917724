package org.ensemble.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads {@code manifest.jsonl} line by line (blank lines are skipped). Each line is decoded as UTF-8 on its own, so a
 * byte that is not UTF-8 spoils only its line (which ingest refuses, naming it), never the rest. Restartable: the item count is kept in
 * the step's execution context by the base class, so a restarted ingest continues after the last committed line.
 */
class ManifestReader extends AbstractItemCountingItemStreamItemReader<ManifestLine> {

    private final Path manifest;
    private BufferedInputStream reader;
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
        reader = new BufferedInputStream(Files.newInputStream(manifest));
        lineNumber = 0;
    }

    @Override
    protected ManifestLine doRead() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            while (true) {
                bytes.reset();
                int b;
                while ((b = reader.read()) != -1 && b != '\n') {
                    bytes.write(b);
                }
                if (b == -1 && bytes.size() == 0) {
                    return null;
                }
                lineNumber++;
                byte[] raw = bytes.toByteArray();
                int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                int badByteAt = firstBadByte(raw, length);
                String line = new String(raw, 0, length, StandardCharsets.UTF_8);
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    return new ManifestLine(lineNumber, line, badByteAt);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + manifest, e);
        }
    }

    /** The 1-based position of the first byte of {@code raw[0, length)} that is not UTF-8, or 0. */
    static int firstBadByte(byte[] raw, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(raw, 0, length);
        CharBuffer out = CharBuffer.allocate(length + 1);
        CoderResult result = decoder.decode(in, out, true);
        return result.isError() ? in.position() + 1 : 0;
    }

    @Override
    protected void doClose() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
