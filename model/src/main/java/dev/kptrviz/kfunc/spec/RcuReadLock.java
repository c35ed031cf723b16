package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;
import dev.kptrviz.kfunc.RuntimeOps;

/** {@code bpf_rcu_read_lock} / {@code bpf_rcu_read_unlock}: no data changes, only a section is marked. */
public final class RcuReadLock implements KfuncSpec {
    private final Kfunc kfunc;

    public RcuReadLock(Kfunc kfunc) {
        if (kfunc != Kfunc.RCU_READ_LOCK && kfunc != Kfunc.RCU_READ_UNLOCK) {
            throw new IllegalArgumentException(kfunc.name());
        }
        this.kfunc = kfunc;
    }

    @Override
    public Kfunc kfunc() {
        return kfunc;
    }

    @Override
    public String explain() {
        return kfunc == Kfunc.RCU_READ_LOCK
                ? "Enters an RCU read-side section: objects freed through RCU stay readable until it ends."
                : "Leaves the RCU read-side section; RCU-protected pointers become untrusted for the verifier.";
    }

    @Override
    public void execute(RuntimeOps ops) {
        ops.rcuReadLock(kfunc == Kfunc.RCU_READ_LOCK);
        ops.returnScalar(0);
    }
}
