package org.ensemble.media;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reads FFmpeg's {@code -progress pipe:1} output: blocks of {@code key=value} lines, each block closed by
 * {@code progress=continue} or {@code progress=end}. Frames done come from {@code frame=} when there is a video
 * output, otherwise from {@code out_time_us} at the house rate; the total is known from the spec's frame count.
 */
public final class FfmpegProgress implements Consumer<String> {

    /** Global options that make ffmpeg write its progress report to standard output, and nothing else there. */
    public static final List<String> ARGUMENTS = List.of("-progress", "pipe:1", "-nostats");

    private final String label;
    private final long framesTotal;
    private final int frameRate;
    private final Consumer<MediaProgress> sink;
    private long frame = -1;
    private long outTimeMicros = -1;
    private double speed;

    public FfmpegProgress(String label, long framesTotal, int frameRate, Consumer<MediaProgress> sink) {
        this.label = label;
        this.framesTotal = framesTotal;
        this.frameRate = frameRate;
        this.sink = sink;
    }

    @Override
    public void accept(String line) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            return;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        switch (key) {
            case "frame" -> frame = number(value);
            case "out_time_us" -> outTimeMicros = number(value);
            case "speed" -> speed = speed(value);
            case "progress" -> sink.accept(snapshot("end".equals(value)));
            default -> {
                // other keys (bitrate, fps, dup_frames, ...) are not needed
            }
        }
    }

    MediaProgress snapshot(boolean end) {
        long done;
        if (frame > 0) {
            done = frame;
        } else if (outTimeMicros > 0) {
            // whole frames only: a frame counts when all of it is out
            done = outTimeMicros * frameRate / 1_000_000L;
        } else {
            done = 0;
        }
        return new MediaProgress(label, Math.min(done, framesTotal), framesTotal, speed, end);
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1; // "N/A" before the first frame
        }
    }

    private static double speed(String value) {
        try {
            return Double.parseDouble(value.endsWith("x") ? value.substring(0, value.length() - 1) : value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
