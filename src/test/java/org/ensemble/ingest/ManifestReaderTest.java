package org.ensemble.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** The manifest is read line by line and each line decoded on its own: one bad byte spoils only its own line. */
class ManifestReaderTest {

    @TempDir
    Path inbox;

    @Test
    void aByteThatIsNotUtf8SpoilsOnlyItsLine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("\uFEFF{\"id\":\"a\"}\r\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("{\"id\":\"b\",\"title\":\"caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // Latin-1 é: not UTF-8
        bytes.writeBytes("\"}\n\n{\"id\":\"c\",\"title\":\"Kraków\"}".getBytes(StandardCharsets.UTF_8));
        Path manifest = Files.write(inbox.resolve("manifest.jsonl"), bytes.toByteArray());

        ManifestReader reader = new ManifestReader(manifest);
        reader.open(new ExecutionContext());
        List<ManifestLine> lines = new ArrayList<>();
        for (ManifestLine line; (line = reader.read()) != null; ) {
            lines.add(line);
        }
        reader.close();

        assertThat(lines).extracting(ManifestLine::number).containsExactly(1, 2, 4);
        assertThat(lines.get(0)).isEqualTo(new ManifestLine(1, "{\"id\":\"a\"}", 0));
        assertThat(lines.get(1).badByteAt()).isEqualTo(23); // after the 22 bytes of {"id":"b","title":"caf
        assertThat(lines.get(2)).isEqualTo(new ManifestLine(4, "{\"id\":\"c\",\"title\":\"Kraków\"}", 0));
    }
}
