package org.ensemble.segment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.ensemble.Hashes;
import org.ensemble.media.LoudnessMeasurement;
import org.ensemble.media.LoudnessMeter;
import org.ensemble.media.MediaProbe;
import org.ensemble.show.ShowDefinition;
import org.ensemble.show.SoundBed;
import org.springframework.stereotype.Component;

/**
 * Sets the show's sound bed for one piece: measures the bed file once (its loudness, its length and its bytes'
 * hash, kept while the file is unchanged), sets it to the show's target plus the bed's level, and starts each piece
 * at its own place in the file (a whole second chosen by the piece's id), so photos in a row do not all open on the
 * same bar. Conform and render ask the same question and get the same answer, so render finds conform's segments.
 */
@Component
public class Beds {

    private final LoudnessMeter meter;
    private final MediaProbe probe;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();

    public Beds(LoudnessMeter meter, MediaProbe probe) {
        this.meter = meter;
        this.probe = probe;
    }

    /** What is known of a bed file: its hash, loudness and length in seconds. */
    private record Measured(String sha256, double lufs, double seconds) {
    }

    /** The bed under {@code pieceId} in {@code show}, or empty when the show names none. */
    public Optional<BedSound> forPiece(ShowDefinition show, String pieceId) {
        Optional<SoundBed> bed = show.soundBed();
        if (bed.isEmpty()) {
            return Optional.empty();
        }
        int rate = show.profile().sampleRate();
        double target = show.loudness().integratedLufs() + bed.get().levelLu();
        long fade = show.profile().samples(bed.get().fadeFrames());
        Path file = bed.get().file();
        if (file == null) {
            return Optional.of(new BedSound(null, null, Double.NaN, 0, target, fade));
        }
        Measured m = measure(file);
        long wholeSeconds = Math.max(1, (long) Math.floor(m.seconds()));
        long start = Math.floorMod(Long.parseUnsignedLong(Hashes.sha256(pieceId).substring(0, 12), 16), wholeSeconds) * rate;
        return Optional.of(new BedSound(file, m.sha256(), m.lufs(), start, target, fade));
    }

    private Measured measure(Path file) {
        String identity;
        try {
            identity = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the show's sound bed " + file, e);
        }
        return measured.computeIfAbsent(identity, k -> {
            double seconds = probe.probe(file).durationSeconds();
            LoudnessMeasurement loudness = meter.measure(file, seconds);
            if (loudness.isSilent()) {
                throw new IllegalStateException("The show's sound bed " + file + " is silent; name a bed with sound in the show file");
            }
            try {
                return new Measured(Hashes.sha256(file), loudness.integratedLufs(), seconds);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the show's sound bed " + file, e);
            }
        });
    }
}
