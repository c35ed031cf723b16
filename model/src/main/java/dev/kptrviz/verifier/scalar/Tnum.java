package dev.kptrviz.verifier.scalar;

/**
 * A tristate number: 64 bits each known 0, known 1 or unknown. {@code mask} has a 1 for every
 * unknown bit; {@code value} holds the known bits (and is 0 wherever {@code mask} is 1). The set
 * of concrete numbers it stands for is {@code { value | s : s a submask of mask }}.
 *
 * <p>Every operation mirrors the Linux verifier's {@code kernel/bpf/tnum.c} as of 6.18.y, including
 * the union-based multiplication, {@code tnum_overlap} and {@code tnum_step}. All arithmetic is on
 * 64-bit two's-complement words; "unsigned" comparisons use {@link Long#compareUnsigned}.
 */
public record Tnum(long value, long mask) {

    /** Every bit unknown ({@code tnum_unknown}). */
    public static final Tnum UNKNOWN = new Tnum(0, -1L);

    /** The constant zero. */
    public static final Tnum ZERO = new Tnum(0, 0);

    /** A fully known number. */
    public static Tnum constant(long v) {
        return new Tnum(v, 0);
    }

    /** Every bit unknown. */
    public static Tnum unknown() {
        return UNKNOWN;
    }

    /**
     * The smallest tnum covering the unsigned interval {@code [min, max]}: the bits above the highest
     * bit where {@code min} and {@code max} differ are known, the rest unknown. It may cover more
     * than the interval ({@code range(0, 2)} also holds 3).
     */
    public static Tnum range(long min, long max) {
        int bits = fls64(min ^ max);
        if (bits > 63) {
            return UNKNOWN;
        }
        long delta = (1L << bits) - 1;
        return new Tnum(min & ~delta, delta);
    }

    /** Position (1-based) of the highest set bit, 0 for 0 (the kernel's {@code fls64}). */
    static int fls64(long x) {
        return 64 - Long.numberOfLeadingZeros(x);
    }

    public Tnum lshift(int shift) {
        return new Tnum(value << shift, mask << shift);
    }

    public Tnum rshift(int shift) {
        return new Tnum(value >>> shift, mask >>> shift);
    }

    /**
     * Arithmetic right shift by {@code minShift} within a {@code bitness}-bit (32 or 64) register; the
     * 32-bit form shifts the sign of bit 31 and leaves the upper half zero.
     */
    public Tnum arshift(int minShift, int bitness) {
        if (bitness == 32) {
            return new Tnum(((int) value >> minShift) & 0xffffffffL, ((int) mask >> minShift) & 0xffffffffL);
        }
        return new Tnum(value >> minShift, mask >> minShift);
    }

    public Tnum add(Tnum b) {
        long sm = mask + b.mask;
        long sv = value + b.value;
        long carries = (sm + sv) ^ sv;
        long mu = carries | mask | b.mask;
        return new Tnum(sv & ~mu, mu);
    }

    public Tnum sub(Tnum b) {
        long dv = value - b.value;
        long alpha = dv + mask;
        long beta = dv - b.mask;
        long mu = (alpha ^ beta) | mask | b.mask;
        return new Tnum(dv & ~mu, mu);
    }

    /** Two's-complement negation, {@code 0 - this}. */
    public Tnum neg() {
        return ZERO.sub(this);
    }

    public Tnum and(Tnum b) {
        long alpha = value | mask;
        long beta = b.value | b.mask;
        long v = value & b.value;
        return new Tnum(v, alpha & beta & ~v);
    }

    public Tnum or(Tnum b) {
        long v = value | b.value;
        long mu = mask | b.mask;
        return new Tnum(v, mu & ~v);
    }

