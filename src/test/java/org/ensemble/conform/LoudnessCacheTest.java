package org.ensemble.conform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.LoudnessTarget;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.media.ProcessResult;
import org.ensemble.media.ProcessSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loudness cache on real FFmpeg measurements of a tiny tone. Every FFmpeg run goes through the gateway, which
 * here also writes down what it ran, so "not measured again" is counted, not assumed.
 */
class LoudnessCacheTest {

    static final HouseProfile HOUSE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    static final LoudnessTarget TARGET = new LoudnessTarget(-16, -1.5, 11);

    @TempDir
    Path dir;
    Path home;
    Path tone;
    String hash;
    final List<String> runs = new CopyOnWriteArrayList<>();
    LoudnessCache cache;

    /** The real gateway, remembering the label of every process it starts. */
    class CountingGateway extends MediaProcessGateway {
        @Override
        public ProcessResult runAllowingFailure(ProcessSpec spec) {
            runs.add(spec.label());
            return super.runAllowingFailure(spec);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        home = dir.resolve("home");
        tone = TestMedia.tone(Files.createDirectories(dir.resolve("inbox")).resolve("tone.wav"), 5, -8);
        hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(tone)));
        MediaProcessGateway gateway = new CountingGateway();
        MediaSettings settings = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(10), "veryfast", 20);
        FfmpegToolchain toolchain = FfmpegToolchain.detect(settings, gateway);
        cache = new LoudnessCache(new EnsembleSettings(home, home.resolve("jobs"), 1, Map.of()),
                new LoudnessMeter(toolchain, gateway, settings));
        runs.clear(); // detecting the toolchain runs ffmpeg -version; only measurements count below
    }

    LoudnessMeasurement measure(Path source, long trimIn, long frames, LoudnessTarget target) {
        return cache.measure(source, hash, "0:a:0", trimIn, frames, HOUSE, target, "tone");
    }

    List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("cache/loudness"))) {
            return files.toList();
        }
    }

    @Test
    void aSecondMeasurementOfTheSameRangeIsReadBackWithoutFfmpegOrTheSourceFile() throws IOException {
        // given: one real measurement of 4 s of the tone
        LoudnessMeasurement first = measure(tone, 15, 120, TARGET);
        assertThat(runs).containsExactly("loudness tone");
        // FFmpeg's sine (amplitude 1/8) 8 dB down, mono: about -30 LUFS (it was measured, not made up)
        assertThat(first.integratedLufs()).isBetween(-32.0, -28.0);
        assertThat(first.reliable()).isTrue();
        assertThat(first.thresholdLufs()).isFinite();
        assertThat(cacheFiles()).singleElement().satisfies(f -> assertThat(f.getFileName().toString()).matches("[0-9a-f]{64}\\.json"));

        // when: the source file is gone (the key is the content hash, not the file) and the same range is asked for
        Files.move(tone, dir.resolve("elsewhere.wav"));
        LoudnessMeasurement second = measure(tone, 15, 120, TARGET);

        // then: the very same figures, and FFmpeg did not run again
        assertThat(second).isEqualTo(first);
        assertThat(runs).hasSize(1);
    }

    @Test
    void anotherTrimLengthOrTargetIsMeasuredAfresh() {
        measure(tone, 0, 120, TARGET);
        assertThat(runs).hasSize(1);

        // each differs from the measured one in one input only: every one of them must run FFmpeg
        measure(tone, 15, 120, TARGET);
        assertThat(runs).hasSize(2);
        measure(tone, 0, 110, TARGET);
        assertThat(runs).hasSize(3);
        measure(tone, 0, 120, new LoudnessTarget(-23, -1.5, 11));
        assertThat(runs).hasSize(4);
        measure(tone, 0, 120, new LoudnessTarget(-16, -2.0, 11));
        assertThat(runs).hasSize(5);

        // and all of them are now known
        measure(tone, 0, 120, TARGET);
        measure(tone, 15, 120, TARGET);
        measure(tone, 0, 110, TARGET);
        assertThat(runs).hasSize(5);
    }

    @Test
    void aShortPiecesUnreliableMeasurementKeepsItsMissingFigures() {
        // under 3 s: ebur128, not loudnorm; threshold and offset are NaN, and the piece is marked not reliable
        LoudnessMeasurement first = measure(tone, 0, 60, TARGET);
        assertThat(first.reliable()).isFalse();
        assertThat(first.thresholdLufs()).isNaN();

        LoudnessMeasurement second = measure(tone, 0, 60, TARGET);

        assertThat(runs).hasSize(1);
        assertThat(second).isEqualTo(first);
        assertThat(second.reliable()).isFalse();
        assertThat(second.targetOffsetLu()).isNaN();
    }

    @Test
    void aCorruptOrForeignCacheFileIsMeasuredAgainAndReplaced() throws IOException {
        LoudnessMeasurement first = measure(tone, 0, 120, TARGET);
        Path file = cacheFiles().get(0);
        String good = Files.readString(file);

        // a half-written file (what a crash without the rename would have left)
        Files.writeString(file, good.substring(0, good.length() / 2));
        assertThat(measure(tone, 0, 120, TARGET)).isEqualTo(first);
        assertThat(runs).hasSize(2);
        assertThat(Files.readString(file)).isEqualTo(good);

        // a well-formed file holding another range's figures under this key
        Files.writeString(file, good.replace("|0|120|", "|15|120|"));
        assertThat(measure(tone, 0, 120, TARGET)).isEqualTo(first);
        assertThat(runs).hasSize(3);

        // an empty file, and a figure that is not a number
        Files.writeString(file, "");
        measure(tone, 0, 120, TARGET);
        Files.writeString(file, good.replaceFirst("\"integratedLufs\":[^,]+", "\"integratedLufs\":\"loud\""));
        assertThat(measure(tone, 0, 120, TARGET)).isEqualTo(first);
        assertThat(runs).hasSize(5);

        // once replaced, it is used again; no temporary file is left behind
        measure(tone, 0, 120, TARGET);
        assertThat(runs).hasSize(5);
        assertThat(cacheFiles()).containsExactly(file);
    }

    @Test
    void withoutAContentHashNothingIsCached() throws IOException {
        cache.measure(tone, null, "0:a:0", 0, 120, HOUSE, TARGET, "tone");
        cache.measure(tone, null, "0:a:0", 0, 120, HOUSE, TARGET, "tone");

        assertThat(runs).hasSize(2);
        assertThat(home.resolve("cache/loudness")).doesNotExist();
    }
}
