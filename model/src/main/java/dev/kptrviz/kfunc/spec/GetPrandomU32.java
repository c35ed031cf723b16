package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.HelperSpec;
import dev.kptrviz.kfunc.RuntimeOps;

/** Helper 7 {@code bpf_get_prandom_u32}: from the machine's seeded generator, so runs repeat. */
public final class GetPrandomU32 implements HelperSpec {
    @Override
    public int helperId() {
        return 7;
    }

    @Override
    public String explain() {
        return "Returns a pseudo-random 32-bit number (here from a seeded generator, so every run repeats).";
    }

    @Override
    public void execute(RuntimeOps ops) {
        ops.returnScalar(ops.nextRandom() & 0xffffffffL);
    }
}
