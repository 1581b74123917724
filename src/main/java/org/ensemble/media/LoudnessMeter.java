package org.ensemble.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures loudness with FFmpeg, decoding audio only. Two instruments: loudnorm's analysis pass (input for
 * the two-pass correction) and ebur128 with true peak, the independent meter used to verify a master.
 */
@Component
public class LoudnessMeter {

    private static final Logger LOG = LoggerFactory.getLogger(LoudnessMeter.class);
    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[\\d.]+|-inf)\\s+LUFS");
    private static final Pattern RANGE = Pattern.compile("LRA:\\s+(-?[\\d.]+)\\s+LU");
    private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[\\d.]+|-inf)\\s+dBFS");

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;
    private final MediaSettings settings;
    private final JsonMapper json = JsonMapper.builder().build();

    public LoudnessMeter(FfmpegToolchain toolchain, MediaProcessGateway gateway, MediaSettings settings) {
        this.toolchain = toolchain;
        this.gateway = gateway;
        this.settings = settings;
    }

    /**
     * loudnorm's first pass over {@code [startSeconds, startSeconds + seconds)} of the file's chosen audio stream.
     * The filter arguments come from {@link FilterGraphs#loudnormAnalysis}.
     */
    public LoudnessMeasurement analyse(Path file, String audioStream, double startSeconds, double seconds,
                                       double targetLufs, double targetTruePeak, double targetRange, String label) {
        return analyse(file, List.of(), audioStream, startSeconds, seconds, targetLufs, targetTruePeak, targetRange, label);
    }

    /**
     * The same, with options for the input (e.g. {@code -f concat -safe 0} for a list of segments). Pieces shorter
     * than {@link LoudnessMeasurement#RELIABLE_SECONDS} are measured with ebur128 instead and marked not reliable:
     * loudnorm looks 3 s ahead, so under that its figures and its second pass cannot be trusted.
     */
    public LoudnessMeasurement analyse(Path file, List<String> inputOptions, String audioStream, double startSeconds,
                                       double seconds, double targetLufs, double targetTruePeak, double targetRange,
                                       String label) {
        boolean reliable = seconds >= LoudnessMeasurement.RELIABLE_SECONDS;
        List<String> cmd = new ArrayList<>(List.of(toolchain.ffmpeg().toString(), "-hide_banner", "-nostats",
                "-protocol_whitelist", "file"));
        cmd.addAll(inputOptions);
        if (startSeconds > 0) {
            cmd.addAll(List.of("-ss", FilterGraphs.seconds(startSeconds)));
        }
        String filter = analysisFilter(seconds, targetLufs, targetTruePeak, targetRange);
        cmd.addAll(List.of("-t", FilterGraphs.seconds(seconds), "-i", file.toString(), "-map", audioStream, "-vn",
                "-af", filter, "-f", "null", "-"));
        ProcessResult result = gateway.run(ProcessSpec.of("loudness " + label, cmd, settings.timeoutFor(seconds)));
        if (reliable) {
            return parseLoudnorm(result.stderrTail());
        }
        LoudnessMeasurement m = parseEbur128Summary(result.stderrTail());
        LOG.info("{} lasts {} s, too short for a dependable loudness measurement; ebur128 says {} LUFS, {} dBTP "
                + "(a plain gain will be used)", label, FilterGraphs.num(seconds), m.integratedLufs(), m.truePeakDbtp());
        return new LoudnessMeasurement(m.integratedLufs(), m.truePeakDbtp(), m.rangeLu(), Double.NaN, Double.NaN, false);
    }

    /**
     * The filter {@link #analyse} measures {@code seconds} of sound with: loudnorm's analysis, or ebur128 for a piece
     * too short for it. What it returns names the measuring method, so a stored measurement can say how it was made.
     */
    public static String analysisFilter(double seconds, double targetLufs, double targetTruePeak, double targetRange) {
        return seconds >= LoudnessMeasurement.RELIABLE_SECONDS ? FilterGraphs.loudnormAnalysis(targetLufs, targetTruePeak, targetRange)
                : FilterGraphs.shortPieceAnalysis();
    }

    /** Measures a finished file with ebur128 (true peak on), as an auditor would. */
    public LoudnessMeasurement measure(Path file, double seconds) {
        List<String> cmd = List.of(toolchain.ffmpeg().toString(), "-hide_banner", "-nostats", "-i", file.toString(),
                "-map", "0:a:0", "-vn", "-af", "ebur128=peak=true", "-f", "null", "-");
        ProcessResult result = gateway.run(ProcessSpec.of("ebur128 " + file.getFileName(), cmd, settings.timeoutFor(seconds)));
        return parseEbur128Summary(result.stderrTail());
    }

    /**
     * Measures the first audio stream of an input after a filter chain (e.g. the master's gain and limiter) with
     * ebur128, true peak on; nothing is written.
     */
    public LoudnessMeasurement measure(Path file, List<String> inputOptions, String filterChain, double seconds, String label) {
        List<String> cmd = new ArrayList<>(List.of(toolchain.ffmpeg().toString(), "-hide_banner", "-nostats",
                "-protocol_whitelist", "file"));
        cmd.addAll(inputOptions);
        cmd.addAll(List.of("-i", file.toString(), "-map", "0:a:0", "-vn", "-af",
                (filterChain.isEmpty() ? "" : filterChain + ",") + "ebur128=peak=true:framelog=verbose", "-f", "null", "-"));
        ProcessResult result = gateway.run(ProcessSpec.of("ebur128 " + label, cmd, settings.timeoutFor(seconds)));
        return parseEbur128Summary(result.stderrTail());
    }

    LoudnessMeasurement parseLoudnorm(String stderr) {
        int start = stderr.lastIndexOf('{');
        int end = stderr.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new MediaProcessException("loudnorm printed no measurement", stderr);
        }
        JsonNode node = json.readTree(stderr.substring(start, end + 1));
        return new LoudnessMeasurement(number(node, "input_i"), number(node, "input_tp"), number(node, "input_lra"),
                number(node, "input_thresh"), number(node, "target_offset"));
    }

    static LoudnessMeasurement parseEbur128Summary(String stderr) {
        int summary = stderr.lastIndexOf("Summary:");
        if (summary < 0) {
            throw new MediaProcessException("ebur128 printed no summary", stderr);
        }
        String text = stderr.substring(summary);
        return new LoudnessMeasurement(find(INTEGRATED, text), find(PEAK, text), find(RANGE, text), Double.NaN, Double.NaN);
    }

    private static double find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new MediaProcessException("ebur128 summary lacks " + pattern.pattern(), text);
        }
        return value(m.group(1));
    }

    private static double number(JsonNode node, String field) {
        return value(node.path(field).asString("nan"));
    }

    private static double value(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (t.equals("inf") || t.equals("+inf")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
