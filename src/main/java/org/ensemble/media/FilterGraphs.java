package org.ensemble.media;

import java.util.Locale;

/** The filter expressions Ensemble uses, as pure functions so they can be tested as text. */
public final class FilterGraphs {

    private FilterGraphs() {
    }

    public static String seconds(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** loudnorm's measuring pass; the downmix comes first so the measurement matches what the encode corrects. */
    public static String loudnormAnalysis(double targetLufs, double targetTruePeak, double targetRange) {
        return "aformat=channel_layouts=stereo,loudnorm=I=" + num(targetLufs) + ":TP=" + num(targetTruePeak)
                + ":LRA=" + num(targetRange) + ":print_format=json";
    }

    /**
     * The second loudnorm pass: linear gain from the measurement (loudnorm falls back to its dynamic mode only when
     * the true-peak target cannot be met with gain alone). Silence gets no filter at all: no gain, no noise lifted.
     */
    public static String loudnormCorrection(LoudnessTarget target, LoudnessMeasurement measured) {
        if (measured == null || measured.isSilent()) {
            return "";
        }
        return "loudnorm=I=" + num(target.integratedLufs()) + ":TP=" + num(target.truePeakDbtp())
                + ":LRA=" + num(target.rangeLu())
                + ":measured_I=" + num(measured.integratedLufs()) + ":measured_TP=" + num(clampFinite(measured.truePeakDbtp()))
                + ":measured_LRA=" + num(clampFinite(measured.rangeLu())) + ":measured_thresh=" + num(clampFinite(measured.thresholdLufs()))
                + ":offset=" + num(clampFinite(measured.targetOffsetLu())) + ":linear=true:print_format=none";
    }

    private static double clampFinite(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return Math.max(-99, Math.min(99, value));
    }

    /** Fits any picture into the house frame: square pixels, aspect kept, the rest filled with a blurred, darkened copy. */
    public static String fitWithBlurFill(String in, String out, HouseProfile p) {
        int w = p.width();
        int h = p.height();
        int sw = Math.max(2, w / 8 / 2 * 2);
        int sh = Math.max(2, h / 8 / 2 * 2);
        String id = out.replaceAll("[^a-z0-9]", "");
        return "[" + in + "]scale='trunc(iw*sar/2)*2':'trunc(ih/2)*2',setsar=1,split[" + id + "f][" + id + "b];"
                + "[" + id + "b]scale=" + sw + ":" + sh + ":force_original_aspect_ratio=increase,crop=" + sw + ":" + sh
                + ",gblur=sigma=3,lutyuv=y=val*0.55,scale=" + w + ":" + h + ",setsar=1[" + id + "bg];"
                + "[" + id + "f]scale=" + w + ":" + h + ":force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1[" + id + "fg];"
                + "[" + id + "bg][" + id + "fg]overlay=(W-w)/2:(H-h)/2[" + out + "]";
    }

    /** Scales a picture that already has the house shape into the house frame (square pixels, even size, padded if a pixel off). */
    public static String fit(String in, String out, HouseProfile p) {
        return "[" + in + "]scale='trunc(iw*sar/2)*2':'trunc(ih/2)*2',setsar=1,scale=" + p.width() + ":" + p.height()
                + ":force_original_aspect_ratio=decrease:force_divisible_by=2,pad=" + p.width() + ":" + p.height()
                + ":(ow-iw)/2:(oh-ih)/2,setsar=1[" + out + "]";
    }

    /** Exactly {@code samples} samples of house audio: resampled, laid out, padded with silence or cut, faded at both ends. */
    public static String exactAudio(HouseProfile p, long samples) {
        long fade = Math.min(p.sampleRate() / 100, samples / 4);
        return "aresample=" + p.sampleRate() + ",aformat=sample_fmts=s16:sample_rates=" + p.sampleRate()
                + ":channel_layouts=" + p.channelLayout() + ",apad=whole_len=" + samples + ",atrim=end_sample=" + samples
                + (fade > 0 ? ",afade=t=in:ss=0:ns=" + fade + ",afade=t=out:ss=" + (samples - fade) + ":ns=" + fade : "");
    }

    /** A few frames' dip from and to black at the ends of a segment, in whole frames. */
    public static String frameFades(long frames, int fadeFrames) {
        int n = (int) Math.min(fadeFrames, frames / 4);
        if (n <= 0) {
            return "null";
        }
        return "fade=t=in:s=0:n=" + n + ",fade=t=out:s=" + (frames - n) + ":n=" + n;
    }
}
