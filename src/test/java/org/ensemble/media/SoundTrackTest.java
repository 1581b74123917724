package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programme's sound encoded in kept chunks and joined: measured against one encode of the whole, on the decoded
 * samples.
 */
class SoundTrackTest {

    private static final HouseProfile HOUSE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    private static final MediaSettings SETTINGS = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(5),
            "ultrafast", 23);
    /** Segment lengths in frames: none a whole number of AAC frames, one too short for an inside of its own. */
    private static final int[] FRAMES = {95, 61, 130, 77};

    @TempDir
    Path dir;

    private final MediaProcessGateway gateway = new MediaProcessGateway();
    private final FfmpegToolchain toolchain = FfmpegToolchain.detect(SETTINGS, gateway);

    @Test
    void theChunksCoverTheTrackAndEachInsideReadsOneSegmentOnly() {
        long[] starts = {0, 152_000, 249_600, 457_600};
        long total = 580_800;

        List<SoundTrack.Chunk> chunks = SoundTrack.plan(starts, total, 32);

        // contiguous from the priming packet to the last one, each encoded from whole frames before its first
        assertThat(chunks.get(0).first()).isZero();
        assertThat(chunks.get(chunks.size() - 1).end()).isEqualTo(SoundTrack.packets(total)).isEqualTo(569);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).first()).isEqualTo(chunks.get(i - 1).end());
        }
        chunks.forEach(c -> assertThat(c.from() % SoundTrack.FRAME).isZero());
        chunks.forEach(c -> assertThat(c.from()).isEqualTo((c.first() - c.skip()) * SoundTrack.FRAME));
        // 61 frames (97 600 samples) leave no inside with 32 frames of roll on each side: it is in the chunk across it
        assertThat(chunks).extracting(SoundTrack.Chunk::first).containsExactly(0L, 32L, 116L, 276L, 414L, 479L, 535L);
        SoundTrack.Chunk inside = chunks.get(3);
        assertThat(inside.from()).isGreaterThanOrEqualTo(starts[2]);
        assertThat(inside.to()).isLessThanOrEqualTo(starts[3]);
        assertThat(inside.skip()).isEqualTo(32);
        // the last chunk reads to the end of the sound and keeps the encoder's flush
        assertThat(chunks.get(chunks.size() - 1).to()).isEqualTo(total);
    }

    @Test
    void aTrackOfOneChunkIsExactlyTheEncodeOfTheWholeAndTheMasterDecodesTheSame() throws IOException {
        // given a programme too short to be cut: 40 frames, 64 000 samples
        Path source = tone(dir.resolve("one.flac"), 0, 64_000);
        SoundTrack track = new SoundTrack(toolchain, gateway, SETTINGS, dir.resolve("cache"));

        // when
        SoundTrack.Encoded encoded = track.encode(List.of(new SoundTrack.Source(source, 64_000)), 64_000, "", HOUSE, 2,
                dir.resolve("work"));

        // then it is one chunk, and byte for byte what FFmpeg makes of the whole
        Path whole = dir.resolve("whole.aac");
        encodeWhole(source, whole, "adts");
        assertThat(encoded.chunks()).isEqualTo(1);
        assertThat(Files.readAllBytes(encoded.adts())).isEqualTo(Files.readAllBytes(whole));
        assertThat(encoded.packets()).isEqualTo(64);

        // and the master made from it has the direct encode's priming and length, and decodes to the same samples
        Path pictures = dir.resolve("pictures.ffconcat");
        Path picture = dir.resolve("picture.mp4");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30", "-frames:v", "40", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", picture.toString());
        Files.writeString(pictures, "ffconcat version 1.0\nfile '" + picture + "'\n");
        Path master = dir.resolve("master.mp4");
        FfmpegCommand mux = MasterAssembler.command(pictures, encoded, HOUSE, Map.of("title", "One"), master);
        gateway.run(ProcessSpec.of("mux", mux.commandLine(toolchain.ffmpeg()), Duration.ofSeconds(60), master));
        Path direct = dir.resolve("direct.m4a");
        encodeWhole(source, direct, "mp4");
        // (both end on the movie's millisecond clock: 1333 ms, 63 984 samples, as FFmpeg writes every MP4)
        assertThat(audioStream(master)).isEqualTo(audioStream(direct)).contains("start_pts=0", "duration_ts=63984", "nb_frames=64");
        assertThat(decode(master)).isEqualTo(decode(direct));
    }

    @Test
    void everyJoinIsAsCleanAsTheSamePlaceInOneEncodeOfTheWhole() throws IOException {
        // given one continuous tone and sweep cut into four segments, so any fault at a join is heard against it
        List<SoundTrack.Source> sources = segments();
        long total = sources.stream().mapToLong(SoundTrack.Source::samples).sum();
        Path whole = dir.resolve("whole.aac");
        encodeWhole(dir.resolve("programme.flac"), whole, "adts");
        float[] reference = decode(dir.resolve("programme.flac"));
        double[] wholeSnr = blockSnr(decode(whole), reference, 1024);

        // when the track is encoded in chunks and joined
        SoundTrack.Encoded joined = new SoundTrack(toolchain, gateway, SETTINGS, dir.resolve("cache")).encode(sources, total, "",
                HOUSE, 2, dir.resolve("work"));
        double[] joinedSnr = blockSnr(decode(joined.adts()), reference, 1024);

        // then it has the whole encode's packets, and at every join the error is no larger than the whole encode's there
        // (the blocks each side of a join: the packets on both sides contribute to them)
        assertThat(joined.packets()).isEqualTo(SoundTrack.packets(total));
        long[] starts = starts(sources);
        List<SoundTrack.Chunk> chunks = SoundTrack.plan(starts, total, SoundTrack.ROLL);
        assertThat(joined.chunks()).isEqualTo(chunks.size()).isGreaterThanOrEqualTo(6);
        double worst = Double.MAX_VALUE;
        for (SoundTrack.Chunk c : chunks.subList(1, chunks.size())) {
            double drop = worstDrop(joinedSnr, wholeSnr, (int) c.first());
            worst = Math.min(worst, drop);
            assertThat(drop).as("join at packet %d: SNR change against the whole encode", c.first()).isGreaterThan(-3);
        }
        System.out.printf("joins: worst SNR change against the whole encode %.1f dB (whole encode median %.1f dB)%n", worst,
                median(wholeSnr));

        // and with a single frame of roll the joins click: the measure above sees it
        SoundTrack.Encoded careless = new SoundTrack(toolchain, gateway, SETTINGS, dir.resolve("careless"), 1).encode(sources,
                total, "", HOUSE, 2, dir.resolve("careless-work"));
        double[] carelessSnr = blockSnr(decode(careless.adts()), reference, 1024);
        double carelessWorst = SoundTrack.plan(starts, total, 1).stream().skip(1)
                .mapToDouble(c -> worstDrop(carelessSnr, wholeSnr, (int) c.first())).min().orElseThrow();
        System.out.printf("with one frame of roll: worst SNR change %.1f dB%n", carelessWorst);
        assertThat(carelessWorst).isLessThan(-20);
    }

    @Test
    void aChangedSegmentEncodesOnlyTheChunksThatHearIt() throws IOException {
        // given a track encoded once
        List<SoundTrack.Source> sources = new ArrayList<>(segments());
        long total = sources.stream().mapToLong(SoundTrack.Source::samples).sum();
        SoundTrack track = new SoundTrack(toolchain, gateway, SETTINGS, dir.resolve("cache"));
        SoundTrack.Encoded first = track.encode(sources, total, "", HOUSE, 2, dir.resolve("work"));
        assertThat(first.made()).isEqualTo(first.chunks()).isEqualTo(7);

        // when the third segment is replaced by another of the same length
        Path other = tone(dir.resolve("other.flac"), 0, sources.get(2).samples());
        sources.set(2, new SoundTrack.Source(other, sources.get(2).samples()));
        SoundTrack.Encoded second = track.encode(sources, total, "", HOUSE, 2, dir.resolve("work"));

        // then only its inside and the two chunks across its joins are encoded; the rest come from the cache
        assertThat(second.chunks()).isEqualTo(7);
        assertThat(second.made()).isEqualTo(3);
        // and the same programme again encodes nothing
        assertThat(track.encode(sources, total, "", HOUSE, 2, dir.resolve("work")).made()).isZero();
        // and a damaged chunk in the cache is not used: it is encoded again (the cache also keeps the chunks the old
        // third segment was heard in, so the damaged one is taken from what this programme reads: its last chunk)
        List<Path> read = track.files(sources, total, "", HOUSE);
        assertThat(read).hasSize(7).doesNotHaveDuplicates();
        Path used = read.get(read.size() - 1);
        byte[] bytes = Files.readAllBytes(used);
        Files.write(used, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThat(track.encode(sources, total, "", HOUSE, 2, dir.resolve("work")).made()).isEqualTo(1);
        assertThat(Files.readAllBytes(used)).isEqualTo(bytes);
    }

    /** The four segments, cut from one programme. */
    private List<SoundTrack.Source> segments() throws IOException {
        long total = 0;
        for (int f : FRAMES) {
            total += HOUSE.samples(f);
        }
        Path programme = tone(dir.resolve("programme.flac"), 0, total);
        List<SoundTrack.Source> sources = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < FRAMES.length; i++) {
            long n = HOUSE.samples(FRAMES[i]);
            Path part = dir.resolve("part-" + i + ".flac");
            TestMedia.ffmpeg("-v", "error", "-i", programme.toString(), "-af", "atrim=start_sample=" + at + ":end_sample=" + (at + n),
                    "-c:a", "flac", part.toString());
            sources.add(new SoundTrack.Source(part, n));
            at += n;
        }
        return sources;
    }

    private static long[] starts(List<SoundTrack.Source> sources) {
        long[] starts = new long[sources.size()];
        long at = 0;
        for (int i = 0; i < starts.length; i++) {
            starts[i] = at;
            at += sources.get(i).samples();
        }
        return starts;
    }

    /** Steady tones and a slow sweep: AAC codes them 60 dB clean, so a fault at a join stands out. */
    private static Path tone(Path file, int variant, long samples) {
        String expression = variant == 0
                ? "0.2*sin(2*PI*440*t)+0.1*sin(2*PI*1234*t)+0.1*sin(2*PI*(200+100*t)*t)"
                : "0.25*sin(2*PI*660*t)";
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "aevalsrc='" + expression + "':s=48000:c=stereo",
                "-af", "atrim=end_sample=" + samples, "-c:a", "flac", file.toString());
        return file;
    }

    private void encodeWhole(Path source, Path out, String format) {
        FfmpegCommand cmd = new FfmpegCommand().input(source.toString());
        cmd.output(out, "-c:a", "aac", "-aac_coder", SoundTrack.AAC_CODER, "-b:a", HOUSE.audioBitrateKbps() + "k",
                "-ar", "48000", "-ac", "2", "-f", format);
        gateway.run(ProcessSpec.of("whole", cmd.commandLine(toolchain.ffmpeg()), Duration.ofSeconds(60), out));
    }

    private static String audioStream(Path file) {
        return TestMedia.ffprobe("-select_streams", "a:0", "-show_entries", "stream=codec_name,start_pts,duration_ts,nb_frames",
                "-of", "compact", file.toString());
    }

    /** The decoded samples, both channels interleaved; an ADTS stream's decode includes the encoder's priming. */
    private static float[] decode(Path file) {
        byte[] bytes = TestMedia.ffmpegOutput("-i", file.toString(), "-f", "f32le", "-ac", "2", "-");
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[bytes.length / 4];
        buffer.asFloatBuffer().get(samples);
        return samples;
    }

    /** Signal-to-error ratio per block of {@code block} sample frames, the decode shifted past the priming. */
    private static double[] blockSnr(float[] decoded, float[] reference, int block) {
        int blocks = reference.length / 2 / block;
        double[] snr = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            double signal = 0;
            double error = 0;
            for (int i = b * block * 2; i < (b + 1) * block * 2; i++) {
                double e = decoded[i + SoundTrack.FRAME * 2] - reference[i];
                signal += reference[i] * reference[i];
                error += e * e;
            }
            snr[b] = 10 * Math.log10(signal / Math.max(error, 1e-20));
        }
        return snr;
    }

    /** The worst change of SNR, joined against whole, over the blocks whose packets meet at packet {@code at}. */
    private static double worstDrop(double[] joined, double[] whole, int at) {
        double worst = Double.MAX_VALUE;
        for (int b = Math.max(0, at - 3); b <= Math.min(joined.length - 1, at + 1); b++) {
            worst = Math.min(worst, joined[b] - whole[b]);
        }
        return worst;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
