package dev.kptrviz.verifier;

import dev.kptrviz.program.SourceLine;

import java.util.List;

/**
 * A verifier error: where (instruction and C line), the kernel's exact message (possibly
 * several lines, as the kernel prints them), and our one-line plain-English explanation.
 */
public record Diagnostic(int insn, SourceLine line, List<String> kernelLines, String explanation,
                         List<State.Branch> path) {
    /** The kernel's first error line, as the kernel oracle reports it ("A || B" for two lines). */
    public String message() {
        return String.join(" || ", kernelLines);
    }
}
