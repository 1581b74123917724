package org.ensemble.segment;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.ensemble.EnsembleSettings;
import org.ensemble.FileTrees;
import org.ensemble.Hashes;
import org.ensemble.media.HouseProfile;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessTarget;
import org.ensemble.media.MasterScan;
import org.ensemble.media.MediaProbe;
import org.ensemble.media.MediaSettings;
import org.ensemble.media.ProbeResult;
import org.ensemble.media.SegmentEncoder;
import org.ensemble.media.SegmentRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes segments and keeps them in a content-addressed cache under {@code <home>/cache/segments/<key>/}.
 * A segment is built in a private temporary folder and renamed into place whole, so a crash never leaves a
 * half-made segment where the cache would find it. A cache hit costs a directory lookup.
 */
@Component
public class SegmentFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentFactory.class);
    /** Bump when the way segments are made changes, so old cache entries are no longer used. */
    static final String RECIPE_VERSION = "12";
    static final long MAX_STILL_PIXELS = 100_000_000L;

    private final Path root;
    private final SegmentEncoder encoder;
    private final MediaProbe probe;
    private final MediaSettings mediaSettings;
    private final int threads;

    public SegmentFactory(EnsembleSettings settings, SegmentEncoder encoder, MediaProbe probe, MediaSettings mediaSettings) {
        FontCheck.require();
        this.root = settings.cache().resolve("segments");
        this.encoder = encoder;
        this.probe = probe;
        this.mediaSettings = mediaSettings;
        this.threads = settings.threadsPerProcess();
    }

    public String key(SegmentSpec spec, HouseProfile profile, LoudnessTarget target) {
        String canonical = RECIPE_VERSION + "|" + profile.fingerprint() + "|" + target + "|" + mediaSettings.x264Preset()
                + "/" + mediaSettings.x264Crf() + "|" + spec.canonical();
        return Hashes.sha256(canonical).substring(0, 32);
    }

    /** The cached segment for this spec, if it was made before. */
    public Optional<Segment> cached(SegmentSpec spec, HouseProfile profile, LoudnessTarget target) {
        String key = key(spec, profile, target);
        Path dir = root.resolve(key);
        if (Files.isRegularFile(dir.resolve("picture.mp4")) && Files.isRegularFile(dir.resolve("sound.flac"))
                && Files.isRegularFile(dir.resolve(BLACK))) {
            return Optional.of(segment(key, spec.frames(), dir, profile.frameRate()));
        }
        return Optional.empty();
    }

    /** Returns the segment for this spec, making it first when the cache does not have it. */
    public Segment materialize(SegmentSpec spec, HouseProfile profile, LoudnessTarget target) {
        return materialize(spec, profile, target, threads);
    }

    /**
     * The same, with FFmpeg given {@code threads} threads when it has to encode (a re-render that makes only the
     * credits may give them every core).
     */
    public Segment materialize(SegmentSpec spec, HouseProfile profile, LoudnessTarget target, int threads) {
        var hit = cached(spec, profile, target);
        if (hit.isPresent()) {
            LOG.info("Segment {} for {} ({} frames) comes from the cache", hit.get().key(), spec.pieceId(), spec.frames());
            return hit.get();
        }
        String key = key(spec, profile, target);
        Path dir = root.resolve(key);
        Path tmp = root.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + key + "-" + UUID.randomUUID());
        long start = System.nanoTime();
        try {
            Files.createDirectories(tmp);
            encoder.encode(request(spec, profile, target, tmp), profile, threads);
            if (!Files.exists(tmp.resolve(BLACK))) {
                Files.createFile(tmp.resolve(BLACK)); // metadata prints nothing when no frame was black
            }
            ProbeResult made = probe.probe(tmp.resolve("picture.mp4"), true);
            long madeFrames = made.video().map(ProbeResult.Stream::frameCount).orElse(0L);
            if (madeFrames != spec.frames()) {
                throw new IllegalStateException("segment for " + spec.pieceId() + " has " + madeFrames + " frames, expected " + spec.frames());
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                LOG.info("Segment {} was made concurrently; keeping the first", key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make segment for " + spec.pieceId() + ": " + e.getMessage(), e);
        } finally {
            FileTrees.delete(tmp);
        }
        LOG.info("Made segment {} for {} ({} frames) in {} ms", key, spec.pieceId(), spec.frames(),
                (System.nanoTime() - start) / 1_000_000);
        return segment(key, spec.frames(), dir, profile.frameRate());
    }

    /** blackdetect's report on the segment's frames, written while it was encoded. */
    static final String BLACK = "black.txt";
    /** freezedetect's report on a film's frames, written while it was encoded (absent for other kinds). */
    static final String FREEZE = "freeze.txt";
    /** The source sound's peak statistics before any gain (absent where the sound is not the piece's own). */
    static final String CLIP = "clip.txt";

    private static Segment segment(String key, long frames, Path dir, int fps) {
        try {
            String black = Files.readString(dir.resolve(BLACK), StandardCharsets.UTF_8);
            String freeze = Files.exists(dir.resolve(FREEZE)) ? Files.readString(dir.resolve(FREEZE), StandardCharsets.UTF_8) : "";
            String clip = Files.exists(dir.resolve(CLIP)) ? Files.readString(dir.resolve(CLIP), StandardCharsets.UTF_8) : "";
            return new Segment(key, frames, dir.resolve("picture.mp4"), dir.resolve("sound.flac"), MasterScan.blackRuns(black, frames),
                    SegmentEncoder.frozenRuns(freeze, fps, frames), SegmentEncoder.clippedPercent(clip));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read segment " + key, e);
        }
    }

    /**
     * Does everything making this segment does before FFmpeg runs (reads the source, decodes a photo upright within
     * the pixel budget, paints the plate, the cards and the lower third) and keeps nothing. A piece whose segment
     * cannot be made fails here with the reason, so it can be turned away before planning; its one encode waits
     * until the planner has given it a length.
     */
    public void prepare(SegmentSpec spec, HouseProfile profile, LoudnessTarget target) {
        Path tmp = root.resolve(".tmp-" + ProcessHandle.current().pid() + "-prepare-" + UUID.randomUUID());
        long start = System.nanoTime();
        try {
            Files.createDirectories(tmp);
            request(spec, profile, target, tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make segment for " + spec.pieceId() + ": " + e.getMessage(), e);
        } finally {
            FileTrees.delete(tmp);
        }
        LOG.info("Prepared {} ({}, to be encoded at its planned length) in {} ms", spec.pieceId(),
                spec.kind().name().toLowerCase(Locale.ROOT), (System.nanoTime() - start) / 1_000_000);
    }

    /** Removes temporary folders left behind by processes that died while making a segment (their pid is gone). */
    public void removeAbandonedWork() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> p.getFileName().toString().startsWith(".tmp-")).filter(SegmentFactory::ownerIsGone).forEach(p -> {
                LOG.info("Removing abandoned segment work {}", p);
                FileTrees.delete(p);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SegmentRequest request(SegmentSpec spec, HouseProfile profile, LoudnessTarget target, Path tmp) throws IOException {
        Painter painter = new Painter(profile);
        Path pictureOut = tmp.resolve("picture.mp4");
        Path soundOut = tmp.resolve("sound.flac");
        SegmentRequest.Overlay lowerThird = null;
        if (spec.credit() != null && spec.kind() != SegmentSpec.Kind.TEXT && spec.kind() != SegmentSpec.Kind.SOUND) {
            Painter.Placed credit = painter.lowerThird(spec.credit());
            Path image = tmp.resolve("credit.png");
            Painter.write(credit.image(), image);
            lowerThird = new SegmentRequest.Overlay(image, credit.x(), credit.y());
        }
        double start = profile.seconds(spec.trimIn());
        if (spec.measured() != null && !spec.measured().reliable()) {
            LOG.warn("Loudness of {} is not measurable reliably ({} frames, under {} s); corrected with a plain gain",
                    spec.pieceId(), spec.frames(), LoudnessMeasurement.RELIABLE_SECONDS);
        }
        SegmentRequest.Sound sound = spec.bed() != null ? bed(spec.bed(), profile, target)
                : spec.audioStream() == null ? new SegmentRequest.Silence()
                : new SegmentRequest.FromFile(spec.source(), spec.audioStream(), start, target, spec.measured());
        SegmentRequest.Picture picture;
        switch (spec.kind()) {
            case FOOTAGE -> {
                // interlacing and HDR are facts of the source file (its hash is in the key), read when it is encoded
                ProbeResult.Stream video = probe.probe(spec.source()).video()
                        .orElseThrow(() -> new IllegalStateException(spec.pieceId() + " has no picture to conform"));
                String hdr = video.hdrTransfer().orElse(null);
                if (video.interlaced() || hdr != null) {
                    LOG.info("{}: {}{}", spec.pieceId(), video.interlaced() ? "interlaced (" + video.fieldOrder() + "), deinterlaced " : "",
                            hdr != null ? "HDR " + hdr + ", tone-mapped to SDR BT.709" : "");
                }
                picture = new SegmentRequest.Footage(spec.source(), start, !sameShape(spec, profile), video.interlaced(), hdr);
            }
            case SOUND -> {
                Path background = tmp.resolve("background.png");
                Painter.write(painter.soundBackground(spec.credit()), background);
                picture = new SegmentRequest.Waveform(background);
            }
            case STILL -> {
                Path readable = spec.source();
                if (!Painter.javaReads(readable)) {
                    // WebP: Java has no decoder, FFmpeg has one; its first picture becomes a PNG Java reads
                    readable = tmp.resolve("decoded.png");
                    encoder.decodePicture(spec.source(), readable);
                }
                BufferedImage photo = Painter.uprightImage(readable, MAX_STILL_PIXELS);
                Path plate = tmp.resolve("plate.png");
                Painter.write(painter.stillPlate(photo), plate);
                picture = new SegmentRequest.Still(plate, Math.floorMod(spec.sourceHash().hashCode(), 2) == 1, false);
            }
            case TEXT -> {
                List<Path> cards = new ArrayList<>();
                List<BufferedImage> images = painter.textCards(spec.credit().title(), spec.credit().contributor(), spec.lines());
                for (int i = 0; i < images.size(); i++) {
                    Path card = tmp.resolve("card-" + i + ".png");
                    Painter.write(images.get(i), card);
                    cards.add(card);
                }
                picture = new SegmentRequest.Cards(cards, cardFrames(spec.frames(), painter.cardWords(spec.lines())));
            }
            case TITLE -> {
                Path card = tmp.resolve("title.png");
                Painter.write(painter.titleCard(spec.lines().get(0), spec.lines().get(1), spec.lines().get(2)), card);
                picture = new SegmentRequest.Cards(List.of(card));
                sound = new SegmentRequest.Tone(target.integratedLufs());
            }
            case CREDITS -> {
                List<String[]> names = spec.lines().subList(1, spec.lines().size()).stream()
                        .map(l -> l.split("\\|", 2)).map(a -> a.length == 2 ? a : new String[] {a[0], ""}).toList();
                Path roll = tmp.resolve("credits.png");
                Painter.write(painter.creditsRoll(spec.lines().get(0), names), roll);
                picture = new SegmentRequest.Still(roll, false, true);
                sound = new SegmentRequest.Tone(target.integratedLufs());
            }
            default -> throw new IllegalStateException("unknown kind " + spec.kind());
        }
        return new SegmentRequest("segment " + spec.pieceId(), picture, sound, spec.frames(), lowerThird, pictureOut, soundOut,
                tmp.resolve(BLACK), spec.kind() == SegmentSpec.Kind.FOOTAGE ? tmp.resolve(FREEZE) : null,
                sound instanceof SegmentRequest.FromFile ? tmp.resolve(CLIP) : null);
    }

    private static SegmentRequest.Bed bed(BedSound bed, HouseProfile profile, LoudnessTarget target) {
        return new SegmentRequest.Bed(bed.file(), bed.gainDb(), bed.startSample() / (double) profile.sampleRate(),
                bed.fadeSamples(), bed.targetLufs(), target);
    }

    /**
     * How long each text card stays up: every card gets its fades, the rest of the time goes to the cards in
     * proportion to the words they hold, so a full card is not rushed to give a short one time it does not need.
     */
    static List<Long> cardFrames(long total, List<Integer> words) {
        int n = words.size();
        long fades = 16;
        long sum = words.stream().mapToLong(Integer::longValue).sum();
        if (n == 0) {
            return List.of();
        }
        if (sum == 0 || total < fades * n) {
            // too short for every card's fades, or nothing to weigh by: equal shares, as the encoder would give them
            return LongStream.range(0, n).map(i -> total / n + (i < total % n ? 1 : 0)).boxed().toList();
        }
        long spare = total - fades * n;
        long[] frames = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            frames[i] = fades + spare * words.get(i) / sum;
            given += frames[i];
        }
        // whole frames: what rounding down left goes to the fullest cards first
        Integer[] order = IntStream.range(0, n).boxed()
                .sorted((a, b) -> Integer.compare(words.get(b), words.get(a))).toArray(Integer[]::new);
        for (int i = 0; given < total; i = (i + 1) % n) {
            frames[order[i]]++;
            given++;
        }
        return Arrays.stream(frames).boxed().toList();
    }

    private static boolean ownerIsGone(Path tmp) {
        String[] parts = tmp.getFileName().toString().split("-");
        try {
            long pid = Long.parseLong(parts[1]);
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Whether the source's displayed shape is the house frame's (within 1 %), so no fill is needed around it. */
    static boolean sameShape(SegmentSpec spec, HouseProfile profile) {
        if (spec.sourceWidth() <= 0 || spec.sourceHeight() <= 0) {
            return false;
        }
        double source = spec.sourceWidth() / (double) spec.sourceHeight();
        double house = profile.width() / (double) profile.height();
        return Math.abs(source / house - 1) < 0.01;
    }
}
