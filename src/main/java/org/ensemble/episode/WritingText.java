package org.ensemble.episode;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.Locale;
import java.util.Optional;
import org.apache.tika.mime.MediaType;
import org.ensemble.media.ContentDetector;

/**
 * The text of a writing piece: decoded (UTF-8, or UTF-16 with a byte order mark), Markdown markup removed,
 * split into paragraphs (stanzas stay together; line breaks inside them are kept).
 */
public record WritingText(List<String> paragraphs, int words) {

    public static WritingText read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads writing whose type is known ({@code detected}, from the content): DOCX and PDF through Tika, Markdown
     * by its type or its name, anything else as plain text.
     */
    public static WritingText read(Path file, MediaType detected) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        MediaType type = detected != null ? detected.getBaseType()
                : name.endsWith(".docx") ? ContentDetector.DOCX : name.endsWith(".pdf") ? ContentDetector.PDF : MediaType.TEXT_PLAIN;
        if (type.equals(ContentDetector.DOCX) || type.equals(ContentDetector.PDF)) {
            // Tika ends every document paragraph with one line break; here paragraphs are separated by a blank line
            return of(ContentDetector.documentText(file).replace("\r", "").replaceAll("\n+", "\n\n"), false);
        }
        boolean markdown = name.matches(".*\\.(md|markdown)$") || type.getSubtype().contains("markdown");
        return of(decode(Files.readAllBytes(file)), markdown);
    }

    /**
     * Why a plain-text file is really binary data, or empty when it reads as text. Tika calls a file text when most
     * of its first bytes look like it, so a file with NUL bytes in it (a database dump, a word processor's native
     * file saved as .txt) can pass; decoded here as it would be shown, it may hold no control characters but tab,
     * line and page breaks, and at most 1 in 20 characters that are not valid UTF-8.
     */
    public static Optional<String> binaryContent(Path file) throws IOException {
        String text = decode(Files.readAllBytes(file));
        long nul = text.chars().filter(c -> c == 0).count();
        if (nul > 0) {
            return Optional.of("holds " + nul + " NUL byte" + (nul == 1 ? "" : "s") + ", so it is binary data, not text");
        }
        long control = text.chars().filter(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f'
                && c != 0x1A).count();
        if (control > 0) {
            return Optional.of("holds " + control + " control character" + (control == 1 ? "" : "s")
                    + ", so it is binary data, not text");
        }
        long broken = text.chars().filter(c -> c == 0xFFFD).count();
        if (broken * 20 > Math.max(1, text.length())) {
            return Optional.of("is not UTF-8 or UTF-16 text (" + broken * 100 / Math.max(1, text.length())
                    + " % of it cannot be read as characters)");
        }
        return Optional.empty();
    }

    private static String decode(byte[] bytes) {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            skip = 3;
        }
        return new String(bytes, skip, bytes.length - skip, charset);
    }

    private static WritingText of(String raw, boolean markdown) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n').replace("\u00A0", " ");
        List<String> paragraphs = new ArrayList<>();
        for (String block : text.split("\n\\s*\n")) {
            String p = markdown ? stripMarkdown(block) : block;
            p = p.strip();
            if (!p.isEmpty()) {
                paragraphs.add(p);
            }
        }
        int words = 0;
        for (String p : paragraphs) {
            for (String token : p.split("\\s+")) {
                if (token.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    words++;
                }
            }
        }
        return new WritingText(List.copyOf(paragraphs), words);
    }

    static String stripMarkdown(String block) {
        StringBuilder out = new StringBuilder();
        for (String line : block.split("\n")) {
            String l = line.replaceFirst("^\\s{0,3}#{1,6}\\s+", "")
                    .replaceFirst("^\\s{0,3}>\\s?", "")
                    .replaceFirst("^\\s*[-*+]\\s+", "• ")
                    .replaceAll("!\\[([^\\]]*)]\\([^)]*\\)", "$1")
                    .replaceAll("\\[([^\\]]*)]\\([^)]*\\)", "$1")
                    .replaceAll("(\\*\\*|__)(.+?)\\1", "$2")
                    .replaceAll("\\*(.+?)\\*", "$1")
                    .replaceAll("(?<![\\p{L}\\p{N}])_(.+?)_(?![\\p{L}\\p{N}])", "$1")
                    .replaceAll("`([^`]*)`", "$1");
            if (!l.matches("^\\s*([-*_]\\s*){3,}$")) {
                out.append(l).append('\n');
            }
        }
        return out.toString();
    }
}
