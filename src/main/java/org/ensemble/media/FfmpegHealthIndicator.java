package org.ensemble.media;

import java.nio.file.Files;

import java.util.Locale;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "ffmpeg": UP while the ffmpeg and ffprobe found at start are still there and
 * executable (a package upgrade or a cleaned temp folder can take them away under a running server).
 */
@Component("ffmpeg")
class FfmpegHealthIndicator extends AbstractHealthIndicator {

    private final FfmpegToolchain toolchain;

    FfmpegHealthIndicator(FfmpegToolchain toolchain) {
        super("FFmpeg check failed");
        this.toolchain = toolchain;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean ffmpeg = Files.isExecutable(toolchain.ffmpeg());
        boolean ffprobe = Files.isExecutable(toolchain.ffprobe());
        (ffmpeg && ffprobe ? builder.up() : builder.down())
                .withDetail("ffmpeg", toolchain.ffmpeg().toString())
                .withDetail("ffprobe", toolchain.ffprobe().toString())
                .withDetail("origin", toolchain.origin())
                .withDetail("version", toolchain.version())
                .withDetail("videoEncoder", toolchain.videoEncoder().name().toLowerCase(Locale.ROOT));
        if (!ffmpeg || !ffprobe) {
            builder.withDetail("problem", (ffmpeg ? "ffprobe" : "ffmpeg") + " is missing or not executable");
        }
    }
}
