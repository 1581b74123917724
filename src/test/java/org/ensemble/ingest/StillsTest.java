package org.ensemble.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.ensemble.TestMedia;
import org.ensemble.episode.Contribution;
import org.ensemble.episode.MediaKind;
import org.ensemble.media.ProbeResult;
import org.ensemble.segment.Segment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Photos and animations through the real ingest (Tika, header checks, ffprobe) and conform (Java2D plate, FFmpeg
 * encode), judged by the pixels of the produced segment.
 */
class StillsTest {

    @TempDir
    static Path root;
    static IngestBench bench;

    @BeforeAll
    static void setUp() throws IOException {
        bench = new IngestBench(root, "{wordsPerMinute: 200, minSeconds: 4, maxSeconds: 9}");
    }

    @ParameterizedTest(name = "EXIF orientation {0}: the marker shows {1}")
    @CsvSource({
            // upright: as stored
            "1, top-left",
            // mirrored (selfie cameras)
            "2, top-right",
            // phone upside down
            "3, bottom-right",
            "4, bottom-left",
            // transposed: a mirrored quarter turn
            "5, top-left",
            // phone held upright, the most common case: turn 90 degrees clockwise
            "6, top-right",
            "7, bottom-right",
            // phone held the other way: turn 90 degrees counter-clockwise
            "8, bottom-left",
    })
    void aPhotoIsTurnedUprightByItsExifOrientation(int orientation, String corner) throws IOException {
        // given a landscape photo with a red marker in the stored top-left corner and an EXIF orientation tag
        BufferedImage photo = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setColor(new Color(30, 60, 200));
        g.fillRect(0, 0, 64, 48);
        g.setColor(new Color(230, 20, 20));
        g.fillRect(0, 0, 20, 16);
        g.dispose();
        Path file = bench.inbox.resolve("exif-" + orientation + ".jpg");
        Files.write(file, withExif(jpeg(photo), orientation));

        // when it is ingested and conformed
        Contribution c = bench.inspect("exif-" + orientation, "photography", file.getFileName().toString());
        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.kind()).isEqualTo(MediaKind.STILL);
        Segment segment = bench.conform(c, 15);
        BufferedImage frame = bench.frame(segment.picture(), 7);

