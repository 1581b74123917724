package org.ensemble.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ensemble.media.HouseProfile;
import org.ensemble.segment.Credit;
import org.ensemble.segment.SegmentSpec;
import org.ensemble.segment.SegmentSpecs;
import org.ensemble.segment.TextCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Captions a viewer can read: long writing, long credits and long cues of a contributor's own are laid out within the
 * common norms (2 lines of 42 characters, 1 to 7 s, 20 characters a second), split at sentences, then clauses, then
 * words, and a writing piece's cues change where its cards do. Every case is written as WebVTT and read back with a
 * strict parser.
 */
class CueSplitterTest {

    static final CaptionNorms NORMS = CaptionNorms.COMMON;
    static final int FPS = 30;
    final CueSplitter splitter = new CueSplitter(NORMS);

    /** Nineteen lines in four stanzas, about 600 characters: the demo poem's shape. */
    static final List<String> POEM = List.of("""
            The kettle sings before I am awake,
            a thin bright thread pulled through the dark,
            and I forgive the morning everything:
            the cold floor, the window's grey, the dog.""", """
            My mother kept a kettle just like this,
            its handle wrapped in tape gone soft with years;
            she said the water knows when you are sad
            and boils a little slower, out of kindness.""", """
            I do not believe her, and I do.
            I stand and wait. The steam writes on the glass
            a language only winter reads aloud,
            and every word of it is someone's name.""", """
            So here is mine, and here is hers, and yours,
            set down in breath upon a pane of cold;
            the sun comes up and takes them one by one,
            and leaves the glass as clear as it was told,
            and leaves the kettle quiet on the stove,
            and leaves me warmer than I was, and old,
            and ready for the day."""); // 19 lines

    @ParameterizedTest(name = "at {0}p")
    @ValueSource(ints = {180, 1080})
    void aLongPoemsCuesFollowItsCardsAndKeepTheNorms(int height) {
        HouseProfile profile = new HouseProfile(height * 16 / 9, height, FPS, "yuv420p", 48000, 2, 128);
        long frames = 58L * FPS;
        SegmentSpec spec = new SegmentSpec("poem", SegmentSpec.Kind.TEXT, null, "hash", 0, frames, null, null,
                new Credit("Di Ruiz", null, "Kettle", "Writing"), POEM, 0, 0);
        List<TextCard> cards = SegmentSpecs.textCards(spec, profile);
        long recordIn = 10L * FPS;

        List<CueSplitter.Timed> timed = splitter.cards(cards, recordIn, FPS);

        assertThat(cards).hasSizeGreaterThan(1);
        assertThat(cards.stream().mapToLong(TextCard::frames).sum()).isEqualTo(frames);
        // every card change is a cue boundary, and no cue is up across one
        long at = recordIn;
        for (TextCard card : cards) {
            long from = at;
            long to = at + card.frames();
            assertThat(timed).as("a cue starts with the card at frame " + from).anyMatch(t -> t.start() == from);
            assertThat(timed).noneMatch(t -> t.start() < to && t.end() > to);
            assertThat(timed).filteredOn(t -> t.start() >= from && t.end() <= to).extracting(CueSplitter.Timed::text)
                    .map(t -> t.replace('\n', ' ')).containsExactlyElementsOf(
                            splitter.split(card.text(), from, to, FPS).stream().map(t -> t.text().replace('\n', ' ')).toList());
            at = to;
        }
        assertThat(words(timed)).isEqualTo(words(String.join("\n\n", POEM)));
        // a poem's lines stay lines: each line of a cue is one of the poem's lines, or part of one
        List<String> poemLines = POEM.stream().flatMap(String::lines).toList();
        assertThat(timed).allSatisfy(t -> t.text().lines().forEach(l ->
                assertThat(poemLines).anyMatch(p -> p.contains(l))));

        CueFigures figures = CueFigures.of(readBack(timed)).assertWithin(NORMS);
        System.out.println("poem, 19 lines over 58 s at " + height + "p, " + cards.size() + " cards: " + figures);
    }

    @Test
    void longCreditsBecomeSeveralCuesSplitAtTheCommas() {
        List<String> names = List.of("Amara Okafor", "Ben Okoro", "Cy Tan", "Di Ruiz", "Eitan Levi", "Fatima Zahra Benali",
                "Gustavo Pereira", "Hana Sato", "Ines Moreau", "Jonas Lindqvist", "Kwame Mensah", "Lucía Fernández");
        String credits = "With thanks to " + String.join(", ", names);
        assertThat(credits.length()).isGreaterThan(175);

        List<CueSplitter.Timed> timed = splitter.split(credits, 0, 15L * FPS, FPS);

        assertThat(timed).hasSizeGreaterThanOrEqualTo(3);
        assertThat(timed.get(0).start()).isZero();
        assertThat(timed.get(timed.size() - 1).end()).isEqualTo(15L * FPS);
        // no name is cut in two: every cue but the last ends after a name's comma
        assertThat(timed.subList(0, timed.size() - 1)).allMatch(t -> t.text().endsWith(","));
        assertThat(words(timed)).isEqualTo(words(credits));
        CueFigures figures = CueFigures.of(readBack(timed)).assertWithin(NORMS);
        System.out.println("credits, " + credits.length() + " characters over 15 s: " + figures);
    }

