package org.ensemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Makes the tiny media the tests need with the same FFmpeg the application uses (system first, else the bundled
 * one). Under CI=true a missing FFmpeg fails the tests; there is no skipping.
 */
public final class TestMedia {

    private TestMedia() {
    }

    public static String ffmpeg() {
        return Files.isExecutable(Path.of("/usr/bin/ffmpeg")) ? "/usr/bin/ffmpeg"
                : org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }

    public static String ffprobe() {
        return Files.isExecutable(Path.of("/usr/bin/ffprobe")) ? "/usr/bin/ffprobe"
                : org.bytedeco.javacpp.Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
    }

    /** Runs ffmpeg with these arguments and returns its standard error (where FFmpeg reports measurements). */
    public static String ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of(ffmpeg(), "-hide_banner", "-nostdin", "-y"));
        command.addAll(List.of(args));
        return run(command);
    }

    public static String ffprobe(String... args) {
        List<String> command = new ArrayList<>(List.of(ffprobe(), "-v", "error"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("Command failed: " + command + "\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A talking-head stand-in: moving test picture at 25 fps with a tone at roughly the given level. */
    public static Path video(Path file, int seconds, int width, int height, int fps, double volumeDb) {
        ffmpeg("-f", "lavfi", "-i", "testsrc2=s=" + width + "x" + height + ":r=" + fps + ":d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=440:d=" + seconds + ":sample_rate=44100",
                "-af", "volume=" + volumeDb + "dB", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest", file.toString());
        return file;
    }

    public static Path tone(Path file, int seconds, double volumeDb) {
        ffmpeg("-f", "lavfi", "-i", "sine=f=330:d=" + seconds + ":sample_rate=44100", "-af", "volume=" + volumeDb + "dB",
                "-ac", "1", file.toString());
        return file;
    }

    public static Path picture(Path file, int width, int height) {
        ffmpeg("-f", "lavfi", "-i", "testsrc=s=" + width + "x" + height, "-frames:v", "1", file.toString());
        return file;
    }

    public static Path text(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** An H.264 MP4 of {@code seconds} at 30 fps, 320x180, with a 48 kHz AAC tone when {@code withSound}. */
    public static Path mp4(Path file, double seconds, boolean withSound) {
        List<String> args = new ArrayList<>(List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=" + seconds));
        if (withSound) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=" + seconds));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        if (withSound) {
            args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
        }
        args.add(file.toString());
        ffmpeg(args.toArray(String[]::new));
        return file;
    }

    /** A 16-bit PCM WAV of a tone. */
    public static Path wav(Path file, double seconds) {
        ffmpeg("-v", "error", "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=" + seconds, "-c:a", "pcm_s16le",
                file.toString());
        return file;
    }

    /** The first {@code bytes} bytes of a file, as a half-finished upload would leave it. */
    public static Path truncatedCopy(Path source, Path target, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Files.write(target, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
        return target;
    }

    /** A ZIP archive wearing a video's name: the classic disguised upload. */
    public static Path zipNamed(Path file) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("holiday.txt"));
            zip.write("not a video".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return file;
    }
}
