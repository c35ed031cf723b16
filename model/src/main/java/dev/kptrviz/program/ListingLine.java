package dev.kptrviz.program;

/**
 * One line of a program listing: a function label, a C source line (shown before the first
 * instruction generated from it, as the kernel's verifier log does), or an instruction.
 * {@code insnIndex} is the instruction slot the line belongs to (for LABEL and SOURCE lines,
 * the slot of the instruction that follows).
 */
public record ListingLine(Kind kind, int insnIndex, String text) {
    public enum Kind { LABEL, SOURCE, INSN }
}
