package dev.kptrviz.verifier.scalar;

/**
 * What the verifier knows about a scalar register: the product of a {@link Tnum} and four
 * intervals (signed and unsigned, 64-bit and 32-bit), exactly the scalar fields of the kernel's
 * {@code bpf_reg_state}. A concrete value is possible only if it lies in all five.
 *
 * <p>{@code smin..smax} and {@code s32Min..s32Max} are signed; {@code umin..umax} and
 * {@code u32Min..u32Max} are unsigned numbers kept in Java's signed types, so compare them with
 * {@link Long#compareUnsigned} / {@link Integer#compareUnsigned} (or use {@link #u32MinUnsigned()}).
 *
 * <p>Instances are immutable and are not normalised on construction: the canonical constructor
 * keeps exactly the fields given, as the kernel keeps whatever a transfer function wrote. Use
 * {@link #boundsSync()} for the kernel's {@code reg_bounds_sync}.
 */
public record Scalar(Tnum varOff, long smin, long smax, long umin, long umax,
                     int s32Min, int s32Max, int u32Min, int u32Max) {

    private static final Scalar UNKNOWN = new Scalar(Tnum.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1L,
            Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1);

    public Scalar {
        if (varOff == null) {
            throw new IllegalArgumentException("varOff is null");
        }
    }

    /** Nothing known ({@code __mark_reg_unknown}). */
    public static Scalar unknown() {
        return UNKNOWN;
    }

    /** The 64-bit constant {@code v} ({@code __mark_reg_known}). */
    public static Scalar constant(long v) {
        return new Scalar(Tnum.constant(v), v, v, v, v, (int) v, (int) v, (int) v, (int) v);
    }

    /** The constant {@code (u32) v}, zero-extended: what {@code w = imm} leaves in the register. */
    public static Scalar constant32(long v) {
        return constant(v & Bounds.LOW32);
    }

    /**
     * The best scalar the kernel can represent for a tnum and an unsigned 64-bit range, after
     * {@code reg_bounds_sync}.
     */
    public static Scalar of(Tnum varOff, long umin, long umax) {
        Bounds b = new Bounds(UNKNOWN);
        b.varOff = varOff;
        b.umin = umin;
        b.umax = umax;
        b.sync();
        return b.freeze();
    }

    /** {@code reg_bounds_sync}: learn bounds from the tnum, deduce across domains, sharpen the tnum. */
    public Scalar boundsSync() {
        Bounds b = new Bounds(this);
        b.sync();
        return b.freeze();
    }

    /** The upper half cleared and the 64-bit ranges rebuilt from the 32-bit ones ({@code zext_32_to_64}). */
    public Scalar zext32() {
        Bounds b = new Bounds(this);
        b.zext32To64();
        return b.freeze();
    }

    /** All eight ranges unbounded, the tnum kept ({@code __mark_reg_unbounded}). */
    public Scalar markUnbounded() {
        Bounds b = new Bounds(this);
        b.markUnbounded();
        return b.freeze();
    }

    public boolean isConst() {
        return varOff.isConst();
    }

    /** The constant value; only meaningful when {@link #isConst()}. */
    public long constValue() {
        return varOff.value();
    }

    /** True when the low 32 bits are a known constant ({@code tnum_subreg_is_const}). */
    public boolean isConst32() {
        return varOff.subregIsConst();
    }

    public long u32MinUnsigned() {
        return u32Min & Bounds.LOW32;
    }

    public long u32MaxUnsigned() {
        return u32Max & Bounds.LOW32;
    }

    public boolean isUnknown() {
        return equals(UNKNOWN);
    }

    /**
     * True when the concrete 64-bit value {@code x} is possible: it is a member of the tnum and lies
     * in all eight bounds (its low 32 bits in the 32-bit ones).
     */
    public boolean contains(long x) {
        int x32 = (int) x;
        return varOff.contains(x)
                && smin <= x && x <= smax
                && Bounds.ule(umin, x) && Bounds.ule(x, umax)
                && s32Min <= x32 && x32 <= s32Max
                && Bounds.u32le(u32Min, x32) && Bounds.u32le(x32, u32Max);
    }

    /**
     * True when this (the current state's value) says no more than {@code old} allows: its ranges lie
     * within {@code old}'s and its tnum within {@code old}'s tnum ({@code range_within} and
     * {@code tnum_in} as {@code regsafe} uses them for a precise scalar).
     */
    public boolean isSubsetOf(Scalar old) {
        return Bounds.ule(old.umin, umin) && Bounds.ule(umax, old.umax)
                && old.smin <= smin && smax <= old.smax
                && Bounds.u32le(old.u32Min, u32Min) && Bounds.u32le(u32Max, old.u32Max)
                && old.s32Min <= s32Min && s32Max <= old.s32Max
                && old.varOff.contains(varOff);
    }

    /**
     * A scalar covering both this and {@code other}: hull of each range, {@code tnum_union} of the
     * tnums, then synced. Not a kernel operation (the kernel never joins states); offered for
     * summaries and tests.
     */
    public Scalar join(Scalar other) {
        Bounds b = new Bounds(this);
        b.varOff = varOff.union(other.varOff);
        b.smin = Math.min(smin, other.smin);
        b.smax = Math.max(smax, other.smax);
        b.umin = Bounds.uminOf(umin, other.umin);
        b.umax = Bounds.umaxOf(umax, other.umax);
        b.s32Min = Math.min(s32Min, other.s32Min);
        b.s32Max = Math.max(s32Max, other.s32Max);
        b.u32Min = Bounds.u32minOf(u32Min, other.u32Min);
        b.u32Max = Bounds.u32maxOf(u32Max, other.u32Max);
        b.sync();
        return b.freeze();
    }

    /** True when some minimum exceeds its maximum ({@code range_bounds_violation}): no value is possible. */
    public boolean hasRangeViolation() {
        return new Bounds(this).rangeViolation();
    }

    /**
     * The kernel's {@code reg_bounds_sanity_check}: {@code null} when the fields are consistent, else
     * the message it logs after {@code REG INVARIANTS VIOLATION (ctx): }, e.g.
     * {@code range bounds violation u64=[0x1, 0x0] ...}.
     */
    public String invariantViolation() {
        String msg = null;
        if (hasRangeViolation()) {
            msg = "range bounds violation";
        } else if (varOff.isConst()
                && (umin != varOff.value() || umax != varOff.value()
                    || smin != varOff.value() || smax != varOff.value())) {
            msg = "const tnum out of sync with range bounds";
        } else if (varOff.subregIsConst()) {
            int v = (int) varOff.value();
            if (u32Min != v || u32Max != v || s32Min != v || s32Max != v) {
                msg = "const subreg tnum out of sync with range bounds";
            }
        }
        if (msg == null) {
            return null;
        }
        return msg + " u64=[" + Tnum.hex(umin) + ", " + Tnum.hex(umax) + "] s64=[" + Tnum.hex(smin) + ", "
                + Tnum.hex(smax) + "] u32=[" + hex32(u32Min) + ", " + hex32(u32Max) + "] s32=[" + hex32(s32Min)
                + ", " + hex32(s32Max) + "] var_off=(" + Tnum.hex(varOff.value()) + ", "
                + Tnum.hex(varOff.mask()) + ")";
    }

    /**
     * What 6.18 does after a failed {@link #invariantViolation()} check (outside selftest mode): it
     * logs a verifier bug and resets the ranges, keeping the tnum. Returns this when consistent.
     */
    public Scalar sanitized() {
        return invariantViolation() == null ? this : markUnbounded();
    }

    private static String hex32(int v) {
        return "0x" + Integer.toHexString(v);
    }

    /** The kernel log's spelling, see {@link ScalarFormat#format(Scalar)}. */
    @Override
    public String toString() {
        return ScalarFormat.format(this);
    }
}
