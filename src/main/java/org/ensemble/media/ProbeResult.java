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
                         boolean attachedPicture, boolean isDefault, double sampleAspectRatio, String fieldOrder,
                         String colorTransfer, String colorPrimaries) {

        /** Transfer characteristics of HDR video, as ffprobe names them. */
        public static final String PQ = "smpte2084";
        public static final String HLG = "arib-std-b67";

        public boolean isVideo() {
            return "video".equals(codecType) && !attachedPicture;
        }

        public boolean isAudio() {
            return "audio".equals(codecType);
        }

        /** Width and height as displayed: non-square pixels made square, then rotation metadata honoured. */
        public int displayWidth() {
            return Math.abs(rotation) % 180 == 90 ? height : squareWidth();
        }

        public int displayHeight() {
            return Math.abs(rotation) % 180 == 90 ? squareWidth() : height;
        }

        private int squareWidth() {
            return sampleAspectRatio > 0 ? (int) Math.round(width * sampleAspectRatio) : width;
        }

        /** Whether the stream says its frames are interlaced (field order tt, bb, tb or bt). */
        public boolean interlaced() {
            return List.of("tt", "bb", "tb", "bt").contains(fieldOrder);
        }

        /** The HDR transfer ({@link #PQ} or {@link #HLG}) when the picture needs tone mapping, else empty. */
        public Optional<String> hdrTransfer() {
            return PQ.equals(colorTransfer) || HLG.equals(colorTransfer) ? Optional.of(colorTransfer) : Optional.empty();
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

    /** The chosen audio stream as an FFmpeg specifier relative to the input ("a:N", N counting audio streams only). */
    public Optional<String> audioStreamSpec() {
        List<Stream> audio = streams.stream().filter(Stream::isAudio).toList();
        return audio().map(a -> "a:" + audio.indexOf(a));
    }

    /**
     * How long the piece lasts: the picture's own duration when there is a picture (sound that runs on is cut to
     * it, sound that starts late or stops early is padded), else the container's.
     */
    public double usableSeconds() {
        double picture = video().map(Stream::durationSeconds).orElse(0.0);
        return picture > 0 ? picture : durationSeconds;
    }

    /** A video with a single frame: it is a picture, held for as long as the piece lasts. */
    public boolean singleFrame() {
        return video().map(v -> v.frameCount() == 1).orElse(false);
    }

    public boolean hasVideo() {
        return video().isPresent();
    }

    public boolean hasAudio() {
        return audio().isPresent();
    }
}
