package dev.kptrviz.verifier.scalar;

/**
 * Mutable working copy of the scalar part of a {@code bpf_reg_state}. The transfer functions
 * mutate one of these step by step in the same order as the kernel, then freeze it into a
 * {@link Scalar}. The 32-bit fields are Java {@code int}s; {@code u32Min}/{@code u32Max} are
 * compared unsigned.
 *
 * <p>Holds the kernel's bound-keeping routines: {@code __update_reg{32,64}_bounds},
 * {@code __reg{32,64}_deduce_bounds}, {@code __reg_deduce_mixed_bounds},
 * {@code __reg_bound_offset}, {@code reg_bounds_sync} and the marking helpers, as of 6.18.y.
 */
final class Bounds {
    static final long S64_MIN = Long.MIN_VALUE;
    static final long S64_MAX = Long.MAX_VALUE;
    static final long U64_MAX = -1L;
    static final int S32_MIN = Integer.MIN_VALUE;
    static final int S32_MAX = Integer.MAX_VALUE;
    static final int U32_MAX = -1;
    static final long LOW32 = 0xffffffffL;

    Tnum varOff;
    long smin;
    long smax;
    long umin;
    long umax;
    int s32Min;
    int s32Max;
    int u32Min;
    int u32Max;
    /**
     * Set once some range was seen empty (min above max). Every step is sound, so the value then has
     * no concrete member, even if a later step hides the violation (the single-value rule below
     * turns such a register into a constant).
     */
    boolean sawEmpty;

    Bounds(Scalar s) {
        varOff = s.varOff();
        smin = s.smin();
        smax = s.smax();
        umin = s.umin();
        umax = s.umax();
        s32Min = s.s32Min();
        s32Max = s.s32Max();
        u32Min = s.u32Min();
        u32Max = s.u32Max();
    }

    Scalar freeze() {
        return new Scalar(varOff, smin, smax, umin, umax, s32Min, s32Max, u32Min, u32Max);
    }

    Bounds copy() {
        return new Bounds(freeze());
    }

    // ---- unsigned helpers -------------------------------------------------------------------

