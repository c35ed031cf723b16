package dev.kptrviz.program;

import dev.kptrviz.LoadException;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.btf.BtfExt;
import dev.kptrviz.elf.ElfFile;
import dev.kptrviz.elf.ElfSection;
import dev.kptrviz.elf.ElfSymbol;
import dev.kptrviz.isa.Decoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Loads a clang-compiled BPF object: ELF, BTF, BTF.ext, global regions, collection roots and
 * one linked {@link Program} per entry function. Every problem with the input is a
 * {@link LoadException} that names the file, the place and the reason.
 */
public final class Loader {
    /** Larger inputs are refused up front: real BPF objects are kilobytes. */
    public static final long MAX_FILE_SIZE = 64L << 20;

    private Loader() {
    }

    public static BpfObject load(Path file) throws LoadException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw new LoadException(name, "file is " + size + " bytes; BPF objects over "
                        + (MAX_FILE_SIZE >> 20) + " MiB are refused");
            }
            return load(Files.readAllBytes(file), name);
        } catch (IOException e) {
            throw new LoadException(name, "cannot read the file: " + e.getMessage());
        }
    }

    public static BpfObject load(byte[] bytes, String fileName) throws LoadException {
        try {
            return loadUnchecked(bytes, fileName);
        } catch (LoadException e) {
            throw e.within(fileName);
        }
    }

    private static BpfObject loadUnchecked(byte[] bytes, String fileName) throws LoadException {
        ElfFile elf = ElfFile.parse(bytes);
        Btf btf = null;
        BtfExt ext = null;
        var btfSection = elf.section(".BTF");
        if (btfSection.isPresent()) {
            btf = Btf.parse(btfSection.get().data());
            var extSection = elf.section(".BTF.ext");
            if (extSection.isPresent()) {
                ext = BtfExt.parse(extSection.get().data(), btf);
            }
        }
        for (ElfSection s : elf.sections()) {
            if (s.isExecutable() && s.size() > 0) {
                if (s.data().length % 8 != 0) {
                    throw new LoadException("section " + s.index() + " (" + s.name() + ")",
                            "code size " + s.data().length + " is not a multiple of 8 bytes");
                }
                Decoder.decode(s.data(), s.name()); // validates every instruction, section-relative
            }
        }
        List<Region> regions = Globals.regions(elf, btf, fileName);
        List<CollectionRoot> roots = Globals.roots(btf, regions);
        List<Linker.FuncSym> funcs = functions(elf);
        List<Program> programs = new ArrayList<>();
        for (Linker.FuncSym f : funcs) {
            if (!elf.section(f.sectionIndex()).name().equals(".text")) {
                if (!f.global()) {
                    throw new LoadException("section " + elf.section(f.sectionIndex()).name() + ", function " + f.name(),
                            "a static function in a program section is not a program (libbpf refuses it)");
                }
                programs.add(new Linker(elf, btf, ext, regions, funcs).link(f));
            }
        }
        if (programs.isEmpty()) {
            throw new LoadException("symbol table", "no program: no global function in a program section "
                    + "(e.g. SEC(\"tc\")) was found");
        }
        return new BpfObject(fileName, elf, btf, ext, license(elf), List.copyOf(programs), regions, roots);
    }

    private static List<Linker.FuncSym> functions(ElfFile elf) throws LoadException {
        List<Linker.FuncSym> out = new ArrayList<>();
        for (ElfSymbol s : elf.symbols()) {
            if (!s.isFunction() || s.isUndefined() || s.sectionIndex() >= elf.sections().size()) {
                continue;
            }
            ElfSection sec = elf.section(s.sectionIndex());
            String where = "symbol " + s.index() + " (" + s.name() + ")";
            if (!sec.isExecutable()) {
                throw new LoadException(where, "function symbol in non-code section " + sec.name());
            }
            if (s.value() % 8 != 0 || s.size() % 8 != 0 || s.size() <= 0 || s.value() < 0
                    || s.value() + s.size() > sec.data().length) {
                throw new LoadException(where, "body [" + s.value() + ", +" + s.size() + ") does not fit section "
                        + sec.name() + " (size " + sec.data().length + ") in whole instructions");
            }
            out.add(new Linker.FuncSym(s.name(), s.sectionIndex(), (int) (s.value() / 8), (int) (s.size() / 8),
                    s.bind() != ElfSymbol.STB_LOCAL));
        }
        out.sort(Comparator.comparingInt(Linker.FuncSym::sectionIndex).thenComparingInt(Linker.FuncSym::start));
        return out;
    }

    private static String license(ElfFile elf) {
        return elf.section("license").map(s -> {
            byte[] d = s.data();
            int n = 0;
            while (n < d.length && d[n] != 0) {
                n++;
            }
            return new String(d, 0, n, StandardCharsets.UTF_8);
        }).orElse("");
    }
}