    public Tnum xor(Tnum b) {
        long v = value ^ b.value;
        long mu = mask | b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /**
     * Long multiplication over the bits of {@code this}: a known-1 bit adds the shifted multiplicand,
     * an unknown bit takes the union of adding it and not adding it (6.18's {@code tnum_mul}).
     */
    public Tnum mul(Tnum b) {
        Tnum a = this;
        Tnum acc = ZERO;
        while (a.value != 0 || a.mask != 0) {
            if ((a.value & 1) != 0) {
                acc = acc.add(b);
            } else if ((a.mask & 1) != 0) {
                acc = acc.union(acc.add(b));
            }
            a = a.rshift(1);
            b = b.lshift(1);
        }
        return acc;
    }

    /** True when some number is a member of both tnums ({@code tnum_overlap}). */
    public boolean overlaps(Tnum b) {
        long known = ~mask & ~b.mask;
        return (value & known) == (b.value & known);
    }

    /**
     * Numbers in both tnums. Where the two disagree on a known bit the result claims a known 1, as
     * the kernel's {@code tnum_intersect} does; callers only intersect tnums that overlap.
     */
    public Tnum intersect(Tnum b) {
        long v = value | b.value;
        long mu = mask & b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /** The smallest tnum holding every member of both ({@code tnum_union}). */
    public Tnum union(Tnum b) {
        long v = value & b.value;
        long mu = (value ^ b.value) | mask | b.mask;
        return new Tnum(v & ~mu, mu);
    }

    /** Keeps the low {@code size} bytes, clearing the rest ({@code tnum_cast}); size 8 is the identity. */
    public Tnum cast(int size) {
        if (size >= 8) {
            return this;
        }
        long keep = (1L << (size * 8)) - 1;
        return new Tnum(value & keep, mask & keep);
    }

    /** True when every member is a multiple of {@code size}, a power of two (0 means any). */
    public boolean isAligned(long size) {
        if (size == 0) {
            return true;
        }
        return ((value | mask) & (size - 1)) == 0;
    }

    /** True when every member of {@code b} is a member of this ({@code tnum_in(this, b)}). */
    public boolean contains(Tnum b) {
        if ((b.mask & ~mask) != 0) {
            return false;
        }
        return value == (b.value & ~mask);
    }

    /** True when the concrete number {@code x} is a member. */
    public boolean contains(long x) {
        return (x & ~mask) == value;
    }

    public boolean isConst() {
        return mask == 0;
    }

    public boolean equalsConst(long b) {
        return mask == 0 && value == b;
    }

    public boolean isUnknown() {
        return mask == -1L;
    }

    /** The low 32 bits, zero-extended ({@code tnum_subreg}). */
    public Tnum subreg() {
        return cast(4);
    }

    /** The high 32 bits kept, the low 32 known zero ({@code tnum_clear_subreg}). */
    public Tnum clearSubreg() {
        return rshift(32).lshift(32);
    }

    /** This tnum's upper half with {@code sub}'s lower half ({@code tnum_with_subreg}). */
    public Tnum withSubreg(Tnum sub) {
        return clearSubreg().or(sub.subreg());
    }

    /** This tnum's upper half with the lower half the constant {@code v} ({@code tnum_const_subreg}). */
    public Tnum constSubreg(int v) {
        return withSubreg(constant(v & 0xffffffffL));
    }

    public boolean subregIsConst() {
        return subreg().mask == 0;
    }

    /** Byte swap of the low 16 bits; the result is zero-extended. */
    public Tnum bswap16() {
        return new Tnum(Short.reverseBytes((short) value) & 0xffffL, Short.reverseBytes((short) mask) & 0xffffL);
    }

    /** Byte swap of the low 32 bits; the result is zero-extended. */
    public Tnum bswap32() {
        return new Tnum(Integer.reverseBytes((int) value) & 0xffffffffL,
                Integer.reverseBytes((int) mask) & 0xffffffffL);
    }

    public Tnum bswap64() {
        return new Tnum(Long.reverseBytes(value), Long.reverseBytes(mask));
    }

    /** The largest member, {@code value | mask}. */
    public long max() {
        return value | mask;
    }

    /**
     * The smallest member strictly greater than {@code z} when {@code value <= z < max()}; the largest
     * member when {@code z >= max()} and the smallest when {@code z < value} (the kernel's
     * {@code tnum_step}, unsigned throughout).
     */
    public long step(long z) {
        long tmax = value | mask;
        if (Long.compareUnsigned(z, tmax) >= 0) {
            return tmax;
        }
        if (Long.compareUnsigned(z, value) < 0) {
            return value;
        }
        // Members are value + s for submasks s of mask; find the next submask above d.
        long d = z - value;
        long carryMask = (1L << fls64(d & ~mask)) - 1;
        long filled = d | carryMask | ~mask;
        long inc = (filled + 1) & mask;
        return value | inc;
    }

    /**
     * The kernel's {@code tnum_strn} of 6.18 ({@code kernel/bpf/log.c}): a constant prints as a
     * number (decimal up to 65535, else hex), anything else as {@link #toString()}.
     */
    public String strn() {
        if (mask == 0) {
            return Long.compareUnsigned(value, 0xffff) <= 0 ? Long.toUnsignedString(value) : hex(value);
        }
        return toString();
    }

    /** {@code (0x0; 0xff)}: value and mask as the kernel's {@code %#llx} prints them. */
    @Override
    public String toString() {
        return "(" + hex(value) + "; " + hex(mask) + ")";
    }

    /** The kernel's {@code %#llx}: {@code 0x} then lower-case hex digits, {@code 0x0} for zero. */
    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
