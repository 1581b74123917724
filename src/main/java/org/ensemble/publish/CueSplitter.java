package org.ensemble.publish;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.ensemble.segment.TextCard;

/**
 * Lays text that is on screen (or spoken) over a span out as cues a viewer can read, within {@link CaptionNorms}:
 * the text is split into parts that each fit the lines, at the strongest boundary there is (a paragraph, a sentence,
 * a clause or a line of the writer's, a word), the one nearest the middle among equals; a part that would stay up
 * longer than the norm is split again at a clause or stronger. Each part gets the time its length needs to be read
 * (at least the shortest time on screen), the span's spare time shared by length, and leaves the screen after the
 * longest time even when its share is longer. Times are integer ticks ({@code ticksPerSecond}: frames at the house
 * rate, or milliseconds), so the span's ends are cue boundaries exactly.
 */
final class CueSplitter {

    /** A cue in ticks. */
    record Timed(long start, long end, String text) {
    }

    private static final int GLUED = 0;
    private static final int WORD = 1;
    private static final int CLAUSE = 2;
    private static final int SENTENCE = 3;
    private static final int PARAGRAPH = 4;
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?…][\"'”’»)\\]]*$");
    private static final Pattern CLAUSE_END = Pattern.compile(".*[,;:–—][\"'”’»)\\]]*$|^[–—-]$");

    /**
     * A word and what follows it: the strength of the boundary after it, whether a line of the writer's ends there,
     * and whether a space separates it from the next (not between the pieces of a word too long for a line).
     */
    private record Word(String text, int after, boolean lineEnd, boolean spaced) {
        int length() {
            return text.codePointCount(0, text.length());
        }
    }

    private final CaptionNorms norms;

    CueSplitter(CaptionNorms norms) {
        this.norms = norms;
    }

    /** The cues of {@code text} shown from {@code start} to {@code end} (ticks at {@code ticksPerSecond}). */
    List<Timed> split(String text, long start, long end, int ticksPerSecond) {
        List<Word> words = words(text);
        if (words.isEmpty() || end <= start) {
            return List.of();
        }
        List<int[]> parts = new ArrayList<>();
        fit(words, 0, words.size(), parts);
        long[] slots = slots(words, parts, end - start, ticksPerSecond);
        long max = norms.maxTicks(ticksPerSecond);
        // a part that would stay up past the longest time is split where the sense allows (never mid-clause)
        for (boolean split = true; split; ) {
            split = false;
            for (int p = 0; p < parts.size(); p++) {
                int[] part = parts.get(p);
                int at = slots[p] > max ? boundary(words, part[0], part[1], CLAUSE) : -1;
                if (at >= 0) {
                    parts.set(p, new int[] {part[0], at + 1});
                    parts.add(p + 1, new int[] {at + 1, part[1]});
                    slots = slots(words, parts, end - start, ticksPerSecond);
                    split = true;
                    break;
                }
            }
        }
        List<Timed> cues = new ArrayList<>();
        long at = start;
        for (int p = 0; p < parts.size(); p++) {
            long slotEnd = p == parts.size() - 1 ? end : at + slots[p];
            long cueEnd = Math.min(slotEnd, at + Math.max(1, max));
            if (cueEnd > at) {
                cues.add(new Timed(at, cueEnd, String.join("\n", lines(words, parts.get(p)[0], parts.get(p)[1]))));
            }
            at = slotEnd;
        }
        return cues;
    }

    /**
     * The cues of a writing piece's cards shown one after another from {@code start} (frames at {@code fps}): each card
     * is its own span, so the cues change where the cards do and are split further within a card when it needs it.
     */
    List<Timed> cards(List<TextCard> cards, long start, int fps) {
        List<Timed> cues = new ArrayList<>();
        long at = start;
        for (TextCard card : cards) {
            cues.addAll(split(card.text(), at, at + card.frames(), fps));
            at += card.frames();
        }
        return cues;
    }

    /** How much earlier than its words a cue too short to read may come up, into the quiet before it. */
    static final long MAX_LEAD_MS = 500;

    /**
     * A piece's cues, each on screen long enough to read ({@code norms}: the shortest time, and its characters at the
     * reading speed): held after its end as far as the next cue and the piece's end ({@code untilMs}) allow, then
     * brought up to {@value #MAX_LEAD_MS} ms early as far as the cue before and the piece's start ({@code fromMs})
     * allow. What a trim leaves of a cue, or a contributor's hurried cue, can then still be read; cues still too short
     * are joined with their neighbour ({@link #joinHurried}).
     */
    List<Captions.Cue> hold(List<Captions.Cue> cues, long fromMs, long untilMs) {
        List<Captions.Cue> held = extend(cues, fromMs, untilMs);
        List<Captions.Cue> joined = joinHurried(held);
        return joined.equals(held) ? held : extend(joined, fromMs, untilMs);
    }

    private List<Captions.Cue> extend(List<Captions.Cue> cues, long fromMs, long untilMs) {
        List<Captions.Cue> sorted = new ArrayList<>(cues);
        sorted.sort(Comparator.comparingLong(Captions.Cue::startMs));
        List<Captions.Cue> out = new ArrayList<>();
        long previousEnd = fromMs;
        for (int i = 0; i < sorted.size(); i++) {
            Captions.Cue c = sorted.get(i);
            long needed = norms.readingMs(c.text());
            long limit = i + 1 < sorted.size() ? Math.min(untilMs, sorted.get(i + 1).startMs()) : untilMs;
            long end = Math.max(c.endMs(), Math.min(c.startMs() + needed, limit));
            long start = Math.min(c.startMs(), Math.max(end - needed, Math.max(previousEnd, c.startMs() - MAX_LEAD_MS)));
            out.add(new Captions.Cue(start, end, c.text()));
            previousEnd = end;
        }
        return out;
    }

    /**
     * In start order, a cue too short to read joined with the next when they follow each other closely (less than the
     * shortest time on screen apart) and fit one cue together, set again as one text ("Yes." and "Hola!" of 0.4 s
     * each become "Yes. Hola!").
     */
    List<Captions.Cue> joinHurried(List<Captions.Cue> cues) {
        List<Captions.Cue> sorted = new ArrayList<>(cues);
        sorted.sort(Comparator.comparingLong(Captions.Cue::startMs));
        List<Captions.Cue> out = new ArrayList<>();
        Captions.Cue current = null;
        for (Captions.Cue next : sorted) {
            if (current != null) {
                boolean hurried = current.endMs() - current.startMs() < norms.readingMs(current.text())
                        || next.endMs() - next.startMs() < norms.readingMs(next.text());
                List<Word> words = words(current.text().replace('\n', ' ') + " " + next.text().replace('\n', ' '));
                List<String> joined = lines(words, 0, words.size());
                if (hurried && next.startMs() - current.endMs() < norms.minDuration().toMillis() && joined != null
                        && next.endMs() - current.startMs() <= norms.maxDuration().toMillis()) {
                    current = new Captions.Cue(current.startMs(), Math.max(current.endMs(), next.endMs()), String.join("\n", joined));
                    continue;
                }
                out.add(current);
            }
            current = next;
        }
        if (current != null) {
            out.add(current);
        }
        return out;
    }

    /** Whether a cue already meets the norms' lines and longest time (as a contributor's own cue may). */
    boolean fits(String text, long durationTicks, int ticksPerSecond) {
        return norms.fitsLines(text) && durationTicks <= norms.maxTicks(ticksPerSecond);
    }

    /** Splits words [from, to) into parts that each set within the lines, adding them to {@code parts} in order. */
    private void fit(List<Word> words, int from, int to, List<int[]> parts) {
        if (to - from <= 1 || lines(words, from, to) != null) {
            parts.add(new int[] {from, to});
            return;
        }
        int at = boundary(words, from, to, GLUED);
        fit(words, from, at + 1, parts);
        fit(words, at + 1, to, parts);
    }

    /**
     * The word of [from, to - 1) after which to split: the strongest boundary at least {@code weakest}, the one nearest
     * the middle by characters among equals; -1 when there is none.
     */
    private static int boundary(List<Word> words, int from, int to, int weakest) {
        int total = 0;
        for (int i = from; i < to; i++) {
            total += words.get(i).length();
        }
        int best = -1;
        int bestStrength = -1;
        int bestImbalance = Integer.MAX_VALUE;
        int before = 0;
        for (int i = from; i < to - 1; i++) {
            before += words.get(i).length();
            int strength = words.get(i).after();
            int imbalance = Math.abs(total - 2 * before);
            if (strength >= weakest && (strength > bestStrength || strength == bestStrength && imbalance < bestImbalance)) {
                best = i;
                bestStrength = strength;
                bestImbalance = imbalance;
            }
        }
        return best;
    }

    /**
     * Words [from, to) set in at most the norms' lines, or null when they do not fit: each of the writer's own lines
     * (a poem's) starts a line of the cue, and one longer than a line is wrapped into lines as even as the fewest allow.
     */
    private List<String> lines(List<Word> words, int from, int to) {
        List<String> lines = new ArrayList<>();
        int start = from;
        for (int i = from; i < to; i++) {
            if (words.get(i).lineEnd() || i == to - 1) {
                lines.addAll(even(words, start, i + 1));
                start = i + 1;
                if (lines.size() > norms.maxLines()) {
                    return null;
                }
            }
        }
        return lines;
    }

    /**
     * Words [from, to) wrapped to the norms' line length in the fewest lines, as even in length as those allow; two
     * lines break at the strongest boundary that lets both fit (after a clause rather than inside a name), the most
     * even among equals.
     */
    private List<String> even(List<Word> words, int from, int to) {
        int width = norms.maxCharsPerLine();
        List<String> fewest = greedy(words, from, to, width);
        if (fewest.size() == 2) {
            List<String> best = null;
            int bestStrength = -1;
            int bestImbalance = Integer.MAX_VALUE;
            for (int k = from; k < to - 1; k++) {
                String first = String.join("\n", greedy(words, from, k + 1, Integer.MAX_VALUE));
                String second = String.join("\n", greedy(words, k + 1, to, Integer.MAX_VALUE));
                int a = CaptionNorms.length(first);
                int b = CaptionNorms.length(second);
                int strength = words.get(k).after();
                if (a <= width && b <= width && (strength > bestStrength || strength == bestStrength && Math.abs(a - b) < bestImbalance)) {
                    best = List.of(first, second);
                    bestStrength = strength;
                    bestImbalance = Math.abs(a - b);
                }
            }
            if (best != null) {
                return best;
            }
        }
        int chars = 0;
        for (int i = from; i < to; i++) {
            chars += words.get(i).length() + 1;
        }
        for (int w = Math.max(1, chars / fewest.size()); w < width; w++) {
            List<String> even = greedy(words, from, to, w);
            if (even.size() <= fewest.size() && even.stream().allMatch(l -> CaptionNorms.length(l) <= width)) {
                return even;
            }
        }
        return fewest;
    }

    private static List<String> greedy(List<Word> words, int from, int to, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int length = 0;
        boolean spaced = false;
        for (int i = from; i < to; i++) {
            Word w = words.get(i);
            int add = w.length() + (length > 0 && spaced ? 1 : 0);
            if (length > 0 && length + add > width) {
                lines.add(line.toString());
                line.setLength(0);
                length = 0;
                add = w.length();
            } else if (length > 0 && spaced) {
                line.append(' ');
            }
            line.append(w.text());
            length += add;
            spaced = w.spaced();
        }
        if (length > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Each part's time in ticks, summing to the span: what it needs to be read (its length at the norms' reading
     * speed, and at least the shortest time on screen), then the spare time by length; when the span is shorter
     * than that, the shortest time each (if there is room for it) and the rest by length.
     */
    private long[] slots(List<Word> words, List<int[]> parts, long span, int ticksPerSecond) {
        int n = parts.size();
        long[] chars = new long[n];
        long[] need = new long[n];
        long totalChars = 0;
        long totalNeed = 0;
        for (int p = 0; p < n; p++) {
            for (int i = parts.get(p)[0]; i < parts.get(p)[1]; i++) {
                chars[p] += words.get(i).length() + 1;
            }
            need[p] = Math.max(norms.minTicks(ticksPerSecond), -Math.floorDiv(-chars[p] * ticksPerSecond, (long) norms.maxCharsPerSecond()));
            totalChars += chars[p];
            totalNeed += need[p];
        }
        if (totalNeed > span) {
            // too much to read in the time: each part still stays up the shortest time when the span has room for it
            long floor = norms.minTicks(ticksPerSecond) * n <= span ? norms.minTicks(ticksPerSecond) : 0;
            Arrays.fill(need, floor);
            totalNeed = floor * n;
        }
        long[] slots = new long[n];
        long spare = span - totalNeed;
        long given = 0;
        long weighed = 0;
        for (int p = 0; p < n; p++) {
            weighed += chars[p];
            // cumulative, so rounding never drifts: the parts end where their share of the whole ends
            long until = spare * weighed / totalChars;
            slots[p] = need[p] + until - given;
            given = until;
        }
        return slots;
    }

    /** The text as words, each with the boundary after it; a word longer than a line is cut into line-long pieces. */
    private List<Word> words(String text) {
        List<Word> words = new ArrayList<>();
        String[] paragraphs = text.replace("\r", "").strip().split("\n\\s*\n");
        for (int p = 0; p < paragraphs.length; p++) {
            String[] lines = paragraphs[p].strip().split("\n");
            for (int l = 0; l < lines.length; l++) {
                String[] tokens = lines[l].strip().split("\\s+");
                for (int t = 0; t < tokens.length; t++) {
                    String token = tokens[t];
                    if (token.isEmpty()) {
                        continue;
                    }
                    boolean lastOfLine = t == tokens.length - 1;
                    boolean lastOfParagraph = lastOfLine && l == lines.length - 1;
                    int after = lastOfParagraph ? PARAGRAPH
                            : SENTENCE_END.matcher(token).matches() ? SENTENCE
                            : CLAUSE_END.matcher(token).matches() || lastOfLine ? CLAUSE : WORD;
                    int[] cps = token.codePoints().toArray();
                    int width = norms.maxCharsPerLine();
                    for (int from = 0; from < cps.length; from += width) {
                        boolean last = from + width >= cps.length;
                        words.add(new Word(new String(cps, from, Math.min(width, cps.length - from)), last ? after : GLUED,
                                last && lastOfLine, last));
                    }
                }
            }
        }
        return words;
    }
}