        // then the red marker sits in the corner a viewer expects, and the blue body of a turned picture stands portrait
        assertThat(cornerOf(frame, 170)).isEqualTo(corner);
        // measured across the middle row and down the middle column, clear of the marker and the lower third
        int width = 0;
        int height = 0;
        for (int x = 0; x < frame.getWidth(); x++) {
            width += isPhotoBlue(frame.getRGB(x, 90)) ? 1 : 0;
        }
        for (int y = 0; y < frame.getHeight(); y++) {
            height += isPhotoBlue(frame.getRGB(160, y)) ? 1 : 0;
        }
        if (orientation >= 5) {
            assertThat(height).as("portrait after turning").isGreaterThan(width);
        } else {
            assertThat(width).as("landscape").isGreaterThan(height);
        }
    }

    @Test
    void aCmykJpegKeepsItsColours() throws IOException {
        // given an Adobe CMYK JPEG (as print workflows export): left half red (0,100,100,0), right half green (100,0,100,0)
        Path file = bench.inbox.resolve("cmyk.jpg");
        Files.write(file, cmykJpeg());
        assertThat(TestMedia.ffprobe("-show_entries", "stream=pix_fmt", "-of", "csv=p=0", file.toString()).strip())
                .as("FFmpeg sees four colour planes").isEqualTo("gbrap");

        // when
        Contribution c = bench.inspect("cmyk", "photography", "cmyk.jpg");
        assertThat(c.accepted()).as(c.reason()).isTrue();
        BufferedImage frame = bench.frame(bench.conform(c, 10).picture(), 5);

        // then the left of the picture is red and the right is green, not inverted or tinted
        int left = frame.getRGB(100, 80);
        int right = frame.getRGB(220, 80);
        assertThat(red(left)).isGreaterThan(200);
        assertThat(green(left)).isLessThan(60);
        assertThat(green(right)).isGreaterThan(200);
        assertThat(red(right)).isLessThan(60);
    }

    @Test
    void aPhotoWithBrokenPixelDataPassesIngestAndIsTurnedAwayWhenConformPreparesIt() throws IOException {
        // given a PNG whose header is sound but whose compressed pixels are damaged (a bad copy or upload)
        TestMedia.brokenPng(bench.inbox.resolve("damaged.png"));

        // when: ingest reads the header only (Tika, header limits, ffprobe), so it accepts the picture
        Contribution c = bench.inspect("damaged", "photography", "damaged.png");
        assertThat(c.accepted()).as(c.reason()).isTrue();

        // then: conform decodes it (nothing is encoded for a still there) and fails with what went wrong
        var spec = org.ensemble.segment.SegmentSpecs.forContribution(c, bench.inbox, null, 90);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bench.segments.prepare(spec, bench.show.profile(), bench.show.loudness()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessage("Cannot make segment for damaged: Error reading PNG image data");
    }

    @Test
    void transparencyLandsOnPaperNotOnBlack() throws IOException {
        // given a PNG whose left half is fully transparent and right half opaque blue
        BufferedImage logo = new BufferedImage(64, 48, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = logo.createGraphics();
        g.setColor(new Color(20, 40, 220, 255));
        g.fillRect(32, 0, 32, 48);
        g.dispose();
        ImageIO.write(logo, "png", bench.inbox.resolve("logo.png").toFile());

        // when
        Contribution c = bench.inspect("logo", "photography", "logo.png");
        assertThat(c.accepted()).as(c.reason()).isTrue();
        BufferedImage frame = bench.frame(bench.conform(c, 10).picture(), 5);

        // then the transparent half shows the house paper colour (244, 239, 230), the opaque half stays blue
        int clear = frame.getRGB(100, 80);
        assertThat(red(clear)).isBetween(225, 255);
        assertThat(green(clear)).isBetween(220, 255);
        assertThat(blue(clear)).isBetween(210, 250);
        int opaque = frame.getRGB(220, 80);
        assertThat(blue(opaque)).isGreaterThan(180);
        assertThat(red(opaque)).isLessThan(70);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // a PNG header claiming 100000 x 100000 (40 GB decoded); nothing after the header is a valid image
            "huge.png   | 100000x100000 pixels (10000 megapixels), more than the 100 megapixels",
            // a JPEG whose start-of-frame claims 60000 x 60000
            "huge.jpg   | 60000x60000 pixels (3600 megapixels)",
            // a GIF "bomb": 40x40 screen, one frame placed at 65000,65000
            "huge.gif   | 65040x65040 pixels (4230 megapixels)",
            // a WebP (VP8X) canvas of 16384 x 16384
            "huge.webp  | 16384x16384 pixels (268 megapixels)",
    })
    void aPictureDeclaringTooManyPixelsIsRejectedFromItsHeader(String name, String reason) throws IOException {
        // given only a header: a decoder would fail on the rest, so the reason can only come from the header
        Files.write(bench.inbox.resolve(name), bombHeader(name));

        // when
        Contribution c = bench.inspect("bomb-" + name, "photography", name);

        // then
        assertThat(c.accepted()).isFalse();
        assertThat(c.reason()).contains(reason).contains("ask the contributor for a smaller export");
    }

    @Test
    void thePixelBudgetIsASetting() throws IOException {
        BufferedImage photo = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(photo, "png", bench.inbox.resolve("budget.png").toFile());

        Contribution small = bench.inspector(new IngestSettings(1L << 33, 3600, 2000, 19_999L))
                .process(new ManifestLine(1, IngestBench.line("b1", "photography", "budget.png")));
        Contribution fits = bench.inspector(new IngestSettings(1L << 33, 3600, 2000, 20_000L))
                .process(new ManifestLine(1, IngestBench.line("b2", "photography", "budget.png")));

        assertThat(small.reason()).contains("declares 200x100 pixels");
        assertThat(fits.accepted()).as(fits.reason()).isTrue();
    }

    @Test
    void anAnimatedGifIsAClipWithItsOwnFramesAndItMoves() throws IOException {
        // given a 2-second, 10 fps animated GIF
        Path gif = bench.inbox.resolve("loop.gif");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=96x54:r=10:d=2", gif.toString());

        // when
        Contribution c = bench.inspect("gif", "animation", "loop.gif");

        // then it is a video of 2 s = 60 house frames, and its segment moves
        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(c.frames()).isEqualTo(60);
        assertThat(c.detectedType()).isEqualTo("image/gif");
        Segment segment = bench.conform(c, c.frames());
        ProbeResult made = bench.probe.probe(segment.picture(), true);
        assertThat(made.video().orElseThrow().frameCount()).isEqualTo(60);
        assertThat(difference(bench.frame(segment.picture(), 3), bench.frame(segment.picture(), 50))).isGreaterThan(10.0);
    }

    @Test
    void aSingleFrameGifIsAStill() throws IOException {
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "gif", bench.inbox.resolve("one.gif").toFile());

        Contribution c = bench.inspect("gif1", "photography", "one.gif");

        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.kind()).isEqualTo(MediaKind.STILL);
    }

    @Test
    void anAnimatedWebpIsRejectedBecauseThisFfmpegCannotDecodeIt() throws IOException {
        // given an animated WebP made by FFmpeg's own libwebp_anim encoder
        Path webp = bench.inbox.resolve("loop.webp");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=64x48:r=10:d=1", "-c:v", "libwebp_anim", "-loop", "0",
                webp.toString());
        // FFmpeg's webp decoder cannot read the frames back (checked here, so this test fails once FFmpeg learns to)
        assertThat(TestMedia.ffprobe("-show_entries", "stream=width", "-of", "csv=p=0", webp.toString()))
                .contains("image data not found").endsWith("0\n");

        // when
        Contribution c = bench.inspect("webp", "animation", "loop.webp");

        // then
        assertThat(c.accepted()).isFalse();
        assertThat(c.reason()).isEqualTo("'loop.webp' is an animated WebP, which the FFmpeg on this system cannot decode; "
                + "ask the contributor for the animation as MP4 or GIF");
    }

    @Test
    void aStillWebpIsAPhotoDecodedByFfmpeg() throws IOException {
        // given a red WebP (lossy VP8), which Java's image readers cannot open
        Path webp = bench.inbox.resolve("still.webp");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "color=red:s=64x48", "-frames:v", "1", webp.toString());

        // when
        Contribution c = bench.inspect("webp1", "photography", "still.webp");

        // then it is a photo of its own size, and its segment shows it
        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.kind()).isEqualTo(MediaKind.STILL);
        assertThat(c.detectedType()).isEqualTo("image/webp");
        assertThat(c.width()).isEqualTo(64);
        assertThat(c.height()).isEqualTo(48);
        Segment segment = bench.conform(c, 30);
        assertThat(bench.probe.probe(segment.picture(), true).video().orElseThrow().frameCount()).isEqualTo(30);
        int p = bench.frame(segment.picture(), 15).getRGB(160, 80);
        assertThat(red(p)).isGreaterThan(200);
        assertThat(green(p) + blue(p)).isLessThan(120);
    }

    @Test
    void anAnimatedPngIsAClipWithItsOwnFramesAndItMoves() throws IOException {
        // given a 3-second, 10 fps APNG: a PNG to Tika, with an acTL chunk naming 30 frames; its header has no duration
        Path apng = bench.inbox.resolve("loop.png");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=96x54:r=10:d=3", "-plays", "0", "-f", "apng", apng.toString());

        // when
        Contribution c = bench.inspect("apng", "animation", "loop.png");

        // then it is a video of 3 s = 90 house frames (found by its packets), and its segment moves
        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(c.detectedType()).isEqualTo("image/png");
        assertThat(c.frames()).isEqualTo(90);
        Segment segment = bench.conform(c, c.frames());
        assertThat(bench.probe.probe(segment.picture(), true).video().orElseThrow().frameCount()).isEqualTo(90);
        assertThat(difference(bench.frame(segment.picture(), 3), bench.frame(segment.picture(), 80))).isGreaterThan(10.0);
    }

    @Test
    void anApngOfOneFrameIsAStill() throws IOException {
        Path apng = bench.inbox.resolve("one.apng");
        TestMedia.ffmpeg("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=96x54", "-frames:v", "1", "-f", "apng", apng.toString());

        Contribution c = bench.inspect("apng1", "photography", "one.apng");

        assertThat(c.accepted()).as(c.reason()).isTrue();
        assertThat(c.kind()).isEqualTo(MediaKind.STILL);
    }

    // ---- pictures made by hand ----

    static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var param = writer.getDefaultWriteParam();
        param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.95f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        writer.dispose();
        return out.toByteArray();
    }

    /** Puts an EXIF APP1 segment with just the Orientation tag right after SOI (as cameras write it). */
    static byte[] withExif(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put(new byte[] {'I', 'I'}).putShort((short) 42).putInt(8).putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.capacity());
        app1.putShort((short) 0xFFE1).putShort((short) (2 + 6 + tiff.capacity())).put("Exif\0\0".getBytes()).put(tiff.array());
        return splice(jpeg, app1.array());
    }

    /** A 64x48 four-channel JPEG with an Adobe APP14 marker (transform 0 = CMYK), inverted as Adobe writes CMYK. */
    static byte[] cmykJpeg() throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 48, 4, null);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int[] cmyk = x < 32 ? new int[] {0, 255, 255, 0} : new int[] {255, 0, 255, 0};
                for (int i = 0; i < 4; i++) {
                    raster.setSample(x, y, i, 255 - cmyk[i]);
                }
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        }
        writer.dispose();
        ByteBuffer app14 = ByteBuffer.allocate(16);
        app14.putShort((short) 0xFFEE).putShort((short) 14).put("Adobe".getBytes()).putShort((short) 100)
                .putShort((short) 0).putShort((short) 0).put((byte) 0);
        return splice(out.toByteArray(), app14.array());
    }

    static byte[] bombHeader(String name) {
        if (name.endsWith(".png")) {
            ByteBuffer ihdr = ByteBuffer.allocate(4 + 13).put("IHDR".getBytes()).putInt(100_000).putInt(100_000)
                    .put(new byte[] {8, 2, 0, 0, 0});
            CRC32 crc = new CRC32();
            crc.update(ihdr.array());
            return ByteBuffer.allocate(8 + 4 + 17 + 4 + 16).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                    .putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).put("IDAT-not-really!".getBytes()).array();
        }
        if (name.endsWith(".jpg")) {
            ByteBuffer b = ByteBuffer.allocate(2 + 19 + 20);
            b.putShort((short) 0xFFD8).putShort((short) 0xFFC0).putShort((short) 17).put((byte) 8).putShort((short) 60000)
                    .putShort((short) 60000).put((byte) 3).put(new byte[] {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
            return b.array();
        }
        if (name.endsWith(".gif")) {
            ByteBuffer b = ByteBuffer.allocate(6 + 7 + 10 + 6).order(ByteOrder.LITTLE_ENDIAN);
            b.put("GIF89a".getBytes()).putShort((short) 40).putShort((short) 40).put((byte) 0).put((byte) 0).put((byte) 0);
            b.put((byte) 0x2C).putShort((short) 65000).putShort((short) 65000).putShort((short) 40).putShort((short) 40).put((byte) 0);
            b.put((byte) 2).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0x3B);
            return b.array();
        }
        ByteBuffer b = ByteBuffer.allocate(30 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(30).put("WEBP".getBytes()).put("VP8X".getBytes()).putInt(10).put((byte) 0)
                .put(new byte[3]);
        int side = 16384 - 1;
        b.put((byte) side).put((byte) (side >> 8)).put((byte) 0).put((byte) side).put((byte) (side >> 8)).put((byte) 0);
        return b.array();
    }

    private static byte[] splice(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    // ---- reading frames ----

    /** Where the strongly red pixels are, relative to the middle of the frame. */
    static String cornerOf(BufferedImage frame, int minRed) {
        long sx = 0;
        long sy = 0;
        long n = 0;
        for (int y = 0; y < frame.getHeight(); y++) {
            for (int x = 0; x < frame.getWidth(); x++) {
                int p = frame.getRGB(x, y);
                if (red(p) > minRed && green(p) < 90 && blue(p) < 90) {
                    sx += x;
                    sy += y;
                    n++;
                }
            }
        }
        assertThat(n).as("red marker pixels").isGreaterThan(50);
        return (sy / n < frame.getHeight() / 2 ? "top" : "bottom") + "-" + (sx / n < frame.getWidth() / 2 ? "left" : "right");
    }

    /** The photo's blue body, not its darkened, blurred copy around it. */
    static boolean isPhotoBlue(int p) {
        return blue(p) > 165 && red(p) < 100;
    }

    static double difference(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs(red(p) - red(q)) + Math.abs(green(p) - green(q)) + Math.abs(blue(p) - blue(q));
            }
        }
        return sum / (a.getWidth() * a.getHeight() * 3.0);
    }

    static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    static int blue(int rgb) {
        return rgb & 0xFF;
    }
}
