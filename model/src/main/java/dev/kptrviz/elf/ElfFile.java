package dev.kptrviz.elf;

import dev.kptrviz.LoadException;
import dev.kptrviz.io.ByteView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A relocatable ELF64 little-endian object for the BPF machine (EM_BPF = 247), as clang
 * writes it. Only what a BPF loader needs: section headers and bytes, the symbol table and
 * REL relocation sections. Anything else (32-bit, big-endian, another machine, executables)
 * is refused with a {@link LoadException} that says which header field is wrong.
 */
public final class ElfFile {
    public static final int EM_BPF = 247;
    private static final int ET_REL = 1;
    private static final int MAX_SECTIONS = 4096;

    private final List<ElfSection> sections;
    private final Map<String, ElfSection> byName;
    private final List<ElfSymbol> symbols;
    private final Map<Integer, List<ElfRelocation>> relocationsByTarget;

    private ElfFile(List<ElfSection> sections, List<ElfSymbol> symbols,
                    Map<Integer, List<ElfRelocation>> relocationsByTarget) {
        this.sections = List.copyOf(sections);
        Map<String, ElfSection> names = new HashMap<>();
        for (ElfSection s : sections) {
            names.putIfAbsent(s.name(), s);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.symbols = List.copyOf(symbols);
        this.relocationsByTarget = relocationsByTarget;
    }

    public static ElfFile parse(byte[] bytes) throws LoadException {
        ByteView file = new ByteView(bytes, "ELF header");
        if (bytes.length < 64) {
            throw new LoadException("ELF header", "file is " + bytes.length + " bytes, too short for an ELF64 header (64 bytes)");
        }
        if (file.u8(0) != 0x7f || file.u8(1) != 'E' || file.u8(2) != 'L' || file.u8(3) != 'F') {
            throw new LoadException("ELF header", "not an ELF file (no \\x7fELF magic)");
        }
        if (file.u8(4) != 2) {
            throw new LoadException("ELF header, e_ident[EI_CLASS]", "not a 64-bit ELF (class " + file.u8(4) + ")");
        }
        if (file.u8(5) != 1) {
            throw new LoadException("ELF header, e_ident[EI_DATA]", "not little-endian (data encoding " + file.u8(5)
                    + "); compile with -target bpf (bpfel)");
        }
        int type = file.u16(16);
        int machine = file.u16(18);
        if (machine != EM_BPF) {
            throw new LoadException("ELF header, e_machine", "machine " + machine + " is not BPF (247)");
        }
        if (type != ET_REL) {
            throw new LoadException("ELF header, e_type", "type " + type + " is not a relocatable object (ET_REL)");
        }
        long shoff = file.s64(40);
        int shentsize = file.u16(58);
        int shnum = file.u16(60);
        int shstrndx = file.u16(62);
        if (shentsize != 64) {
            throw new LoadException("ELF header, e_shentsize", "section header size " + shentsize + " is not 64");
        }
        if (shnum == 0 || shnum > MAX_SECTIONS) {
            throw new LoadException("ELF header, e_shnum", "section count " + shnum + " is out of range 1.." + MAX_SECTIONS);
        }
        if (shstrndx >= shnum) {
            throw new LoadException("ELF header, e_shstrndx", "section-name table index " + shstrndx
                    + " is not below the section count " + shnum);
        }
        ByteView headers = new ByteView(bytes, "section header table").slice(0, bytes.length, "section header table");
        long[][] raw = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            long h = shoff + (long) i * 64;
            if (shoff < 0 || h + 64 > bytes.length) {
                throw new LoadException("section header " + i, "header at offset 0x" + Long.toHexString(h)
                        + " lies beyond the end of the file (size " + bytes.length + ")");
            }
            raw[i] = new long[]{headers.u32(h), headers.u32(h + 4), headers.s64(h + 8), headers.s64(h + 24),
                    headers.s64(h + 32), headers.u32(h + 40), headers.u32(h + 44), headers.s64(h + 56)};
        }
        byte[][] data = new byte[shnum][];
        for (int i = 0; i < shnum; i++) {
            long[] r = raw[i];
            int stype = (int) r[1];
            long off = r[3];
            long size = r[4];
            if (stype == ElfSection.SHT_NOBITS || stype == 0) {
                data[i] = new byte[0];
                continue;
            }
            if (off < 0 || size < 0 || off > bytes.length || size > bytes.length - off) {
                throw new LoadException("section header " + i, "contents [0x" + Long.toHexString(off) + ", +"
                        + size + ") lie outside the file (size " + bytes.length + ")");
            }
            data[i] = new ByteView(bytes, "section " + i).bytes(off, size);
        }
        ByteView shstr = new ByteView(data[shstrndx], "section-name table");
        List<ElfSection> sections = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            long[] r = raw[i];
            String name = i == 0 ? "" : shstr.cstring(r[0]);
            if (r[5] >= shnum && (int) r[1] != 0) {
                throw new LoadException("section " + i + " (" + name + ")", "sh_link " + r[5] + " is not a section index");
            }
            sections.add(new ElfSection(i, name, (int) r[1], r[2], r[3], r[4], (int) r[5], (int) r[6], r[7], data[i]));
        }
        List<ElfSymbol> symbols = readSymbols(sections);
        Map<Integer, List<ElfRelocation>> relocs = readRelocations(sections, symbols);
        return new ElfFile(sections, symbols, relocs);
    }

    private static List<ElfSymbol> readSymbols(List<ElfSection> sections) throws LoadException {
        ElfSection symtab = null;
        for (ElfSection s : sections) {
            if (s.type() == ElfSection.SHT_SYMTAB) {
                if (symtab != null) {
                    throw new LoadException("section " + s.index() + " (" + s.name() + ")", "a second symbol table");
                }
                symtab = s;
            }
        }
        if (symtab == null) {
            return List.of();
        }
        String where = "section " + symtab.index() + " (" + symtab.name() + ")";
        if (symtab.data().length % 24 != 0) {
            throw new LoadException(where, "size " + symtab.data().length + " is not a multiple of the symbol size 24");
        }
        ElfSection strtab = sections.get(symtab.link());
        if (strtab.type() != ElfSection.SHT_STRTAB) {
            throw new LoadException(where, "sh_link " + symtab.link() + " does not name a string table");
        }
        ByteView sv = new ByteView(symtab.data(), where);
        ByteView names = new ByteView(strtab.data(), "section " + strtab.index() + " (" + strtab.name() + ")");
        int count = symtab.data().length / 24;
        List<ElfSymbol> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int o = i * 24;
            int info = sv.u8(o + 4);
            int shndx = sv.u16(o + 6);
            String name = names.cstring(sv.u32(o));
            if (shndx != ElfSymbol.SHN_UNDEF && shndx < 0xff00 && shndx >= sections.size()) {
                throw new LoadException(where + ", symbol " + i + " (" + name + ")",
                        "section index " + shndx + " does not exist (" + sections.size() + " sections)");
            }
            if ((info & 0xf) == ElfSymbol.STT_SECTION && name.isEmpty() && shndx < sections.size()) {
                name = sections.get(shndx).name(); // section symbols are nameless; show the section, as readelf does
            }
            out.add(new ElfSymbol(i, name, sv.s64(o + 8), sv.s64(o + 16), info >> 4, info & 0xf, sv.u8(o + 5) & 3, shndx));
        }
        return out;
    }

    private static Map<Integer, List<ElfRelocation>> readRelocations(List<ElfSection> sections, List<ElfSymbol> symbols)
            throws LoadException {
        Map<Integer, List<ElfRelocation>> out = new HashMap<>();
        for (ElfSection s : sections) {
            String where = "section " + s.index() + " (" + s.name() + ")";
            if (s.type() == ElfSection.SHT_RELA) {
                throw new LoadException(where, "RELA relocations are not used by BPF objects");
            }
            if (s.type() != ElfSection.SHT_REL) {
                continue;
            }
            if (s.info() <= 0 || s.info() >= sections.size()) {
                throw new LoadException(where, "relocates section " + s.info() + ", which does not exist");
            }
            if (s.data().length % 16 != 0) {
                throw new LoadException(where, "size " + s.data().length + " is not a multiple of the REL entry size 16");
            }
            ElfSection target = sections.get(s.info());
            ByteView rv = new ByteView(s.data(), where);
            List<ElfRelocation> list = out.computeIfAbsent(s.info(), k -> new ArrayList<>());
            for (int o = 0; o < s.data().length; o += 16) {
                long offset = rv.s64(o);
                long info = rv.s64(o + 8);
                int symIndex = (int) (info >>> 32);
                int rtype = (int) info;
                String rwhere = where + ", entry " + (o / 16);
                if (symIndex < 0 || symIndex >= symbols.size()) {
                    throw new LoadException(rwhere, "refers to symbol " + (info >>> 32) + ", but the symbol table has "
                            + symbols.size());
                }
                if (offset < 0 || offset >= Math.max(target.size(), target.data().length)) {
                    throw new LoadException(rwhere, "offset 0x" + Long.toHexString(offset) + " lies outside "
                            + target.name() + " (size " + target.size() + ")");
                }
                list.add(new ElfRelocation(s.info(), offset, symbols.get(symIndex), rtype));
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    public List<ElfSection> sections() {
        return sections;
    }

    public Optional<ElfSection> section(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public ElfSection section(int index) {
        return sections.get(index);
    }

    public List<ElfSymbol> symbols() {
        return symbols;
    }

    /** REL entries that patch section {@code sectionIndex}, in file order. */
    public List<ElfRelocation> relocationsFor(int sectionIndex) {
        return relocationsByTarget.getOrDefault(sectionIndex, List.of());
    }
}
