package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.tika.mime.MediaType;
import org.ensemble.TestMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the bytes say, whatever the name says: one file per row, made by the test. */
class ContentDetectorTest {

    @TempDir
    static Path dir;

    private static final ContentDetector DETECTOR = new ContentDetector();

    @BeforeAll
    static void makeFiles() throws IOException {
        TestMedia.mp4(dir.resolve("clip.mp4"), 1, true);
        Files.copy(dir.resolve("clip.mp4"), dir.resolve("clip.mov"));
        Files.copy(dir.resolve("clip.mp4"), dir.resolve("clip-without-extension"));
        TestMedia.wav(dir.resolve("voice.wav"), 0.5);
        Files.copy(dir.resolve("voice.wav"), dir.resolve("voice.mp4"));
        BufferedImage image = new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(image, "png", dir.resolve("photo.png").toFile());
        ImageIO.write(image, "jpg", dir.resolve("photo.jpg").toFile());
        ImageIO.write(image, "png", dir.resolve("photo-png.jpg").toFile());
        try (OutputStream out = Files.newOutputStream(dir.resolve("archive-named.mp4"));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("clip.mp4"));
            zip.write(Files.readAllBytes(dir.resolve("clip.mp4")));
            zip.closeEntry();
        }
        Files.writeString(dir.resolve("page-named.mp4"), """
                <!DOCTYPE html>
                <html><head><title>Download your video</title></head>
                <body><p>Your file is ready: <a href="https://example.org/x">download</a></p></body></html>
                """);
        Files.copy(Path.of("/bin/true"), dir.resolve("program-named.mov"));
        Files.writeString(dir.resolve("poem.txt"), "The kettle sings,\nthe light comes in.\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("essay.md"), "# Title\n\nSome *words* here.\n", StandardCharsets.UTF_8);
    }

    static Stream<Arguments> files() {
        return Stream.of(
                // a real MP4 is video
                Arguments.of("clip.mp4", "video"),
                // a QuickTime name on MP4 bytes: still video
                Arguments.of("clip.mov", "video"),
                // no name hint at all: the bytes suffice
                Arguments.of("clip-without-extension", "video"),
                // a ZIP that pretends to be a clip
                Arguments.of("archive-named.mp4", "application/zip"),
                // a download page saved under the video's name
                Arguments.of("page-named.mp4", "text/html"),
                // an ELF program named like a movie
                Arguments.of("program-named.mov", "application/x-"),
                // pictures
                Arguments.of("photo.png", "image/png"),
                Arguments.of("photo.jpg", "image/jpeg"),
                // a PNG named .jpg is a PNG
                Arguments.of("photo-png.jpg", "image/png"),
                // sound
                Arguments.of("voice.wav", "audio/"),
                // a WAV named .mp4 is still sound
                Arguments.of("voice.mp4", "audio/"),
                // writing
                Arguments.of("poem.txt", "text/plain"),
                Arguments.of("essay.md", "text/"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("files")
    void detectsWhatTheBytesAre(String name, String expected) throws IOException {
        MediaType type = DETECTOR.detect(dir.resolve(name));

        if (expected.contains("/")) {
            assertThat(type.getBaseType().toString()).startsWith(expected);
        } else {
            assertThat(type.getType()).isEqualTo(expected);
        }
        if (name.contains("-named")) {
            // disguised files are never media
            assertThat(type.getType()).isNotIn("video", "audio", "image");
        }
    }

    @Test
    void anElfProgramIsNotMedia() throws IOException {
        MediaType type = DETECTOR.detect(dir.resolve("program-named.mov"));

        assertThat(type.getType()).isEqualTo("application");
        assertThat(type.getSubtype()).isIn("x-executable", "x-sharedlib", "x-elf");
    }

    @Test
    void theNameAloneClaimsWhatTheExtensionSays() throws IOException {
        assertThat(DETECTOR.claimedByName(dir.resolve("archive-named.mp4")).toString()).isEqualTo("video/mp4");
        assertThat(DETECTOR.claimedByName(dir.resolve("program-named.mov")).toString()).isEqualTo("video/quicktime");
        assertThat(DETECTOR.claimedByName(dir.resolve("clip-without-extension")).toString()).isEqualTo("application/octet-stream");
    }
}
