package org.ensemble;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.ensemble.media.FfmpegToolchain;
import org.ensemble.media.MediaProcessGateway;
import org.ensemble.media.MediaSettings;

/**
 * Makes the tiny media the tests need with the same FFmpeg the application uses (system first, else the bundled
 * one). Under CI=true a missing FFmpeg fails the tests; there is no skipping.
 */
public final class TestMedia {

    private TestMedia() {
    }

    /** Found once: the system's FFmpeg, else the one bundled in the jar. */
    private static final class Tools {
        static final MediaProcessGateway GATEWAY = new MediaProcessGateway();
        static final FfmpegToolchain TOOLCHAIN = FfmpegToolchain.detect(new MediaSettings("", "", Duration.ofSeconds(60),
                Duration.ofSeconds(10), "veryfast", 20), GATEWAY);
    }

    public static String ffmpeg() {
        return Tools.TOOLCHAIN.ffmpeg().toString();
    }

    public static String ffprobe() {
        return Tools.TOOLCHAIN.ffprobe().toString();
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
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(Tools.GATEWAY.environmentOf(Path.of(command.get(0))));
            Process p = builder.start();
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

    /** A 640x480 PNG with part of its IDAT (the compressed pixels) flipped; its header still says a valid image. */
    public static Path brokenPng(Path file) throws IOException {
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(640, 480, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 480; y++) {
            for (int x = 0; x < 640; x++) {
                picture.setRGB(x, y, (x * 255 / 640) << 16 | (y * 255 / 480) << 8 | ((x ^ y) & 0xFF));
            }
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(picture, "png", png);
        byte[] bytes = png.toByteArray();
        int data = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("IDAT") + 4 + 64;
        for (int i = data; i < data + 512; i++) {
            bytes[i] ^= 0x5A;
        }
        Files.write(file, bytes);
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

    /**
     * A sync probe: black picture and silence, except that from 0.5 s on, once a second, the first frame of the new
     * second turns white and a 1 kHz beep (-6 dBFS) sounds for exactly that frame's time. Sources faster than 30 fps
     * flash for two frames, so a conversion to a slower house rate cannot drop the flash. {@code rate} is FFmpeg's
     * (e.g. "30000/1001"); with {@code variableRate} every fourth frame (never a flash) is dropped and the timestamps
     * kept, so the file is VFR. {@code codecs} are the output's codec options, the container follows the file name.
     */
    public static Path syncProbe(Path file, String rate, int seconds, boolean variableRate, String... codecs) {
        double fps = evaluate(rate);
        int flashFrames = fps > 31 ? 2 : 1;
        StringBuilder video = new StringBuilder();
        StringBuilder sound = new StringBuilder();
        for (int j = 0; j < flashFrames; j++) {
            video.append(j == 0 ? "" : "+").append(flashStart("(n-" + j + ")", rate));
            sound.append(j == 0 ? "" : "+").append(flashStart("(floor(t*" + rate + ")-" + j + ")", rate));
        }
        String picture = "color=black:s=320x180:r=" + rate + ":d=" + seconds + ",format=yuv420p,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill"
                + ":enable='gt(" + video + ",0)'" + (variableRate ? ",select='not(eq(mod(n,4),2))'" : "");
        String beep = "aevalsrc='if(gt(" + sound + ",0),0.5*sin(2*PI*1000*t),0)':s=48000:d=" + seconds;
        List<String> args = new ArrayList<>(List.of("-v", "error", "-f", "lavfi", "-i", picture, "-f", "lavfi", "-i", beep,
                "-map", "0:v", "-map", "1:a"));
        if (variableRate) {
            args.addAll(List.of("-fps_mode", "vfr"));
        }
        args.addAll(List.of(codecs));
        args.add(file.toString());
        ffmpeg(args.toArray(String[]::new));
        return file;
    }

    /** 1 when frame {@code n} (an expression) is the first frame at or after a whole second plus 0.5 s. */
    private static String flashStart(String n, String rate) {
        String now = n + "/(" + rate + ")-0.5";
        String before = "(" + n + "-1)/(" + rate + ")-0.5";
        return "gte(" + now + ",0)*gt(floor(" + now + "),floor(" + before + "))";
    }

    private static double evaluate(String rate) {
        String[] parts = rate.split("/");
        return parts.length == 1 ? Double.parseDouble(parts[0]) : Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }

    /** Runs ffmpeg and returns what it wrote to standard output (raw frames or samples); its log is discarded. */
    public static byte[] ffmpegOutput(String... args) {
        List<String> command = new ArrayList<>(List.of(ffmpeg(), "-hide_banner", "-nostdin", "-v", "error"));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(Tools.GATEWAY.environmentOf(Path.of(command.get(0))));
            Process p = builder.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("Command failed: " + command);
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
