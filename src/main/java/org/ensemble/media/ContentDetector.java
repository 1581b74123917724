package org.ensemble.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/**
 * Decides what a file really is with Apache Tika: the bytes first, the file name only as a hint. A ZIP
 * archive named {@code clip.mp4} is detected as {@code application/zip}, whatever its name says.
 */
@Component
public class ContentDetector {

    /** FFmpeg's concat script: plain text to Tika, but it makes FFmpeg open the files it names. */
    public static final MediaType FFCONCAT = MediaType.parse("text/x-ffconcat");
    /** Word processor and PDF writing whose text Tika extracts. */
    public static final MediaType DOCX = MediaType.parse("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    public static final MediaType PDF = MediaType.parse("application/pdf");
    /** More text than any episode could show; extraction stops here rather than filling memory. */
    private static final int MAX_TEXT_CHARS = 1_000_000;

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    public MediaType detect(Path file) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
        MediaType type;
        try (InputStream in = TikaInputStream.get(Files.newInputStream(file))) {
            type = detector.detect(in, metadata);
        }
        if (type.getBaseType().equals(MediaType.TEXT_PLAIN) && isConcatScript(file)) {
            return FFCONCAT;
        }
        return type;
    }

    /** What the name alone claims, for telling a person how the file is disguised. */
    public MediaType claimedByName(Path file) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
        return detector.detect(null, metadata);
    }

    /** The plain text of a DOCX or PDF (paragraphs separated by blank lines), as Tika extracts it. */
    public static String documentText(Path file) throws IOException {
        BodyContentHandler text = new BodyContentHandler(MAX_TEXT_CHARS);
        try (InputStream in = TikaInputStream.get(file)) {
            new AutoDetectParser().parse(in, text, new Metadata(), new ParseContext());
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw new IOException("the text cannot be extracted: " + e.getMessage(), e);
            }
        } catch (TikaException e) {
            throw new IOException("the text cannot be extracted: " + e.getMessage(), e);
        }
        return text.toString();
    }

    private static boolean isConcatScript(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(256);
        }
        String start = new String(head, StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("ffconcat");
    }
}
