package org.ensemble.ingest;

import java.util.List;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.Category;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.media.ContentDetector;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContributionInspectorTest {

    private static final EpisodeKey EPISODE = new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30));
    private static final IngestSettings LIMITS = new IngestSettings(8_589_934_592L, 3600, 2000, 100_000_000L);
    private static final String APPROVED = "2026-11-23T10:15:00Z";

    @TempDir
    static Path root;
    static Path inbox;
    static MediaProbe probe;
    static final ContentDetector DETECTOR = new ContentDetector();
    static final Map<Integer, ShowDefinition> SHOWS = new HashMap<>();

    @BeforeAll
    static void prepareInbox() throws IOException {
        inbox = Files.createDirectories(root.resolve("inbox"));
        Files.createDirectories(inbox.resolve("ann"));
        // media, all tiny
        Path clip = TestMedia.mp4(inbox.resolve("ann/clip.mp4"), 2, true);
        TestMedia.mp4(inbox.resolve("short.mp4"), 1, false);
        TestMedia.wav(inbox.resolve("voice.wav"), 2);
        TestMedia.truncatedCopy(clip, inbox.resolve("truncated.mp4"), 2048);
        ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg", inbox.resolve("photo.jpg").toFile());
        Files.writeString(inbox.resolve("note.txt"), "The kettle sings,\nthe light comes in.\n\nThat is all.\n");
        Files.write(inbox.resolve("empty.mp4"), new byte[0]);
        Files.writeString(inbox.resolve("page.mp4"), "<!DOCTYPE html>\n<html><body>Your video is ready</body></html>\n");
        Files.copy(Path.of("/bin/true"), inbox.resolve("program.mov"));
        try (OutputStream out = Files.newOutputStream(inbox.resolve("archive.mp4")); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("clip.mp4"));
            zip.write(Files.readAllBytes(clip));
            zip.closeEntry();
        }
        // outside the inbox, and links to it and within it
        Files.copy(clip, root.resolve("outside.mp4"));
        Files.createSymbolicLink(inbox.resolve("link-out.mp4"), root.resolve("outside.mp4"));
        Files.createSymbolicLink(inbox.resolve("link-in.mp4"), inbox.resolve("ann/clip.mp4"));
        Files.createDirectories(inbox.resolve("folder.mp4"));
        // names as real uploads have them: a colon from a camera's clock, and macOS's decomposed accents (NFD)
        Files.copy(clip, inbox.resolve("ann/10:30 take.mp4"));
        Files.copy(clip, inbox.resolve("ann/clip-again.mp4"));
        // pictures cut off halfway (their headers are whole), and text with binary in it past Tika's first look
        Path jpeg = TestMedia.picture(inbox.resolve("whole.jpg"), 640, 360);
        TestMedia.truncatedCopy(jpeg, inbox.resolve("half.jpg"), (int) Files.size(jpeg) / 2);
        Path png = TestMedia.picture(inbox.resolve("whole.png"), 640, 360);
        TestMedia.truncatedCopy(png, inbox.resolve("half.png"), (int) Files.size(png) / 2);
        Files.write(inbox.resolve("dump.txt"), ("Dear editors, here is my poem. ".repeat(40) + "\0\0\0\1\2binary\0\0").getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        Files.copy(clip, inbox.resolve("ann/Jose\u0301.mp4"));
        Files.createDirectories(inbox.resolve("Zoe\u0308"));
        Files.copy(clip, inbox.resolve("Zoe\u0308/clip.mp4"));

        MediaProcessGateway gateway = new MediaProcessGateway();
        FfmpegToolchain toolchain = FfmpegToolchain.detect(new MediaSettings("", "", Duration.ofSeconds(60),
                Duration.ofSeconds(10), "veryfast", 20), gateway);
        probe = new MediaProbe(toolchain, gateway);
    }

    /** The tiny show with the given minimum piece length, loaded through the catalog as the job does. */
    static ShowDefinition show(int pieceMinSeconds) {
        return SHOWS.computeIfAbsent(pieceMinSeconds, seconds -> {
            try {
                Path jobs = Files.createDirectories(root.resolve("jobs-" + seconds));
                Files.writeString(jobs.resolve("tiny-show.yaml"), """
                        id: tiny-show
                        title: Tiny Show
                        timeZone: Europe/London
                        schedule: {cron: "0 0 2 ? * SAT"}
                        airSlot: {day: MONDAY, time: "07:00"}
                        runtime: "00:00:30"
                        loudness: {integratedLufs: -16, truePeakDbtp: -1.5}
                        profile: {width: 320, height: 180, frameRate: 30}
                        rules:
                          introSeconds: 3
                          outroSeconds: 4
                          pieceMinSeconds: %d
                          pieceMaxSeconds: 8
                        """.formatted(seconds));
                return new ShowCatalog(new EnsembleSettings(root.resolve("home"), jobs, 2, Map.of())).require("tiny-show");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static ContributionInspector inspector(int pieceMinSeconds, Path inboxPath) {
        return new ContributionInspector(EPISODE, show(pieceMinSeconds), inboxPath, DETECTOR, probe, LIMITS);
    }

    /** A manifest line with every required field; {@code extra} is added inside the object. */
    static String line(String id, String category, String file, String extra) {
        return "{\"id\":\"" + id + "\",\"contributor\":\"Ann Example\",\"location\":\"Leeds\",\"category\":\"" + category
                + "\",\"title\":\"Morning\",\"file\":\"" + file + "\",\"approvedAt\":\"" + APPROVED + "\"" + extra + "}";
    }

    static Stream<Arguments> manifestLines() {
        return Stream.of(
                // a valid 2 s clip with sound: video, 60 frames at 30 fps, its only audio stream
                Arguments.of(1, line("ct-01", "filmed-life", "ann/clip.mp4", ""), "ACCEPTED", MediaKind.VIDEO, 60L, null),
                // trims in seconds become frames: 0.5 s .. 1.5 s of it is 30 frames
                Arguments.of(1, line("ct-02", "filmed-life", "ann/clip.mp4", ",\"trimIn\":0.5,\"trimOut\":1.5"),
                        "ACCEPTED", MediaKind.VIDEO, 30L, null),
                // trimIn alone keeps the rest: 60 - 15 frames
                Arguments.of(1, line("ct-03", "filmed-life", "ann/clip.mp4", ",\"trimIn\":0.5"), "ACCEPTED", MediaKind.VIDEO, 45L, null),
                // a sound file for someone talking
                Arguments.of(1, line("ct-04", "talking-life", "voice.wav", ""), "ACCEPTED", MediaKind.AUDIO, 60L, null),
                // a photo is a still, elastic, no frames of its own
                Arguments.of(1, line("ct-05", "photography", "photo.jpg", ""), "ACCEPTED", MediaKind.STILL, 0L, null),
                // writing counts words
                Arguments.of(1, line("ct-06", "writing", "note.txt", ""), "ACCEPTED", MediaKind.TEXT, 0L, null),
                // a required field is missing
                Arguments.of(1, "{\"id\":\"ct-07\",\"contributor\":\"Ann\",\"category\":\"filmed-life\",\"file\":\"ann/clip.mp4\","
                        + "\"approvedAt\":\"" + APPROVED + "\"}", "REJECTED", null, 0L, "lacks the required field 'title'"),
                // blank counts as missing
                Arguments.of(1, line("ct-08", "filmed-life", "ann/clip.mp4", "").replace("\"Morning\"", "\"  \""), "REJECTED", null, 0L,
                        "lacks the required field 'title'"),
                // not JSON at all (the line number is the manifest's, here 1)
                Arguments.of(1, "{\"id\": \"ct-09\", \"file\": ", "REJECTED", null, 0L, "line 1 is not valid JSON"),
                // JSON, but not an object
                Arguments.of(1, "[\"ct-10\"]", "REJECTED", null, 0L, "line 1 is not a JSON object"),
                // paths must stay in the inbox
                Arguments.of(1, line("ct-11", "filmed-life", "../outside.mp4", ""), "REJECTED", null, 0L, "points outside the inbox"),
                Arguments.of(1, line("ct-12", "filmed-life", "ann/../../outside.mp4", ""), "REJECTED", null, 0L, "points outside the inbox"),
                Arguments.of(1, line("ct-13", "filmed-life", "/etc/passwd", ""), "REJECTED", null, 0L, "must be a path relative"),
                Arguments.of(1, line("ct-14", "filmed-life", "C:/clips/x.mp4", ""), "REJECTED", null, 0L, "must be a path relative"),
                // a link inside the inbox that leads out of it
                Arguments.of(1, line("ct-15", "filmed-life", "link-out.mp4", ""), "REJECTED", null, 0L, "a link that leads outside the inbox"),
                // even a link within the inbox is not taken: only plain files
                Arguments.of(1, line("ct-16", "filmed-life", "link-in.mp4", ""), "REJECTED", null, 0L, "missing, a folder or a link"),
                Arguments.of(1, line("ct-17", "filmed-life", "folder.mp4", ""), "REJECTED", null, 0L, "missing, a folder or a link"),
                Arguments.of(1, line("ct-18", "filmed-life", "nowhere.mp4", ""), "REJECTED", null, 0L, "missing, a folder or a link"),
                Arguments.of(1, line("ct-19", "filmed-life", "empty.mp4", ""), "REJECTED", null, 0L, "is empty"),
                // disguised files
                Arguments.of(1, line("ct-20", "filmed-life", "archive.mp4", ""), "REJECTED", null, 0L, "ZIP archive"),
                Arguments.of(1, line("ct-21", "filmed-life", "page.mp4", ""), "REJECTED", null, 0L, "a web page"),
                Arguments.of(1, line("ct-22", "filmed-life", "program.mov", ""), "REJECTED", null, 0L, "a program"),
                // an upload that stopped after 2 KB: the bytes say MP4, FFmpeg cannot read it
                Arguments.of(1, line("ct-23", "filmed-life", "truncated.mp4", ""), "REJECTED", null, 0L, "damaged or incomplete"),
                // too short for the show
                Arguments.of(3, line("ct-24", "filmed-life", "short.mp4", ""), "REJECTED", null, 0L, "at least 3 s"),
                // trims that make no sense
                Arguments.of(1, line("ct-25", "filmed-life", "ann/clip.mp4", ",\"trimOut\":3"), "REJECTED", null, 0L, "is past the end"),
                Arguments.of(1, line("ct-26", "filmed-life", "ann/clip.mp4", ",\"trimIn\":2"), "REJECTED", null, 0L, "leaves nothing"),
                Arguments.of(1, line("ct-27", "filmed-life", "ann/clip.mp4", ",\"trimIn\":-1"), "REJECTED", null, 0L,
                        "trimIn must be a number of seconds"),
                Arguments.of(1, line("ct-28", "filmed-life", "ann/clip.mp4", ",\"trimIn\":\"0:05\""), "REJECTED", null, 0L,
                        "trimIn must be a number of seconds"),
                // writing filed as a photograph
                Arguments.of(1, line("ct-29", "photography", "note.txt", ""), "REJECTED", null, 0L,
                        "is text, which does not fit the category 'photography'"),
                // a photo filed as a film
                Arguments.of(1, line("ct-30", "filmed-life", "photo.jpg", ""), "REJECTED", null, 0L, "does not fit the category"),
                // a category nobody knows
                Arguments.of(1, line("ct-31", "poetry", "note.txt", ""), "REJECTED", null, 0L, "unknown category 'poetry'"),
                // a colon is an ordinary character in a name; drive letters and UNC paths are not relative
                Arguments.of(1, line("ct-33", "filmed-life", "ann/10:30 take.mp4", ""), "ACCEPTED", MediaKind.VIDEO, 60L, null),
                Arguments.of(1, line("ct-34", "filmed-life", "c:clip.mp4", ""), "REJECTED", null, 0L, "must be a path relative"),
                Arguments.of(1, line("ct-35", "filmed-life", "\\\\\\\\server\\\\share\\\\x.mp4", ""), "REJECTED", null, 0L,
                        "must be a path relative"),
                // the manifest writes the name composed (NFC), the disk holds it decomposed (NFD), file and folder alike
                Arguments.of(1, line("ct-36", "filmed-life", "ann/Jos\u00e9.mp4", ""), "ACCEPTED", MediaKind.VIDEO, 60L, null),
                Arguments.of(1, line("ct-37", "filmed-life", "Zo\u00eb/clip.mp4", ""), "ACCEPTED", MediaKind.VIDEO, 60L, null),
                // letter case is not forgiven: another file on a case-sensitive disk
                Arguments.of(1, line("ct-38", "filmed-life", "ann/JOS\u00c9.mp4", ""), "REJECTED", null, 0L, "is not in the inbox"),
                // whole pictures pass; one cut off halfway would show its lower half grey
                Arguments.of(1, line("ct-39", "photography", "whole.jpg", ""), "ACCEPTED", MediaKind.STILL, 0L, null),
                Arguments.of(1, line("ct-40", "photography", "half.jpg", ""), "REJECTED", null, 0L,
                        "the picture 'half.jpg' is incomplete: its JPEG data ends before the end-of-image marker, so part of it"
                        + " would show as grey; the upload was probably cut off; ask the contributor to send it again"),
                Arguments.of(1, line("ct-41", "photography", "whole.png", ""), "ACCEPTED", MediaKind.STILL, 0L, null),
                Arguments.of(1, line("ct-42", "photography", "half.png", ""), "REJECTED", null, 0L,
                        "its PNG data ends before the closing IEND chunk"),
                // text with NUL bytes after the first kilobyte, which Tika takes for text
                Arguments.of(1, line("ct-43", "writing", "dump.txt", ""), "REJECTED", null, 0L,
                        "the writing in 'dump.txt' holds 5 NUL bytes, so it is binary data, not text; ask the writer to paste"
                        + " the text into a plain .txt file saved as UTF-8"),
                // a date that is not an instant
                Arguments.of(1, line("ct-32", "filmed-life", "ann/clip.mp4", "").replace(APPROVED, "23/11/2026"), "REJECTED", null, 0L,
                        "is not an ISO-8601 instant"));
    }

    @ParameterizedTest(name = "[{index}] {5}{3} {4}")
    @MethodSource("manifestLines")
    void inspectsEachManifestLine(int pieceMinSeconds, String json, String status, MediaKind kind, long frames,
                                  String reason) {
        // given
        ContributionInspector inspector = inspector(pieceMinSeconds, inbox);

        // when
        Contribution c = inspector.process(new ManifestLine(1, json));

        // then
        assertThat(c.status()).as(c.reason()).isEqualTo(Contribution.Status.valueOf(status));
        assertThat(c.episode()).isEqualTo(EPISODE);
        assertThat(c.line()).isEqualTo(1);
        if (c.accepted()) {
            assertThat(c.kind()).isEqualTo(kind);
            assertThat(c.frames()).isEqualTo(frames);
            assertThat(c.reason()).isNull();
        } else {
            assertThat(c.reason()).contains(reason);
            assertThat(c.kind()).isNull();
        }
    }

    @Test
    void anAcceptedClipCarriesEverythingLaterStepsNeed() throws Exception {
        ContributionInspector inspector = inspector(1, inbox);

        Contribution c = inspector.process(new ManifestLine(4,
                line("ct-01", "filmed-life", "ann/clip.mp4", ",\"trimIn\":0.5,\"trimOut\":1.5,\"caption\":\"ann/none.vtt\"")));

        assertThat(c.id()).isEqualTo("ct-01");
        assertThat(c.line()).isEqualTo(4);
        assertThat(c.contributor()).isEqualTo("Ann Example");
        assertThat(c.location()).isEqualTo("Leeds");
        assertThat(c.category()).isEqualTo(Category.FILMED_LIFE);
        assertThat(c.title()).isEqualTo("Morning");
        assertThat(c.file()).isEqualTo("ann/clip.mp4");
        // the caption file does not exist: going on without it
        assertThat(c.caption()).isNull();
        assertThat(c.approvedAt()).isEqualTo(Instant.parse(APPROVED));
        assertThat(c.trimIn()).isEqualTo(15);
        assertThat(c.trimOut()).isEqualTo(45);
        assertThat(c.frames()).isEqualTo(30);
        assertThat(c.width()).isEqualTo(320);
        assertThat(c.height()).isEqualTo(180);
        assertThat(c.audioStream()).isEqualTo("a:0");
        assertThat(c.detectedType()).isEqualTo("video/mp4");
        byte[] bytes = Files.readAllBytes(inbox.resolve("ann/clip.mp4"));
        assertThat(c.sizeBytes()).isEqualTo(bytes.length);
        assertThat(c.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void writingCountsItsWordsAndAPhotoItsSize() {
        ContributionInspector inspector = inspector(1, inbox);

        Contribution writing = inspector.process(new ManifestLine(1, line("w", "writing", "note.txt", "")));
        Contribution photo = inspector.process(new ManifestLine(2, line("p", "photography", "photo.jpg", "")));

        assertThat(writing.words()).isEqualTo(10);
        assertThat(writing.detectedType()).startsWith("text/plain");
        assertThat(photo.width()).isEqualTo(64);
        assertThat(photo.height()).isEqualTo(48);
        assertThat(photo.audioStream()).isNull();
    }

    @Test
    void aNameInNfcFindsItsNfdFileAndRecordsTheNameOnDisk() {
        Contribution c = inspector(1, inbox).process(new ManifestLine(1, line("nfc", "filmed-life", "ann/Jos\u00e9.mp4", "")));

        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.file()).isEqualTo("ann/Jose\u0301.mp4");
        assertThat(inbox.resolve(c.file())).isRegularFile();
    }

    @Test
    void controlCharactersInTheManifestAreWrittenOutInLogsAndReasonsAndLeftOffScreen() {
        // given a logger that keeps what ingest writes
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(ContributionInspector.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            ContributionInspector inspector = inspector(1, inbox);

            // when a NUL and an escape sequence sit in an id, a name and a file
            Contribution accepted = inspector.process(new ManifestLine(1, line("ct\\u0000a", "filmed-life", "ann/clip.mp4", "")
                    .replace("Ann Example", "Ann\\u0000 Ex\\u001b[31mample")));
            Contribution rejected = inspector.process(new ManifestLine(2, line("ct-b", "filmed-life", "ann/clip\\u0000.mp4", "")));

            // then nothing raw reaches the log, the reason or the name shown
            assertThat(accepted.accepted()).as(accepted.reason()).isTrue();
            assertThat(accepted.id()).isEqualTo("ct\\u0000a");
            assertThat(accepted.contributor()).isEqualTo("Ann Ex[31mample");
            assertThat(rejected.reason()).contains("'ann/clip\\u0000.mp4' must be a path relative to the manifest");
            assertThat(log.list).isNotEmpty();
            assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContainPattern("\\p{Cntrl}"));
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("ct\\u0000a"));
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void theSameFileUnderASecondIdIsAcceptedOnce() {
        // given one inspector for the whole manifest
        ContributionInspector inspector = inspector(1, inbox);

        // when the same bytes come under another id and name, and again as a part of the first one
        Contribution first = inspector.process(new ManifestLine(1, line("ct-01", "filmed-life", "ann/clip.mp4", "")));
        Contribution again = inspector.process(new ManifestLine(2, line("ct-02", "talking-life", "ann/clip-again.mp4", "")));
        Contribution part = inspector.process(new ManifestLine(3, line("ct-03", "filmed-life", "ann/clip.mp4", ",\"trimIn\":0.5")));

        // then the first keeps it, the others say why not
        assertThat(first.accepted()).isTrue();
        assertThat(again.accepted()).isFalse();
        assertThat(again.reason()).isEqualTo("'ann/clip-again.mp4' is the same file, byte for byte, as 'ct-01' on line 1; "
                + "it is accepted once, so it cannot air twice; if a second piece was meant, ask the contributor for it");
        assertThat(part.reason()).contains("as 'ct-01' on line 1 and uses the same part of it");
    }

    @Test
    void aRestartedIngestRemembersWhatItAcceptedBefore() {
        // given ct-01 accepted before the restart
        Contribution before = inspector(1, inbox).process(new ManifestLine(1, line("ct-01", "filmed-life", "ann/clip.mp4", "")));
        ContributionInspector restarted = new ContributionInspector(EPISODE, show(1), inbox, DETECTOR, probe, LIMITS,
                java.util.List.of(before));

        // when the same line is read again and a copy follows
        Contribution same = restarted.process(new ManifestLine(1, line("ct-01", "filmed-life", "ann/clip.mp4", "")));
        Contribution copy = restarted.process(new ManifestLine(2, line("ct-02", "filmed-life", "ann/clip-again.mp4", "")));

        // then
        assertThat(same.accepted()).as(same.reason()).isTrue();
        assertThat(copy.reason()).contains("as 'ct-01' on line 1");
    }

    @Test
    void twoPartsOfOneRecordingThatDoNotOverlapAreTwoPieces() {
        ContributionInspector inspector = inspector(1, inbox);

        Contribution head = inspector.process(new ManifestLine(1, line("ct-01", "filmed-life", "ann/clip.mp4", ",\"trimOut\":1.0")));
        Contribution tail = inspector.process(new ManifestLine(2, line("ct-02", "filmed-life", "ann/clip.mp4", ",\"trimIn\":1.0")));

        assertThat(head.accepted()).as(head.reason()).isTrue();
        assertThat(tail.accepted()).as(tail.reason()).isTrue();
        assertThat(head.frames() + tail.frames()).isEqualTo(60);
    }

    @Test
    void aRepeatedIdIsRejectedOnItsSecondLine() {
        // given one inspector for the whole manifest
        ContributionInspector inspector = inspector(1, inbox);

        // when
        Contribution first = inspector.process(new ManifestLine(1, line("ct-01", "filmed-life", "ann/clip.mp4", "")));
        Contribution second = inspector.process(new ManifestLine(3, line("ct-01", "photography", "photo.jpg", "")));

        // then
        assertThat(first.accepted()).isTrue();
        assertThat(second.accepted()).isFalse();
        assertThat(second.reason()).isEqualTo("line 3 repeats the id 'ct-01' first used on line 1; ask the editor to give each piece its own id");
        // recorded under a key of its own, so it does not replace the first
        assertThat(second.id()).isEqualTo("ct-01@line-3");
    }

    @Test
    void aManifestFieldTooLongForItsColumnIsRejectedWithItsLineAndWhatIsKeptFits() {
        ContributionInspector inspector = inspector(1, inbox);
        String longName = "N".repeat(201);
        String longTitle = "T".repeat(501);
        String longFile = "f/".repeat(501) + "clip.mp4";
        String longId = "i".repeat(300);

        Contribution name = inspector.process(new ManifestLine(2, line("ok-1", "filmed-life", "ann/clip.mp4", "")
                .replace("Ann Example", longName)));
        Contribution title = inspector.process(new ManifestLine(3, line("ok-2", "filmed-life", "ann/clip.mp4", "")
                .replace("\"Morning\"", "\"" + longTitle + "\"")));
        Contribution file = inspector.process(new ManifestLine(4, line("ok-3", "filmed-life", longFile, "")));
        Contribution id = inspector.process(new ManifestLine(5, line(longId, "filmed-life", "ann/clip.mp4", "")));

        assertThat(name.reason()).isEqualTo("line 2's contributor is 201 characters long; at most 200 fit; ask the editor to shorten it");
        assertThat(title.reason()).isEqualTo("line 3's title is 501 characters long; at most 500 fit; ask the editor to shorten it");
        assertThat(file.reason()).startsWith("line 4's file is 1010 characters long; at most 1000 fit");
        assertThat(id.reason()).startsWith("line 5's id is 300 characters long; at most 200 fit");
        assertThat(List.of(name, title, file, id)).allSatisfy(c -> {
            assertThat(c.accepted()).isFalse();
            assertThat(c.id().length()).isLessThanOrEqualTo(200);
            assertThat(c.file() == null ? 0 : c.file().length()).isLessThanOrEqualTo(1000);
        });
        assertThat(id.id()).isEqualTo("line-5");
    }

    @Test
    void aLineThatIsNotUtf8IsRefusedWithItsLineAndTheByte() {
        Contribution c = inspector(1, inbox).process(new ManifestLine(6, line("ok-9", "filmed-life", "ann/clip.mp4", ""), 40));

        assertThat(c.accepted()).isFalse();
        assertThat(c.id()).isEqualTo("line-6");
        assertThat(c.reason()).isEqualTo("line 6 is not UTF-8 text (byte 40 is not a character); ask the editor to save the "
                + "manifest as UTF-8 and send it again");
    }

    @Test
    void badJsonIsRecordedUnderItsLineNumber() {
        Contribution c = inspector(1, inbox).process(new ManifestLine(7, "{not json"));

        assertThat(c.id()).isEqualTo("line-7");
        assertThat(c.reason()).startsWith("line 7 is not valid JSON (");
    }

    @Test
    void aShortClipPassesWhenTheShowAllowsIt() {
        Contribution c = inspector(1, inbox).process(new ManifestLine(1, line("s", "filmed-life", "short.mp4", "")));

        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.frames()).isEqualTo(30);
        assertThat(c.audioStream()).isNull();
    }

    @Test
    void anInboxReachedThroughALinkRecordsPathsRelativeToIt() throws IOException {
        // given the show's inbox configured as a link to the real folder (a mount, say)
        Path linked = root.resolve("linked-inbox");
        if (!Files.exists(linked)) {
            Files.createSymbolicLink(linked, inbox);
        }

        // when
        Contribution c = inspector(1, linked).process(new ManifestLine(1, line("ct-01", "filmed-life", "ann/clip.mp4", "")));

        // then
        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.file()).isEqualTo("ann/clip.mp4");
        assertThat(linked.resolve(c.file())).isRegularFile();
    }
}
