package org.ensemble.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;
import org.ensemble.show.ShowCatalog;
import org.ensemble.show.ShowDefinition;
import org.ensemble.show.SoundBed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A piece with no sound of its own plays over the show's sound bed: a file from the show's assets, looped when the
 * piece is longer, set to its level against the target, faded in and out at the joins, each piece from its own place
 * in the file; or the soft chord.
 */
class SoundBedTest {

    @TempDir
    static Path dir;

    static MediaProcessGateway gateway;
    static FfmpegToolchain toolchain;
    static MediaSettings media;
    static ShowDefinition tiny;
    static Path bedFile;

    @BeforeAll
    static void tools() {
        media = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(10), "ultrafast", 20);
        gateway = new MediaProcessGateway();
        toolchain = FfmpegToolchain.detect(media, gateway);
        tiny = new ShowCatalog(new EnsembleSettings(dir, Path.of("src/test/resources/jobs"), 1, Map.of())).require("tiny-show");
        // a 3-second bed of a tone at about -26 LUFS: a photo of 5 s needs it looped
        bedFile = TestMedia.tone(dir.resolve("bed.wav"), 3, -10);
    }

    static ShowDefinition withBed(SoundBed bed) {
        return new ShowDefinition(tiny.id(), tiny.title(), tiny.description(), tiny.timeZone(), tiny.cron(), tiny.airDay(),
                tiny.airTime(), tiny.runtimeFrames(), tiny.loudness(), tiny.profile(), tiny.rules(), tiny.quality(), bed);
    }

    /** The photo's segment over {@code show}'s bed; returns its sound file. */
    static Path photoSegment(ShowDefinition show, String id, long frames) throws IOException {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        Path photo = TestMedia.picture(inbox.resolve(id + ".png"), 400, 300);
        EnsembleSettings settings = new EnsembleSettings(dir.resolve("home-" + id), Path.of("src/test/resources/jobs"), 1, Map.of());
        MediaProbe probe = new MediaProbe(toolchain, gateway);
        Beds beds = new Beds(new LoudnessMeter(toolchain, gateway, media), probe);
        SegmentFactory factory = new SegmentFactory(settings, new org.ensemble.media.SegmentEncoder(toolchain, gateway, media), probe, media);
        SegmentSpec spec = new SegmentSpec(id, SegmentSpec.Kind.STILL, photo, org.ensemble.Hashes.sha256(photo), 0, frames, null,
                null, new Credit("Cy", null, "Pattern", "Photography"), java.util.List.of(), 400, 300,
                beds.forPiece(show, id).orElseThrow());
        return factory.materialize(spec, show.profile(), show.loudness()).sound();
    }

    @Test
    void aFileBedIsLoopedSetToItsLevelAndFadedAtTheJoins() throws IOException {
        // given the show's bed file at 3 dB under the target, and a photo of 5 s (longer than the 3 s file)
        ShowDefinition show = withBed(new SoundBed(bedFile, -3, 15));

        // when the photo's segment is made
        Path sound = photoSegment(show, "c1", 150);

        // then its sound lasts exactly the piece, plays all through (the file looped), measures the bed's level and
        // fades in and out over half a second
        LoudnessMeasurement m = new LoudnessMeter(toolchain, gateway, media).measure(sound, 5);
        assertThat(m.integratedLufs()).isCloseTo(-19.0, Offset.offset(0.5));
        short[] samples = samples(sound);
        assertThat(samples.length / 2).isEqualTo(150 * 1600);
        assertThat(peak(samples, 0, 480)).as("first 10 ms").isLessThan(200);
        assertThat(peak(samples, 24000, 48000)).as("from 0.5 s").isGreaterThan(3000);
        assertThat(peak(samples, 48000 * 3, 48000 * 4)).as("after the file's 3 s, looped").isGreaterThan(3000);
        assertThat(peak(samples, 150 * 1600 - 480, 150 * 1600)).as("last 10 ms").isLessThan(200);
    }

    @Test
    void eachPieceStartsAtItsOwnPlaceInTheBedTheSamePieceAlwaysAtTheSame() {
        ShowDefinition show = withBed(new SoundBed(Path.of("jobs/assets/create-together/bed.flac").toAbsolutePath(), 0, 15));
        Beds beds = new Beds(new LoudnessMeter(toolchain, gateway, media), new MediaProbe(toolchain, gateway));

        java.util.Set<Long> starts = new java.util.TreeSet<>();
        for (String id : java.util.List.of("ct-01", "ct-02", "ct-03", "ct-04", "ct-05", "ct-06")) {
            BedSound bed = beds.forPiece(show, id).orElseThrow();
            assertThat(beds.forPiece(show, id)).contains(bed);
            assertThat(bed.startSample() % 48000).isZero();
            assertThat(bed.startSample()).isBetween(0L, 31L * 48000);
            starts.add(bed.startSample());
        }
        assertThat(starts).hasSizeGreaterThan(3);
        // the show's own bed, as its file measures: set to the target by its gain
        BedSound one = beds.forPiece(show, "ct-01").orElseThrow();
        assertThat(one.fileLufs() + one.gainDb()).isCloseTo(-16.0, Offset.offset(0.001));
        assertThat(one.fileHash()).hasSize(64);
    }

    @Test
    void theChordBedNeedsNoFile() throws IOException {
        // given the tiny show's bed: the soft chord at the target
        Path sound = photoSegment(tiny, "c2", 120);

        LoudnessMeasurement m = new LoudnessMeter(toolchain, gateway, media).measure(sound, 4);
        assertThat(m.integratedLufs()).isCloseTo(-16.0, Offset.offset(1.0));
    }

    static short[] samples(Path sound) {
        byte[] raw = TestMedia.ffmpegOutput("-i", sound.toString(), "-f", "s16le", "-ac", "2", "-ar", "48000", "-");
        short[] s = new short[raw.length / 2];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    /** The largest absolute sample of frames [from, to) (stereo, interleaved). */
    static int peak(short[] samples, int from, int to) {
        int peak = 0;
        for (int i = from * 2; i < to * 2; i++) {
            peak = Math.max(peak, Math.abs(samples[i]));
        }
        return peak;
    }
}
