package dev.kptrviz.elf;

import dev.kptrviz.LoadException;
import dev.kptrviz.TestObjects;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ElfFileTest {
    private final byte[] motivating = TestObjects.bytes("motivating.o");

    @Test
    void readsSectionsSymbolsAndRelocations() throws LoadException {
        ElfFile elf = ElfFile.parse(motivating);
        ElfSection tc = elf.section("tc").orElseThrow();
        assertTrue(tc.isExecutable());
        assertEquals(39 * 8, tc.data().length);
        assertEquals(40, elf.section(".data.A").orElseThrow().size());
        ElfSymbol entry = elf.symbols().stream().filter(s -> s.name().equals("motivating")).findFirst().orElseThrow();
        assertTrue(entry.isFunction());
        assertEquals(ElfSymbol.STB_GLOBAL, entry.bind());
        // the kfunc calls and global addresses of the tc section, in file order
        assertEquals("bpf_obj_new_impl bpf_refcount_acquire_impl glock ghead bpf_list_push_back_impl groot .text "
                        + "bpf_rbtree_add_impl glock",
                String.join(" ", elf.relocationsFor(tc.index()).stream().map(r -> r.symbol().name()).toList()));
        ElfRelocation first = elf.relocationsFor(tc.index()).get(0);
        assertEquals(3 * 8, first.offset());
        assertEquals(ElfRelocation.R_BPF_64_32, first.type());
        assertTrue(first.symbol().isUndefined());
    }

    @Test
    void refusesForeignFilesWithTheField() {
        assertEquals("ELF header: file is 3 bytes, too short for an ELF64 header (64 bytes)",
                assertThrows(LoadException.class, () -> ElfFile.parse(new byte[3])).getMessage());
        byte[] notElf = Arrays.copyOf("#!/bin/sh\necho not an object\n".getBytes(), 80);
        assertEquals("ELF header: not an ELF file (no \\x7fELF magic)",
                assertThrows(LoadException.class, () -> ElfFile.parse(notElf)).getMessage());
        assertEquals("ELF header, e_ident[EI_CLASS]: not a 64-bit ELF (class 1)",
                assertThrows(LoadException.class, () -> ElfFile.parse(with(4, 1))).getMessage());
        assertTrue(assertThrows(LoadException.class, () -> ElfFile.parse(with(5, 2))).getMessage()
                .contains("not little-endian"));
        // x86-64 (62) instead of BPF (247)
        assertEquals("ELF header, e_machine: machine 62 is not BPF (247)",
                assertThrows(LoadException.class, () -> ElfFile.parse(with(18, 62))).getMessage());
        assertEquals("ELF header, e_type: type 2 is not a relocatable object (ET_REL)",
                assertThrows(LoadException.class, () -> ElfFile.parse(with(16, 2))).getMessage());
    }

    @Test
    void truncatedSectionHeaderTableNamesTheHeader() {
        byte[] cut = Arrays.copyOf(motivating, motivating.length - 100);
        LoadException e = assertThrows(LoadException.class, () -> ElfFile.parse(cut));
        assertTrue(e.where().startsWith("section header "), e.getMessage());
        assertTrue(e.reason().contains("beyond the end of the file"), e.getMessage());
    }

    @Test
    void danglingRelocationNamesItsEntry() throws LoadException {
        ElfFile elf = ElfFile.parse(motivating);
        ElfSection rel = elf.sections().stream().filter(s -> s.name().equals(".reltc")).findFirst().orElseThrow();
        byte[] b = motivating.clone();
        // entry 0's symbol index (high half of r_info) -> 999
        int info = (int) rel.offset() + 8 + 4;
        b[info] = (byte) 0xe7;
        b[info + 1] = 3;
        LoadException e = assertThrows(LoadException.class, () -> ElfFile.parse(b));
        assertEquals("section 4 (.reltc), entry 0", e.where());
        assertTrue(e.reason().startsWith("refers to symbol 999"), e.reason());
    }

    private byte[] with(int offset, int value) {
        byte[] b = motivating.clone();
        b[offset] = (byte) value;
        return b;
    }
}
