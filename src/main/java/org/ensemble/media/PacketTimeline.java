package org.ensemble.media;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long each stream of a file really lasts, found by reading its packets rather than trusting its header: a
 * browser recording (MediaRecorder WebM) has no duration in its header at all, an MP3 without a Xing or VBRI header
 * only an estimate from its first frame's bit rate, and an upload cut short declares frames it does not hold.
 *
 * @param streams every stream that had packets, with the time its first packet starts and its last one ends
 * @param capped  whether reading stopped at the limit it was given: the file lasts at least that long
 */
public record PacketTimeline(List<Span> streams, boolean capped) {

    /** MPEG's 33-bit clock at 90 kHz wraps after this many seconds (26.5 hours). */
    static final double MPEG_WRAP_SECONDS = (1L << 33) / 90_000.0;

    public PacketTimeline {
        streams = List.copyOf(streams);
    }

    /**
     * One stream's packets. {@code endSeconds} is the end of the packet that ends last (its time plus its duration;
     * a packet without one lasts as long as the stream's packets do on average).
     */
    public record Span(int index, long packets, double firstSeconds, double endSeconds) {
    }

    public Optional<Span> stream(int index) {
        return streams.stream().filter(s -> s.index() == index).findFirst();
    }

    /** Where the file's timeline starts: its earliest packet (FFmpeg counts every input's time from there). */
    public double startSeconds() {
        return streams.stream().mapToDouble(Span::firstSeconds).min().orElse(0);
    }

    /** How long the file's timeline runs until stream {@code index} ends; 0 when the stream has no packets. */
    public double secondsUntilEndOf(int index) {
        return stream(index).map(s -> s.endSeconds() - startSeconds()).orElse(0.0);
    }

    public long packets(int index) {
        return stream(index).map(Span::packets).orElse(0L);
    }

    /**
     * Reads ffprobe's {@code -show_entries packet=stream_index,pts_time,dts_time,duration_time -of compact=p=0}
     * output. A timestamp that jumps back by more than half of MPEG's 33-bit clock has wrapped (FFmpeg unwraps most
     * of these itself; this catches those it does not): the stream goes on a whole wrap later.
     */
    static PacketTimeline parse(String compact, boolean capped) {
        Reader reader = new Reader();
        compact.lines().forEach(reader::accept);
        return reader.timeline(capped);
    }

    /** Takes ffprobe's lines one at a time as they come, so a long file's packets are never all held in memory. */
    static final class Reader {
        private final Map<Integer, Accumulator> byStream = new HashMap<>();

        synchronized void accept(String line) {
            Map<String, String> fields = new HashMap<>();
            for (String pair : line.strip().split("\\|")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            Integer index = integer(fields.get("stream_index"));
            double time = number(fields.get("pts_time"));
            if (Double.isNaN(time)) {
                time = number(fields.get("dts_time"));
            }
            if (index == null || Double.isNaN(time)) {
                return;
            }
            byStream.computeIfAbsent(index, Accumulator::new).add(time, number(fields.get("duration_time")));
        }

        synchronized PacketTimeline timeline(boolean capped) {
            return new PacketTimeline(byStream.values().stream().map(Accumulator::span)
                    .sorted(Comparator.comparingInt(Span::index)).toList(), capped);
        }
    }

    private static final class Accumulator {
        final int index;
        long packets;
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        double end = Double.NEGATIVE_INFINITY;
        double previous = Double.NaN;
        double wraps;
        boolean undated;

        Accumulator(int index) {
            this.index = index;
        }

        void add(double raw, double duration) {
            if (!Double.isNaN(previous) && raw + wraps < previous - MPEG_WRAP_SECONDS / 2) {
                wraps += MPEG_WRAP_SECONDS;
            }
            double time = raw + wraps;
            previous = time;
            packets++;
            first = Math.min(first, time);
            last = Math.max(last, time);
            if (duration > 0) {
                end = Math.max(end, time + duration);
            } else {
                undated = true;
            }
        }

        Span span() {
            double typical = packets > 1 ? (last - first) / (packets - 1) : 0;
            double ends = undated ? Math.max(end, last + typical) : end;
            return new Span(index, packets, first, Math.max(ends, last));
        }
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double number(String value) {
        try {
            return value == null ? Double.NaN : Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return Double.NaN; // "N/A"
        }
    }
}
