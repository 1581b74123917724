package org.ensemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Tiny media for unit tests (320x180, a few seconds at most), made with the system FFmpeg into a folder the test
 * owns. Every file takes a fraction of a second to make.
 */
public final class TinyMedia {

    public static final String FFMPEG = "/usr/bin/ffmpeg";
    public static final String FFPROBE = "/usr/bin/ffprobe";

    private TinyMedia() {
    }

    /** An H.264 MP4 of {@code seconds} at 30 fps, 320x180, with a 48 kHz AAC tone when {@code withSound}. */
    public static Path mp4(Path file, double seconds, boolean withSound) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "testsrc2=s=320x180:r=30:d=" + seconds));
        if (withSound) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=" + seconds));
        }
        args.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        if (withSound) {
            args.addAll(List.of("-c:a", "aac", "-b:a", "64k"));
        }
        args.add(file.toString());
        ffmpeg(args);
        return file;
    }

    /** A 16-bit PCM WAV of a tone. */
    public static Path wav(Path file, double seconds) {
        ffmpeg(List.of("-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=" + seconds, "-c:a", "pcm_s16le",
                file.toString()));
        return file;
    }

    public static String ffmpeg(List<String> args) {
        List<String> command = new ArrayList<>(List.of(FFMPEG, "-hide_banner", "-nostdin", "-y", "-v", "error"));
        command.addAll(args);
        return run(command);
    }

    public static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
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

    /** The first {@code bytes} bytes of a file, as a half-finished upload would leave it. */
    public static Path truncatedCopy(Path source, Path target, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Files.write(target, java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
        return target;
    }
}
