package org.ensemble.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExifOrientationTest {

    @TempDir
    Path dir;

    /** A small real JPEG as ImageIO writes it (SOI, JFIF APP0, tables, image). */
    static byte[] plainJpeg() throws IOException {
        BufferedImage image = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        image.getGraphics().fillRect(0, 0, 16, 16);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpg", out)).isTrue();
        return out.toByteArray();
    }

    /**
     * An EXIF APP1 segment whose first IFD holds an ImageWidth tag and then the Orientation tag (0x0112, SHORT),
     * in either byte order, so the reader has to walk the entries rather than read the first one.
     */
    static byte[] exifApp1(int orientation, ByteOrder order) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4).order(order);
        tiff.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
        tiff.putShort((short) 42);
        tiff.putInt(8);
        tiff.putShort((short) 2);
        // ImageWidth, LONG, 1, 32
        tiff.putShort((short) 0x0100).putShort((short) 4).putInt(1).putInt(32);
        // Orientation, SHORT, 1, value left-justified in the 4-byte field
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] body = tiff.array();
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + body.length).order(ByteOrder.BIG_ENDIAN);
        app1.putShort((short) 0xFFE1).putShort((short) (2 + 6 + body.length));
        app1.put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(body);
        return app1.array();
    }

    /** Inserts a segment right after SOI, or after the JFIF APP0 when {@code afterApp0}. */
    static byte[] insert(byte[] jpeg, byte[] segment, boolean afterApp0) {
        int at = 2;
        if (afterApp0) {
            assertThat(jpeg[2] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[3] & 0xFF).isEqualTo(0xE0);
            at = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, at);
        System.arraycopy(segment, 0, out, at, segment.length);
        System.arraycopy(jpeg, at, out, at + segment.length, jpeg.length - at);
        return out;
    }

    @ParameterizedTest(name = "orientation {0}, {1}, after APP0 {2}")
    @CsvSource({
            // a phone held upright: rotate 90 degrees clockwise; Intel byte order as most phones write it
            "6, LITTLE_ENDIAN, true, 6",
            // the same with Motorola byte order, as some cameras write it
            "6, BIG_ENDIAN, true, 6",
            // EXIF first, no JFIF segment (what cameras write)
            "6, LITTLE_ENDIAN, false, 6",
            // upside down and the other quarter turn
            "3, BIG_ENDIAN, false, 3",
            "8, LITTLE_ENDIAN, true, 8",
            // upright said explicitly
            "1, LITTLE_ENDIAN, true, 1",
            // values outside 1..8 are treated as upright
            "9, LITTLE_ENDIAN, true, 1",
            "0, BIG_ENDIAN, true, 1",
    })
    void readsTheOrientationTag(int written, String order, boolean afterApp0, int expected) throws IOException {
        ByteOrder byteOrder = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Path file = dir.resolve("photo.jpg");
        Files.write(file, insert(plainJpeg(), exifApp1(written, byteOrder), afterApp0));

        assertThat(ExifOrientation.read(file)).isEqualTo(expected);
        // and it is still a JPEG any decoder reads
        assertThat(ImageIO.read(file.toFile()).getWidth()).isEqualTo(32);
    }

    @Test
    void aJpegWithoutExifIsUpright() throws IOException {
        Path file = dir.resolve("plain.jpg");
        Files.write(file, plainJpeg());

        assertThat(ExifOrientation.read(file)).isEqualTo(1);
    }

    @Test
    void notAJpegIsUpright() throws IOException {
        Path png = dir.resolve("image.png");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "png", png.toFile());

        assertThat(ExifOrientation.read(png)).isEqualTo(1);
    }

    @Test
    void aTruncatedExifSegmentIsUprightNotAnError() throws IOException {
        byte[] full = insert(plainJpeg(), exifApp1(6, ByteOrder.LITTLE_ENDIAN), false);
        Path file = dir.resolve("cut.jpg");
        // cut in the middle of the EXIF block
        Files.write(file, Arrays.copyOf(full, 2 + 4 + 6 + 12));

        assertThat(ExifOrientation.read(file)).isEqualTo(1);
    }

    @Test
    void anEmptyFileIsUpright() throws IOException {
        Path file = dir.resolve("empty.jpg");
        Files.write(file, new byte[0]);

        assertThat(ExifOrientation.read(file)).isEqualTo(1);
    }
}
