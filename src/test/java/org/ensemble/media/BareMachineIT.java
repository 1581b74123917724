package org.ensemble.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.ensemble.EnsembleJar;
import org.ensemble.TestMedia;
import org.ensemble.TinyWeek;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise that a machine with only a JDK runs Ensemble, tested on this machine made bare: in a private
 * mount namespace the system's library folder is replaced by one holding only what the JDK (headless) and
 * util-linux's {@code setpriv} link, fontconfig (which the JDK opens), glibc and the C++ runtime, and every {@code ffmpeg}/{@code ffprobe} on the
 * PATH is hidden. The packaged jar then runs a whole week of the tiny show on the FFmpeg it carries.
 */
class BareMachineIT {

    private static final Path LIBRARIES = Path.of("/usr/lib/x86_64-linux-gnu");
    private static final List<Path> SEARCH = List.of(LIBRARIES, Path.of("/lib/x86_64-linux-gnu"), Path.of("/lib64"),
            Path.of("/usr/lib"), Path.of("/lib"));
    /** The JDK's desktop parts, which a server JDK (Debian's -headless packages) does not have. */
    private static final Set<String> DESKTOP = Set.of("libawt_xawt.so", "libjawt.so", "libsplashscreen.so", "libjsound.so",
            "libatk-wrapper.so");
    /**
     * What the JDK opens by name at run time rather than linking it: fontconfig, without which it can use no font at
     * all (its Debian package, openjdk-17-jre-headless, depends on libfontconfig1 for that reason).
     */
    private static final List<String> OPENED_BY_THE_JDK = List.of("libfontconfig.so.1");

    @TempDir
    Path dir;

    @Test
    void theJarPublishesAWeekWithOnlyTheJdkAndGlibcOnTheMachine() throws Exception {
        EnsembleJar.require(EnsembleJar.root(), "root (for a private mount namespace)");
        EnsembleJar.require(Files.isExecutable(Path.of("/usr/bin/unshare")), "unshare (util-linux)");
        EnsembleJar.require(Files.isDirectory(LIBRARIES), LIBRARIES + " (a Debian multiarch machine)");
        assertThat(EnsembleJar.JAR).as("run after package").isRegularFile();

        // given a week made with the machine's FFmpeg, and a library folder holding only what a bare machine has
        Path inbox = TinyWeek.make(dir.resolve("week"), 8);
        Path bare = Files.createDirectories(dir.resolve("bare-libraries"));
        Map<String, Path> kept = bareMachineLibraries();
        for (var library : kept.entrySet()) {
            Files.copy(library.getValue(), bare.resolve(library.getKey()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        long systemLibraries;
        try (Stream<Path> all = Files.list(LIBRARIES)) {
            systemLibraries = all.count();
        }
        List<String> hidden = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String program : List.of("ffmpeg", "ffprobe")) {
                Path candidate = Path.of(entry.isEmpty() ? "." : entry, program);
                if (Files.exists(candidate)) {
                    hidden.add(candidate.toString());
                }
            }
        }
        Path home = dir.resolve("home");
        Path script = dir.resolve("bare.sh");
        StringBuilder text = new StringBuilder("set -eu\nmount --make-rprivate /\n");
        for (String program : hidden) {
            text.append("mount --bind /dev/null '").append(program).append("'\n");
        }
        // the last mount: after it, only what was kept can be loaded (exec is a shell builtin)
        text.append("mount --bind '").append(bare).append("' '").append(LIBRARIES).append("'\n");
        text.append("exec \"$@\"\n");
        Files.writeString(script, text);
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "-m", "/bin/bash", script.toString()));
        command.addAll(EnsembleJar.command("run", "--show", "tiny-show", "--air-date", "2026-12-14", "--inbox", inbox.toString(),
                "--home", home.toString(), "--jobs", Path.of("src/test/resources/jobs").toAbsolutePath().toString()));

        System.out.printf("A bare machine: %d of the %d files in %s kept%n", kept.size(), systemLibraries, LIBRARIES);

        // when the README's run command runs there
        Path log = dir.resolve("run.log");
        int exit = EnsembleJar.run(command, log);
        String output = EnsembleJar.read(log);

        // then it used the bundled FFmpeg with libx264, and published the week
        assertThat(exit).as(output).isZero();
        assertThat(kept.size()).as("kept of %d", systemLibraries).isLessThan((int) systemLibraries / 4);
        assertThat(output).contains("(bundled (org.bytedeco:ffmpeg GPL build))").contains("H.264 encoder LIBX264")
                .contains("Published tiny-show/2026-12-14 as r1");
        Path episode = home.resolve("outbox/tiny-show/2026-12-14/r1/episode.mp4");
        String streams = TestMedia.ffprobe("-count_frames", "-show_entries", "stream=codec_name,nb_read_frames,width,height",
                "-of", "csv=p=0", episode.toString());
        // picture, sound (and the chapters track)
        assertThat(streams.lines().toList().get(0)).isEqualTo("h264,320,180,900");
        assertThat(streams.lines().toList().get(1)).startsWith("aac");
        String loudness = TestMedia.ffmpeg("-nostats", "-i", episode.toString(), "-map", "0:a", "-af", "ebur128", "-f", "null", "-");
        double integrated = Double.parseDouble(loudness.substring(loudness.lastIndexOf("I:") + 2).strip().split("\\s+")[0]);
        assertThat(integrated).isBetween(-16.5, -15.5);
    }

    /** Each library the headless JDK and setpriv need, with glibc and the C++ runtime, by the name it is loaded by. */
    private static Map<String, Path> bareMachineLibraries() throws IOException {
        Deque<Path> todo = new ArrayDeque<>();
        try (Stream<Path> jdk = Files.walk(Path.of(System.getProperty("java.home")).toRealPath())) {
            jdk.filter(Files::isRegularFile).filter(f -> !DESKTOP.contains(f.getFileName().toString()))
                    .filter(Elf::looksLikeElf).forEach(todo::add);
        }
        todo.add(Path.of("/usr/bin/setpriv"));
        Map<String, Path> kept = new TreeMap<>();
        for (String opened : OPENED_BY_THE_JDK) {
            kept.put(opened, find(opened).orElseThrow(() -> new IllegalStateException(opened + " is not on this machine")));
        }
        for (String runtime : BundledFfmpeg.RUNTIME) {
            find(runtime).ifPresent(found -> kept.put(runtime, found));
        }
        kept.values().forEach(todo::add);
        Set<Path> read = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            Path file = todo.pop();
            if (!read.add(file)) {
                continue;
            }
            for (String needed : Elf.read(file).needed()) {
                if (!kept.containsKey(needed) && !insideJdk(needed)) {
                    Path found = find(needed).orElseThrow(() -> new IllegalStateException(file + " needs " + needed + ", not found"));
                    kept.put(needed, found);
                    todo.add(found);
                }
            }
        }
        return kept;
    }

    private static boolean insideJdk(String library) throws IOException {
        try (Stream<Path> jdk = Files.walk(Path.of(System.getProperty("java.home")).toRealPath())) {
            return jdk.anyMatch(f -> f.getFileName().toString().equals(library));
        }
    }

    private static Optional<Path> find(String library) throws IOException {
        for (Path folder : SEARCH) {
            Path candidate = folder.resolve(library);
            if (Files.exists(candidate)) {
                return Optional.of(candidate.toRealPath());
            }
        }
        return Optional.empty();
    }
}
