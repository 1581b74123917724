package org.ensemble.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Encodes one {@link SegmentRequest} in the house format with a single ffmpeg run: picture and sound come out of
 * one filter graph, cut to whole frames and the exactly matching number of samples.
 */
@Component
public class SegmentEncoder {

    static final int FADE_FRAMES = 4;
    /** freezedetect's own minimum: shorter still stretches are not reported at all. */
    static final double FREEZE_DETECT_SECONDS = 0.25;

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;
    private final MediaSettings settings;

    public SegmentEncoder(FfmpegToolchain toolchain, MediaProcessGateway gateway, MediaSettings settings) {
        this.toolchain = toolchain;
        this.gateway = gateway;
        this.settings = settings;
    }

    /**
     * Decodes the first picture of an image file that Java cannot read (WebP) into a PNG, for the still's plate.
     * Only the picture demuxers are allowed: the file is a contribution.
     */
    public void decodePicture(Path image, Path png) {
        List<String> command = List.of(toolchain.ffmpeg().toString(), "-hide_banner", "-nostdin", "-v", "error", "-y",
                "-protocol_whitelist", "file", "-format_whitelist", "webp_pipe,png_pipe,jpeg_pipe,bmp_pipe,tiff_pipe,image2",
                "-i", image.toString(), "-frames:v", "1", "-c:v", "png", "-f", "image2", png.toString());
        gateway.run(ProcessSpec.of("decode " + image.getFileName(), command, Duration.ofMinutes(2), png));
    }

    public ProcessResult encode(SegmentRequest request, HouseProfile profile, int threads) {
        FfmpegCommand command = command(request, profile, toolchain.videoEncoder(), toolchain.conversions(), settings, threads);
        return gateway.run(new ProcessSpec(request.label(), withProgress(command.commandLine(toolchain.ffmpeg())),
                settings.timeoutFor(profile.seconds(request.frames()) * 3), command.outputFiles(),
                gateway.progressFor(request.label(), request.frames(), profile.frameRate())));
    }

    /** The command with FFmpeg's machine-readable progress report on standard output (global options, after the program). */
    static List<String> withProgress(List<String> commandLine) {
        List<String> args = new ArrayList<>(commandLine);
        args.addAll(1, FfmpegProgress.ARGUMENTS);
        return args;
    }

    static FfmpegCommand command(SegmentRequest r, HouseProfile p, FfmpegToolchain.VideoEncoder encoder,
                                 MediaSettings settings, int threads) {
        return command(r, p, encoder, FfmpegToolchain.Conversions.FULL, settings, threads);
    }

