package org.ensemble.episode;

import java.util.Locale;

/**
 * SMPTE non-drop timecode and clock strings, for the edges only (EDL, chapters, captions, logs). Inside
 * Ensemble time is a frame count at the house rate.
 */
public final class Timecode {

    private Timecode() {
    }

    /** {@code HH:MM:SS:FF} for a frame count at an integer rate (non-drop). */
    public static String smpte(long frames, int fps) {
        long ff = frames % fps;
        long totalSeconds = frames / fps;
        return String.format(Locale.ROOT, "%02d:%02d:%02d:%02d", totalSeconds / 3600, (totalSeconds / 60) % 60,
                totalSeconds % 60, ff);
    }

    public static long parseSmpte(String timecode, int fps) {
        String[] p = timecode.trim().split("[:;]");
        if (p.length != 4) {
            throw new IllegalArgumentException("not a timecode: " + timecode);
        }
        long ff = field(p[3], fps, timecode);
        return ((field(p[0], Long.MAX_VALUE, timecode) * 60 + field(p[1], 60, timecode)) * 60 + field(p[2], 60, timecode)) * fps + ff;
    }

    /** A field of digits only (no sign) below {@code limit}. */
    private static long field(String digits, long limit, String text) {
        if (!digits.matches("\\d{1,12}") || Long.parseLong(digits) >= limit) {
            throw new IllegalArgumentException("field '" + digits + "' out of range (0.." + (limit - 1) + "): " + text);
        }
        return Long.parseLong(digits);
    }

    /** {@code MM:SS} (or {@code H:MM:SS} past an hour), as video platforms want chapter starts; rounds down. */
    public static String clock(long frames, int fps) {
        long s = frames / fps;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /** {@code HH:MM:SS.mmm} as WebVTT and logs write it. */
    public static String millis(long frames, int fps) {
        long ms = Math.round(frames * 1000.0 / fps);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, (ms / 60_000) % 60, (ms / 1000) % 60, ms % 1000);
    }

    /** A duration as written in show files: {@code HH:MM:SS}, {@code MM:SS} or {@code HH:MM:SS:FF}. */
    public static long parseDuration(String text, int fps) {
        String[] p = text.trim().split(":");
        return switch (p.length) {
            case 2 -> (field(p[0], Long.MAX_VALUE, text) * 60 + field(p[1], 60, text)) * fps;
            case 3 -> ((field(p[0], Long.MAX_VALUE, text) * 60 + field(p[1], 60, text)) * 60 + field(p[2], 60, text)) * fps;
            case 4 -> parseSmpte(text, fps);
            default -> throw new IllegalArgumentException("not a duration (HH:MM:SS): " + text);
        };
    }
}
