package dev.kptrviz.program;

/**
 * A function inside a linked program: the entry function, or a {@code .text} subprogram
 * appended after it the way libbpf appends them (so instruction indexes match the kernel log).
 * {@code start} and {@code length} are in instruction slots of the linked program.
 */
public record Function(String name, int start, int length, Kind kind, boolean global, int btfFuncId) {
    public enum Kind {
        /** The program's entry point. */
        MAIN,
        /** Reached by a bpf-to-bpf call. */
        SUBPROG,
        /** Its address is taken (ld_imm64 of a function), e.g. an rbtree {@code less()} callback. */
        CALLBACK
    }

    public boolean contains(int insn) {
        return insn >= start && insn < start + length;
    }

    public int end() {
        return start + length;
    }
}
