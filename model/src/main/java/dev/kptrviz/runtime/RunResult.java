package dev.kptrviz.runtime;

import java.util.List;

/**
 * The outcome of one run: how it ended, r0 (the full 64 bits; {@link #retval()} is the 32-bit value
 * BPF_PROG_TEST_RUN reports), the printk lines, the findings of this run, and the instructions executed.
 */
public record RunResult(int run, Status status, long r0, List<String> printk, List<Finding> findings, long steps) {
    /** r0 as the kernel's test run reports it: the low 32 bits, signed. */
    public int retval() {
        return (int) r0;
    }

    /** True when the program reached its exit without any finding. */
    public boolean clean() {
        return status == Status.EXITED && findings.isEmpty();
    }
}
