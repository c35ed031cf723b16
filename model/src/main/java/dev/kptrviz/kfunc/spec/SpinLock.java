package dev.kptrviz.kfunc.spec;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.program.GlobalVar;
import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
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

    /**
     * Verifier effect: arg1 must point at the bpf_spin_lock of a global section or of an object
     * the program owns. Lock records which allocation is locked; unlock must name the same lock
     * and turns every non-owning reference into a plain number.
     */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        Reg r1 = ops.read(1);
        String allocation;
        int lockOff;
        int regId = 0;
        if (r1.type() == Reg.Type.PTR_TO_MAP_VALUE) {
            GlobalVar v = r1.region().varAt(r1.off()).orElse(null);
            if (v == null || v.offset() != r1.off() || SpecialField.of(ops.btf(), v.btfTypeId()).orElse(null) != SpecialField.SPIN_LOCK) {
                throw new Rejection("There is no bpf_spin_lock at this address.",
                        "map '" + r1.region().name() + "' has no valid bpf_spin_lock");
            }
            allocation = r1.region().name();
            lockOff = v.offset();
        } else if (r1.isAllocObj() && !r1.is(Reg.MAYBE_NULL)) {
            lockOff = ops.fieldOffset(r1.btfId(), SpecialField.SPIN_LOCK);
            if (lockOff < 0 || lockOff != r1.off()) {
                throw new Rejection("There is no bpf_spin_lock at this address.", r1.typeName() + " has no valid bpf_spin_lock");
            }
            allocation = "struct " + r1.typeName();
            regId = r1.id();
        } else {
            throw new Rejection("bpf_spin_lock takes a pointer to a struct bpf_spin_lock in global data or in an "
                    + "object you own.", "R1 type=" + r1.typeNameForMessage() + " expected=map_value");
        }
        if (lock) {
            ops.takeLock(allocation, regId, lockOff);
        } else {
            ops.dropLock(allocation, regId, lockOff);
        }
        ops.setR0(Reg.NOT_INIT); // both return void
    }
}
