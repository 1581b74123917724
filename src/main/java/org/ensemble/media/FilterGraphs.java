package org.ensemble.media;

import java.util.ArrayList;
import java.util.List;
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

    /** The measurement for pieces under 3 s: EBU R128 integrated loudness and true peak of the same downmix. */
    public static String shortPieceAnalysis() {
        return "aformat=channel_layouts=stereo,ebur128=peak=true";
    }

    /**
     * The second loudnorm pass: linear gain from the measurement (loudnorm falls back to its dynamic mode only when
     * the true-peak target cannot be met with gain alone). Silence gets no filter at all: no gain, no noise lifted.
     */
    public static String loudnormCorrection(LoudnessTarget target, LoudnessMeasurement measured) {
        if (measured == null || measured.isSilent()) {
            return "";
        }
        if (!measured.reliable() || measured.integratedLufs() > 0 || measured.thresholdLufs() > 0) {
            // loudnorm takes measured_I and measured_thresh only in [-99, 0]; a clipped, brick-walled master can
            // measure above 0 LUFS, and such a piece is brought down by one plain gain instead
            return plainGain(target, measured);
        }
        return "loudnorm=I=" + num(target.integratedLufs()) + ":TP=" + num(target.truePeakDbtp())
                + ":LRA=" + num(target.rangeLu())
                + ":measured_I=" + num(measured.integratedLufs()) + ":measured_TP=" + num(clampFinite(measured.truePeakDbtp()))
                + ":measured_LRA=" + num(clampFinite(measured.rangeLu())) + ":measured_thresh=" + num(clampFinite(measured.thresholdLufs()))
                + ":offset=" + num(clampFinite(measured.targetOffsetLu())) + ":linear=true:print_format=none";
    }

    /**
     * For pieces too short for loudnorm: one gain that brings the integrated loudness to the target, lowered when the
     * true peak would pass the ceiling (such a piece stays a little quieter than the target rather than distorted).
     */
    static String plainGain(LoudnessTarget target, LoudnessMeasurement measured) {
        double gain = target.integratedLufs() - measured.integratedLufs();
        if (Double.isFinite(measured.truePeakDbtp())) {
            gain = Math.min(gain, target.truePeakDbtp() - measured.truePeakDbtp());
        }
        gain = Math.max(-40, Math.min(40, gain));
        return "volume=" + num(gain) + "dB";
    }

    /** Headroom kept below the true-peak ceiling for the AAC encode, which adds a few tenths of a dB of overshoot. */
    static final double AAC_HEADROOM_DB = 0.5;
    /** The limiter's oversampling factor: at 4 x 48 kHz the sample peak is within a few hundredths of a dB of the true peak. */
    static final int OVERSAMPLING = 4;

    /** The ceiling the limiters hold, in dBFS at the oversampled rate: the show's true peak less room for the AAC encode. */
    public static double ceilingDb(LoudnessTarget target) {
        return target.truePeakDbtp() - AAC_HEADROOM_DB;
    }

    /**
     * A look-ahead limiter at four times the house rate with its delay compensated (so sound stays on its frames), back
     * to the house rate. Its automatic levelling is off: it would undo the loudness correction before it.
     */
    public static String truePeakLimiter(double ceilingDb, HouseProfile p) {
        double ceiling = Math.pow(10, ceilingDb / 20);
        return "aresample=" + OVERSAMPLING * p.sampleRate() + ",alimiter=limit=" + String.format(Locale.ROOT, "%.6f", ceiling)
                + ":attack=5:release=50:level=false:latency=true,aresample=" + p.sampleRate();
    }

    private static double clampFinite(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return Math.max(-99, Math.min(99, value));
    }

    /**
     * What a source picture needs before it is fitted: deinterlacing (one frame per source frame, so the frame rate
     * conversion that follows sees the source's own rate) and HDR tone mapping to SDR BT.709. Empty when nothing.
     */
    public static String sourceConversion(boolean interlaced, String hdrTransfer, FfmpegToolchain.Conversions conversions) {
        List<String> steps = new ArrayList<>();
        if (interlaced && !conversions.deinterlacer().isEmpty()) {
            steps.add(conversions.deinterlacer() + "=mode=send_frame:parity=auto:deint=all");
        }
        if (hdrTransfer != null) {
            steps.add(conversions.toneMapping() ? toneMap(hdrTransfer) : approximateToneMap(hdrTransfer));
        }
        return String.join(",", steps);
    }

    /**
     * HDR (PQ or HLG, BT.2020) to SDR BT.709: to linear light with HDR reference white (203 cd/m2, ITU-R BT.2408) as
     * 1.0 so it lands on SDR white and mid grey on SDR mid grey, BT.709 primaries, then Mobius, which keeps the
     * midtones as they are and rolls the highlights off smoothly (Hable would darken mid grey by a quarter), and
     * back to BT.709 gamma, limited range.
     */
    static String toneMap(String transfer) {
        return "zscale=tin=" + transfer + ":pin=bt2020:min=bt2020nc:rin=tv:t=linear:npl=203,format=gbrpf32le,zscale=p=bt709,"
                + "tonemap=tonemap=mobius:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p";
    }

    /**
     * Without zscale/tonemap: BT.2020 to BT.709 matrix by swscale and a luma curve on the coded values. HLG is made
     * to look acceptable on SDR screens as it is, so it only gets a 1.2 lift (reference white from 180 to SDR white).
     * PQ codes absolute light and puts SDR white near half scale: below mid grey (code 104) it stays, above it rises
     * 2.7 times as fast, so reference white lands near SDR white and brighter highlights clip. Approximate, but
     * neither dark nor washed out.
     */
    static String approximateToneMap(String transfer) {
        String matrix = "scale=in_color_matrix=bt2020:out_color_matrix=bt709:in_range=tv:out_range=tv,format=yuv420p";
        return matrix + (ProbeResult.Stream.PQ.equals(transfer)
                ? ",lutyuv=y='clip(if(lt(val,104),val,104+2.7*(val-104)),16,235)'"
                : ",lutyuv=y='clip(16+(val-16)*1.2,16,235)'");
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
