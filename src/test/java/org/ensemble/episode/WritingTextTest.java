package org.ensemble.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WritingTextTest {

    private static final String POEM = "Crème brûlée at dawn,\nthe kettle sings in Kraków.\n\nŻółć of the morning — naïve light.\n";

    @TempDir
    Path dir;

    private static byte[] bytes(byte[] bom, String text, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }

    static Stream<Arguments> encodings() {
        return Stream.of(
                // the common case
                Arguments.of("UTF-8", bytes(new byte[0], POEM, StandardCharsets.UTF_8)),
                // Notepad's UTF-8 with a byte order mark: the mark must not become a character
                Arguments.of("UTF-8 BOM", bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, POEM, StandardCharsets.UTF_8)),
                // Windows "Unicode"
                Arguments.of("UTF-16LE BOM", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, POEM, StandardCharsets.UTF_16LE)),
                // the big-endian variant
                Arguments.of("UTF-16BE BOM", bytes(new byte[] {(byte) 0xFE, (byte) 0xFF}, POEM, StandardCharsets.UTF_16BE)),
                // Windows line ends
                Arguments.of("UTF-8 CRLF", bytes(new byte[0], POEM.replace("\n", "\r\n"), StandardCharsets.UTF_8)),
                // old Mac line ends
                Arguments.of("UTF-16LE CR", bytes(new byte[] {(byte) 0xFF, (byte) 0xFE}, POEM.replace("\n", "\r"), StandardCharsets.UTF_16LE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodings")
    void decodesEveryEncodingToTheSameText(String why, byte[] content) throws IOException {
        Path file = dir.resolve("poem.txt");
        Files.write(file, content);

        WritingText text = WritingText.read(file);

        assertThat(text.paragraphs()).containsExactly(
                "Crème brûlée at dawn,\nthe kettle sings in Kraków.",
                "Żółć of the morning — naïve light.");
        // the dash is not a word
        assertThat(text.words()).isEqualTo(15);
    }

    @Test
    void markdownIsStripped() throws IOException {
        Path file = dir.resolve("essay.md");
        Files.writeString(file, """
                # The Little Things

                I *finally* noticed the **light** on the __wall__ and _the_ `kettle`.
                Read [my blog](https://example.org/blog) or see ![the photo](photo.jpg).

                > Quoted line
                > goes on

                ---

                - first thing
                * second thing
                """);

        WritingText text = WritingText.read(file);

        assertThat(text.paragraphs()).containsExactly(
                "The Little Things",
                "I finally noticed the light on the wall and the kettle.\nRead my blog or see the photo.",
                "Quoted line\ngoes on",
                "• first thing\n• second thing");
        assertThat(text.words()).isEqualTo(3 + 11 + 7 + 4 + 4);
    }

    @Test
    void plainTextKeepsItsAsterisksAndHashes() throws IOException {
        Path file = dir.resolve("note.txt");
        Files.writeString(file, "# not a heading in a .txt\n*stars* stay\n");

        WritingText text = WritingText.read(file);

        assertThat(text.paragraphs()).containsExactly("# not a heading in a .txt\n*stars* stay");
        assertThat(text.words()).isEqualTo(8);
    }

    @Test
    void stanzasStayTogetherAndBlankLinesWithSpacesSeparateThem() throws IOException {
        Path file = dir.resolve("poem.markdown");
        Files.writeString(file, "\n\nfirst line\nsecond line\n   \t\nthird line\n\n\n\nfourth line\nfifth line\n\n");

        WritingText text = WritingText.read(file);

        assertThat(text.paragraphs()).containsExactly("first line\nsecond line", "third line", "fourth line\nfifth line");
        assertThat(text.words()).isEqualTo(10);
    }

    @Test
    void anEmptyFileHasNoWords() throws IOException {
        Path file = dir.resolve("empty.txt");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n', ' ', '\n'});

        WritingText text = WritingText.read(file);

        assertThat(text.paragraphs()).isEmpty();
        assertThat(text.words()).isZero();
    }

    @Test
    void wordsAreTokensWithALetterOrDigit() throws IOException {
        Path file = dir.resolve("count.txt");
        Files.writeString(file, "2026 — a year... & so: «oui» !! 東京");

        assertThat(WritingText.read(file).words()).isEqualTo(List.of("2026", "a", "year...", "so:", "«oui»", "東京").size());
    }
}
