package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ensemble.EnsembleSettings;
import org.ensemble.TestMedia;
import org.ensemble.episode.Category;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.EpisodeKey;
import org.ensemble.episode.MediaKind;
import org.ensemble.segment.Segment;
import org.ensemble.segment.SegmentFactory;
import org.ensemble.segment.SegmentSpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A/V sync through the real conform and assembly: sync probes (a white frame on a 1 kHz beep once a second) at the
 * frame rates and in the containers contributors send are conformed by the SegmentFactory exactly as the conform step
 * does it (loudness measured, normalised, converted to the house rate, credit drawn), joined by the MasterAssembler
 * (gain, limiter, AAC), and the master is measured: every flash is found in the picture, every beep onset in the
 * sound, and each pair must be within one house frame.
 */
class SyncProbeTest {

    private static final HouseProfile HOUSE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    private static final LoudnessTarget TARGET = new LoudnessTarget(-16, -1.5, 11);
    private static final MediaSettings SETTINGS = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(5),
            "ultrafast", 23);
    private static final int SECONDS = 4;
    private static final double FRAME_MS = 1000.0 / HOUSE.frameRate();

    @TempDir
    Path home;

    record Probe(String name, String file, String rate, boolean variableRate, List<String> codecs) {
    }

    static final List<Probe> PROBES = List.of(
            new Probe("25 fps MP4", "p25.mp4", "25", false, List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac")),
            new Probe("29.97 fps MOV", "p2997.mov", "30000/1001", false,
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "pcm_s16le")),
            new Probe("23.976 fps MKV", "p23976.mkv", "24000/1001", false,
                    List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "flac")),
            new Probe("60 fps MP4", "p60.mp4", "60", false, List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac")),
            new Probe("VFR MP4", "pvfr.mp4", "30", true, List.of("-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac")));

    @Test
    void everyFlashMeetsItsBeepWithinOneFrameThroughConformAndAssembly() throws Exception {
        // given the probes, made with FFmpeg's generators in their own rate and container
        Path inbox = Files.createDirectories(home.resolve("inbox/sync"));
        MediaProcessGateway gateway = new MediaProcessGateway();
        FfmpegToolchain toolchain = FfmpegToolchain.detect(SETTINGS, gateway);
        MediaProbe probe = new MediaProbe(toolchain, gateway);
        LoudnessMeter meter = new LoudnessMeter(toolchain, gateway, SETTINGS);
        SegmentFactory factory = new SegmentFactory(new EnsembleSettings(home, home.resolve("jobs"), 1, Map.of()),
                new SegmentEncoder(toolchain, gateway, SETTINGS), probe, SETTINGS);
        EpisodeKey episode = new EpisodeKey("sync", LocalDate.of(2026, 11, 30));
        long frames = (long) SECONDS * HOUSE.frameRate();

        // when each is conformed as the conform step does it, and all are joined into one master
        List<MasterAssembler.Part> parts = new ArrayList<>();
        for (Probe p : PROBES) {
            Path file = TestMedia.syncProbe(inbox.resolve(p.file()), p.rate(), SECONDS, p.variableRate(), p.codecs().toArray(String[]::new));
            ProbeResult facts = probe.probe(file, false);
            ProbeResult.Stream video = facts.video().orElseThrow();
            Contribution c = new Contribution(episode, p.file(), 1, "Sync Probe", "Lab", Category.FILMED_LIFE, p.name(), p.file(),
                    null, Instant.parse("2026-11-23T10:00:00Z"), 0, 0, sha256(file), Files.size(file), "video", MediaKind.VIDEO,
                    HOUSE.framesIn(facts.durationSeconds()), video.displayWidth(), video.displayHeight(), "a:0", 0,
                    Contribution.Status.ACCEPTED, null);
            LoudnessMeasurement measured = meter.analyse(file, "0:a:0", 0, HOUSE.seconds(frames), TARGET.integratedLufs(),
                    TARGET.truePeakDbtp(), TARGET.rangeLu(), c.id());
            Segment segment = factory.materialize(SegmentSpecs.forContribution(c, inbox, measured, frames), HOUSE, TARGET);
            parts.add(new MasterAssembler.Part(segment.picture(), segment.sound(), segment.frames(), segment.black()));
        }
        Path master = home.resolve("master.mp4");
        new MasterAssembler(toolchain, gateway, SETTINGS, meter, new MasterScan(toolchain, gateway, SETTINGS),
                new SoundTrack(toolchain, gateway, SETTINGS, home.resolve("cache/sound"))).assemble(parts,
                frames * PROBES.size(), HOUSE, TARGET, Map.of(), new MasterScan.Detectors(MasterScan.BLACK_PIXEL_LUMA, -60, 0.5),
                home.resolve("work"), master);

        // then every flash and every beep is found: four per probe, each at its place in the timeline
        List<Double> flashes = flashTimes(master);
        List<Double> beeps = beepOnsets(master);
        int expected = PROBES.size() * SECONDS;
        assertThat(flashes).as("flashes").hasSize(expected);
        assertThat(beeps).as("beep onsets").hasSize(expected);
        StringBuilder table = new StringBuilder("A/V offset (beep - flash) per probe, ms:\n");
        for (int i = 0; i < PROBES.size(); i++) {
            table.append(String.format(Locale.ROOT, "  %-15s", PROBES.get(i).name()));
            for (int k = 0; k < SECONDS; k++) {
                int at = i * SECONDS + k;
                double offsetMs = (beeps.get(at) - flashes.get(at)) * 1000;
                table.append(String.format(Locale.ROOT, " %+6.1f", offsetMs));
                // the flash is where the probe put it: its segment's start plus k + 0.5 s, within a frame
                double intended = HOUSE.seconds(frames * i) + k + 0.5;
                assertThat(flashes.get(at)).as("flash %d of %s", k, PROBES.get(i).name())
                        .isCloseTo(intended, org.assertj.core.data.Offset.offset(FRAME_MS / 1000 + 1e-9));
                assertThat(Math.abs(offsetMs)).as("offset %d of %s", k, PROBES.get(i).name()).isLessThanOrEqualTo(FRAME_MS);
            }
            table.append('\n');
        }
        System.out.print(table);
    }

    /** Start times of white runs in the master: mean luma of the picture's centre (clear of the lower third) per frame. */
    static List<Double> flashTimes(Path master) {
        int w = 16;
        int h = 8;
        byte[] raw = TestMedia.ffmpegOutput("-i", master.toString(), "-map", "0:v:0",
                "-vf", "crop=iw/2:ih/2:iw/4:ih/8,scale=" + w + ":" + h + ",format=gray", "-f", "rawvideo", "-");
        int size = w * h;
        List<Double> starts = new ArrayList<>();
        boolean wasWhite = false;
        for (int frame = 0; frame * size + size <= raw.length; frame++) {
            long sum = 0;
            for (int i = 0; i < size; i++) {
                sum += raw[frame * size + i] & 0xFF;
            }
            boolean white = sum / (double) size > 128;
            if (white && !wasWhite) {
                starts.add(frame / (double) HOUSE.frameRate());
            }
            wasWhite = white;
        }
        return starts;
    }

    /**
     * Onsets of beeps in the master's sound, decoded to 16-bit mono PCM at 48 kHz: the first sample above a third of
     * the loudest one after at least 0.3 s below it (AAC's pre-echo stays well under that).
     */
    static List<Double> beepOnsets(Path master) {
        byte[] raw = TestMedia.ffmpegOutput("-i", master.toString(), "-map", "0:a:0", "-ac", "1", "-ar", "48000",
                "-f", "s16le", "-acodec", "pcm_s16le", "-");
        ByteBuffer pcm = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[raw.length / 2];
        pcm.asShortBuffer().get(samples);
        int loudest = 0;
        for (short s : samples) {
            loudest = Math.max(loudest, Math.abs(s));
        }
        int threshold = loudest / 3;
        int quietNeeded = 48000 * 3 / 10;
        List<Double> onsets = new ArrayList<>();
        int quiet = quietNeeded;
        for (int i = 0; i < samples.length; i++) {
            if (Math.abs(samples[i]) > threshold) {
                if (quiet >= quietNeeded) {
                    onsets.add(i / 48000.0);
                }
                quiet = 0;
            } else {
                quiet++;
            }
        }
        return onsets;
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
