package org.ensemble.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ensemble.episode.EditDecisionList;
import org.ensemble.episode.Timecode;

/**
 * An episode's chapters (one per event) in the forms a package carries: {@code chapters.txt} for a video
 * description, WebVTT chapters, and FFmpeg's metadata file that embeds them in the MP4. Positions come from EDL frames.
 */
final class Chapters {

    /** YouTube reads a chapter list only with at least three entries, the first at 00:00, each at least 10 s long. */
    static final int YOUTUBE_MIN_CHAPTERS = 3;
    static final long YOUTUBE_MIN_SECONDS = 10;

    record Chapter(long startFrame, long endFrame, String title) {
        long frames() {
            return endFrame - startFrame;
        }
    }

    private Chapters() {
    }

    static List<Chapter> of(EditDecisionList edl) {
        return of(edl, 0);
    }

    /**
     * One chapter per event, each at least {@code minFrames} long as a platform reads it (whole seconds between the
     * written times): the planner gives photos and writing that length when their bounds allow, and an event that is
     * still shorter (a short film, the intro) shares a chapter with the shorter of its neighbours, under the title of
     * the longer event in it. 0: one chapter per event, whatever its length.
     */
    static List<Chapter> of(EditDecisionList edl, long minFrames) {
        List<Chapter> chapters = new ArrayList<>();
        List<Long> longest = new ArrayList<>();
        for (EditDecisionList.Event e : edl.events()) {
            String name = switch (e.kind()) {
                case INTRO -> "Intro";
                case OUTRO -> "Credits";
                case PIECE -> e.contributor() + " – " + e.title();
            };
            chapters.add(new Chapter(e.recordIn(), e.recordOut(), name));
            longest.add(e.frames());
        }
        int fps = edl.frameRate();
        long minSeconds = minFrames / fps;
        while (minFrames > 0 && chapters.size() > 1) {
            int shortest = -1;
            for (int i = 0; i < chapters.size(); i++) {
                if (seconds(chapters.get(i), fps) < minSeconds
                        && (shortest < 0 || chapters.get(i).frames() < chapters.get(shortest).frames())) {
                    shortest = i;
                }
            }
            if (shortest < 0) {
                break;
            }
            int other = shortest == 0 ? 1 : shortest == chapters.size() - 1 ? shortest - 1
                    : chapters.get(shortest - 1).frames() <= chapters.get(shortest + 1).frames() ? shortest - 1 : shortest + 1;
            int first = Math.min(shortest, other);
            Chapter a = chapters.get(first);
            Chapter b = chapters.get(first + 1);
            boolean aLonger = longest.get(first) >= longest.get(first + 1);
            chapters.set(first, new Chapter(a.startFrame(), b.endFrame(), aLonger ? a.title() : b.title()));
            longest.set(first, Math.max(longest.get(first), longest.get(first + 1)));
            chapters.remove(first + 1);
            longest.remove(first + 1);
        }
        return chapters;
    }

    /** A chapter's length as a platform reads it from the list: whole seconds between its written start and end. */
    static long seconds(Chapter c, int fps) {
        return c.endFrame() / fps - c.startFrame() / fps;
    }

    /** {@code mm:ss Title} per line ({@code h:mm:ss} past an hour), the first at 00:00. */
    static String text(List<Chapter> chapters, int fps) {
        StringBuilder out = new StringBuilder();
        for (Chapter c : chapters) {
            out.append(Timecode.clock(c.startFrame(), fps)).append(' ').append(c.title()).append('\n');
        }
        return out.toString();
    }

    /** Why YouTube would ignore this chapter list, or nothing when it would take it. */
    static List<String> youtubeProblems(List<Chapter> chapters, int fps) {
        List<String> problems = new ArrayList<>();
        if (chapters.size() < YOUTUBE_MIN_CHAPTERS) {
            problems.add("only " + chapters.size() + " chapters; YouTube needs at least " + YOUTUBE_MIN_CHAPTERS);
        }
        if (!chapters.isEmpty() && chapters.get(0).startFrame() != 0) {
            problems.add("the first chapter does not start at 00:00");
        }
        for (Chapter c : chapters) {
            // YouTube reads whole seconds from the list, so the length that counts is between the written times
            long seconds = seconds(c, fps);
            if (seconds < YOUTUBE_MIN_SECONDS) {
                problems.add("'" + c.title() + "' lasts " + seconds + " s; YouTube needs at least " + YOUTUBE_MIN_SECONDS + " s");
            }
        }
        return problems;
    }

    static String webVtt(List<Chapter> chapters, int fps) {
        StringBuilder out = new StringBuilder("WEBVTT\n\n");
        int n = 1;
        for (Chapter c : chapters) {
            out.append("chapter-").append(n++).append('\n').append(Timecode.millis(c.startFrame(), fps)).append(" --> ")
                    .append(Timecode.millis(c.endFrame(), fps)).append('\n').append(Captions.vttText(c.title())).append("\n\n");
        }
        return out.toString();
    }

    /** FFmpeg's metadata file: the global tags, then one CHAPTER per event in milliseconds (TIMEBASE=1/1000). */
    static String ffmetadata(List<Chapter> chapters, int fps, Map<String, String> tags) {
        StringBuilder out = new StringBuilder(";FFMETADATA1\n");
        tags.forEach((k, v) -> out.append(escape(k)).append('=').append(escape(v)).append('\n'));
        for (Chapter c : chapters) {
            out.append("\n[CHAPTER]\nTIMEBASE=1/1000\n")
                    .append("START=").append(ms(c.startFrame(), fps)).append('\n')
                    .append("END=").append(ms(c.endFrame(), fps)).append('\n')
                    .append("title=").append(escape(c.title())).append('\n');
        }
        return out.toString();
    }

    static long ms(long frames, int fps) {
        return Math.round(frames * 1000.0 / fps);
    }

    /** '=', ';', '#', '\' and newlines are special in an ffmetadata file and are escaped with a backslash. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (char ch : value.toCharArray()) {
            if (ch == '=' || ch == ';' || ch == '#' || ch == '\\' || ch == '\n') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
