package org.ensemble.episode;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes and reads an {@link EditDecisionList} as a CMX 3600 EDL: 7-bit text, CRLF lines, non-drop frame, record
 * timecode from 01:00:00:00 as broadcast masters start. Every event is a cut (C) on audio 1+2 and video (AA/V) from a
 * reel of at most eight characters made from the piece id (unique per source), with the clip name and source file
 * in the comments NLEs read ({@code * FROM CLIP NAME:}, {@code * SOURCE FILE:}) and the piece id in
 * {@code * ENSEMBLE PIECE:}, which is how an edited EDL finds its way back to the pieces.
 */
public final class Cmx3600 {

    public static final long RECORD_START_SECONDS = 3600;
    static final int TITLE_MAX = 70;
    static final int REEL_MAX = 8;

    private static final String TC = "(\\d{2}:\\d{2}:\\d{2}[:;]\\d{2})";
    private static final Pattern EVENT = Pattern.compile("^(\\d{1,6})\\s+(\\S{1,32})\\s+(\\S+)\\s+(C|D|W\\d{3}|K|KB|KO)\\s+"
            + "(?:(\\d{1,3})\\s+)?" + TC + "\\s+" + TC + "\\s+" + TC + "\\s+" + TC + "\\s*$");
    private static final Pattern PIECE = Pattern.compile("^\\*\\s*ENSEMBLE PIECE:\\s*(\\S+).*$");

    private Cmx3600() {
    }

    public static String write(EditDecisionList edl) {
        int fps = edl.frameRate();
        long recordStart = RECORD_START_SECONDS * fps;
        Map<String, String> reels = reels(edl);
        StringBuilder out = new StringBuilder();
        String title = ascii(edl.title()).toUpperCase(Locale.ROOT);
        out.append("TITLE: ").append(title.length() > TITLE_MAX ? title.substring(0, TITLE_MAX) : title).append("\r\n");
        out.append("FCM: NON-DROP FRAME\r\n\r\n");
        for (EditDecisionList.Event e : edl.events()) {
            out.append(String.format(Locale.ROOT, "%03d  %-8s %-5s %-8s %s %s %s %s\r\n", e.number(), reels.get(e.pieceId()),
                    "AA/V", "C", Timecode.smpte(e.sourceIn(), fps), Timecode.smpte(e.sourceOut(), fps),
                    Timecode.smpte(recordStart + e.recordIn(), fps), Timecode.smpte(recordStart + e.recordOut(), fps)));
            out.append("* FROM CLIP NAME: ").append(ascii(clipName(e))).append("\r\n");
            if (e.sourceFile() != null) {
                out.append("* SOURCE FILE: ").append(ascii(e.sourceFile())).append("\r\n");
            }
            out.append("* ENSEMBLE PIECE: ").append(ascii(e.pieceId()).replace(' ', '_'));
            if (e.category() != null) {
                out.append(" CATEGORY: ").append(e.category());
            }
            out.append("\r\n\r\n");
        }
        return out.toString();
    }

    /**
     * A reel name per piece: the piece id in upper-case letters, digits and '_', at most eight characters; a clash
     * (two ids that fold to the same name) gets a number at its end. Same EDL, same reels.
     */
    static Map<String, String> reels(EditDecisionList edl) {
        Map<String, String> reels = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (EditDecisionList.Event e : edl.events()) {
            if (reels.containsKey(e.pieceId())) {
                continue;
            }
            String base = reelBase(e.pieceId());
            String reel = base;
            for (int n = 2; used.contains(reel); n++) {
                String suffix = Integer.toString(n);
                reel = base.substring(0, Math.min(base.length(), REEL_MAX - suffix.length())) + suffix;
            }
            used.add(reel);
            reels.put(e.pieceId(), reel);
        }
        return reels;
    }

