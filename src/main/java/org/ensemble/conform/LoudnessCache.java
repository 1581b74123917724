package org.ensemble.conform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import org.ensemble.EnsembleSettings;
import org.ensemble.FileTrees;
import org.ensemble.Hashes;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.LoudnessTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loudness measurements kept under {@code <home>/cache/loudness/<key>.json}, so a piece measured once is never
 * decoded again for it: a re-run of a week, or a later week that carries the piece over, reads the figures back.
 * The key names everything the measurement depends on (the source's bytes by their hash, the stream, the measured
 * range, the target and the measuring filter), so a file found under it is the right one. A file is written beside
 * its place and renamed into it whole; one that cannot be read is measured again, never trusted and never fatal.
 */
@Component
class LoudnessCache {

    private static final Logger LOG = LoggerFactory.getLogger(LoudnessCache.class);
    /** Bump when what a measurement means changes (not its inputs: those are in the key), so old files are not used. */
    static final String VERSION = "1";
    private static final String[] FIELDS = {"integratedLufs", "truePeakDbtp", "rangeLu", "thresholdLufs", "targetOffsetLu"};

    private final Path root;
    private final LoudnessMeter meter;
    private final JsonMapper json = JsonMapper.builder().build();

    LoudnessCache(EnsembleSettings settings, LoudnessMeter meter) {
        this.root = settings.cache().resolve("loudness");
        this.meter = meter;
    }

    /**
     * The loudness of {@code frames} house frames of the source's {@code audioStream} from {@code trimIn}, as
     * {@link LoudnessMeter#analyse} measures it; from the cache when it was measured before, in which case the source
     * is not read at all.
     *
     * @param sourceHash SHA-256 of the source's bytes (as ingest recorded it); null measures without the cache
     */
    LoudnessMeasurement measure(Path source, String sourceHash, String audioStream, long trimIn, long frames,
                                HouseProfile profile, LoudnessTarget target, String label) {
        double start = profile.seconds(trimIn);
        double seconds = profile.seconds(frames);
        if (sourceHash == null) {
            return analyse(source, audioStream, start, seconds, target, label);
        }
        String canonical = canonical(sourceHash, audioStream, trimIn, frames, profile.frameRate(), target, seconds);
        Path file = root.resolve(key(canonical) + ".json");
        LoudnessMeasurement known = read(file, canonical, label);
        if (known != null) {
            LOG.info("{}: loudness from the cache ({})", label, file.getFileName());
            return known;
        }
        LoudnessMeasurement measured = analyse(source, audioStream, start, seconds, target, label);
        write(file, canonical, measured, label);
        return measured;
    }

    private LoudnessMeasurement analyse(Path source, String audioStream, double start, double seconds, LoudnessTarget target,
                                        String label) {
        return meter.analyse(source, audioStream, start, seconds, target.integratedLufs(), target.truePeakDbtp(),
                target.rangeLu(), label);
    }

    /** Everything the measurement depends on, in one line; the file repeats it, so a reader can see what it holds. */
    static String canonical(String sourceHash, String audioStream, long trimIn, long frames, int frameRate,
                            LoudnessTarget target, double seconds) {
        return String.join("|", VERSION, sourceHash, audioStream, Long.toString(trimIn), Long.toString(frames),
                frameRate + "fps", String.format(Locale.ROOT, "I=%s/TP=%s/LRA=%s", target.integratedLufs(),
                        target.truePeakDbtp(), target.rangeLu()),
                LoudnessMeter.analysisFilter(seconds, target.integratedLufs(), target.truePeakDbtp(), target.rangeLu()));
    }

    static String key(String canonical) {
        return Hashes.sha256(canonical);
    }

    /** The stored measurement, or null when there is none or it cannot be trusted (then it is measured again). */
    private LoudnessMeasurement read(Path file, String canonical, String label) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            LOG.warn("{}: cannot read the cached loudness {} ({}); measuring again", label, file, e.toString());
            return null;
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (!canonical.equals(node.path("measures").asString(null))) {
                throw new IllegalArgumentException("it holds the measurement of " + node.path("measures").asString(null));
            }
            double[] v = new double[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                v[i] = number(node, FIELDS[i]);
            }
            JsonNode reliable = node.path("reliable");
            if (!reliable.isBoolean()) {
                throw new IllegalArgumentException("no 'reliable'");
            }
            return new LoudnessMeasurement(v[0], v[1], v[2], v[3], v[4], reliable.asBoolean());
        } catch (JacksonException | IllegalArgumentException e) {
            LOG.warn("{}: the cached loudness {} is unusable ({}); measuring again", label, file, e.getMessage());
            return null;
        }
    }

    /** Finite figures are JSON numbers; silence (-Infinity) and "not measured" (NaN) are written as Java spells them. */
    private static double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isString()) {
            double d = Double.parseDouble(value.asString()); // NumberFormatException is an IllegalArgumentException
            if (Double.isFinite(d)) {
                throw new IllegalArgumentException(field + " is a finite number written as text");
            }
            return d;
        }
        throw new IllegalArgumentException("no '" + field + "'");
    }

    /** Writes beside the final place, then renames: a reader sees the whole file or none. A failure only costs a re-measure. */
    private void write(Path file, String canonical, LoudnessMeasurement m, String label) {
        ObjectNode node = json.createObjectNode();
        node.put("measures", canonical);
        double[] v = {m.integratedLufs(), m.truePeakDbtp(), m.rangeLu(), m.thresholdLufs(), m.targetOffsetLu()};
        for (int i = 0; i < FIELDS.length; i++) {
            if (Double.isFinite(v[i])) {
                node.put(FIELDS[i], v[i]);
            } else {
                node.put(FIELDS[i], Double.toString(v[i]));
            }
        }
        node.put("reliable", m.reliable());
        try {
            FileTrees.replace(file, json.writeValueAsBytes(node));
        } catch (IOException | JacksonException e) {
            LOG.warn("{}: cannot keep its loudness in the cache ({}); it will be measured again next time", label, e.toString());
        }
    }
}
