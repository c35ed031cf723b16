package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.Ownership;

/**
 * Pointer provenance, attached to a register or memory slot next to the 64-bit address: which
 * object the pointer was derived from and, for heap objects, which reference it is. Copies of a
 * register share the same Ref, which is how "every copy of this reference" (the verifier's
 * ref_obj_id) is found at runtime. Immutable; ownership changes replace the Ref everywhere.
 */
public final class Ref {
    final MemoryObject target;
    final Ownership ownership;
    /** Reference id (like the verifier's ref_obj_id), 0 for plain pointers. */
    final int refId;
    /** For NON_OWNING: the machine's unlock count when it was obtained. */
    final long epoch;
    /** Instruction that produced this reference (allocation, acquire, pop...), or -1. */
    final int originInsn;
    /** True when an access must look at the ownership first (non-owning, released). */
    final boolean check;

    Ref(MemoryObject target, Ownership ownership, int refId, long epoch, int originInsn) {
        this.target = target;
        this.ownership = ownership;
        this.refId = refId;
        this.epoch = epoch;
        this.originInsn = originInsn;
        this.check = ownership == Ownership.NON_OWNING || ownership == Ownership.RELEASED;
    }

    public MemoryObject target() {
        return target;
    }

    /** Ownership as stored; a NON_OWNING ref is EXPIRED once {@code unlockCount} moved past its epoch. */
    public Ownership ownership(long unlockCount) {
        return ownership == Ownership.NON_OWNING && epoch != unlockCount ? Ownership.EXPIRED : ownership;
    }

    public Ownership storedOwnership() {
        return ownership;
    }

    public int refId() {
        return refId;
    }

    public int originInsn() {
        return originInsn;
    }

    Ref with(Ownership o, long newEpoch) {
        return new Ref(target, o, refId, newEpoch, originInsn);
    }

    @Override
    public String toString() {
        return target.name() + (refId == 0 ? "" : " ref" + refId) + " " + ownership.name().toLowerCase();
    }
}
