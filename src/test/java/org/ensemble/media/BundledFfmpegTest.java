package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.ensemble.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine with only a JDK must still run: the FFmpeg bundled in the jar (org.bytedeco:ffmpeg's GPL build, with
 * libx264 like the system one) is unpacked, every library it names is found inside it or in the C/C++ runtime, and
 * it makes a house-format segment. Whether it starts with the machine's other libraries hidden is
 * {@code BareMachineIT}'s question; this one reads what the loader will read.
 */
class BundledFfmpegTest {

    @TempDir
    Path dir;

    @Test
    void everyLibraryTheBundleNamesIsInTheBundleOrTheCRuntime() throws IOException {
        // given the bundle unpacked as Ensemble unpacks it
        BundledFfmpeg.Installation installation = BundledFfmpeg.install(dir.resolve("tools"));

        // when every ELF file in it is read, from the two programs through what they name
        Map<String, Elf> byName = new TreeMap<>();
        try (var files = Files.list(installation.directory())) {
            for (Path file : files.sorted().toList()) {
                if (Elf.looksLikeElf(file)) {
                    byName.put(file.getFileName().toString(), Elf.read(file));
                }
            }
        }
        Set<String> reached = new TreeSet<>();
        List<String> unresolved = new ArrayList<>();
        List<String> todo = new ArrayList<>(List.of("ffmpeg", "ffprobe"));
        while (!todo.isEmpty()) {
            String name = todo.remove(todo.size() - 1);
            if (!reached.add(name)) {
                continue;
            }
            for (String needed : byName.get(name).needed()) {
                if (byName.containsKey(needed)) {
                    todo.add(needed);
                } else if (!BundledFfmpeg.RUNTIME.contains(needed)) {
                    unresolved.add(name + " -> " + needed);
                }
            }
        }

        // then nothing outside glibc and the C++ runtime is needed; the libraries the programs reach include the
        // device library and the stand-ins for what only it names, and the programs themselves are real
        assertThat(unresolved).isEmpty();
        assertThat(reached).contains("ffmpeg", "ffprobe", "libavcodec.so.61", "libavdevice.so.61", "libva.so.2");
        assertThat(installation.standIns()).containsExactlyInAnyOrder("libasound.so.2", "libpulse.so.0", "libxcb.so.1",
                "libxcb-shm.so.0");
        for (String standIn : installation.standIns()) {
            Elf elf = byName.get(standIn);
            assertThat(elf.soname()).contains(standIn);
            assertThat(elf.needed()).isEmpty();
        }
        assertThat(byName.get("ffmpeg").needed()).contains("libavdevice.so.61", "libavcodec.so.61");
    }

    @Test
    void aStandInDefinesTheVersionsItsUserAsksFor() {
        // given a stand-in for ALSA with the versions libavdevice requires
        byte[] bytes = ElfStandIn.of("libasound.so.2", List.of("ALSA_0.9.0rc4", "ALSA_0.9"), Elf.EM_X86_64);

        // when it is read back
        Elf elf = Elf.parse(java.nio.ByteBuffer.wrap(bytes), "stand-in");

        // then it is a library with that name and nothing it needs
        assertThat(elf.machine()).isEqualTo(Elf.EM_X86_64);
        assertThat(elf.soname()).contains("libasound.so.2");
        assertThat(elf.needed()).isEmpty();
        // the hash the loader matches versions by: glibc's own GLIBC_2.2.5 is 0x09691a75 in every binary that needs it
        assertThat(ElfStandIn.elfHash("GLIBC_2.2.5")).isEqualTo(0x09691a75L);
    }

    @Test
    void theBundledFfmpegMakesAnExactHouseSegmentWithLibx264() {
        // given the binaries inside the jar, forced as on a machine without a system FFmpeg
        MediaProcessGateway gateway = new MediaProcessGateway();
        MediaSettings settings = new MediaSettings(FfmpegToolchain.BUNDLED, "", Duration.ofSeconds(60), Duration.ofSeconds(10),
                "veryfast", 20);
        FfmpegToolchain bundled = FfmpegToolchain.detect(settings, gateway, dir.resolve("tools"));
        assertThat(bundled.origin()).startsWith("bundled");
        assertThat(bundled.ffmpeg()).startsWith(dir.resolve("tools"));
        assertThat(bundled.videoEncoder()).isEqualTo(FfmpegToolchain.VideoEncoder.LIBX264);
        assertThat(bundled.version()).startsWith("7.");

        // when it conforms a 2-second 25 fps clip into the 30 fps house format
        Path source = TestMedia.video(dir.resolve("clip.mp4"), 2, 426, 240, 25, -20);
        HouseProfile profile = new HouseProfile(320, 180, 30, "yuv420p", 48000, 2, 128);
        LoudnessTarget target = new LoudnessTarget(-16, -1.5, 11);
        LoudnessMeasurement measured = new LoudnessMeter(bundled, gateway, settings)
                .analyse(source, "0:a:0", 0, 2, -16, -1.5, 11, "clip");
        SegmentRequest request = new SegmentRequest("bundled", new SegmentRequest.Footage(source, 0),
                new SegmentRequest.FromFile(source, "a:0", 0, target, measured), 45, null,
                dir.resolve("picture.mp4"), dir.resolve("sound.flac"));
        new SegmentEncoder(bundled, gateway, settings).encode(request, profile, 1);

        // then the picture has exactly 45 frames of H.264 and the sound exactly 45 * 1600 samples
        ProbeResult picture = new MediaProbe(bundled, gateway).probe(dir.resolve("picture.mp4"), true);
        assertThat(picture.video().orElseThrow().frameCount()).isEqualTo(45);
        assertThat(picture.video().orElseThrow().codecName()).isEqualTo("h264");
        String samples = TestMedia.ffprobe("-show_entries", "stream=duration_ts,sample_rate", "-of", "csv=p=0",
                dir.resolve("sound.flac").toString()).strip();
        assertThat(samples).isEqualTo("48000,72000");
        // a sine at 1/8 full scale, lowered 20 dB: about -42 LUFS
        assertThat(measured.integratedLufs()).isBetween(-45.0, -38.0);
    }
}
