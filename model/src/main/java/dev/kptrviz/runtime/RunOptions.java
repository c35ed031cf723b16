package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.Semantics;

/**
 * How a machine runs: which kernel's rules, how many instructions a run may take before it is
 * stopped (a finding, never a hang), the seed of {@code bpf_get_prandom_u32}, and injected faults.
 */
public record RunOptions(Semantics semantics, long stepLimit, long seed, FaultPlan faults) {
    public static final long DEFAULT_STEP_LIMIT = 10_000_000L;

    public static RunOptions defaults() {
        return new RunOptions(Semantics.CURRENT, DEFAULT_STEP_LIMIT, 1, FaultPlan.NONE);
    }

    public RunOptions withSemantics(Semantics s) {
        return new RunOptions(s, stepLimit, seed, faults);
    }

    public RunOptions withStepLimit(long limit) {
        return new RunOptions(semantics, limit, seed, faults);
    }

    public RunOptions withSeed(long s) {
        return new RunOptions(semantics, stepLimit, s, faults);
    }

    public RunOptions withFaults(FaultPlan f) {
        return new RunOptions(semantics, stepLimit, seed, f);
    }
}
