package org.ensemble.media;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.ensemble.FileTrees;
import org.ensemble.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes a programme's sound to AAC in pieces that are kept, so that a re-render encodes only the sound around what
 * changed, and joins them into one AAC stream that decodes like a single encode of the whole.
 *
 * <p>AAC codes its input in frames of {@value #FRAME} samples; each frame's transform overlaps its neighbours', and
 * the encoder's choices for a frame (window shape, quantisation) depend on the sound before and after it. The
 * programme is therefore cut into chunks on the grid of the whole track's frames: packet {@code n} of the whole
 * encode codes input samples {@code [(n-1)*1024, n*1024)} (packet 0 is the encoder's priming), and a chunk owning
 * packets {@code [first, end)} is encoded from {@value #ROLL} frames before {@code first} (pre-roll) to
 * {@value #ROLL} frames after {@code end} (post-roll); only its own packets are kept. Both sides of every join were
 * then coded from the same sound around it, so the transform's aliasing cancels across the join as it does inside
 * one encode (measured in {@code SoundTrackTest}: a join is as clean as the same place in a whole encode, and one
 * frame of pre-roll is not enough).
 *
 * <p>Each segment's sound away from its edges is one chunk that reads that segment only, so it is found again in
 * the cache whatever surrounds it, wherever it moves by a whole number of frames; the stretches across the joins
 * between segments (and any segment too short to have an inside) are short chunks of their own. A chunk is kept
 * under a key made of everything it is made from: the sound files and the samples read from each, how they lie on
 * the frame grid, the filter chain and the encoder settings.
 */
public class SoundTrack {

    private static final Logger LOG = LoggerFactory.getLogger(SoundTrack.class);

    /** Samples per AAC frame. */
    static final int FRAME = 1024;

    /** Frames of sound each chunk is encoded with before and after its own: the encoder's state is settled by then. */
    static final int ROLL = 32;

    /**
     * FFmpeg's native AAC encoder with its "fast" quantiser search: at the house bitrates (128 kb/s and up) its authors
     * found it sounds better than the default "twoloop" search, which needs about twice the CPU (FFmpeg commit
     * fcb681ac, 2018: "at higher bitrates it sounds worse than the fast coder"), and it needs about half the time (10 s
     * instead of 20 s for ten minutes of real voices and music here).
     */
    static final String AAC_CODER = "fast";

    /** Bump when the way chunks are made changes, so old ones are no longer used. */
    static final String VERSION = "1";

    private final FfmpegToolchain toolchain;
    private final MediaProcessGateway gateway;
    private final MediaSettings settings;
    private final Path root;
    private final int roll;

    public SoundTrack(FfmpegToolchain toolchain, MediaProcessGateway gateway, MediaSettings settings, Path root) {
        this(toolchain, gateway, settings, root, ROLL);
    }

    /** With another pre- and post-roll: only to show what too little does. */
    SoundTrack(FfmpegToolchain toolchain, MediaProcessGateway gateway, MediaSettings settings, Path root, int roll) {
        this.toolchain = toolchain;
        this.gateway = gateway;
        this.settings = settings;
        this.root = root;
        this.roll = roll;
    }

    /** One segment's sound: its file and how many samples of it the programme uses (padded with silence if short). */
    public record Source(Path file, long samples) {
    }

    /**
     * A stretch of the track's packets {@code [first, end)}, encoded from the samples {@code [from, to)} of the whole
     * programme (the last chunk reads to the end and includes the encoder's flush); the first {@code skip} packets
     * the encoder gives are pre-roll and are dropped.
     */
    record Chunk(long first, long end, long from, long to, long skip) {
        long packets() {
            return end - first;
        }
    }

    /** What {@link #encode} made: the joined stream (ADTS), how many packets it has, and how many chunks were encoded now. */
    public record Encoded(Path adts, long packets, long samples, int chunks, int made) {
    }

    /** Packets an encode of {@code samples} samples gives: the priming packet, then one per started frame. */
    static long packets(long samples) {
        return ceilDiv(samples, FRAME) + 1;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    /** The chunks for segments starting at {@code starts} (samples, ascending, the first 0) in a track of {@code total}. */
    static List<Chunk> plan(long[] starts, long total, int roll) {
        long all = packets(total);
        // each segment's inside: packets whose encode, rolls included, reads that segment only
        List<long[]> insides = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            long start = starts[i];
            long stop = i + 1 < starts.length ? starts[i + 1] : total;
            long first = ceilDiv(start, FRAME) + roll;
            long end = Math.floorDiv(stop, FRAME) - roll;
            if (end - first >= Math.max(roll, 1)) { // shorter insides are not worth a process of their own
                insides.add(new long[] {first, end});
            }
        }
        List<Chunk> chunks = new ArrayList<>();
        long at = 0;
        for (long[] inside : insides) {
            if (inside[0] > at) {
                chunks.add(chunk(at, inside[0], total, roll));
            }
            chunks.add(chunk(inside[0], inside[1], total, roll));
            at = inside[1];
        }
        if (at < all) {
            chunks.add(chunk(at, all, total, roll));
        }
        return chunks;
    }

    private static Chunk chunk(long first, long end, long total, int roll) {
        long before = Math.min(roll, first);
        long from = (first - before) * FRAME;
        long to = end == packets(total) ? total : Math.min(total, (end + roll) * FRAME);
        return new Chunk(first, end, from, to, before);
    }

    /**
     * Encodes the programme made of {@code sources} (in order, {@code total} samples in all, silence after the last)
     * through {@code chain} (empty for none) into {@code work}/sound.aac, encoding only the chunks not kept before,
     * {@code parallelism} at a time.
     */
    public Encoded encode(List<Source> sources, long total, String chain, HouseProfile p, int parallelism, Path work) {
        long[] starts = starts(sources);
        List<Chunk> chunks = plan(starts, total, roll);
        List<Path> files = files(sources, total, chain, p);
        List<Chunk> missing = new ArrayList<>();
        List<Path> missingFiles = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            Chunk c = chunks.get(i);
            Path file = files.get(i);
            if (!missingFiles.contains(file) && !valid(file, c.packets())) {
                missing.add(c);
                missingFiles.add(file);
            }
        }
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, missing.size())));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < missing.size(); i++) {
                Chunk c = missing.get(i);
                Path file = missingFiles.get(i);
                running.add(pool.submit(() -> make(c, sources, starts, total, chain, p, work, file)));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Sound encode interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Path joined = work.resolve("sound.aac");
        long packets = join(files, chunks, joined);
        LOG.info("Sound: {} chunks, {} encoded now ({} ms), {} from the cache; {} packets joined", chunks.size(), missing.size(),
                (System.nanoTime() - started) / 1_000_000, chunks.size() - missing.size(), packets);
        return new Encoded(joined, packets, total, chunks.size(), missing.size());
    }

    /** The cache files that hold the programme's chunks, in the order they are heard (a file may repeat). */
    List<Path> files(List<Source> sources, long total, String chain, HouseProfile p) {
        long[] starts = starts(sources);
        List<String> identities = sources.stream().map(SoundTrack::identity).toList();
        return plan(starts, total, roll).stream()
                .map(c -> root.resolve(key(canonical(c, sources, identities, starts, total, chain, p)) + ".aac"))
                .toList();
    }

    /** Where each source starts in the programme, in samples. */
    private static long[] starts(List<Source> sources) {
        long[] starts = new long[sources.size()];
        long at = 0;
        for (int i = 0; i < sources.size(); i++) {
            starts[i] = at;
            at += sources.get(i).samples();
        }
        return starts;
    }

    /** Encodes one chunk and keeps its own packets, whole or not at all. */
    private void make(Chunk c, List<Source> sources, long[] starts, long total, String chain, HouseProfile p, Path work, Path file) {
        Path raw = work.resolve("chunks").resolve(file.getFileName());
        FfmpegCommand cmd = new FfmpegCommand();
        List<String> graph = new ArrayList<>();
        StringBuilder labels = new StringBuilder();
        int inputs = 0;
        for (int i = 0; i < sources.size(); i++) {
            long start = starts[i];
            long stop = start + sources.get(i).samples();
            long from = Math.max(c.from(), start);
            long to = Math.min(c.to(), stop);
            if (from >= to) {
                continue;
            }
            cmd.input(sources.get(i).file().toString());
            graph.add("[" + inputs + ":a]atrim=start_sample=" + (from - start) + ":end_sample=" + (to - start)
                    + ",asetpts=N/SR/TB,aformat=sample_rates=" + p.sampleRate() + ":channel_layouts=" + p.channelLayout()
                    + ",apad=whole_len=" + (to - from) + "[s" + inputs + "]");
            labels.append("[s").append(inputs).append(']');
            inputs++;
        }
        long length = c.to() - c.from();
        String joined = inputs == 0
                ? "anullsrc=r=" + p.sampleRate() + ":cl=" + p.channelLayout()
                : labels + "concat=n=" + inputs + ":v=0:a=1";
        graph.add(joined + "," + (chain.isEmpty() ? "" : chain + ",") + "aformat=sample_rates=" + p.sampleRate()
                + ":channel_layouts=" + p.channelLayout() + ",apad=whole_len=" + length + ",atrim=end_sample=" + length + "[a]");
        cmd.filterGraph(String.join(";", graph));
        cmd.output(raw, "-map", "[a]", "-c:a", "aac", "-aac_coder", AAC_CODER, "-b:a", p.audioBitrateKbps() + "k",
                "-ar", Integer.toString(p.sampleRate()), "-ac", Integer.toString(p.channels()), "-f", "adts");
        String label = "sound " + c.first() + "-" + c.end();
        try {
            gateway.run(new ProcessSpec(label, cmd.commandLine(toolchain.ffmpeg()),
                    settings.timeoutFor((double) length / p.sampleRate()), cmd.outputFiles(), null));
            FileTrees.replace(file, out -> {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(raw), 1 << 16)) {
                    long copied = copyFrames(in, out, c.skip(), c.packets());
                    if (copied != c.packets()) {
                        throw new IOException(label + ": the encoder gave " + (c.skip() + copied) + " packets, "
                                + (c.skip() + c.packets()) + " expected");
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException e) {
                LOG.warn("Cannot remove {}: {}", raw, e.toString());
            }
        }
    }

    /** Joins the chunks' packets into one ADTS stream; returns how many packets it holds. */
    private static long join(List<Path> files, List<Chunk> chunks, Path joined) {
        try {
            Files.createDirectories(joined.toAbsolutePath().getParent());
            long[] count = {0};
            FileTrees.replace(joined, out -> {
                for (int i = 0; i < files.size(); i++) {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(files.get(i)), 1 << 16)) {
                        long copied = copyFrames(in, out, 0, Long.MAX_VALUE);
                        if (copied != chunks.get(i).packets()) {
                            throw new IOException(files.get(i) + " holds " + copied + " packets, " + chunks.get(i).packets() + " expected");
                        }
                        count[0] += copied;
                    }
                }
            });
            return count[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@code file} holds exactly {@code packets} whole ADTS frames. */
    private static boolean valid(Path file, long packets) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return copyFrames(in, OutputStream.nullOutputStream(), 0, Long.MAX_VALUE) == packets;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("Sound chunk {} cannot be used ({}); encoding it again", file, e.getMessage());
            return false;
        }
    }

    /**
     * Reads ADTS frames from {@code in}, drops the first {@code skip} and copies up to {@code count} after them to
     * {@code out}; returns how many were copied. A damaged or cut frame is an error.
     */
    static long copyFrames(InputStream in, OutputStream out, long skip, long count) throws IOException {
        byte[] header = new byte[7];
        byte[] body = new byte[8192];
        long seen = 0;
        long copied = 0;
        while (copied < count) {
            int n = in.readNBytes(header, 0, header.length);
            if (n == 0) {
                break;
            }
            if (n < header.length || (header[0] & 0xFF) != 0xFF || (header[1] & 0xF6) != 0xF0) {
                throw new IOException("not an ADTS frame at packet " + seen);
            }
            int length = ((header[3] & 0x03) << 11) | ((header[4] & 0xFF) << 3) | ((header[5] & 0xFF) >> 5);
            int rest = length - header.length;
            if (rest < 0 || in.readNBytes(body, 0, rest) != rest) {
                throw new EOFException("ADTS frame " + seen + " is cut short");
            }
            if (seen >= skip) {
                out.write(header);
                out.write(body, 0, rest);
                copied++;
            }
            seen++;
        }
        return copied;
    }

    /** A sound file as a chunk's key knows it: where it is, how long, when it was last written. */
    private static String identity(Source s) {
        try {
            Path f = s.file().toAbsolutePath();
            return f + "@" + Files.size(f) + "@" + Files.getLastModifiedTime(f).toMillis() + "#" + s.samples();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sound " + s.file(), e);
        }
    }

    /** Everything a chunk is made from, in one line. */
    private String canonical(Chunk c, List<Source> sources, List<String> identities, long[] starts, long total, String chain,
                             HouseProfile p) {
        StringBuilder text = new StringBuilder(String.join("|", VERSION, toolchain.version(), "roll=" + roll,
                "aac " + AAC_CODER + " " + p.audioBitrateKbps() + "k " + p.sampleRate() + " " + p.channelLayout(),
                "chain=" + chain, "skip=" + c.skip(), "packets=" + c.packets(), "last=" + (c.end() == packets(total))));
        // the samples read, as runs of each file's samples in the order they are heard (silence past the end)
        for (int i = 0; i < sources.size(); i++) {
            long start = starts[i];
            long from = Math.max(c.from(), start);
            long to = Math.min(c.to(), start + sources.get(i).samples());
            if (from < to) {
                text.append('|').append(identities.get(i)).append('[').append(from - start).append(',').append(to - start).append(')');
            }
        }
        text.append("|length=").append(c.to() - c.from());
        return text.toString();
    }

    static String key(String canonical) {
        return Hashes.sha256(canonical);
    }
}
