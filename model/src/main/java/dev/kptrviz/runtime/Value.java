package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.Ownership;

/**
 * A register or memory word as the views see it: the 64-bit bits and, for a pointer, the object
 * it points into, the offset, and what kind of reference it is.
 */
public record Value(long bits, MemoryObject target, long offset, Ownership ownership, int refId) {
    static Value of(long bits, Ref ref, long unlockCount) {
        if (ref == null) {
            return new Value(bits, null, 0, null, 0);
        }
        return new Value(bits, ref.target, bits - ref.target.base, ref.ownership(unlockCount), ref.refId);
    }

    public boolean isPointer() {
        return target != null;
    }

    @Override
    public String toString() {
        if (target == null) {
            return Long.toString(bits);
        }
        String own = ownership == Ownership.PLAIN ? "" : " (" + ownership.name().toLowerCase() + ")";
        return "&" + target.name() + (offset == 0 ? "" : (offset > 0 ? "+" : "") + offset) + own;
    }
}
