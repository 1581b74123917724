package org.ensemble.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dynamic loader reads of a 64-bit little-endian ELF file (an executable or a shared library): its
 * {@code SONAME}, the libraries it names ({@code NEEDED}), its {@code RUNPATH}, and the symbol versions it asks of
 * each library ({@code .gnu.version_r}). Enough to tell whether a set of binaries can start on a machine, and to
 * make stand-ins for libraries it names but never calls (see {@link ElfStandIn}).
 *
 * @param machine         {@code e_machine} (62 for x86-64)
 * @param soname          the name other files know it by, if it has one
 * @param needed          the libraries it names, in order
 * @param runpath         where it asks the loader to look first (RUNPATH or the older RPATH), if anywhere
 * @param versionsNeeded  per library it names, the symbol versions it requires of it
 */
record Elf(int machine, Optional<String> soname, List<String> needed, Optional<String> runpath,
           Map<String, List<String>> versionsNeeded) {

    static final int EM_X86_64 = 62;

    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_SONAME = 14;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;
    private static final long DT_VERNEED = 0x6ffffffeL;
    private static final long DT_VERNEEDNUM = 0x6fffffffL;

    /** Whether the file starts like an ELF file, without reading the rest. */
    static boolean looksLikeElf(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer magic = ByteBuffer.allocate(4);
            return channel.read(magic, 0) == 4 && magic.get(0) == 0x7f && magic.get(1) == 'E' && magic.get(2) == 'L'
                    && magic.get(3) == 'F';
        } catch (IOException e) {
            return false;
        }
    }

    static Elf read(Path file) throws IOException {
        ByteBuffer bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        return parse(bytes, file.toString());
    }

    static Elf parse(ByteBuffer source, String name) {
        ByteBuffer b = source.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 64 || b.get(0) != 0x7f || b.get(1) != 'E' || b.get(2) != 'L' || b.get(3) != 'F') {
            throw new IllegalArgumentException(name + " is not an ELF file");
        }
        if (b.get(4) != 2 || b.get(5) != 1) {
            throw new IllegalArgumentException(name + " is not a 64-bit little-endian ELF file");
        }
        int machine = Short.toUnsignedInt(b.getShort(18));
        long phoff = b.getLong(32);
        int phentsize = Short.toUnsignedInt(b.getShort(54));
        int phnum = Short.toUnsignedInt(b.getShort(56));

        List<long[]> loads = new ArrayList<>(); // vaddr, offset, filesz
        long dynamicOffset = -1;
        long dynamicSize = 0;
        for (int i = 0; i < phnum; i++) {
            int at = Math.toIntExact(phoff + (long) i * phentsize);
            int type = b.getInt(at);
            long offset = b.getLong(at + 8);
            long vaddr = b.getLong(at + 16);
            long filesz = b.getLong(at + 32);
            if (type == PT_LOAD) {
                loads.add(new long[] {vaddr, offset, filesz});
            } else if (type == PT_DYNAMIC) {
                dynamicOffset = offset;
                dynamicSize = filesz;
            }
        }
        if (dynamicOffset < 0) {
            // statically linked: it names nothing
            return new Elf(machine, Optional.empty(), List.of(), Optional.empty(), Map.of());
        }

        List<long[]> dynamic = new ArrayList<>();
        for (long at = dynamicOffset; at + 16 <= dynamicOffset + dynamicSize; at += 16) {
            long tag = b.getLong(Math.toIntExact(at));
            if (tag == DT_NULL) {
                break;
            }
            dynamic.add(new long[] {tag, b.getLong(Math.toIntExact(at + 8))});
        }
        long strtab = fileOffset(loads, value(dynamic, DT_STRTAB).orElseThrow(
                () -> new IllegalArgumentException(name + " has a dynamic section without a string table")), name);

        List<String> needed = new ArrayList<>();
        Optional<String> soname = Optional.empty();
        Optional<String> runpath = Optional.empty();
        for (long[] entry : dynamic) {
            if (entry[0] == DT_NEEDED) {
                needed.add(string(b, strtab + entry[1]));
            } else if (entry[0] == DT_SONAME) {
                soname = Optional.of(string(b, strtab + entry[1]));
            } else if (entry[0] == DT_RUNPATH || (entry[0] == DT_RPATH && runpath.isEmpty())) {
                runpath = Optional.of(string(b, strtab + entry[1]));
            }
        }

        Map<String, List<String>> versions = new LinkedHashMap<>();
        Optional<Long> verneed = value(dynamic, DT_VERNEED);
        if (verneed.isPresent()) {
            long count = value(dynamic, DT_VERNEEDNUM).orElse(0L);
            long at = fileOffset(loads, verneed.get(), name);
            for (long n = 0; n < count; n++) {
                int entry = Math.toIntExact(at);
                int auxCount = Short.toUnsignedInt(b.getShort(entry + 2));
                String library = string(b, strtab + Integer.toUnsignedLong(b.getInt(entry + 4)));
                List<String> names = versions.computeIfAbsent(library, l -> new ArrayList<>());
                long aux = at + Integer.toUnsignedLong(b.getInt(entry + 8));
                for (int a = 0; a < auxCount; a++) {
                    int auxAt = Math.toIntExact(aux);
                    names.add(string(b, strtab + Integer.toUnsignedLong(b.getInt(auxAt + 8))));
                    aux += Integer.toUnsignedLong(b.getInt(auxAt + 12));
                }
                long next = Integer.toUnsignedLong(b.getInt(entry + 12));
                if (next == 0) {
                    break;
                }
                at += next;
            }
        }
        versions.replaceAll((library, names) -> List.copyOf(names));
        return new Elf(machine, soname, List.copyOf(needed), runpath, Map.copyOf(versions));
    }

    private static Optional<Long> value(List<long[]> dynamic, long tag) {
        return dynamic.stream().filter(e -> e[0] == tag).map(e -> e[1]).findFirst();
    }

    /** The file offset of a virtual address, through the loadable segment that holds it. */
    private static long fileOffset(List<long[]> loads, long vaddr, String name) {
        for (long[] load : loads) {
            if (vaddr >= load[0] && vaddr < load[0] + load[2]) {
                return vaddr - load[0] + load[1];
            }
        }
        throw new IllegalArgumentException(name + ": address 0x" + Long.toHexString(vaddr) + " is in no loadable segment");
    }

    private static String string(ByteBuffer b, long offset) {
        int start = Math.toIntExact(offset);
        int end = start;
        while (b.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[end - start];
        b.get(start, text);
        return new String(text, StandardCharsets.UTF_8);
    }
}