    static FfmpegCommand command(SegmentRequest r, HouseProfile p, FfmpegToolchain.VideoEncoder encoder,
                                 FfmpegToolchain.Conversions conversions, MediaSettings settings, int threads) {
        FfmpegCommand cmd = new FfmpegCommand();
        Map<String, Integer> fileInputs = new LinkedHashMap<>();
        List<String> graph = new ArrayList<>();
        long frames = r.frames();
        long samples = p.samples(frames);
        String fps = Integer.toString(p.frameRate());
        String length = FilterGraphs.seconds(p.seconds(frames));
        String readLength = FilterGraphs.seconds(p.seconds(frames) + 1.0);

        // Picture
        SegmentRequest.Picture picture = r.picture();
        if (picture instanceof SegmentRequest.Footage footage) {
                int in = fileInput(cmd, fileInputs, footage.file(), footage.startSeconds(), readLength);
                String source = in + ":v:0";
                String conversion = FilterGraphs.sourceConversion(footage.interlaced(), footage.hdrTransfer(), conversions);
                if (!conversion.isEmpty()) {
                    graph.add("[" + source + "]" + conversion + "[src]");
                    source = "src";
                }
                graph.add(footage.fill() ? FilterGraphs.fitWithBlurFill(source, "fit", p)
                        : FilterGraphs.fit(source, "fit", p));
                // frozen stretches are found on the house-rate frames (a fixed detector: the show's own limits are applied later)
                String freeze = r.freezeOut() == null ? "" : ",freezedetect=n=-60dB:d=" + FilterGraphs.seconds(FREEZE_DETECT_SECONDS)
                        + ",metadata=mode=print:file=" + MasterScan.fileOption(r.freezeOut());
                graph.add("[fit]fps=" + fps + ":start_time=0,tpad=stop_mode=clone:stop=" + frames + ",trim=end_frame=" + frames
                        + freeze + "[pic]");
        } else if (picture instanceof SegmentRequest.Still still) {
                int in = cmd.inputCount();
                cmd.input(still.plate().toString());
                String travel = frames > 1 ? "*n/" + (frames - 1) : "*0";
                String x = still.scroll() ? "(iw-" + p.width() + ")/2"
                        : (still.reverse() ? "(iw-" + p.width() + ")*(1-1" + travel + ")" : "(iw-" + p.width() + ")" + travel);
                String y = still.scroll() ? "(ih-" + p.height() + ")" + travel
                        : (still.reverse() ? "(ih-" + p.height() + ")" + travel : "(ih-" + p.height() + ")*(1-1" + travel + ")");
                graph.add(held(in, frames, p, "format=yuv444p") + ",crop=" + p.width() + ":" + p.height() + ":x='" + x + "':y='" + y
                        + "',setsar=1,trim=end_frame=" + frames + "[pic]");
        } else if (picture instanceof SegmentRequest.Cards cards) {
                List<Path> images = cards.images();
                long[] shares = cards.frames().stream().mapToLong(Long::longValue).sum() == frames
                        ? cards.frames().stream().mapToLong(Long::longValue).toArray() : shares(frames, images.size());
                StringBuilder concat = new StringBuilder();
                for (int i = 0; i < images.size(); i++) {
                    int in = cmd.inputCount();
                    cmd.input(images.get(i).toString());
                    graph.add(held(in, shares[i], p, "scale=" + p.width() + ":" + p.height() + ",setsar=1,format=yuv420p") + ",trim=end_frame="
                            + shares[i] + ",setpts=PTS-STARTPTS," + FilterGraphs.frameFades(shares[i], FADE_FRAMES * 2)
                            + "[card" + i + "]");
                    concat.append("[card").append(i).append("]");
                }
                graph.add(concat + "concat=n=" + images.size() + ":v=1:a=0[pic]");
        } else if (picture instanceof SegmentRequest.Waveform waveform) {
                int in = cmd.inputCount();
                cmd.input(waveform.background().toString());
                graph.add(held(in, frames, p, "scale=" + p.width() + ":" + p.height() + ",setsar=1,format=yuv420p") + "[wavebg]");
        }

        // Sound
        boolean measuresClipping = false;
        String audioChain = FilterGraphs.exactAudio(p, samples);
        SegmentRequest.Sound sound = r.sound();
        if (sound instanceof SegmentRequest.FromFile file) {
                int in = fileInput(cmd, fileInputs, file.file(), file.startSeconds(), readLength);
                String correction = FilterGraphs.loudnormCorrection(file.target(), file.measured());
                // each piece leaves here under the master's ceiling, so joining the pieces needs no limiter of its own
                String limiter = "," + FilterGraphs.truePeakLimiter(FilterGraphs.ceilingDb(file.target()), p);
                String source = "[" + in + ":" + file.streamSpec() + "]aresample=async=1:first_pts=0,aformat=channel_layouts=stereo";
                if (r.clipOut() != null) {
                    measuresClipping = true;
                    // the source's peaks before any gain or limiter: how much of it sits at full scale (clipped)
                    graph.add(source + ",asplit[srcsnd][srcclip]");
                    graph.add("[srcclip]atrim=end_sample=" + samples + ",asetnsamples=n=" + p.sampleRate() + ":p=0,"
                            + "astats=metadata=1:reset=0:measure_perchannel=none:measure_overall=Peak_level+Peak_count+Number_of_samples,"
                            + "ametadata=mode=print:file=" + MasterScan.fileOption(r.clipOut()) + "[clip]");
                    source = "[srcsnd]anull";
                }
                graph.add(source + (correction.isEmpty() ? "" : "," + correction) + limiter + "," + audioChain + "[snd]");
        } else if (sound instanceof SegmentRequest.Silence) {
                int in = cmd.inputCount();
                cmd.input("anullsrc=r=" + p.sampleRate() + ":cl=" + p.channelLayout() + ":d=" + length, "-f", "lavfi");
                graph.add("[" + in + ":a]" + audioChain + "[snd]");
        } else if (sound instanceof SegmentRequest.Bed bed) {
                int in = cmd.inputCount();
                String level;
                if (bed.file() == null) {
                    cmd.input(toneSource(p) + ":d=" + length, "-f", "lavfi");
                    level = "volume=" + FilterGraphs.num(toneGainDb(bed.targetLufs(), p.seconds(r.frames()))) + "dB";
                } else {
                    List<String> options = new ArrayList<>(List.of("-protocol_whitelist", "file", "-stream_loop", "-1"));
                    if (bed.startSeconds() > 0) {
                        options.addAll(List.of("-ss", FilterGraphs.seconds(bed.startSeconds())));
                    }
                    options.addAll(List.of("-t", readLength));
                    cmd.input(bed.file().toString(), options.toArray(String[]::new));
                    level = "volume=" + FilterGraphs.num(bed.gainDb()) + "dB";
                }
                long fade = Math.min(bed.fadeSamples(), samples / 2);
                graph.add("[" + in + ":a]aresample=async=1:first_pts=0,aformat=channel_layouts=stereo," + level + ","
                        + FilterGraphs.truePeakLimiter(FilterGraphs.ceilingDb(bed.target()), p) + ",atrim=end_sample=" + samples
                        + ",afade=t=in:ss=0:ns=" + fade + ",afade=t=out:ss=" + (samples - fade) + ":ns=" + fade + "," + audioChain + "[snd]");
        } else if (sound instanceof SegmentRequest.Tone tone) {
                int in = cmd.inputCount();
                cmd.input(toneSource(p) + ":d=" + length, "-f", "lavfi");
                graph.add("[" + in + ":a]volume=" + FilterGraphs.num(toneGainDb(tone.targetLufs(), p.seconds(r.frames())))
                        + "dB," + audioChain + "[snd]");
        }

        String soundOut = "snd";
        if (r.picture() instanceof SegmentRequest.Waveform) {
            int w = p.width();
            int h = Math.max(2, p.height() / 4 / 2 * 2);
            graph.add("[snd]asplit[sndout][sndwave]");
            graph.add("[sndwave]showwaves=s=" + w + "x" + h + ":mode=cline:rate=" + fps + ":colors=0xF4E9D8,format=rgba,"
                    + "colorchannelmixer=aa=0.85[wave]");
            graph.add("[wavebg][wave]overlay=0:" + (p.height() * 3 / 5 / 2 * 2) + ":eof_action=repeat,trim=end_frame=" + frames + "[pic]");
            soundOut = "sndout";
        }

        // Credit and fades
        String finalPicture = "pic";
        if (r.lowerThird() != null) {
            int in = cmd.inputCount();
            cmd.input(r.lowerThird().image().toString());
            double show = Math.min(0.5, p.seconds(frames) / 8);
            double hide = Math.max(show + 0.5, Math.min(7.0, p.seconds(frames) - 1.0));
            // the credit lives only while it is visible: after it the overlay passes the picture through untouched
            long visible = Math.min(frames, (long) Math.ceil((hide + 0.5) * p.frameRate()) + 1);
            graph.add(held(in, visible, p, "format=rgba") + ",fade=t=in:st=" + FilterGraphs.seconds(show) + ":d=0.5:alpha=1,fade=t=out:st="
                    + FilterGraphs.seconds(hide) + ":d=0.5:alpha=1[credit]");
            graph.add("[pic][credit]overlay=" + r.lowerThird().x() + ":" + r.lowerThird().y() + ":eof_action=pass[withcredit]");
            finalPicture = "withcredit";
        }
        // the picture is upright by now; FFmpeg 7 can still carry the source's display matrix through a graph with
        // several inputs, and players would then turn the picture a second time
        // black runs are found on the frames as they go to the encoder (d=0: every run, joined across segments later)
        String black = r.blackOut() == null ? "" : ",blackdetect=d=0:pix_th=" + FilterGraphs.num(MasterScan.BLACK_PIXEL_LUMA)
                + ",metadata=mode=print:file=" + MasterScan.fileOption(r.blackOut());
        graph.add("[" + finalPicture + "]" + FilterGraphs.frameFades(frames, FADE_FRAMES)
                + ",sidedata=mode=delete:type=DISPLAYMATRIX,format=" + p.pixelFormat() + black + "[vout]");

        cmd.global("-filter_complex_threads", Integer.toString(threads));
        cmd.filterGraph(String.join(";", graph));
        List<String> video = new ArrayList<>(List.of("-map", "[vout]", "-frames:v", Long.toString(frames), "-r", fps,
                "-fps_mode", "cfr", "-an"));
        video.addAll(videoEncoderArguments(encoder, p, settings, threads));
        cmd.output(r.pictureOut(), video.toArray(String[]::new));
        cmd.output(r.soundOut(), "-map", "[" + soundOut + "]", "-vn", "-c:a", "flac", "-ar", Integer.toString(p.sampleRate()),
                "-ac", Integer.toString(p.channels()));
        if (measuresClipping) {
            // an output of its own, not an anullsink inside the graph: FFmpeg 7.1's scheduler aborts on a graph whose
            // in-graph sink has taken the last of a short input ("Assertion best_input >= 0 failed")
            cmd.discard("-map", "[clip]");
        }
        return cmd;
    }