    static long umaxOf(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static long uminOf(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    static int u32maxOf(int a, int b) {
        return Integer.compareUnsigned(a, b) >= 0 ? a : b;
    }

    static int u32minOf(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    static boolean ule(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    static boolean ult(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    static boolean u32le(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0;
    }

    static boolean u32lt(int a, int b) {
        return Integer.compareUnsigned(a, b) < 0;
    }

    static long u32(int v) {
        return v & LOW32;
    }

    // ---- marking ------------------------------------------------------------------------------

    /** {@code ___mark_reg_known}: every field becomes the constant {@code imm}. */
    void markKnown(long imm) {
        varOff = Tnum.constant(imm);
        smin = imm;
        smax = imm;
        umin = imm;
        umax = imm;
        s32Min = (int) imm;
        s32Max = (int) imm;
        u32Min = (int) imm;
        u32Max = (int) imm;
    }

    /** {@code __mark_reg32_known}: the low half becomes {@code imm}; the 64-bit ranges are left alone. */
    void markKnown32(long imm) {
        varOff = varOff.constSubreg((int) imm);
        s32Min = (int) imm;
        s32Max = (int) imm;
        u32Min = (int) imm;
        u32Max = (int) imm;
    }

    /** {@code __mark_reg_unknown}: nothing known. */
    void markUnknown() {
        varOff = Tnum.UNKNOWN;
        markUnbounded();
    }

    void markUnbounded() {
        markUnbounded64();
        markUnbounded32();
    }

    void markUnbounded64() {
        smin = S64_MIN;
        smax = S64_MAX;
        umin = 0;
        umax = U64_MAX;
    }

    void markUnbounded32() {
        s32Min = S32_MIN;
        s32Max = S32_MAX;
        u32Min = 0;
        u32Max = U32_MAX;
    }

    // ---- learning bounds from the tnum ----------------------------------------------------------

    void updateBounds32() {
        Tnum t = varOff.subreg();
        // smallest signed: sign bit set if it may be, other bits at their minimum
        s32Min = Math.max(s32Min, (int) (t.value() | (t.mask() & 0x80000000L)));
        // largest signed: sign bit clear if it may be, other bits at their maximum
        s32Max = Math.min(s32Max, (int) (t.value() | (t.mask() & 0x7fffffffL)));
        u32Min = u32maxOf(u32Min, (int) t.value());
        u32Max = u32minOf(u32Max, (int) (t.value() | t.mask()));
    }

    void updateBounds64() {
        smin = Math.max(smin, varOff.value() | (varOff.mask() & S64_MIN));
        smax = Math.min(smax, varOff.value() | (varOff.mask() & S64_MAX));
        umin = umaxOf(umin, varOff.value());
        umax = uminOf(umax, varOff.value() | varOff.mask());
        noteEmpty();

        // 6.18.y (backport of "Improve bounds when tnum has a single possible value"): when the
        // u64 range and the tnum share exactly one number, the register is that constant.
        long next = varOff.step(umin);
        boolean uminInTnum = (umin & ~varOff.mask()) == varOff.value();
        long tmax = varOff.value() | varOff.mask();
        if (uminInTnum && Long.compareUnsigned(next, umax) > 0) {
            markKnown(umin);
        } else if (!uminInTnum && next == tmax) {
            markKnown(tmax);
        } else if (!uminInTnum && ule(next, umax) && Long.compareUnsigned(varOff.step(next), umax) > 0) {
            markKnown(next);
        }
    }

    void updateBounds() {
        updateBounds32();
        updateBounds64();
    }

    // ---- cross-domain deduction -----------------------------------------------------------------

    void deduce32() {
        // 64-bit ranges whose upper halves do not change give a 32-bit range directly
        if ((umin >>> 32) == (umax >>> 32)) {
            u32Min = u32maxOf(u32Min, (int) umin);
            u32Max = u32minOf(u32Max, (int) umax);
            if ((int) umin <= (int) umax) {
                s32Min = Math.max(s32Min, (int) umin);
                s32Max = Math.min(s32Max, (int) umax);
            }
        }
        if ((smin >> 32) == (smax >> 32)) {
            if (u32le((int) smin, (int) smax)) {
                u32Min = u32maxOf(u32Min, (int) smin);
                u32Max = u32minOf(u32Max, (int) smax);
            }
            if ((int) smin <= (int) smax) {
                s32Min = Math.max(s32Min, (int) smin);
                s32Max = Math.min(s32Max, (int) smax);
            }
        }
        // upper halves are two consecutive numbers while the low halves run from negative to
        // non-negative: the low halves still form one s32 range
        if ((int) (umin >>> 32) + 1 == (int) (umax >>> 32) && (int) umin < 0 && (int) umax >= 0) {
            s32Min = Math.max(s32Min, (int) umin);
            s32Max = Math.min(s32Max, (int) umax);
        }
        if ((int) (smin >> 32) + 1 == (int) (smax >> 32) && (int) smin < 0 && (int) smax >= 0) {
            s32Min = Math.max(s32Min, (int) smin);
            s32Max = Math.min(s32Max, (int) smax);
        }
        // a u32 range that does not cross the sign bit is also an s32 range
        if (u32Min <= u32Max) {
            s32Min = Math.max(s32Min, u32Min);
            s32Max = Math.min(s32Max, u32Max);
        }
        // an s32 range that does not cross the u32 wrap point is also a u32 range
        if (u32le(s32Min, s32Max)) {
            u32Min = u32maxOf(s32Min, u32Min);
            u32Max = u32minOf(s32Max, u32Max);
        } else if (u32lt(u32Max, s32Min)) {
            // the u32 range meets only the non-negative part of the wrapped s32 range
            s32Min = u32Min;
            u32Max = u32minOf(u32Max, s32Max);
        } else if (u32lt(s32Max, u32Min)) {
            // the u32 range meets only the negative part of the wrapped s32 range
            s32Max = u32Max;
            u32Min = u32maxOf(u32Min, s32Min);
        }
    }

    void deduce64() {
        // a u64 range inside one sign half is also an s64 range
        if (umin <= umax) {
            smin = Math.max(smin, umin);
            smax = Math.min(smax, umax);
        }
        if (ule(smin, smax)) {
            umin = umaxOf(smin, umin);
            umax = uminOf(smax, umax);
        } else if (ult(umax, smin)) {
            // s64 crosses the sign boundary; the u64 range meets only its non-negative part
            smin = umin;
            umax = uminOf(umax, smax);
        } else if (ult(smax, umin)) {
            // ... or only its negative part
            smax = umax;
            umin = umaxOf(umin, smin);
        }
    }

    void deduceMixed() {
        // put the 32-bit bounds into the low halves of the 64-bit ones
        long newUmin = (umin & ~LOW32) | u32(u32Min);
        long newUmax = (umax & ~LOW32) | u32(u32Max);
        umin = umaxOf(umin, newUmin);
        umax = uminOf(umax, newUmax);
        long newSmin = (smin & ~LOW32) | u32(u32Min);
        long newSmax = (smax & ~LOW32) | u32(u32Max);
        smin = Math.max(smin, newSmin);
        smax = Math.min(smax, newSmax);

        if (u32le(s32Min, s32Max)) {
            newUmin = (umin & ~LOW32) | u32(s32Min);
            newUmax = (umax & ~LOW32) | u32(s32Max);
            umin = umaxOf(umin, newUmin);
            umax = uminOf(umax, newUmax);
            newSmin = (smin & ~LOW32) | u32(s32Min);
            newSmax = (smax & ~LOW32) | u32(s32Max);
            smin = Math.max(smin, newSmin);
            smax = Math.min(smax, newSmax);
        }

        // after a sign-extending 32->64 step: a non-negative low half inside
        // [(s64)S32_MIN, (s64)S32_MAX] means the upper half is all zeros
        if (s32Min >= 0 && smin >= S32_MIN && smax <= S32_MAX) {
            smin = s32Min;
            smax = s32Max;
            umin = s32Min;
            umax = s32Max;
            varOff = varOff.intersect(Tnum.range(smin, smax));
        }
    }

    void deduceBounds() {
        deduce32();
        deduce64();
        deduceMixed();
    }

    /** {@code __reg_bound_offset}: sharpen the tnum with the unsigned ranges. */
    void boundOffset() {
        Tnum var64 = varOff.intersect(Tnum.range(umin, umax));
        Tnum var32 = var64.subreg().intersect(Tnum.range(u32(u32Min), u32(u32Max)));
        varOff = var64.clearSubreg().or(var32);
    }

    /** {@code reg_bounds_sync}. */
    void sync() {
        noteEmpty();
        updateBounds();
        for (int round = 0; round < 3; round++) {
            deduceBounds();
            noteEmpty();
        }
        boundOffset();
        updateBounds();
        noteEmpty();
    }

    /** {@code __reg_assign_32_into_64}: the 64-bit ranges of a zero-extended 32-bit value. */
    void assign32Into64() {
        umin = u32(u32Min);
        umax = u32(u32Max);
        if (s32Min >= 0 && s32Max >= 0) {
            smin = s32Min;
            smax = s32Max;
        } else {
            smin = 0;
            smax = LOW32;
        }
    }

    /** {@code zext_32_to_64}: the upper half becomes zero. */
    void zext32To64() {
        varOff = varOff.subreg();
        assign32Into64();
    }

    void noteEmpty() {
        sawEmpty |= rangeViolation() || tnumMissesRange();
    }

    /** True when no member of the tnum lies in {@code [umin, umax]}. */
    boolean tnumMissesRange() {
        if (varOff.contains(umin)) {
            return false;
        }
        return ult(varOff.max(), umin) || ult(umax, varOff.step(umin));
    }

    /** {@code range_bounds_violation}: some min above its max. */
    boolean rangeViolation() {
        return ult(umax, umin) || smin > smax || u32lt(u32Max, u32Min) || s32Min > s32Max;
    }
}
