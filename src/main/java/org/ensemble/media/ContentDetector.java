package org.ensemble.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.springframework.stereotype.Component;

/**
 * Decides what a file really is with Apache Tika: the bytes first, the file name only as a hint. A ZIP
 * archive named {@code clip.mp4} is detected as {@code application/zip}, whatever its name says.
 */
@Component
public class ContentDetector {

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    public MediaType detect(Path file) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
        try (InputStream in = TikaInputStream.get(Files.newInputStream(file))) {
            return detector.detect(in, metadata);
        }
    }

    /** What the name alone claims, for telling a person how the file is disguised. */
    public MediaType claimedByName(Path file) throws IOException {
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, file.getFileName().toString());
        return detector.detect(null, metadata);
    }
}
