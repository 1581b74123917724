package org.ensemble.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.ensemble.FileTrees;
import org.ensemble.Hashes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The FFmpeg that ships inside the jar ({@code org.bytedeco:ffmpeg}, the GPL build with libx264), made ready to run
 * on a machine that has nothing but glibc and a C++ runtime.
 * <p>
 * The programs and their libraries are copied out of the jar once into a folder of their own, named by what the
 * jar carries (so an upgrade gets a new folder), and made visible whole by a rename. They are run with that folder
 * as {@code LD_LIBRARY_PATH}: the FFmpeg libraries do not look beside themselves for one another.
 * <p>
 * Every library the bundle names must then be found: in the bundle, or among the C and C++ runtime libraries
 * ({@link #RUNTIME}). The one exception is what only {@code libavdevice} names: FFmpeg's capture and playback
 * devices (ALSA, PulseAudio, X11 screen grabbing) link the sound-server and X11 client libraries, which a server does
 * not have and Ensemble never calls (it reads and writes files only; no device is ever opened, and device formats
 * are never guessed from a file's content). For those, an inert {@link ElfStandIn} is written into the folder, so the
 * binaries start the same way on every machine, whether the real libraries are installed or not. A library that
 * any other part of the bundle names and nobody provides stops the start with a sentence saying which.
 */
final class BundledFfmpeg {

    private static final Logger LOG = LoggerFactory.getLogger(BundledFfmpeg.class);

    /** glibc and the C++ runtime: on every Linux machine a JDK runs on (Debian's JDK links libstdc++ itself). */
    static final Set<String> RUNTIME = Set.of("libc.so.6", "libm.so.6", "libmvec.so.1", "libpthread.so.0", "libdl.so.2",
            "librt.so.1", "libutil.so.1", "libresolv.so.2", "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
            "libstdc++.so.6", "libgcc_s.so.1");

    /** The bundle's part that may name libraries the machine lacks: FFmpeg's device library. */
    private static final String DEVICES = "libavdevice.so";

    private static final String MARKER = ".complete";

    /**
     * A bundle ready to run.
     *
     * @param directory   where it is
     * @param environment what its processes need in their environment
     * @param standIns    the libraries stood in for, by name
     */
    record Installation(Path directory, Map<String, String> environment, List<String> standIns) {
        Path ffmpeg() {
            return directory.resolve("ffmpeg");
        }

        Path ffprobe() {
            return directory.resolve("ffprobe");
        }
    }

    /** One file of the bundle as the jar has it. */
    record Entry(String name, Resource resource) {
    }

    private BundledFfmpeg() {
    }

    /** The javacpp platform this JVM runs on, e.g. {@code linux-x86_64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osPart = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : os;
        String archPart = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return osPart + "-" + archPart;
    }

    /** The resource folder of the bundle for this platform (the GPL build's classifier). */
    static String resourceFolder() {
        return "org/bytedeco/ffmpeg/" + platform() + "-gpl/";
    }

    /** Makes the bundle ready under {@code root} (once; later calls find it there) and returns it. */
    static Installation install(Path root) {
        List<Entry> entries = entries();
        if (entries.stream().noneMatch(e -> e.name().equals("ffmpeg")) || entries.stream().noneMatch(e -> e.name().equals("ffprobe"))) {
            throw new MediaToolsUnavailableException("No ffmpeg on the PATH, and this build of Ensemble carries none for "
                    + platform() + "; install ffmpeg (Debian: apt-get install ffmpeg) or set ensemble.media.ffmpeg");
        }
        Path directory = root.resolve("ffmpeg-" + key(entries));
        try {
            if (!Files.exists(directory.resolve(MARKER))) {
                unpack(entries, directory);
            }
            List<String> standIns = Files.readAllLines(directory.resolve(MARKER), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("stand-in ")).map(l -> l.substring("stand-in ".length())).toList();
            return new Installation(directory, Map.of("LD_LIBRARY_PATH", directory.toString()), standIns);
        } catch (IOException e) {
            throw new MediaToolsUnavailableException("Cannot unpack the bundled FFmpeg into " + root + " (" + e.getMessage()
                    + "); make that folder writable, or install ffmpeg (Debian: apt-get install ffmpeg)", e);
        }
    }

    /** The programs and libraries of the bundle (the JNI glue for Java callers is left out: nothing here loads it). */
    static List<Entry> entries() {
        String folder = resourceFolder();
        try {
            Resource[] found = new PathMatchingResourcePatternResolver(BundledFfmpeg.class.getClassLoader())
                    .getResources("classpath*:" + folder + "*");
            List<Entry> entries = new ArrayList<>();
            for (Resource resource : found) {
                String name = resource.getFilename();
                if (name != null && !name.isEmpty() && !name.startsWith("libjni") && resource.isReadable()) {
                    entries.add(new Entry(name, resource));
                }
            }
            entries.sort(Comparator.comparing(Entry::name));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + " on the class path", e);
        }
    }

    /** Names the folder by the jar's content: each file's name and size (an upgrade changes both). */
    private static String key(List<Entry> entries) {
        StringBuilder listing = new StringBuilder();
        for (Entry entry : entries) {
            try {
                listing.append(entry.name()).append(' ').append(entry.resource().contentLength()).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + entry.name() + " of the bundled FFmpeg", e);
            }
        }
        return platform() + "-" + Hashes.sha256(listing.toString()).substring(0, 12);
    }

    private static void unpack(List<Entry> entries, Path directory) throws IOException {
        Files.createDirectories(directory.getParent());
        Path scratch = directory.resolveSibling("." + directory.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(scratch);
            for (Entry entry : entries) {
                try (InputStream in = entry.resource().getInputStream()) {
                    Files.copy(in, scratch.resolve(entry.name()));
                }
            }
            for (String program : List.of("ffmpeg", "ffprobe")) {
                Files.setPosixFilePermissions(scratch.resolve(program), PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            List<String> standIns = link(scratch);
            StringBuilder marker = new StringBuilder("unpacked from the jar; LD_LIBRARY_PATH=this folder\n");
            standIns.forEach(s -> marker.append("stand-in ").append(s).append('\n'));
            Files.writeString(scratch.resolve(MARKER), marker, StandardCharsets.UTF_8);
            try {
                Files.move(scratch, directory, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("Unpacked the bundled FFmpeg into {}{}", directory,
                        standIns.isEmpty() ? "" : "; inert stand-ins for the device libraries " + standIns);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                if (!Files.exists(directory.resolve(MARKER))) {
                    throw e;
                }
                // another process unpacked the same bundle first: use its folder
            }
        } finally {
            FileTrees.delete(scratch);
        }
    }

    /**
     * Makes every library the bundle names resolvable inside {@code folder}: a link under its {@code SONAME} where the
     * jar stores it under another name, and a stand-in for what only the device library names. Returns the stand-ins.
     */
    static List<String> link(Path folder) throws IOException {
        Map<String, Elf> files = new TreeMap<>();
        try (var listing = Files.list(folder)) {
            for (Path file : listing.sorted().toList()) {
                if (Files.isRegularFile(file) && Elf.looksLikeElf(file)) {
                    files.put(file.getFileName().toString(), Elf.read(file));
                }
            }
        }
        Set<String> provided = new TreeSet<>(files.keySet());
        for (var file : files.entrySet()) {
            String soname = file.getValue().soname().orElse(file.getKey());
            if (provided.add(soname)) {
                Files.createSymbolicLink(folder.resolve(soname), Path.of(file.getKey()));
            }
        }
        Map<String, Set<String>> missing = new TreeMap<>();
        Map<String, List<String>> versions = new TreeMap<>();
        int machine = Elf.EM_X86_64;
        for (var file : files.entrySet()) {
            Elf elf = file.getValue();
            machine = elf.machine();
            for (String needed : elf.needed()) {
                if (!provided.contains(needed) && !RUNTIME.contains(needed)) {
                    missing.computeIfAbsent(needed, n -> new TreeSet<>()).add(elf.soname().orElse(file.getKey()));
                    versions.computeIfAbsent(needed, n -> new ArrayList<>()).addAll(elf.versionsNeeded().getOrDefault(needed, List.of()));
                }
            }
        }
        List<String> standIns = new ArrayList<>();
        for (var library : missing.entrySet()) {
            boolean devicesOnly = library.getValue().stream().allMatch(user -> user.startsWith(DEVICES));
            if (!devicesOnly) {
                throw new MediaToolsUnavailableException("The bundled FFmpeg needs " + library.getKey() + " (for "
                        + String.join(", ", library.getValue()) + "), which it does not carry; install ffmpeg "
                        + "(Debian: apt-get install ffmpeg) or set ensemble.media.ffmpeg");
            }
            Files.write(folder.resolve(library.getKey()), ElfStandIn.of(library.getKey(), versions.get(library.getKey()), machine));
            standIns.add(library.getKey());
        }
        return standIns;
    }
}