    /**
     * The frozen stretches of a film from freezedetect's report ({@code freezeOut}), in frames of the segment; one
     * still open at the end lasts to the end.
     */
    public static List<MasterScan.Span> frozenRuns(String report, int fps, long frames) {
        return MasterScan.runs(report, "lavfi.freezedetect.freeze_start=", "lavfi.freezedetect.freeze_end=", fps, frames, 0);
    }

    /**
     * The share of the source's samples, in percent, that sit at digital full scale (clipped), from astats' running
     * report ({@code clipOut}, two channels): NaN when there is no report; 0 when the peak stays under full scale.
     */
    public static double clippedPercent(String report) {
        double peak = lastValue(report, "lavfi.astats.Overall.Peak_level=");
        double count = lastValue(report, "lavfi.astats.Overall.Peak_count=");
        double samples = lastValue(report, "lavfi.astats.Overall.Number_of_samples=");
        if (Double.isNaN(peak) || Double.isNaN(count) || !(samples > 0)) {
            return Double.NaN;
        }
        // astats counts the samples at the peak on both channels; a peak under -0.1 dBFS is a clean one
        return peak < -0.1 ? 0 : 100.0 * count / (samples * 2);
    }

    private static double lastValue(String text, String key) {
        int at = text.lastIndexOf(key);
        if (at < 0) {
            return Double.NaN;
        }
        int end = text.indexOf('\n', at);
        String value = text.substring(at + key.length(), end < 0 ? text.length() : end).trim();
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return value.contains("inf") ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
    }

