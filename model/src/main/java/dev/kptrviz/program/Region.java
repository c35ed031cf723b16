package dev.kptrviz.program;

import java.util.List;
import java.util.Optional;

/**
 * A global data section ({@code .data}, {@code .bss}, {@code .rodata}, {@code .data.NAME}): in the
 * kernel each is an array map with one element, so one Region is one map value. {@code initial}
 * holds the bytes the program starts with (zeroes for .bss).
 */
public record Region(int index, String name, int sectionIndex, int size, byte[] initial, boolean readOnly,
                     List<GlobalVar> vars, String mapName) {

    /**
     * The map name libbpf gives a data section: the standard .data/.bss/.rodata get the first 8
     * characters of the object's name in front (e.g. {@code var_inde.bss}); named sections such as
     * {@code .data.A} keep their own name. The kernel's log prints this name.
     */
    public static String kernelMapName(String objectFileName, String section) {
        if (!section.equals(".data") && !section.equals(".bss") && !section.equals(".rodata")) {
            return section;
        }
        String base = objectFileName.endsWith(".o") ? objectFileName.substring(0, objectFileName.length() - 2)
                : objectFileName;
        return base.substring(0, Math.min(8, base.length())) + section;
    }

    public Optional<GlobalVar> varAt(long offset) {
        return vars.stream().filter(v -> v.covers(offset)).findFirst();
    }

    public Optional<GlobalVar> var(String name) {
        return vars.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** {@code .data.A+16 (root)} style name for an address inside this region. */
    public String describe(long offset) {
        Optional<GlobalVar> v = varAt(offset);
        if (v.isEmpty()) {
            return name + "+" + offset;
        }
        long rest = offset - v.get().offset();
        return v.get().name() + (rest == 0 ? "" : "+" + rest);
    }
}
