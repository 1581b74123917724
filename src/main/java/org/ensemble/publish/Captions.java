package org.ensemble.publish;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timed text in milliseconds: reading a contributor's SubRip or WebVTT file, moving its cues to where the piece sits
 * in the episode, and writing the episode's captions as WebVTT and SubRip. Milliseconds only at this edge: positions
 * come from frames.
 */
final class Captions {

    record Cue(long startMs, long endMs, String text) {
        Cue {
            if (endMs <= startMs) {
                throw new IllegalArgumentException("cue ends (" + endMs + " ms) before it starts (" + startMs + " ms)");
            }
            text = text.strip();
        }
    }

    private static final Pattern TIMING = Pattern.compile(
            "^\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})\\s*-->\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})(?:\\s.*)?$");

    private Captions() {
    }

    /** Reads SubRip or WebVTT (told apart by the WEBVTT header); blocks without a timing line are skipped (NOTE, STYLE, numbers). */
    static List<Cue> parse(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Cue> cues = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n")) {
            List<String> lines = block.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = TIMING.matcher(lines.get(i));
                if (m.matches()) {
                    String words = String.join("\n", lines.subList(i + 1, lines.size())).strip();
                    long start = millis(m.group(1));
                    long end = millis(m.group(2));
                    if (!words.isEmpty() && end > start) {
                        cues.add(new Cue(start, end, stripTags(words)));
                    }
                    break;
                }
            }
        }
        return cues;
    }

    /**
     * The cues of a source shown from {@code sourceInMs} to {@code sourceOutMs}, moved so that {@code sourceInMs} lands
     * on {@code recordInMs}; cues are cut to that span and those outside it dropped.
     */
    static List<Cue> place(List<Cue> source, long sourceInMs, long sourceOutMs, long recordInMs) {
        long shift = recordInMs - sourceInMs;
        List<Cue> placed = new ArrayList<>();
        for (Cue c : source) {
            long start = Math.max(c.startMs(), sourceInMs);
            long end = Math.min(c.endMs(), sourceOutMs);
            if (end > start) {
                placed.add(new Cue(start + shift, end + shift, c.text()));
            }
        }
        return placed;
    }

    /** In start order, each cue ending no later than the next begins: one caption on screen at a time. */
    static List<Cue> sequence(List<Cue> cues) {
        List<Cue> sorted = new ArrayList<>(cues);
        sorted.sort(Comparator.comparingLong(Cue::startMs));
        List<Cue> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Cue c = sorted.get(i);
            long end = i + 1 < sorted.size() ? Math.min(c.endMs(), sorted.get(i + 1).startMs()) : c.endMs();
            if (end > c.startMs()) {
                out.add(new Cue(c.startMs(), end, c.text()));
            }
        }
        return out;
    }

    static String webVtt(List<Cue> cues) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        int n = 1;
        for (Cue c : cues) {
            out.append(n++).append('\n').append(stamp(c.startMs(), '.')).append(" --> ").append(stamp(c.endMs(), '.')).append('\n')
                    .append(vttText(c.text())).append("\n\n");
        }
        return out.toString();
    }

    static String subRip(List<Cue> cues) {
        StringBuilder out = new StringBuilder();
        int n = 1;
        for (Cue c : cues) {
            out.append(n++).append('\n').append(stamp(c.startMs(), ',')).append(" --> ").append(stamp(c.endMs(), ',')).append('\n')
                    .append(c.text().replace("-->", "->")).append("\n\n");
        }
        return out.toString();
    }

    /** WebVTT text may not contain a blank line or "-->", and &, < must be escaped. */
    static String vttText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replaceAll("\n\\s*\n", "\n");
    }

    static String stamp(long ms, char separator) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, separator,
                ms % 1000);
    }

    static long millis(String stamp) {
        String[] parts = stamp.replace(',', '.').split(":");
        long hours = parts.length == 3 ? Long.parseLong(parts[0]) : 0;
        long minutes = Long.parseLong(parts[parts.length - 2]);
        String[] sec = parts[parts.length - 1].split("\\.");
        String fraction = (sec[1] + "00").substring(0, 3);
        return ((hours * 60 + minutes) * 60 + Long.parseLong(sec[0])) * 1000 + Long.parseLong(fraction);
    }

    private static String stripTags(String text) {
        return text.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
