package org.ensemble.segment;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the EXIF orientation tag (0x0112) of a JPEG: 1 = upright, 3 = 180°, 6 = 90° clockwise, 8 = 90° counter-clockwise. */
final class ExifOrientation {

    private ExifOrientation() {
    }

    static int read(Path file) {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return 1;
            }
            while (true) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    return 1;
                }
                int length = in.readUnsignedShort() - 2;
                if (length < 0) {
                    return 1;
                }
                byte[] data = in.readNBytes(length);
                if (marker == 0xFFE1 && data.length > 14 && new String(data, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                    return fromTiff(ByteBuffer.wrap(data, 6, data.length - 6).slice());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    private static int fromTiff(ByteBuffer tiff) {
        tiff.order(tiff.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = tiff.getInt(4);
        int entries = tiff.getShort(ifd) & 0xFFFF;
        for (int i = 0; i < entries; i++) {
            int entry = ifd + 2 + i * 12;
            if ((tiff.getShort(entry) & 0xFFFF) == 0x0112) {
                int value = tiff.getShort(entry + 8) & 0xFFFF;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }
}
