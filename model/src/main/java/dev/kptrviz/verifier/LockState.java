package dev.kptrviz.verifier;

/**
 * The held {@code bpf_spin_lock}: which allocation it lives in (a region for globals, or an
 * allocated object's register id) and its offset there, and where it was taken.
 */
public record LockState(String allocation, int regId, int off, int insn) {
}
