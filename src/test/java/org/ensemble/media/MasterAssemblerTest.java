package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.data.Offset;
import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembler's sound pass on a programme whose plain linear correction would break the true-peak ceiling: quiet
 * tone with loud clicks, so the peaks sit far above the average. Measured on the AAC-decoded master by ebur128.
 */
class MasterAssemblerTest {

    private static final HouseProfile HOUSE = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
    private static final LoudnessTarget TARGET = new LoudnessTarget(-16, -1.5, 11);
    private static final MediaSettings SETTINGS = new MediaSettings("", "", Duration.ofSeconds(60), Duration.ofSeconds(5),
            "ultrafast", 23);

    private static final MasterScan.Detectors DETECTORS = new MasterScan.Detectors(MasterScan.BLACK_PIXEL_LUMA, -60, 0.5);

    @TempDir
    Path dir;

    /** A segment as conform leaves it: exact frames of H.264 picture and exactly matching FLAC. */
    private MasterAssembler.Part segment(String name, int frames, String soundExpression) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Path picture = folder.resolve("picture.mp4");
        Path sound = folder.resolve("sound.flac");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30", "-frames:v", Integer.toString(frames),
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", picture.toString());
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "aevalsrc='" + soundExpression + "':s=48000:c=stereo",
                "-af", "atrim=end_sample=" + HOUSE.samples(frames), "-c:a", "flac", sound.toString());
        return new MasterAssembler.Part(picture, sound, frames, List.of());
    }

    @Test
    void theMasterMeetsTheLoudnessTargetAndNeverExceedsTheTruePeakCeiling() throws IOException {
        // given a tone at about -20 LUFS with 2 ms clicks reaching -1 dBFS once a second: bringing it to -16 LUFS
        // by gain alone would put the clicks well above -1.5 dBTP
        String peaky = "0.12*sin(2*PI*440*t)+if(lt(mod(t\\,1)\\,0.002)\\,0.78*sin(2*PI*3000*t)\\,0)";
        List<MasterAssembler.Part> parts = List.of(segment("a", 90, peaky), segment("b", 60, peaky));
        MediaProcessGateway gateway = new MediaProcessGateway();
        FfmpegToolchain toolchain = FfmpegToolchain.detect(SETTINGS, gateway);
        LoudnessMeter meter = new LoudnessMeter(toolchain, gateway, SETTINGS);
        MasterAssembler assembler = new MasterAssembler(toolchain, gateway, SETTINGS, meter, new MasterScan(toolchain, gateway, SETTINGS),
                new SoundTrack(toolchain, gateway, SETTINGS, dir.resolve("cache/sound")));
        Path master = dir.resolve("master.mp4");

        // when
        MasterAssembler.Assembly assembly = assembler.assemble(parts, 150, HOUSE, TARGET, Map.of("title", "Peaks"), DETECTORS,
                dir.resolve("work"), master);
        LoudnessMeasurement before = assembly.programme();

        // then the plain linear correction would have broken the ceiling (measured: the same gain, AAC, ebur128)
        double linearGain = TARGET.integratedLufs() - before.integratedLufs();
        Path linearOnly = dir.resolve("linear-only.m4a");
        TestMedia.ffmpeg("-v", "error", "-f", "concat", "-safe", "0", "-i", dir.resolve("work/sounds.ffconcat").toString(),
                "-af", "volume=" + linearGain + "dB", "-c:a", "aac", "-b:a", "128k", linearOnly.toString());
        double[] unlimited = ebur128(linearOnly);
        assertThat(unlimited[1]).isGreaterThan(TARGET.truePeakDbtp());

        // and the master, decoded from AAC, is on target within 0.5 LU and at or under the ceiling
        double[] measured = ebur128(master);
        System.out.printf("programme %.1f LUFS / %.1f dBTP; gain alone: %.1f LUFS / %.1f dBTP; master: %.1f LUFS / %.1f dBTP%n",
                before.integratedLufs(), before.truePeakDbtp(), unlimited[0], unlimited[1], measured[0], measured[1]);
        assertThat(measured[0]).isCloseTo(TARGET.integratedLufs(), Offset.offset(0.5));
        assertThat(measured[1]).isLessThanOrEqualTo(TARGET.truePeakDbtp());
        // the assembler's own measurement of the master (kept for verify) agrees with an independent ebur128
        assertThat(assembly.measured().programme().integratedLufs()).isCloseTo(measured[0], Offset.offset(0.15));
        assertThat(assembly.measured().programme().truePeakDbtp()).isCloseTo(measured[1], Offset.offset(0.15));
        assertThat(assembly.measured().spanLufs()).hasSize(2);
        // the kept scan was made from the AAC packets while the master was written: the master's own sound, scanned
        // from the finished file, measures the same to the hundredth
        MasterScan.Result fromFile = new MasterScan(toolchain, gateway, SETTINGS).scan(master, HOUSE, 150, MasterAssembler.spans(parts),
                DETECTORS, false, dir);
        assertThat(fromFile.programme().integratedLufs()).isCloseTo(assembly.measured().programme().integratedLufs(), Offset.offset(0.01));
        assertThat(fromFile.programme().truePeakDbtp()).isCloseTo(assembly.measured().programme().truePeakDbtp(), Offset.offset(0.01));
        assertThat(fromFile.programme().rangeLu()).isCloseTo(assembly.measured().programme().rangeLu(), Offset.offset(0.01));
        for (int i = 0; i < 2; i++) {
            assertThat(fromFile.spanLufs().get(i)).isCloseTo(assembly.measured().spanLufs().get(i), Offset.offset(0.01));
        }
        assertThat(fromFile.silence()).isEqualTo(assembly.measured().silence());
        assertThat(MasterScan.load(master, MasterAssembler.spans(parts), DETECTORS)).contains(assembly.measured());
        // a master changed since (or other spans) is not vouched for by that scan
        assertThat(MasterScan.load(master, List.of(new MasterScan.Span(0, 150)), DETECTORS)).isEmpty();
        Files.setLastModifiedTime(master, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(master).toMillis() - 5000));
        assertThat(MasterScan.load(master, MasterAssembler.spans(parts), DETECTORS)).isEmpty();

        // the picture was copied whole and the sound lasts exactly as long: 150 frames, 150 x 1600 samples
        String frames = TestMedia.ffprobe("-count_packets", "-select_streams", "v:0", "-show_entries", "stream=nb_read_packets",
                "-of", "csv=p=0", master.toString()).trim();
        assertThat(frames).isEqualTo("150");
        String samples = TestMedia.ffprobe("-select_streams", "a:0", "-show_entries", "stream=duration_ts", "-of", "csv=p=0",
                master.toString()).trim();
        assertThat(Long.parseLong(samples)).isEqualTo(HOUSE.samples(150));
    }

    @Test
    void theLimiterIsCompensatedSoSoundStaysOnItsFrames() {
        String chain = MasterAssembler.soundChain(3.0, MasterAssembler.ceilingDb(TARGET), true, HOUSE);

        // gain first, limiting at four times the house rate with its look-ahead delay taken back, then the house rate
        assertThat(chain).startsWith("volume=3.00dB").contains("aresample=192000,alimiter=")
                .contains("level=false", "latency=true").endsWith("aresample=48000");
        // the ceiling leaves room for the AAC encode: -2.0 dBFS = 0.794328
        assertThat(chain).contains("limit=0.794328");
        // pieces arrive under the ceiling: no gain, no limiter, nothing in the chain at all
        assertThat(MasterAssembler.soundChain(0, MasterAssembler.ceilingDb(TARGET), false, HOUSE)).isEmpty();
    }

    @Test
    void theProgrammeIsNudgedIntoTheWindowNotOntoTheTarget() {
        // pieces are at the target already; quiet titles pulled the programme to -17.1: 0.85 dB is enough
        assertThat(MasterAssembler.gainDb(TARGET, new LoudnessMeasurement(-17.1, -5, 3, -27, 0))).isCloseTo(0.85, Offset.offset(1e-9));
        assertThat(MasterAssembler.gainDb(TARGET, new LoudnessMeasurement(-16.1, -5, 3, -27, 0))).isZero();
        assertThat(MasterAssembler.gainDb(TARGET, new LoudnessMeasurement(-12, -1, 3, -22, 0))).isCloseTo(-3.75, Offset.offset(1e-9));
        assertThat(MasterAssembler.gainDb(TARGET, new LoudnessMeasurement(Double.NEGATIVE_INFINITY, -99, 0, -70, 0))).isZero();
    }

    /** Integrated loudness and true peak of a file's first audio stream, by ebur128. */
    static double[] ebur128(Path file) {
        String out = TestMedia.ffmpeg("-nostats", "-i", file.toString(), "-map", "0:a:0", "-af", "ebur128=peak=true:framelog=verbose",
                "-f", "null", "-");
        String summary = out.substring(out.lastIndexOf("Summary:"));
        return new double[] {number(summary, "I:\\s+(-?[\\d.]+) LUFS"), number(summary, "Peak:\\s+(-?[\\d.]+) dBFS")};
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in " + text).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
