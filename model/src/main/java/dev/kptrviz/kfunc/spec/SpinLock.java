package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.HelperSpec;
import dev.kptrviz.kfunc.RuntimeOps;

/** Helpers 93 {@code bpf_spin_lock} and 94 {@code bpf_spin_unlock}. */
public final class SpinLock implements HelperSpec {
    private final boolean lock;

    public SpinLock(boolean lock) {
        this.lock = lock;
    }

    @Override
    public int helperId() {
        return lock ? 93 : 94;
    }

    @Override
    public String explain() {
        return lock
                ? "Takes the bpf_spin_lock (with interrupts off). Lists and trees next to it may now be changed."
                : "Releases the bpf_spin_lock. Every non-owning reference obtained while it was held stops being "
                + "valid: the verifier turns such pointers into plain numbers.";
    }

    @Override
    public boolean allowedUnderLock() {
        return !lock;
    }

    @Override
    public void execute(RuntimeOps ops) {
        int id = ops.lockArg(1);
        if (id < 0) {
            return;
        }
        boolean held = false;
        for (int h : ops.heldLocks()) {
            held |= h == id;
        }
        if (lock) {
            if (held) {
                ops.fail(FindingKind.DEADLOCK, "bpf_spin_lock(" + ops.lockName(id) + ") while it is already held: "
                        + "the kernel spins forever");
                return;
            }
            ops.acquireLock(id);
        } else {
            if (!held) {
                ops.report(FindingKind.UNLOCK_NOT_HELD, "bpf_spin_unlock(" + ops.lockName(id) + ") but it is not "
                        + "held");
            } else {
                ops.releaseLock(id);
            }
        }
        ops.returnScalar(0);
    }
}
