package dev.kptrviz.verifier;

/** An acquired reference ({@code refs[]} entry): its id and the instruction that acquired it. */
public record RefState(int id, int insn) {
}
