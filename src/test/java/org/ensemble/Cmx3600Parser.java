package org.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately separate, strict reading of CMX 3600 for tests: a TITLE line, FCM: NON-DROP FRAME, fixed event
 * fields (3-digit event, reel of at most 8 characters, channels, transition, four timecodes), 7-bit lines, and
 * nothing but blank lines and comments between events. Timecodes are parsed here, not by Ensemble.
 */
public final class Cmx3600Parser {

    private Cmx3600Parser() {
    }

    /** One event with the comments that followed it. */
    public record Event(int number, String reel, String clip, String sourceFile, String piece, long sourceIn, long sourceOut,
                        long recordIn, long recordOut) {

        public long frames() {
            return recordOut - recordIn;
        }
    }

    private static final Pattern EVENT = Pattern.compile("^(\\d{3})\\s{2}(\\S{1,8})\\s+(AA/V|V|A|A2|AA|B)\\s+(C|D \\d{3}|W\\d{3} \\d{3})\\s+"
            + "(\\d\\d:\\d\\d:\\d\\d:\\d\\d) (\\d\\d:\\d\\d:\\d\\d:\\d\\d) (\\d\\d:\\d\\d:\\d\\d:\\d\\d) (\\d\\d:\\d\\d:\\d\\d:\\d\\d)\\s*$");

    public static List<Event> parse(String text, int fps) {
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("TITLE: ");
        assertThat(lines.get(0).length()).as("TITLE is at most 70 characters").isLessThanOrEqualTo(77);
        assertThat(lines.get(1)).isEqualTo("FCM: NON-DROP FRAME");
        List<Event> events = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i);
            assertThat(line.chars().allMatch(ch -> ch < 128)).as("7-bit line: %s", line).isTrue();
            Matcher m = EVENT.matcher(line);
            if (m.matches()) {
                String clip = "";
                String file = null;
                String piece = null;
                for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("*"); j++) {
                    String c = lines.get(j);
                    if (c.startsWith("* FROM CLIP NAME: ")) {
                        clip = c.substring(18);
                    } else if (c.startsWith("* SOURCE FILE: ")) {
                        file = c.substring(15);
                    } else if (c.startsWith("* ENSEMBLE PIECE: ")) {
                        piece = c.substring(18).split(" ")[0];
                    }
                }
                events.add(new Event(Integer.parseInt(m.group(1)), m.group(2), clip, file, piece, tc(m.group(5), fps),
                        tc(m.group(6), fps), tc(m.group(7), fps), tc(m.group(8), fps)));
            } else {
                assertThat(line.isBlank() || line.startsWith("*")).as("unexpected EDL line: %s", line).isTrue();
            }
        }
        return events;
    }

    /** Checks the events as a finished timeline: numbered 1.., back to back from 01:00:00:00, source = record length. */
    public static long assertContiguousFromOneHour(List<Event> events, int fps) {
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).recordIn()).isEqualTo(3600L * fps);
        long total = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            assertThat(e.number()).isEqualTo(i + 1);
            assertThat(e.sourceOut() - e.sourceIn()).isEqualTo(e.recordOut() - e.recordIn());
            if (i > 0) {
                assertThat(e.recordIn()).isEqualTo(events.get(i - 1).recordOut());
            }
            total += e.frames();
        }
        return total;
    }

    static long tc(String timecode, int fps) {
        String[] p = timecode.split(":");
        int ff = Integer.parseInt(p[3]);
        assertThat(ff).isLessThan(fps);
        assertThat(Integer.parseInt(p[1])).isLessThan(60);
        assertThat(Integer.parseInt(p[2])).isLessThan(60);
        return ((Integer.parseInt(p[0]) * 60L + Integer.parseInt(p[1])) * 60 + Integer.parseInt(p[2])) * fps + ff;
    }
}
