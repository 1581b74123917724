package org.ensemble.media;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ffmpeg and ffprobe binaries this process uses and what they can do. Found once at start:
 * a configured path wins, then the system binaries on the PATH, then the binaries that ship inside the jar
 * ({@code org.bytedeco:ffmpeg}'s GPL build, with libx264 like the system one; see {@link BundledFfmpeg}), so a machine
 * with only a JDK still runs.
 */
public final class FfmpegToolchain {

    private static final Logger LOG = LoggerFactory.getLogger(FfmpegToolchain.class);
    private static final List<String> REQUIRED_FILTERS = List.of("loudnorm", "ebur128", "scale", "pad", "overlay",
            "fps", "apad", "atrim", "showwaves", "gblur", "crop", "tpad", "afade", "fade", "concat", "sidedata");

    /** The value of {@code ensemble.media.ffmpeg} that forces the binaries bundled in the jar. */
    public static final String BUNDLED = "bundled";

    private final Path ffmpeg;
    private final Path ffprobe;
    private final String origin;
    private final String version;
    private final VideoEncoder videoEncoder;
    private final Conversions conversions;

    FfmpegToolchain(Path ffmpeg, Path ffprobe, String origin, String version, VideoEncoder videoEncoder,
                    Conversions conversions) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.origin = origin;
        this.version = version;
        this.videoEncoder = videoEncoder;
        this.conversions = conversions;
    }

    /**
     * Optional picture conversions this FFmpeg can do (builds differ: the bundled one lacks GPL filters, distribution
     * builds may lack zimg).
     *
     * @param toneMapping  zscale and tonemap are there, so HDR (PQ, HLG) can be tone-mapped properly to SDR BT.709
     * @param deinterlacer the deinterlacing filter to use (yadif, else bwdif), empty when there is none
     */
    public record Conversions(boolean toneMapping, String deinterlacer) {
        /** Everything, as in a full FFmpeg build. */
        public static final Conversions FULL = new Conversions(true, "yadif");

        static Conversions from(String filtersListing) {
            boolean toneMapping = hasFilter(filtersListing, "zscale") && hasFilter(filtersListing, "tonemap");
            // yadif keeps each output frame to one field's picture where bwdif blends neighbouring fields
            String deinterlacer = hasFilter(filtersListing, "yadif") ? "yadif" : hasFilter(filtersListing, "bwdif") ? "bwdif" : "";
            return new Conversions(toneMapping, deinterlacer);
        }
    }

    /** The H.264 encoders Ensemble knows how to drive, best first. */
    public enum VideoEncoder { LIBX264, LIBOPENH264 }

    public Path ffmpeg() { return ffmpeg; }
    public Path ffprobe() { return ffprobe; }
    public String origin() { return origin; }
    public String version() { return version; }
    public VideoEncoder videoEncoder() { return videoEncoder; }
    public Conversions conversions() { return conversions; }

    /**
     * {@link #detect(MediaSettings, MediaProcessGateway, Path)} for code that has no home folder (tests, benchmarks):
     * the bundled FFmpeg, when it is the one used, is unpacked under the system's temporary folder.
     */
    public static FfmpegToolchain detect(MediaSettings settings, MediaProcessGateway gateway) {
        return detect(settings, gateway, Path.of(System.getProperty("java.io.tmpdir"), "ensemble-tools"));
    }

    /**
     * Finds the FFmpeg to use and checks what it can do. The bundled one is unpacked under {@code tools} (once) when
     * it is the one used.
     */
    public static FfmpegToolchain detect(MediaSettings settings, MediaProcessGateway gateway, Path tools) {
        if (settings.ffmpeg().equals(BUNDLED)) {
            return bundled(tools, gateway, "bundled (org.bytedeco:ffmpeg GPL build), as configured");
        }
        if (!settings.ffmpeg().isBlank()) {
            Path ffmpeg = Path.of(settings.ffmpeg());
            Path ffprobe = settings.ffprobe().isBlank() ? ffmpeg.resolveSibling("ffprobe") : Path.of(settings.ffprobe());
            for (Path program : List.of(ffmpeg, ffprobe)) {
                if (!Files.isExecutable(program)) {
                    throw new MediaToolsUnavailableException("The configured " + program.getFileName() + " " + program
                            + " is not an executable file; fix ensemble.media.ffmpeg/ffprobe or leave them empty");
                }
            }
            return runnable(ffmpeg, ffprobe, "configured", gateway);
        }
        Optional<Path> systemFfmpeg = onPath("ffmpeg");
        Optional<Path> systemFfprobe = onPath("ffprobe");
        if (systemFfmpeg.isPresent() && systemFfprobe.isPresent()) {
            return runnable(systemFfmpeg.get(), systemFfprobe.get(), "system", gateway);
        }
        return bundled(tools, gateway, "bundled (org.bytedeco:ffmpeg GPL build)");
    }

    private static FfmpegToolchain runnable(Path ffmpeg, Path ffprobe, String origin, MediaProcessGateway gateway) {
        try {
            return probeCapabilities(ffmpeg, ffprobe, origin, gateway);
        } catch (MediaProcessException e) {
            throw new MediaToolsUnavailableException("The " + origin + " " + ffmpeg + " does not run ("
                    + MediaProcessException.lastLines(e.getMessage(), 1) + "); reinstall it (Debian: apt-get install ffmpeg)", e);
        }
    }

    private static FfmpegToolchain bundled(Path tools, MediaProcessGateway gateway, String origin) {
        BundledFfmpeg.Installation installation = BundledFfmpeg.install(tools);
        gateway.environment(installation.ffmpeg(), installation.environment());
        gateway.environment(installation.ffprobe(), installation.environment());
        try {
            return probeCapabilities(installation.ffmpeg(), installation.ffprobe(), origin, gateway);
        } catch (MediaProcessException e) {
            throw new MediaToolsUnavailableException("No ffmpeg on the PATH and the bundled one cannot start here ("
                    + MediaProcessException.lastLines(e.getMessage(), 1) + "); install ffmpeg (Debian: apt-get install ffmpeg)", e);
        }
    }

    static FfmpegToolchain probeCapabilities(Path ffmpeg, Path ffprobe, String origin, MediaProcessGateway gateway) {
        Duration quick = Duration.ofSeconds(30);
        String versionOut = gateway.run(ProcessSpec.of("ffmpeg version", List.of(ffmpeg.toString(), "-hide_banner", "-version"), quick)).stdout();
        gateway.run(ProcessSpec.of("ffprobe version", List.of(ffprobe.toString(), "-hide_banner", "-version"), quick));
        String encoders = gateway.run(ProcessSpec.of("ffmpeg encoders", List.of(ffmpeg.toString(), "-hide_banner", "-encoders"), quick)).stdout();
        String filters = gateway.run(ProcessSpec.of("ffmpeg filters", List.of(ffmpeg.toString(), "-hide_banner", "-filters"), quick)).stdout();

        VideoEncoder encoder = chooseEncoder(encoders)
                .orElseThrow(() -> new MediaToolsUnavailableException(ffmpeg + " has neither libx264 nor libopenh264; "
                        + "install a full ffmpeg (Debian: apt-get install ffmpeg) or set ensemble.media.ffmpeg"));
        if (!encoders.matches("(?s).*\\baac\\b.*")) {
            throw new MediaToolsUnavailableException(ffmpeg + " has no AAC encoder; install a full ffmpeg (Debian: apt-get install ffmpeg)");
        }
        List<String> missing = new ArrayList<>();
        for (String filter : REQUIRED_FILTERS) {
            if (!hasFilter(filters, filter)) {
                missing.add(filter);
            }
        }
        if (!missing.isEmpty()) {
            throw new MediaToolsUnavailableException(ffmpeg + " lacks the filters " + missing + "; install a full ffmpeg (Debian: apt-get install ffmpeg)");
        }
        String version = firstVersion(versionOut);
        Conversions conversions = Conversions.from(filters);
        LOG.info("FFmpeg {} ({}) at {}; H.264 encoder {}; HDR tone mapping {}; deinterlacer {}", version, origin, ffmpeg,
                encoder, conversions.toneMapping() ? "zscale+tonemap" : "approximate (no zscale/tonemap)",
                conversions.deinterlacer().isEmpty() ? "none" : conversions.deinterlacer());
        if (!conversions.toneMapping()) {
            LOG.warn("{} has no zscale/tonemap filters: HDR footage gets an approximate curve instead of proper tone mapping", ffmpeg);
        }
        if (conversions.deinterlacer().isEmpty()) {
            LOG.warn("{} has neither yadif nor bwdif: interlaced footage is scaled as it is", ffmpeg);
        }
        return new FfmpegToolchain(ffmpeg, ffprobe, origin, version, encoder, conversions);
    }

    static boolean hasFilter(String filtersListing, String filter) {
        return Pattern.compile("^\\s*\\S+\\s+" + Pattern.quote(filter) + "\\s", Pattern.MULTILINE).matcher(filtersListing).find();
    }

    static Optional<VideoEncoder> chooseEncoder(String encodersListing) {
        if (Pattern.compile("^\\s*V\\S*\\s+libx264\\s", Pattern.MULTILINE).matcher(encodersListing).find()) {
            return Optional.of(VideoEncoder.LIBX264);
        }
        if (Pattern.compile("^\\s*V\\S*\\s+libopenh264\\s", Pattern.MULTILINE).matcher(encodersListing).find()) {
            return Optional.of(VideoEncoder.LIBOPENH264);
        }
        return Optional.empty();
    }

    private static String firstVersion(String versionOut) {
        Matcher m = Pattern.compile("ffmpeg version (\\S+)").matcher(versionOut);
        return m.find() ? m.group(1) : "unknown";
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

}
