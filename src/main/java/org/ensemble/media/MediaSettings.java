package org.ensemble.media;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the FFmpeg binaries are and how long a command may run.
 *
 * @param ffmpeg           path to ffmpeg; empty means "ffmpeg on the PATH, else the bundled one"; "bundled" forces
 *                         the binaries inside the jar (org.bytedeco:ffmpeg's GPL build, with libx264), unpacked
 *                         into {@code <home>/tools/}
 * @param ffprobe          path to ffprobe; same rule
 * @param minimumTimeout   every command may run at least this long
 * @param timeoutPerMediaSecond added per second of media a command processes
 * @param x264Preset       libx264 preset for house encodes
 * @param x264Crf          libx264 constant rate factor for house encodes
 */
@ConfigurationProperties("ensemble.media")
public record MediaSettings(@DefaultValue("") String ffmpeg,
                            @DefaultValue("") String ffprobe,
                            @DefaultValue("120s") Duration minimumTimeout,
                            @DefaultValue("10s") Duration timeoutPerMediaSecond,
                            @DefaultValue("veryfast") String x264Preset,
                            @DefaultValue("20") int x264Crf) {

    /** A timeout for a command that works through {@code mediaSeconds} of material. */
    public Duration timeoutFor(double mediaSeconds) {
        return minimumTimeout.plus(timeoutPerMediaSecond.multipliedBy((long) Math.ceil(Math.max(0, mediaSeconds))));
    }
}