    public static String reelBase(String pieceId) {
        String folded = ascii(pieceId == null ? "" : pieceId).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "");
        if (folded.isEmpty()) {
            folded = "REEL";
        }
        return folded.length() > REEL_MAX ? folded.substring(0, REEL_MAX) : folded;
    }

    /**
     * Reads an EDL as an editor or an NLE left it: events (split V and A lines of one event are taken together),
     * their comments, and the record timeline measured from its first event's hour (01:00:00:00 or 00:00:00:00).
     * What it cannot take (dissolves, speed changes, drop frame, stray lines) comes back as problems with the event
     * number or line, so the editor sees everything at once.
     */
    public static ImportedTimeline read(String text, int fps) {
        List<TimelineProblem> problems = new ArrayList<>();
        Map<Integer, long[]> times = new LinkedHashMap<>();
        Map<Integer, String> reels = new HashMap<>();
        Map<Integer, String> clips = new HashMap<>();
        Map<Integer, String> pieces = new HashMap<>();
        Integer current = null;
        String[] lines = text.replace("\uFEFF", "").split("\r\n|\r|\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNumber = i + 1;
            if (line.isEmpty() || line.startsWith("TITLE:")) {
                continue;
            }
            if (line.startsWith("FCM:")) {
                if (!line.substring(4).strip().equalsIgnoreCase("NON-DROP FRAME")) {
                    problems.add(new TimelineProblem(null, "line " + lineNumber + " says '" + line
                            + "': Ensemble timelines are " + fps + " fps non-drop frame (FCM: NON-DROP FRAME)"));
                }
                continue;
            }
            Matcher m = EVENT.matcher(line);
            if (m.matches()) {
                int number = Integer.parseInt(m.group(1));
                current = number;
                if (!m.group(4).equals("C")) {
                    problems.add(new TimelineProblem(number, "is a " + transition(m.group(4)) + "; only cuts (C) are made,"
                            + " so make it a cut"));
                }
                long[] t;
                try {
                    t = new long[] {Timecode.parseSmpte(m.group(6), fps), Timecode.parseSmpte(m.group(7), fps),
                            Timecode.parseSmpte(m.group(8), fps), Timecode.parseSmpte(m.group(9), fps)};
                } catch (IllegalArgumentException e) {
                    problems.add(new TimelineProblem(number, "has a timecode that is not " + fps + " fps: " + e.getMessage()));
                    continue;
                }
                long[] earlier = times.putIfAbsent(number, t);
                if (earlier != null && !Arrays.equals(earlier, t)) {
                    problems.add(new TimelineProblem(number, "its lines (e.g. video and audio) have different timecodes;"
                            + " picture and sound of an event must be cut together"));
                }
                reels.putIfAbsent(number, m.group(2));
                continue;
            }
            if (line.startsWith("M2 ") || line.startsWith("M2\t")) {
                problems.add(new TimelineProblem(current, "has a speed change (" + line + "); pieces play at normal speed"));
                continue;
            }
            if (line.startsWith("*") || line.startsWith(">>>")) {
                if (current == null) {
                    continue;
                }
                String comment = line.substring(1).strip();
                Matcher piece = PIECE.matcher(line);
                if (piece.matches()) {
                    pieces.put(current, piece.group(1));
                } else if (comment.startsWith("FROM CLIP NAME:")) {
                    clips.put(current, comment.substring("FROM CLIP NAME:".length()).strip());
                }
                continue;
            }
            problems.add(new TimelineProblem(current, "line " + lineNumber + " is neither a CMX 3600 event nor a comment: '"
                    + (line.length() > 60 ? line.substring(0, 60) + "…" : line) + "'"));
        }
        long origin = 0;
        if (!times.isEmpty()) {
            long first = times.values().iterator().next()[2];
            origin = first >= RECORD_START_SECONDS * fps ? RECORD_START_SECONDS * fps : 0;
        }
        List<ImportedTimeline.Event> events = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : times.entrySet()) {
            long[] t = e.getValue();
            int n = e.getKey();
            events.add(new ImportedTimeline.Event(n, pieces.get(n), clips.get(n), reels.get(n), t[0], t[1], t[2] - origin,
                    t[3] - origin));
        }
        if (events.isEmpty()) {
            problems.add(new TimelineProblem(null, "the file has no CMX 3600 event lines (like '001  T1       AA/V  C"
                    + "        00:00:00:00 00:00:05:00 01:00:00:00 01:00:05:00')"));
        }
        return new ImportedTimeline("CMX 3600", events, problems);
    }

    private static String transition(String code) {
        return switch (code.charAt(0)) {
            case 'D' -> "dissolve (D)";
            case 'W' -> "wipe (" + code + ")";
            default -> "key (" + code + ")";
        };
    }

    static String clipName(EditDecisionList.Event e) {
        return switch (e.kind()) {
            case INTRO -> "Intro";
            case OUTRO -> "Credits";
            case PIECE -> e.contributor() + " - " + e.title();
        };
    }

    /** CMX 3600 is 7-bit text: accents are folded, anything else becomes '?'. */
    public static String ascii(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        for (char ch : folded.toCharArray()) {
            out.append(ch >= 32 && ch < 127 ? ch : '?');
        }
        return out.toString();
    }
}
