package org.ensemble.media;

/**
 * The house format every segment and every master is made in. Time in Ensemble is counted in frames at
 * {@code frameRate} and samples at {@code sampleRate}; the rate pair must give a whole number of samples per
 * frame (48000 / 30 = 1600), so a segment of N frames carries exactly N * samplesPerFrame samples and
 * nothing drifts when segments are joined.
 */
public record HouseProfile(int width, int height, int frameRate, String pixelFormat,
                           int sampleRate, int channels, int audioBitrateKbps) {

    public HouseProfile {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("House size must be positive and even, got " + width + "x" + height);
        }
        if (frameRate <= 0 || sampleRate <= 0 || sampleRate % frameRate != 0) {
            throw new IllegalArgumentException("Sample rate " + sampleRate + " is not a whole number of samples per frame at "
                    + frameRate + " fps");
        }
        if (channels != 1 && channels != 2) {
            throw new IllegalArgumentException("House audio must be mono or stereo, got " + channels + " channels");
        }
    }

    public int samplesPerFrame() {
        return sampleRate / frameRate;
    }

    public long samples(long frames) {
        return frames * samplesPerFrame();
    }

    /** Seconds, only for the edge where FFmpeg wants them. */
    public double seconds(long frames) {
        return frames / (double) frameRate;
    }

    /** Whole frames covering at most {@code seconds}, rounding down (used when reading a file's own duration). */
    public long framesIn(double seconds) {
        return (long) Math.floor(seconds * frameRate + 1e-6);
    }

    public String channelLayout() {
        return channels == 2 ? "stereo" : "mono";
    }

    /** A compact fingerprint for cache keys. */
    public String fingerprint() {
        return width + "x" + height + "@" + frameRate + ":" + pixelFormat + ":" + sampleRate + "/" + channels + ":" + audioBitrateKbps;
    }
}
