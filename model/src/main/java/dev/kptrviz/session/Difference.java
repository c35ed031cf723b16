package dev.kptrviz.session;

import java.util.List;

/**
 * Where two sets of rules part on one program (see {@link Comparison}).
 *
 * @param scope     {@link Scope#LOAD}: before the first instruction; {@link Scope#STEP}: at a position of the
 *                  lockstep run; {@link Scope#ELSEWHERE}: the verdicts differ on a path this run never takes
 * @param position  the position to look at (after {@code position} instructions; 0 for LOAD, -1 for ELSEWHERE)
 * @param pc        the instruction responsible: the one a side refuses (it is the next one at
 *                  {@code position}), or the one whose step produced the difference; -1 for LOAD
 * @param line      its C line, or null
 * @param insn      its text ({@code call bpf_rbtree_add_impl#37}), or "program load"
 * @param category  the most important kind of difference at this position
 * @param left      one line on what the left side does or shows there
 * @param right     the same for the right side
 * @param summary   a plain-English sentence naming both rules
 * @param leftKeys  the left graph's elements that differ ({@link OwnershipGraph.Changes} keys: {@code ptr 0:r7},
 *                  {@code object#1}, {@code root groot}, {@code ref 3}), for a view to outline
 * @param rightKeys the same for the right graph (reference ids differ between sides)
 */
public record Difference(Scope scope, long position, int pc, Integer line, String insn, Category category,
                         String left, String right, String summary, List<String> leftKeys, List<String> rightKeys) {

    /** Before the first instruction, at a step, or off the path being run. */
    public enum Scope { LOAD, STEP, ELSEWHERE }

    /** What differs, most important first. */
    public enum Category {
        /** One side refuses (the program at load, or the next instruction) where the other goes on. */
        VERDICT,
        /** Both refuse at the same place, with different messages. */
        DIAGNOSTIC,
        /** The verifier's kind of a pointer: owning, non-owning, maybe NULL, invalidated. */
        REFERENCE_KIND,
        /** The verifier's table of references the program must release. */
        REFERENCES,
        /** What the machine does: kfunc return values, refcounts, memberships, findings, the return value. */
        RUNTIME
    }

    public Difference {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
    }

    /** "step 29, insn 33 (line 68)", "program load", or "insn 12 (line 40), off this run's path". */
    public String where() {
        String at = "insn " + pc + (line == null ? "" : " (line " + line + ")");
        return switch (scope) {
            case LOAD -> "program load";
            case STEP -> "step " + position + ", " + at;
            case ELSEWHERE -> at + ", off this run's path";
        };
    }
}