    /** Frames between keyframes: two seconds, fixed (x264's scene-cut keyframes are off), counted from a segment's start. */
    public static int keyframeInterval(int frameRate) {
        return frameRate * 2;
    }

    /** House H.264 settings; every segment gets the same ones so segments can be joined without re-encoding. */
    public static List<String> videoEncoderArguments(FfmpegToolchain.VideoEncoder encoder, HouseProfile p,
                                                     MediaSettings settings, int threads) {
        String gop = Integer.toString(keyframeInterval(p.frameRate()));
        List<String> args = new ArrayList<>();
        switch (encoder) {
            case LIBX264 -> args.addAll(List.of("-c:v", "libx264", "-preset", settings.x264Preset(),
                    "-crf", Integer.toString(settings.x264Crf()), "-profile:v", "high", "-g", gop, "-keyint_min", gop,
                    "-sc_threshold", "0", "-bf", "2", "-x264-params", "open-gop=0"));
            case LIBOPENH264 -> {
                long bitrate = Math.max(300_000L, (long) p.width() * p.height() * p.frameRate() / 10);
                args.addAll(List.of("-c:v", "libopenh264", "-b:v", Long.toString(bitrate), "-g", gop));
            }
        }
        // every picture is SDR BT.709 by now (HDR is tone-mapped); say so, so players do not guess
        args.addAll(List.of("-pix_fmt", p.pixelFormat(), "-color_primaries", "bt709", "-color_trc", "bt709",
                "-colorspace", "bt709", "-color_range", "tv", "-threads", Integer.toString(threads),
                "-video_track_timescale", Integer.toString(p.frameRate() * 1000)));
        return args;
    }

