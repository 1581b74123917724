package org.ensemble.media;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An inert stand-in for a shared library that a binary names but never calls: a valid ELF shared object with the
 * library's {@code SONAME} and the symbol versions the binary requires of it, and no symbols at all.
 * <p>
 * The loader needs a library for every {@code NEEDED} entry and checks the versions a binary requires of it when
 * it loads; it looks a function up only the first time it is called (lazy binding, which the FFmpeg builds here
 * use: they are not linked {@code -z now}). So a binary whose calls into that library are never made starts and
 * runs; a call would stop it with "symbol lookup error", never do something wrong silently.
 */
final class ElfStandIn {

    private static final int EHDR = 64;
    private static final int PHDR = 56;
    private static final int PHNUM = 3;
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_GNU_STACK = 0x6474e551;
    private static final int PF_R = 4;
    private static final int PF_W = 2;
    private static final int VER_FLG_BASE = 1;
    private static final long DT_NULL = 0;
    private static final long DT_HASH = 4;
    private static final long DT_STRTAB = 5;
    private static final long DT_SYMTAB = 6;
    private static final long DT_STRSZ = 10;
    private static final long DT_SYMENT = 11;
    private static final long DT_SONAME = 14;
    private static final long DT_VERSYM = 0x6ffffff0L;
    private static final long DT_VERDEF = 0x6ffffffcL;
    private static final long DT_VERDEFNUM = 0x6ffffffdL;

    private ElfStandIn() {
    }

    /**
     * The bytes of a stand-in for {@code soname} that defines {@code versions}, for the machine {@code machine}
     * ({@code e_machine} of the binaries that will load it).
     */
    static byte[] of(String soname, List<String> versions, int machine) {
        List<String> names = new ArrayList<>(new LinkedHashSet<>(versions));
        names.remove(soname);

        // the string table: "\0", the soname, then each version's name
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.write(0);
        int sonameAt = add(strings, soname);
        List<Integer> nameAt = new ArrayList<>();
        for (String name : names) {
            nameAt.add(add(strings, name));
        }
        byte[] strtab = strings.toByteArray();

        int hashAt = align(EHDR + PHNUM * PHDR, 8);
        int hashSize = 4 * 4;                     // nbucket 1, nchain 1, bucket[0] 0, chain[0] 0
        int symtabAt = align(hashAt + hashSize, 8);
        int symtabSize = 24;                      // the null symbol only
        int versymAt = symtabAt + symtabSize;
        int versymSize = 2;
        int strtabAt = versymAt + versymSize;
        int verdefAt = align(strtabAt + strtab.length, 4);
        int verdefCount = 1 + names.size();
        int verdefSize = verdefCount * (20 + 8);  // Elf64_Verdef and one Elf64_Verdaux each
        int dynamicAt = align(verdefAt + verdefSize, 8);
        int dynamicEntries = 10;
        int size = dynamicAt + dynamicEntries * 16;

        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        // ELF header
        b.put(0, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 3);               // ET_DYN
        b.putShort(18, (short) machine);
        b.putInt(20, 1);                          // EV_CURRENT
        b.putLong(24, 0);                         // no entry point
        b.putLong(32, EHDR);                      // program headers right after
        b.putLong(40, 0);                         // no section headers: the loader does not read them
        b.putShort(52, (short) EHDR);
        b.putShort(54, (short) PHDR);
        b.putShort(56, (short) PHNUM);
        b.putShort(58, (short) 64);

        // one writable segment holds it all (the loader relocates the dynamic section's addresses in place)
        programHeader(b, EHDR, PT_LOAD, PF_R | PF_W, 0, size, 0x1000);
        programHeader(b, EHDR + PHDR, PT_DYNAMIC, PF_R | PF_W, dynamicAt, dynamicEntries * 16L, 8);
        // a stack that is not executable, so loading it changes nothing about the process
        programHeader(b, EHDR + 2 * PHDR, PT_GNU_STACK, PF_R | PF_W, 0, 0, 16);

        b.putInt(hashAt, 1);
        b.putInt(hashAt + 4, 1);
        b.put(strtabAt, strtab);

        // version definitions: the file's own (base), then each version binaries ask for
        int at = verdefAt;
        for (int i = 0; i < verdefCount; i++) {
            boolean base = i == 0;
            String name = base ? soname : names.get(i - 1);
            int nameOffset = base ? sonameAt : nameAt.get(i - 1);
            b.putShort(at, (short) 1);                        // vd_version
            b.putShort(at + 2, (short) (base ? VER_FLG_BASE : 0));
            b.putShort(at + 4, (short) (i + 1));              // vd_ndx
            b.putShort(at + 6, (short) 1);                    // vd_cnt
            b.putInt(at + 8, (int) elfHash(name));
            b.putInt(at + 12, 20);                            // vd_aux: right after
            b.putInt(at + 16, i + 1 < verdefCount ? 28 : 0);  // vd_next
            b.putInt(at + 20, nameOffset);                    // vda_name
            b.putInt(at + 24, 0);                             // vda_next
            at += 28;
        }

        long[][] dynamic = {
                {DT_SONAME, sonameAt},
                {DT_HASH, hashAt},
                {DT_STRTAB, strtabAt},
                {DT_SYMTAB, symtabAt},
                {DT_STRSZ, strtab.length},
                {DT_SYMENT, 24},
                {DT_VERSYM, versymAt},
                {DT_VERDEF, verdefAt},
                {DT_VERDEFNUM, verdefCount},
                {DT_NULL, 0},
        };
        for (int i = 0; i < dynamic.length; i++) {
            b.putLong(dynamicAt + i * 16, dynamic[i][0]);
            b.putLong(dynamicAt + i * 16 + 8, dynamic[i][1]);
        }
        return b.array();
    }

    private static void programHeader(ByteBuffer b, int at, int type, int flags, long offset, long size, long align) {
        b.putInt(at, type);
        b.putInt(at + 4, flags);
        b.putLong(at + 8, offset);
        b.putLong(at + 16, offset);   // vaddr = offset: the file is mapped as it is
        b.putLong(at + 24, offset);   // paddr
        b.putLong(at + 32, size);
        b.putLong(at + 40, size);
        b.putLong(at + 48, align);
    }

    private static int add(ByteArrayOutputStream strings, String text) {
        int at = strings.size();
        strings.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        strings.write(0);
        return at;
    }

    private static int align(int value, int to) {
        return (value + to - 1) / to * to;
    }

    /** The System V ABI's ELF hash, which version definitions carry so the loader can match them quickly. */
    static long elfHash(String name) {
        long h = 0;
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            h = (h << 4) + (c & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h & 0xffffffffL;
    }
}
