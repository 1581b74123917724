package org.ensemble;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads an MP4's boxes (atoms) by their path, written from ISO/IEC 14496-12 and Apple's iTunes metadata layout and
 * sharing nothing with the application: {@code moov/udta/meta/ilst/tvsn/data}. {@code meta} is a full box (4 bytes
 * of version and flags before its children); an iTunes {@code data} box holds a 4-byte type, a 4-byte locale, then
 * the value.
 */
public final class Mp4Atoms {

    /** A box's whole bytes (header included) and where its payload starts. */
    public record Box(byte[] bytes, int payload) {

        /** The payload, after the box's header. */
        public byte[] content() {
            return Arrays.copyOfRange(bytes, payload, bytes.length);
        }

        public String hex() {
            return HexFormat.ofDelimiter(" ").formatHex(bytes);
        }

        /** An iTunes data box's value as a big-endian unsigned number (its 4-byte type and locale skipped). */
        public long number() {
            byte[] value = Arrays.copyOfRange(content(), 8, content().length);
            long n = 0;
            for (byte b : value) {
                n = n << 8 | (b & 0xFF);
            }
            return n;
        }

        /** The type field of an iTunes data box (21: a big-endian signed integer). */
        public int dataType() {
            return ByteBuffer.wrap(content(), 0, 4).getInt() & 0x00FFFFFF;
        }
    }

    private Mp4Atoms() {
    }

    /** The box at {@code path} (types from the top level down), if the file has it. */
    public static Optional<Box> find(Path mp4, String... path) throws IOException {
        byte[] file = Files.readAllBytes(mp4);
        int from = 0;
        int to = file.length;
        Box found = null;
        for (int depth = 0; depth < path.length; depth++) {
            found = null;
            int at = from;
            while (at + 8 <= to) {
                long size = ByteBuffer.wrap(file, at, 4).getInt() & 0xFFFFFFFFL;
                String type = new String(file, at + 4, 4, StandardCharsets.ISO_8859_1);
                int header = 8;
                if (size == 1) {
                    size = ByteBuffer.wrap(file, at + 8, 8).getLong();
                    header = 16;
                } else if (size == 0) {
                    size = to - at;
                }
                if (size < header || at + size > to) {
                    throw new IOException("box '" + type + "' at " + at + " overruns its parent");
                }
                if (type.equals(path[depth])) {
                    int payload = header + (type.equals("meta") ? 4 : 0);
                    found = new Box(Arrays.copyOfRange(file, at, (int) (at + size)), payload);
                    from = at + payload;
                    to = (int) (at + size);
                    break;
                }
                at += (int) size;
            }
            if (found == null) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(found);
    }
}
