package org.ensemble.ingest;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a picture declares about itself, read from its header alone: no pixel is decoded, so a file claiming
 * 100000x100000 pixels costs a few bytes of reading, not gigabytes of memory. Knows PNG, JPEG, GIF and WebP;
 * for GIF it walks the blocks (skipping image data) to count frames, for WebP it reads the animation flag.
 *
 * @param format  "png", "jpeg", "gif", "webp" or "other" (size unknown: width and height are 0)
 * @param frames  pictures in the file (1 for a still; an APNG its acTL count; an animated WebP reports 2, its count is not read)
 */
record ImageHeader(String format, int width, int height, int frames) {

    /** How much of a GIF is walked for frames; a longer animation is still found to be animated. */
    private static final int GIF_SCAN_BYTES = 64 << 20;

    long pixels() {
        return Integer.toUnsignedLong(width) * Integer.toUnsignedLong(height);
    }

    boolean animated() {
        return frames > 1;
    }

    static ImageHeader read(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64);
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.BIG_ENDIAN);
        if (head.length >= 24 && startsWith(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            // IHDR is always the first chunk: width and height are its first two 4-byte fields
            return new ImageHeader("png", b.getInt(16), b.getInt(20), apngFrames(file));
        }
        if (head.length >= 10 && (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a"))) {
            return gif(file);
        }
        if (head.length >= 30 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
            return webp(b);
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8) {
            return jpeg(file);
        }
        return new ImageHeader("other", 0, 0, 1);
    }

    /**
     * An animated PNG (APNG) is a PNG with an animation control chunk (acTL) before its first image data: its
     * frame count is the chunk's first field. A plain PNG is one frame.
     */
    private static int apngFrames(Path file) throws IOException {
        for (PngChunk chunk : pngChunks(file)) {
            if (chunk.type().equals("acTL")) {
                try (FileChannel ch = FileChannel.open(file)) {
                    ByteBuffer frames = ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN);
                    ch.read(frames, chunk.offset() + 8);
                    return Math.max(1, frames.getInt(0));
                }
            }
            if (chunk.type().equals("IDAT")) {
                return 1;
            }
        }
        return 1;
    }

    private static ImageHeader webp(ByteBuffer b) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        String chunk = ascii(b.array(), 12, 4);
        switch (chunk) {
            case "VP8X" -> {
                // flags byte, 3 reserved, then canvas width-1 and height-1 as 24-bit little-endian numbers
                boolean animation = (b.get(20) & 0x02) != 0;
                return new ImageHeader("webp", uint24(b, 24) + 1, uint24(b, 27) + 1, animation ? 2 : 1);
            }
            case "VP8L" -> {
                int bits = b.getInt(21);
                return new ImageHeader("webp", (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1, 1);
            }
            case "VP8 " -> {
                return new ImageHeader("webp", b.getShort(26) & 0x3FFF, b.getShort(28) & 0x3FFF, 1);
            }
            default -> {
                return new ImageHeader("webp", 0, 0, 1);
            }
        }
    }

    /** Walks the GIF blocks: the logical screen gives the size; every image descriptor is a frame. */
    private static ImageHeader gif(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer all = ByteBuffer.allocate((int) Math.min(ch.size(), GIF_SCAN_BYTES)).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(all);
            all.flip();
            int width = all.getShort(6) & 0xFFFF;
            int height = all.getShort(8) & 0xFFFF;
            int flags = all.get(10) & 0xFF;
            int pos = 13 + ((flags & 0x80) != 0 ? 3 * (1 << ((flags & 0x07) + 1)) : 0);
            int frames = 0;
            while (pos < all.limit()) {
                int block = all.get(pos) & 0xFF;
                if (block == 0x3B) {
                    break;
                } else if (block == 0x21) {
                    pos = skipSubBlocks(all, pos + 2);
                } else if (block == 0x2C) {
                    frames++;
                    // a frame may be larger than the screen; decoders allocate for it, so it counts too
                    width = Math.max(width, (all.getShort(pos + 1) & 0xFFFF) + (all.getShort(pos + 5) & 0xFFFF));
                    height = Math.max(height, (all.getShort(pos + 3) & 0xFFFF) + (all.getShort(pos + 7) & 0xFFFF));
                    int local = all.get(pos + 9) & 0xFF;
                    pos += 10 + ((local & 0x80) != 0 ? 3 * (1 << ((local & 0x07) + 1)) : 0);
                    pos = skipSubBlocks(all, pos + 1); // the LZW minimum code size byte, then the data
                } else {
                    break;
                }
            }
            return new ImageHeader("gif", width, height, Math.max(frames, 1));
        } catch (IndexOutOfBoundsException e) {
            throw new IOException("the GIF ends in the middle of a block", e);
        }
    }

    private static int skipSubBlocks(ByteBuffer all, int pos) {
        while (pos < all.limit()) {
            int size = all.get(pos) & 0xFF;
            pos += 1 + size;
            if (size == 0) {
                break;
            }
        }
        return pos;
    }

    /** Reads JPEG segments up to the first start-of-frame, which holds height and width. */
    private static ImageHeader jpeg(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); var in = new DataInputStream(new BufferedInputStream(raw))) {
            in.readUnsignedShort();
            while (true) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    return new ImageHeader("jpeg", 0, 0, 1);
                }
                int length = in.readUnsignedShort() - 2;
                boolean sof = marker >= 0xFFC0 && marker <= 0xFFCF && marker != 0xFFC4 && marker != 0xFFC8 && marker != 0xFFCC;
                if (sof) {
                    in.readUnsignedByte();
                    int height = in.readUnsignedShort();
                    int width = in.readUnsignedShort();
                    return new ImageHeader("jpeg", width, height, 1);
                }
                in.skipNBytes(Math.max(0, length));
            }
        } catch (EOFException e) {
            return new ImageHeader("jpeg", 0, 0, 1);
        }
    }

    /**
     * Why the picture's data stops before its end, or empty when it is whole. An upload cut off halfway still has
     * a valid header, and decoders draw what is missing as grey without failing, so the structure is walked: a
     * JPEG's segments and entropy-coded scans up to its end-of-image marker (EOI), a PNG's chunks up to IEND.
     */
    static Optional<String> incomplete(Path file, String format) throws IOException {
        return switch (format) {
            case "jpeg" -> jpegReachesEoi(file) ? Optional.empty()
                    : Optional.of("its JPEG data ends before the end-of-image marker");
            case "png" -> pngReachesIend(file) ? Optional.empty()
                    : Optional.of("its PNG data ends before the closing IEND chunk");
            default -> Optional.empty();
        };
    }

    private static boolean jpegReachesEoi(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            if (in.read() != 0xFF || in.read() != 0xD8) {
                return false;
            }
            int marker = nextMarker(in);
            while (marker >= 0) {
                if (marker == 0xD9) {
                    return true;
                }
                if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                    marker = nextMarker(in); // standalone markers: no length
                    continue;
                }
                int high = in.read();
                int low = in.read();
                if (low < 0) {
                    return false;
                }
                long length = ((high << 8) | low) - 2L;
                if (in.skip(length) < length) {
                    return false;
                }
                marker = marker == 0xDA ? afterScan(in) : nextMarker(in);
            }
            return false;
        }
    }

    /** Reads the 0xFF (and any fill bytes) and returns the marker code; -1 at the end of the file. */
    private static int nextMarker(InputStream in) throws IOException {
        int b = in.read();
        if (b != 0xFF) {
            return -1;
        }
        while (b == 0xFF) {
            b = in.read();
        }
        return b;
    }

    /** Skips a scan's entropy-coded data (stuffed 0xFF00 and restart markers included); the marker after it, or -1. */
    private static int afterScan(InputStream in) throws IOException {
        int b = in.read();
        while (b >= 0) {
            if (b == 0xFF) {
                int next = in.read();
                while (next == 0xFF) {
                    next = in.read();
                }
                if (next < 0) {
                    return -1;
                }
                if (next != 0x00 && (next < 0xD0 || next > 0xD7)) {
                    return next;
                }
            }
            b = in.read();
        }
        return -1;
    }

    private static boolean pngReachesIend(Path file) throws IOException {
        return pngChunks(file).stream().anyMatch(c -> c.type().equals("IEND"));
    }

    /** A PNG chunk: its type, where it starts (its length field) and the length of its data. */
    record PngChunk(String type, long offset, long length) {
    }

    /** The chunks of a PNG in order, as far as the file holds them whole (an APNG's acTL among them), up to IEND. */
    static List<PngChunk> pngChunks(Path file) throws IOException {
        List<PngChunk> chunks = new ArrayList<>();
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            long pos = 8;
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
            while (pos + 12 <= size) {
                head.clear();
                ch.read(head, pos);
                long length = Integer.toUnsignedLong(head.getInt(0));
                if (pos + 12 + length > size) {
                    break;
                }
                PngChunk chunk = new PngChunk(new String(head.array(), 4, 4, StandardCharsets.ISO_8859_1), pos, length);
                chunks.add(chunk);
                if (chunk.type().equals("IEND")) {
                    break;
                }
                pos += 12 + length;
            }
        }
        return chunks;
    }

    private static int uint24(ByteBuffer b, int at) {
        return (b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | (b.get(at + 2) & 0xFF) << 16;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] bytes, int from, int length) {
        return new String(bytes, from, Math.min(length, Math.max(0, bytes.length - from)), StandardCharsets.ISO_8859_1);
    }
}
