package org.ensemble.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.imageio.ImageIO;

import org.ensemble.TestMedia;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.MediaKind;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files that try to be something else, or to make FFmpeg reach for something else. Each row is one file made by
 * the test, sent through the real ingest; the reason must tell a person what to do.
 */
class HostileInputsTest {

    @TempDir
    static Path root;
    static IngestBench bench;
    /** Outside the inbox. A FIFO: whoever opens it for reading wakes {@link #opened}; nothing else can notice it. */
    static Path secret;
    static CompletableFuture<Void> opened;

    @BeforeAll
    static void setUp() throws Exception {
        bench = new IngestBench(root, "{wordsPerMinute: 200, minSeconds: 4, maxSeconds: 9}");
        Path in = bench.inbox;
        secret = fifo(Files.createDirectories(root.resolve("outside")).resolve("secret.ts"));
        opened = watch(secret);

        Files.writeString(in.resolve("playlist.mp4"), "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nfile:" + secret
                + "\n#EXT-X-ENDLIST\n");
        Files.writeString(in.resolve("remote.mp4"), "#EXTM3U\n#EXTINF:2.0,\nhttp://127.0.0.1:9/clip.ts\n#EXT-X-ENDLIST\n");
        Files.writeString(in.resolve("concat.mp4"), "ffconcat version 1.0\nfile '" + secret + "'\n");
        Files.writeString(in.resolve("concat.txt"), "ffconcat version 1.0\nfile '" + secret + "'\n");

        Path whole = TestMedia.mp4(root.resolve("whole.mp4"), 2, false);
        Path front = root.resolve("front.mp4");
        TestMedia.ffmpeg("-v", "error", "-i", whole.toString(), "-c", "copy", "-movflags", "+faststart", front.toString());
        TestMedia.truncatedCopy(front, in.resolve("half-faststart.mp4"), (int) Files.size(front) / 2);
        TestMedia.truncatedCopy(whole, in.resolve("half-plain.mp4"), (int) Files.size(whole) / 2);

        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", in.resolve("picture.mp4").toFile());
        Files.copy(Path.of("/bin/true"), in.resolve("program.mp4"));
        Files.writeString(in.resolve("page.mov"), "<!DOCTYPE html>\n<html><body><script>location='http://x'</script></body></html>\n");
        String svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"48\">"
                + "<script>fetch('file:///etc/passwd')</script><rect width=\"64\" height=\"48\" fill=\"red\"/></svg>\n";
        Files.writeString(in.resolve("drawing.svg"), svg);
        Files.writeString(in.resolve("drawing.png"), svg);
        Files.writeString(in.resolve("words.mp4"), "These are words, not a film.\n");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            // an HLS playlist named .mp4 whose segment is a local file outside the inbox (protocol 'file' is allowed!)
            "playlist.mp4       | filmed-life | is a playlist (application/vnd.apple.mpegurl) that makes players fetch other files, not a video, sound, picture or text (its name pretends to be video/mp4); ask the contributor for the media file itself, not a playlist or a link to it",
            // the same reaching for the network
            "remote.mp4         | filmed-life | is a playlist (application/vnd.apple.mpegurl)",
            // FFmpeg's concat script: plain text to Tika, so it is recognised by its first word
            "concat.mp4         | filmed-life | is a playlist (text/x-ffconcat) that makes players fetch other files",
            // ... and not taken as writing either, where it would be harmless but is surely not a poem
            "concat.txt         | writing     | is a playlist (text/x-ffconcat)",
            // half an upload whose index is at the front: it probes as a 2 s clip; the packets tell the truth
            "half-faststart.mp4 | filmed-life | of the 60 video frames it declares",
            // half an upload whose index was to come at the end: FFmpeg finds no index at all
            "half-plain.mp4     | filmed-life | FFmpeg cannot read 'half-plain.mp4' (the log has its words); it may be damaged or incomplete; ask the contributor to upload it again",
            // the extension is only a hint: a PNG named .mp4 is a still, and a still is not filmed life
            "picture.mp4        | filmed-life | 'picture.mp4' is still, which does not fit the category 'filmed-life'; ask the editor to re-file it",
            // a program renamed as a video (x-executable or x-sharedlib, as the program was linked)
            "program.mp4        | filmed-life | is a program (application/x-",
            // a web page with a script renamed as a video
            "page.mov           | filmed-life | is a web page (text/html), not a video, sound, picture or text (its name pretends to be video/quicktime)",
            // an SVG with a script: never rendered, so the script never runs
            "drawing.svg        | photography | is an SVG drawing (image/svg+xml), which can carry scripts and links, not a video, sound, picture or text; ask the contributor for a PNG or JPEG export of the drawing",
            // the same SVG wearing a PNG's name
            "drawing.png        | photography | is an SVG drawing (image/svg+xml), which can carry scripts and links, not a video, sound, picture or text (its name pretends to be image/png)",
            // words named like a film
            "words.mp4          | filmed-life | is really text/plain but its name says video/mp4; ask the contributor for the original file",
    })
    void aHostileFileIsRejectedWithAReasonSomeoneCanActOn(String file, String category, String reason) {
        Contribution c = bench.inspect("h-" + file, category, file);

        assertThat(c.accepted()).as("accepted " + file).isFalse();
        assertThat(c.reason()).contains(reason);
        assertThat(c.reason()).containsPattern("ask the (contributor|editor)");
    }

    @Test
    void aPngNamedMp4IsTakenAsThePictureItIs() {
        Contribution c = bench.inspect("png-as-mp4", "photography", "picture.mp4");

        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.kind()).isEqualTo(MediaKind.STILL);
        assertThat(c.detectedType()).isEqualTo("image/png");
        assertThat(c.width()).isEqualTo(64);
    }

    @Test
    void halfAnMp4SaysHowMuchArrived() {
        Contribution c = bench.inspect("half", "filmed-life", "half-faststart.mp4");

        assertThat(c.reason()).matches("'half-faststart.mp4' holds only \\d+ of the 60 video frames it declares \\(\\d+ %\\); "
                + "the upload was probably cut off; ask the contributor to upload it again");
    }

    @Test
    void noPlaylistMakesFfmpegOpenWhatItPointsTo() throws Exception {
        // given every playlist above inspected (the rows may run in any order, so once more here)
        for (String file : new String[] {"playlist.mp4", "concat.mp4", "concat.txt"}) {
            assertThat(bench.inspect("p-" + file, "filmed-life", file).accepted()).isFalse();
        }
        // and even if one reached ffprobe, the probe's container whitelist refuses HLS and concat
        assertThat(MediaProbe.DEMUXERS.split(",")).doesNotContain("hls", "concat", "dash", "image2pipe");
        assertThatThrownBy(() -> bench.probe.probe(bench.inbox.resolve("playlist.mp4")))
                .isInstanceOf(MediaProcessException.class)
                .satisfies(e -> assertThat(((MediaProcessException) e).errorTail()).contains("not on whitelist"));
        assertThatThrownBy(() -> bench.probe.probe(bench.inbox.resolve("concat.mp4")))
                .isInstanceOf(MediaProcessException.class);

        // then nobody opened the file outside the inbox
        assertThatThrownBy(() -> opened.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        // and the watch works: ffprobe with only '-protocol_whitelist file' does open it through the same playlist
        Path bait = fifo(root.resolve("outside/bait.ts"));
        CompletableFuture<Void> baitOpened = watch(bait);
        Path control = Files.writeString(root.resolve("control.m3u8"), Files.readString(bench.inbox.resolve("playlist.mp4"))
                .replace(secret.toString(), bait.toString()));
        try {
            TestMedia.ffprobe("-protocol_whitelist", "file", control.toString());
        } catch (IllegalStateException expected) {
            // the bait holds no video; only the opening matters
        }
        baitOpened.get(10, TimeUnit.SECONDS);
        release(secret);
    }

    private static Path fifo(Path path) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
        return path;
    }

    /** Completes when someone opens the FIFO for reading (opening it for writing blocks until then). */
    private static CompletableFuture<Void> watch(Path fifo) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                done.complete(null);
            } catch (IOException e) {
                done.completeExceptionally(new UncheckedIOException(e));
            }
        }, "fifo-watch-" + fifo.getFileName());
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** Lets the watching thread finish. */
    private static void release(Path fifo) throws IOException {
        Files.newInputStream(fifo).close();
    }
}
