package dev.kptrviz.elf;

/**
 * One REL entry of a relocation section: the patched byte {@code offset} inside the
 * {@code targetSection}, the referenced symbol and the BPF relocation {@code type}
 * (R_BPF_64_64 = 1 for ld_imm64, R_BPF_64_32 = 10 for calls, R_BPF_64_ABS64/ABS32 for data).
 */
public record ElfRelocation(int targetSection, long offset, ElfSymbol symbol, int type) {
    public static final int R_BPF_NONE = 0;
    public static final int R_BPF_64_64 = 1;
    public static final int R_BPF_64_ABS64 = 2;
    public static final int R_BPF_64_ABS32 = 3;
    public static final int R_BPF_64_NODYLD32 = 4;
    public static final int R_BPF_64_32 = 10;
}
