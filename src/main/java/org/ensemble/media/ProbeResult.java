package org.ensemble.media;

import java.util.List;
import java.util.Optional;

/**
 * What ffprobe says is inside a file. Durations are as the container reports them (seconds), since this is the
 * edge where a file's own clock meets ours; callers convert to frames and samples right away.
 */
public record ProbeResult(String formatName, double durationSeconds, long sizeBytes, List<Stream> streams) {

    public record Stream(int index, String codecType, String codecName, int width, int height,
                         String pixelFormat, double frameRate, double averageFrameRate, long frameCount,
                         int rotation, int sampleRate, int channels, double durationSeconds,
                         boolean attachedPicture, boolean isDefault) {

        public boolean isVideo() {
            return "video".equals(codecType) && !attachedPicture;
        }

        public boolean isAudio() {
            return "audio".equals(codecType);
        }

        /** Width and height as displayed, after honouring rotation metadata. */
        public int displayWidth() {
            return Math.abs(rotation) % 180 == 90 ? height : width;
        }

        public int displayHeight() {
            return Math.abs(rotation) % 180 == 90 ? width : height;
        }
    }

    public Optional<Stream> video() {
        return streams.stream().filter(Stream::isVideo).findFirst();
    }

    /** The audio stream to use: the one marked default, else the first. */
    public Optional<Stream> audio() {
        return streams.stream().filter(Stream::isAudio).filter(Stream::isDefault).findFirst()
                .or(() -> streams.stream().filter(Stream::isAudio).findFirst());
    }

    public boolean hasVideo() {
        return video().isPresent();
    }

    public boolean hasAudio() {
        return audio().isPresent();
    }
}