    /**
     * A still image held for {@code frames} frames at the house rate. The image is decoded once and repeated by the
     * loop filter (an image input looped by the demuxer is decoded again for every frame, many times slower).
     */
    static String held(int input, long frames, HouseProfile p) {
        return held(input, frames, p, "");
    }

    /**
     * The same, with {@code prepare} (scaling, pixel format) applied to the image once, before it is repeated: converting
     * a full-HD card for every frame cost more than encoding it.
     */
    static String held(int input, long frames, HouseProfile p, String prepare) {
        return "[" + input + ":v]" + (prepare.isEmpty() ? "" : prepare + ",") + "loop=loop=" + Math.max(0, frames - 1)
                + ":size=1:start=0,settb=1/" + p.frameRate() + ",setpts=N";
    }

    private static int fileInput(FfmpegCommand cmd, Map<String, Integer> inputs, Path file, double startSeconds, String readLength) {
        String key = file.toAbsolutePath() + "@" + startSeconds;
        Integer existing = inputs.get(key);
        if (existing != null) {
            return existing;
        }
        int index = cmd.inputCount();
        List<String> options = new ArrayList<>(List.of("-protocol_whitelist", "file"));
        if (startSeconds > 0) {
            options.addAll(List.of("-ss", FilterGraphs.seconds(startSeconds)));
        }
        options.addAll(List.of("-t", readLength));
        cmd.input(file.toString(), options.toArray(String[]::new));
        inputs.put(key, index);
        return index;
    }

    /** Splits {@code total} frames into {@code parts} whole shares that add up exactly (earlier shares get the remainder). */
    static long[] shares(long total, int parts) {
        long[] result = new long[parts];
        for (int i = 0; i < parts; i++) {
            result[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return result;
    }

    /** The chord's own integrated loudness once it has swelled in (EBU R128, measured on a 15 s bed). */
    static final double TONE_LUFS = -18.0;

    /**
     * The gain that puts a chord of this length at the target: its steady level, plus what the swell-in takes off a
     * short sting (the first blocks are quieter; 0.9 LU on a 3 s intro, 0.6 on 4 s, 0.2 on 15 s, as measured).
     */
    static double toneGainDb(double targetLufs, double seconds) {
        double swell = seconds > 0.6 ? 10 * Math.log10(seconds / (seconds - 0.55)) : 0;
        return targetLufs - TONE_LUFS + swell;
    }

    /** A soft major chord that swells in and fades away: an intro sting or a bed under the credits. */
    static String toneSource(HouseProfile p) {
        String chord = "0.10*sin(2*PI*220*t)+0.07*sin(2*PI*277.18*t)+0.06*sin(2*PI*329.63*t)+0.04*sin(2*PI*440*t)";
        String envelope = "(1-exp(-2*t))";
        String expr = "(" + chord + ")*" + envelope;
        String channels = p.channels() == 2 ? expr + "|" + expr.replace("220*t", "220.5*t") : expr;
        return String.format(Locale.ROOT, "aevalsrc='%s':s=%d", channels, p.sampleRate());
    }
}
