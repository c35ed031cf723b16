package dev.kptrviz.program;

import dev.kptrviz.btf.Btf;
import dev.kptrviz.btf.BtfExt;
import dev.kptrviz.elf.ElfFile;

import java.util.List;
import java.util.Optional;

/**
 * A loaded BPF object: its programs, global data regions and collection roots.
 * {@code btf} is null only for objects compiled without {@code -g}; {@code btfProblem} says why
 * the kernel would refuse the program BTF (null when it would accept it).
 */
public record BpfObject(String fileName, ElfFile elf, Btf btf, BtfExt btfExt, String license,
                        List<Program> programs, List<Region> regions, List<CollectionRoot> roots) {

    public Optional<Program> program(String name) {
        return programs.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Region> region(String name) {
        return regions.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<Btf> btfOptional() {
        return Optional.ofNullable(btf);
    }
}
