package org.ensemble.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
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
    /** An MPEG transport stream (camcorder .mts/.m2ts, broadcast .ts): Tika 3.3 knows the name but not the bytes. */
    public static final MediaType MPEG_TS = MediaType.parse("video/mp2t");
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
        if (type.getBaseType().equals(MediaType.OCTET_STREAM) && isTransportStream(file)) {
            return MPEG_TS;
        }
        return type;
    }

    /** What the name alone claims, for telling a person how the file is disguised. */
    public MediaType claimedByName(Path file) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
        return detector.detect(null, metadata);
    }

    /**
     * The plain text of a DOCX or PDF (paragraphs separated by line breaks), as Tika extracts it. A DOCX Tika cannot
     * open, or finds no text in, is read once more from its main part ({@link OoxmlText}: Strict OOXML, packages
     * whose content types do not name the main part). Problems come as a {@link DocumentTextException} saying which.
     */
    public static String documentText(Path file) throws IOException {
        BodyContentHandler text = new BodyContentHandler(MAX_TEXT_CHARS);
        Exception failure = null;
        try (InputStream in = TikaInputStream.get(file)) {
            new AutoDetectParser().parse(in, text, new Metadata(), new ParseContext());
        } catch (SAXException e) {
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                failure = e;
            }
        } catch (EncryptedDocumentException e) {
            throw new DocumentTextException(DocumentTextException.Problem.ENCRYPTED, "the document needs a password", e);
        } catch (TikaException e) {
            failure = e;
        }
        String result = text.toString();
        if ((failure != null || result.isBlank()) && isZip(file)) {
            return OoxmlText.read(file);
        }
        if (failure != null) {
            throw new DocumentTextException(DocumentTextException.Problem.DAMAGED, "the text cannot be extracted", failure);
        }
        return result;
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    /** Packets in a row, at either packet size, that MPEG-TS files are made of. */
    private static final int TS_PACKETS_CHECKED = 5;

    /**
     * Whether the file is a run of MPEG-TS packets: 188 bytes each starting with the sync byte 0x47, or 192 bytes
     * (Blu-ray and AVCHD's BDAV form, a 4-byte arrival time before each packet). Five in a row, as FFmpeg's own
     * probe wants before it calls a file a transport stream.
     */
    static boolean isTransportStream(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(192 * TS_PACKETS_CHECKED);
        }
        return syncBytesEvery(head, 0, 188) || syncBytesEvery(head, 4, 192);
    }

    private static boolean syncBytesEvery(byte[] head, int first, int packet) {
        if (head.length < first + packet * (TS_PACKETS_CHECKED - 1) + 1) {
            return false;
        }
        for (int i = 0; i < TS_PACKETS_CHECKED; i++) {
            if (head[first + i * packet] != 0x47) {
                return false;
            }
        }
        return true;
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
