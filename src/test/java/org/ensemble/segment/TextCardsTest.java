package org.ensemble.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.Category;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.episode.WritingText;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.media.SegmentEncoder;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text cards: scripts the serif lacks, right-to-left lines, emoji, and long writing spread over cards in time to read. */
class TextCardsTest {

    private static final HouseProfile PROFILE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Hebrew: DejaVu Serif has no Hebrew, so it must fall back to DejaVu Sans, not draw empty boxes
            "hebrew  | שלום עולם, בוקר טוב          | DejaVu Sans",
            // Arabic, likewise
            "arabic  | مرحبا بالعالم، صباح الخير     | DejaVu Sans",
            // Latin stays in the serif
            "latin   | Good morning, world          | DejaVu Serif",
            // the emoticons DejaVu Sans has, drawn in its monochrome style
            "emoji   | 😀☺❤                         | DejaVu Sans",
    })
    void everyCharacterIsSetInAFontThatHasItsGlyph(String script, String text, String family) {
        Font body = Painter.bodyFont(PROFILE.height());
        String shown = Painter.displayable(text);
        List<Font> fonts = Painter.fontsFor(shown, body);

        for (int i = 0; i < shown.length(); i++) {
            int cp = shown.codePointAt(i);
            if (Character.isLowSurrogate(shown.charAt(i)) || Character.isWhitespace(cp)) {
                continue;
            }
            Font font = fonts.get(i);
            GlyphVector glyph = font.createGlyphVector(FRC, Character.toString(cp));
            assertThat(glyph.getGlyphCode(0)).as("%s U+%04X in %s", script, cp, font.getFamily())
                    .isNotEqualTo(font.getMissingGlyphCode());
            if (Character.isLetter(cp)) {
                assertThat(font.getFamily()).isEqualTo(family);
            }
        }
    }

    @Test
    void emojiNoBundledFontHasBecomeAVisibleSquareAndJoinersDisappear() {
        // thumbs up with a skin tone, a red heart with its emoji selector, a family joined by ZWJ
        String shown = Painter.displayable("Hi 😀 ❤\uFE0F 👍🏽 👩\u200D👧");

        assertThat(shown).isEqualTo("Hi 😀 ❤ □ □□");
    }

    @Test
    void arabicLettersAreJoined() {
        // three beh in a row take their initial, medial and final forms, not the isolated one three times
        Font sans = Painter.fontsFor("ب", Painter.bodyFont(PROFILE.height())).get(0);
        char[] word = "ببب".toCharArray();
        GlyphVector shaped = sans.layoutGlyphVector(FRC, word, 0, word.length, Font.LAYOUT_RIGHT_TO_LEFT);
        int isolated = sans.layoutGlyphVector(FRC, new char[] {'ب'}, 0, 1, Font.LAYOUT_RIGHT_TO_LEFT).getGlyphCode(0);

        assertThat(shaped.getGlyphCode(1)).isNotEqualTo(isolated);
        assertThat(shaped.getGlyphCode(0)).isNotEqualTo(shaped.getGlyphCode(1));
    }

    @Test
    void rightToLeftWritingIsSetFromTheRightMargin() {
        Painter painter = new Painter(PROFILE);

        BufferedImage hebrew = painter.textCards("Morning", "Ann", List.of("שלום עולם")).get(0);
        BufferedImage english = painter.textCards("Morning", "Ann", List.of("Hello world")).get(0);

        // the body line sits around y = 0.27 h; the margins are 0.14 w = 44.8 px
        int[] he = inkSpan(hebrew, 38, 52);
        int[] en = inkSpan(english, 38, 52);
        assertThat(he[1]).as("Hebrew ends at the right margin").isBetween(268, 276);
        assertThat(he[0]).as("and starts well right of the left margin").isGreaterThan(120);
        assertThat(en[0]).as("English starts at the left margin").isBetween(44, 50);
        assertThat(en[1]).isLessThan(200);
    }

    @Test
    void longWritingIsSpreadOverCardsThatEachStayUpLongEnoughToRead() throws IOException {
        // given a show reading at 300 words a minute and 110 words in paragraphs of uneven length
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("tiny-show.yaml"), """
                id: tiny-show
                title: Tiny Show
                timeZone: Europe/London
                schedule: {cron: "0 0 2 ? * SAT"}
                airSlot: {day: MONDAY, time: "07:00"}
                runtime: "00:01:00"
                loudness: {integratedLufs: -16, truePeakDbtp: -1.5}
                profile: {width: 320, height: 180, frameRate: 30}
                rules: {pieceMinSeconds: 1, pieceMaxSeconds: 30, writing: {wordsPerMinute: 300, minSeconds: 4, maxSeconds: 40}}
                """);
        EnsembleSettings settings = new EnsembleSettings(dir.resolve("home"), jobs, 1, Map.of());
        ShowDefinition show = new ShowCatalog(settings).require("tiny-show");
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        String text = String.join("\n\n", sentence(45), sentence(8), sentence(40), sentence(17));
        Files.writeString(inbox.resolve("long.txt"), text);
        int words = WritingText.read(inbox.resolve("long.txt")).words();
        assertThat(words).isEqualTo(110);
        Contribution c = new Contribution(new EpisodeKey("tiny-show", LocalDate.of(2026, 11, 30)), "long", 1, "Ann", null,
                Category.WRITING, "Morning", "long.txt", null, Instant.parse("2026-11-23T10:15:00Z"), 0, 0, "abc", text.length(),
                "text/plain", MediaKind.TEXT, 0, 0, 0, null, words, Contribution.Status.ACCEPTED, null);
        long frames = SegmentSpecs.defaultFrames(c, show.rules(), 30);
        SegmentSpec spec = SegmentSpecs.forContribution(c, inbox, null, frames);

        // when conform makes the segment
        MediaProcessGateway gateway = new MediaProcessGateway();
        MediaSettings media = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(10), "ultrafast", 20);
        FfmpegToolchain toolchain = FfmpegToolchain.detect(media, gateway);
        SegmentFactory factory = new SegmentFactory(settings, new SegmentEncoder(toolchain, gateway, media),
                new MediaProbe(toolchain, gateway), media);
        Segment segment = factory.materialize(spec, show.profile(), show.loudness());

        // then the cards seen in the picture (bright stretches between fades) are the cards set, and each is up for at
        // least the time its own words take at 300 words a minute
        List<Integer> perCard = new Painter(show.profile()).cardWords(spec.lines());
        List<Integer> shown = brightRuns(segment.picture());
        assertThat(perCard.size()).as("cards").isGreaterThan(1);
        assertThat(perCard.stream().mapToInt(Integer::intValue).sum()).isEqualTo(110);
        assertThat(shown).hasSameSizeAs(perCard);
        for (int i = 0; i < perCard.size(); i++) {
            long needed = (long) Math.ceil(perCard.get(i) * 60.0 * 30 / 300);
            assertThat((long) shown.get(i)).as("card %d of %d holds %d words", i + 1, perCard.size(), perCard.get(i))
                    .isGreaterThanOrEqualTo(needed);
        }
    }

    private static String sentence(int words) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            w.add(i % 3 == 0 ? "morning" : i % 3 == 1 ? "light" : "river");
        }
        return String.join(" ", w);
    }

    /** Lengths in frames of the stretches where a card is more than half faded in (its text legible). */
    private List<Integer> brightRuns(Path video) throws IOException {
        Path raw = dir.resolve("luma.gray");
        TestMedia.ffmpeg("-v", "error", "-i", video.toString(), "-vf", "scale=32:18,format=gray", "-f", "rawvideo", raw.toString());
        byte[] bytes = Files.readAllBytes(raw);
        int size = 32 * 18;
        double[] mean = new double[bytes.length / size];
        double max = 0;
        for (int f = 0; f < mean.length; f++) {
            long sum = 0;
            for (int i = 0; i < size; i++) {
                sum += bytes[f * size + i] & 0xFF;
            }
            mean[f] = sum / (double) size;
            max = Math.max(max, mean[f]);
        }
        List<Integer> runs = new ArrayList<>();
        int run = 0;
        for (double m : mean) {
            if (m > 0.5 * max) {
                run++;
            } else if (run > 0) {
                runs.add(run);
                run = 0;
            }
        }
        if (run > 0) {
            runs.add(run);
        }
        return runs;
    }

    /** The leftmost and rightmost dark pixel between rows y0 and y1. */
    private static int[] inkSpan(BufferedImage card, int y0, int y1) {
        int min = Integer.MAX_VALUE;
        int max = -1;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < card.getWidth(); x++) {
                int p = card.getRGB(x, y);
                if (((p >> 16) & 0xFF) + ((p >> 8) & 0xFF) + (p & 0xFF) < 3 * 150) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
        }
        return new int[] {min, max};
    }
}
