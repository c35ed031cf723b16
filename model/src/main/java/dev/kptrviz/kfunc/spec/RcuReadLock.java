package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.RuntimeOps;

import java.util.Set;

/** {@code bpf_rcu_read_lock} / {@code bpf_rcu_read_unlock}: no data changes, only a section is marked. */
public final class RcuReadLock extends FamilySpec {
    public RcuReadLock(Kfunc kfunc) {
        super(kfunc, Set.of(Kfunc.RCU_READ_LOCK, Kfunc.RCU_READ_UNLOCK));
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
