package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.FindingKind;

/**
 * Something that goes wrong at runtime: its kind, the instruction, the C source line (null when
 * the object has no line info), a message naming the objects involved, and whether it stopped
 * the run. {@code run} is the 1-based run of the machine it happened in.
 */
public record Finding(FindingKind kind, int insn, Integer line, String message, boolean fatal, int run) {
    @Override
    public String toString() {
        return kind + " at insn " + insn + (line == null ? "" : " (line " + line + ")") + ": " + message;
    }
}
