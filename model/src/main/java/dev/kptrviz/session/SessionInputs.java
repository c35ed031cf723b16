package dev.kptrviz.session;

import dev.kptrviz.runtime.FaultPlan;
import dev.kptrviz.runtime.RunOptions;

/**
 * What a session runs with besides the program and the rules: the seed of bpf_get_prandom_u32, how many
 * runs one after the other (globals and heap persist, like maps), the step limit per run, injected faults.
 */
public record SessionInputs(long seed, int repeat, long stepLimit, FaultPlan faults) {
    public SessionInputs {
        if (repeat < 1 || stepLimit < 1) {
            throw new IllegalArgumentException("repeat and stepLimit must be at least 1");
        }
    }

    public static SessionInputs defaults() {
        return new SessionInputs(1, 1, RunOptions.DEFAULT_STEP_LIMIT, FaultPlan.NONE);
    }

    public SessionInputs withSeed(long s) {
        return new SessionInputs(s, repeat, stepLimit, faults);
    }

    public SessionInputs withRepeat(int n) {
        return new SessionInputs(seed, n, stepLimit, faults);
    }

    public SessionInputs withStepLimit(long n) {
        return new SessionInputs(seed, repeat, n, faults);
    }
}
