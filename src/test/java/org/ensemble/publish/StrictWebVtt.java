package org.ensemble.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict WebVTT reader for tests, written from the W3C syntax and sharing nothing with the writer: the signature
 * line, blank-line separated blocks, cue timings {@code [hh:]mm:ss.ttt --> [hh:]mm:ss.ttt} with minutes and seconds
 * below 60, end after start, cues in start order, no "-->" in cue text. Fails with the line it did not accept.
 */
final class StrictWebVtt {

    record Cue(String id, long startMs, long endMs, String text) {
    }

    private static final String STAMP = "(?:(\\d{2,}):)?([0-5]\\d):([0-5]\\d)\\.(\\d{3})";
    private static final Pattern TIMING = Pattern.compile("^" + STAMP + " +--> +" + STAMP + "(?: +.*)?$");

    private StrictWebVtt() {
    }

    static List<Cue> parse(String text) {
        if (text.contains("\r")) {
            throw new AssertionError("line ends must be LF only here");
        }
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals("WEBVTT") && !lines[0].startsWith("WEBVTT ") && !lines[0].startsWith("WEBVTT\t")) {
            throw new AssertionError("the first line must be WEBVTT, was: " + lines[0]);
        }
        int i = 1;
        while (i < lines.length && !lines[i].isEmpty()) {
            i++; // header lines
        }
        List<Cue> cues = new ArrayList<>();
        long lastStart = -1;
        while (i < lines.length) {
            if (lines[i].isEmpty()) {
                i++;
                continue;
            }
            List<String> block = new ArrayList<>();
            while (i < lines.length && !lines[i].isEmpty()) {
                block.add(lines[i++]);
            }
            if (block.get(0).startsWith("NOTE")) {
                continue;
            }
            int t = block.get(0).contains("-->") ? 0 : 1;
            if (t == 1 && block.size() < 2) {
                throw new AssertionError("a cue identifier without timings: " + block);
            }
            Matcher m = TIMING.matcher(block.get(t));
            if (!m.matches()) {
                throw new AssertionError("not a cue timing line: " + block.get(t));
            }
            long start = ms(m, 1);
            long end = ms(m, 5);
            if (end <= start) {
                throw new AssertionError("cue ends before it starts: " + block.get(t));
            }
            if (start < lastStart) {
                throw new AssertionError("cue starts before the one before it: " + block.get(t));
            }
            lastStart = start;
            List<String> body = block.subList(t + 1, block.size());
            for (String line : body) {
                if (line.contains("-->")) {
                    throw new AssertionError("cue text contains -->: " + line);
                }
            }
            cues.add(new Cue(t == 1 ? block.get(0) : null, start, end, String.join("\n", body)));
        }
        return cues;
    }

    private static long ms(Matcher m, int group) {
        long h = m.group(group) == null ? 0 : Long.parseLong(m.group(group));
        return ((h * 60 + Long.parseLong(m.group(group + 1))) * 60 + Long.parseLong(m.group(group + 2))) * 1000
                + Long.parseLong(m.group(group + 3));
    }
}