    @Test
    void proseIsSplitAtSentencesFirstThenClausesThenWords() {
        String prose = "I started filming the market because my grandmother sold fish there for forty years. "
                + "Nobody remembers her stall now, though everyone remembers the smell of the morning, the shouting, the ice. "
                + "This is for her.";

        List<CueSplitter.Timed> timed = splitter.split(prose, 0, 20L * FPS, FPS);

        List<String> texts = timed.stream().map(t -> t.text().replace('\n', ' ')).toList();
        // the first sentence (84 characters) is too long for one cue: split at a word; the second at its commas
        assertThat(texts).contains("This is for her.");
        assertThat(texts).anyMatch(t -> t.endsWith("forty years."));
        assertThat(texts).anyMatch(t -> t.endsWith("the ice."));
        assertThat(texts).filteredOn(t -> t.startsWith("Nobody")).allMatch(t -> t.endsWith(","));
        assertThat(words(timed)).isEqualTo(words(prose));
        CueFigures.of(readBack(timed)).assertWithin(NORMS);
    }

    @Test
    void linesAreEvenAndAWordLongerThanALineIsCutIntoLineLongPieces() {
        List<CueSplitter.Timed> even = splitter.split("a caption that is too long for a single line of text", 0, 3L * FPS, FPS);
        assertThat(even).hasSize(1);
        List<String> lines = even.get(0).text().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(Math.abs(lines.get(0).length() - lines.get(1).length())).isLessThanOrEqualTo(8);

        String url = "https://example.org/" + "a".repeat(70);
        List<CueSplitter.Timed> cut = splitter.split("See " + url, 0, 8L * FPS, FPS);
        assertThat(String.join("", cut.stream().map(t -> t.text().replace("\n", "")).toList()).replaceFirst("^See\\s*", "")).isEqualTo(url);
        CueFigures.of(readBack(cut)).assertWithin(NORMS);
    }

    @Test
    void aShortTextOnScreenLongerThanTheLongestCueLeavesAfterIt() {
        List<CueSplitter.Timed> timed = splitter.split("The end.", 0, 20L * FPS, FPS);

        assertThat(timed).containsExactly(new CueSplitter.Timed(0, 7L * FPS, "The end."));
    }

    @Test
    void aContributorsCueThatBreaksTheNormsIsSplitWithinItsOwnTimeAndOneThatKeepsThemStaysAsItIs() {
        String three = "We walked down to the water at six,\nbefore the boats came in and the gulls woke,\nand my son asked where the night goes.";
        assertThat(splitter.fits(three, 9000, 1000)).isFalse();
        assertThat(splitter.fits("Hello from\nPorto", 1500, 1000)).isTrue();

        List<CueSplitter.Timed> timed = splitter.split(three, 12_000, 21_000, 1000);

        assertThat(timed.get(0).start()).isEqualTo(12_000);
        assertThat(timed.get(timed.size() - 1).end()).isEqualTo(21_000);
        assertThat(words(timed)).isEqualTo(words(three));
        CueFigures.of(StrictWebVtt.parse(Captions.webVtt(timed.stream().map(t -> new Captions.Cue(t.start(), t.end(), t.text())).toList())))
                .assertWithin(NORMS);
    }

    @Test
    void whatATrimLeavesOfACueIsHeldUntilItCanBeReadAndAHurriedCueComesUpALittleEarly() {
        String last = "Last of all, a sentence long enough to fill\na second line that will not share its room";
        List<Captions.Cue> held = splitter.hold(List.of(new Captions.Cue(0, 500, "Cut by the trim"), new Captions.Cue(2000, 3000, "Next"),
                new Captions.Cue(4000, 5000, "Longer than the piece, in a hurry"), new Captions.Cue(5300, 5500, last)), 0, 6500);

        assertThat(held).containsExactly(
                new Captions.Cue(0, 1000, "Cut by the trim"),                       // held for the shortest time
                new Captions.Cue(2000, 3000, "Next"),                               // long enough as it is
                // 33 characters need 1.65 s: held up to the next cue, then brought up 0.35 s early
                new Captions.Cue(3650, 5300, "Longer than the piece, in a hurry"),
                new Captions.Cue(5300, 6500, last));                                // held to the piece's end
    }

    @Test
    void cuesTooShortToReadThatFollowEachOtherAreJoinedIntoOne() {
        List<Captions.Cue> held = splitter.hold(List.of(new Captions.Cue(700, 2786, "Okay, is it recording?"),
                new Captions.Cue(2786, 3165, "Yes."), new Captions.Cue(3165, 3639, "Hola!"),
                new Captions.Cue(3639, 8285, "I am Tomás, from San Martín Tilcajete, in\nOaxaca.")), 0, 60_000);

        assertThat(held).containsExactly(new Captions.Cue(700, 3639, "Okay, is it recording? Yes. Hola!"),
                new Captions.Cue(3639, 8285, "I am Tomás, from San Martín Tilcajete, in\nOaxaca."));
    }

    private static List<StrictWebVtt.Cue> readBack(List<CueSplitter.Timed> timed) {
        List<Captions.Cue> cues = new ArrayList<>();
        for (CueSplitter.Timed t : timed) {
            cues.add(new Captions.Cue(Chapters.ms(t.start(), FPS), Chapters.ms(t.end(), FPS), t.text()));
        }
        return StrictWebVtt.parse(Captions.webVtt(Captions.sequence(cues)));
    }

    private static List<String> words(List<CueSplitter.Timed> timed) {
        return words(String.join(" ", timed.stream().map(CueSplitter.Timed::text).toList()));
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).toList();
    }
}
