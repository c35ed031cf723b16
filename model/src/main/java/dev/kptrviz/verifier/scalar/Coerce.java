package dev.kptrviz.verifier.scalar;

/**
 * Narrowing and sign extension: {@code coerce_reg_to_size}, {@code coerce_reg_to_size_sx} and
 * {@code coerce_subreg_to_size_sx} as in 6.18. Note the two sign-extending functions do not end
 * with a bounds sync, exactly like the kernel.
 */
final class Coerce {
    private Coerce() {
    }

    /** Keep the low {@code size} bytes (1, 2 or 4) and zero the rest. */
    static Scalar toSize(Scalar s, int size) {
        if (size != 1 && size != 2 && size != 4) {
            throw new IllegalArgumentException("size " + size);
        }
        Bounds b = new Bounds(s);
        b.varOff = b.varOff.cast(size);
        long mask = (1L << (size * 8)) - 1;
        if ((b.umin & ~mask) == (b.umax & ~mask)) {
            b.umin &= mask;
            b.umax &= mask;
        } else {
            b.umin = 0;
            b.umax = mask;
        }
        b.smin = b.umin;
        b.smax = b.umax;
        // narrower than 32 bits: the old 32-bit bounds say nothing about the truncated value
        if (size < 4) {
            b.markUnbounded32();
        }
        b.sync();
        return b.freeze();
    }

    private static long signExtend(long v, int size) {
        int bits = 64 - size * 8;
        return (v << bits) >> bits;
    }

    /** Sign-extend the low {@code size} bytes (1, 2 or 4) into all 64 bits. */
    static Scalar toSizeSx(Scalar s, int size) {
        if (size != 1 && size != 2 && size != 4) {
            throw new IllegalArgumentException("size " + size);
        }
        Bounds b = new Bounds(s);
        if (b.varOff.isConst()) {
            long v = signExtend(b.varOff.value(), size);
            b.markKnown(v);
            return b.freeze();
        }
        int numBits = size * 8;
        long topSmax = (b.smax >>> numBits) << numBits;
        long topSmin = (b.smin >>> numBits) << numBits;
        if (topSmax == topSmin) {
            long initMax = signExtend(b.smax, size);
            long initMin = signExtend(b.smin, size);
            long s64Max = Math.max(initMax, initMin);
            long s64Min = Math.min(initMax, initMin);
            // only when both ends have the same sign is the result one interval
            if ((s64Max >= 0) == (s64Min >= 0)) {
                b.smin = s64Min;
                b.s32Min = (int) s64Min;
                b.smax = s64Max;
                b.s32Max = (int) s64Max;
                b.umin = s64Min;
                b.u32Min = (int) s64Min;
                b.umax = s64Max;
                b.u32Max = (int) s64Max;
                b.varOff = Tnum.range(s64Min, s64Max);
                return b.freeze();
            }
        }
        // set_sext64_default_val
        long lo = size == 1 ? Byte.MIN_VALUE : size == 2 ? Short.MIN_VALUE : Integer.MIN_VALUE;
        long hi = size == 1 ? Byte.MAX_VALUE : size == 2 ? Short.MAX_VALUE : Integer.MAX_VALUE;
        b.smin = lo;
        b.s32Min = (int) lo;
        b.smax = hi;
        b.s32Max = (int) hi;
        b.umin = 0;
        b.u32Min = 0;
        b.umax = Bounds.U64_MAX;
        b.u32Max = Bounds.U32_MAX;
        b.varOff = Tnum.UNKNOWN;
        return b.freeze();
    }

    /**
     * Sign-extend the low {@code size} bytes (1 or 2) into the low 32 bits, touching only the
     * 32-bit bounds and the tnum (the caller zero-extends).
     */
    static Scalar subregToSizeSx(Scalar s, int size) {
        if (size != 1 && size != 2) {
            throw new IllegalArgumentException("size " + size);
        }
        Bounds b = new Bounds(s);
        if (b.varOff.isConst()) {
            int v = (int) signExtend(b.varOff.value(), size);
            b.varOff = Tnum.constant(v);
            b.s32Min = v;
            b.s32Max = v;
            b.u32Min = v;
            b.u32Max = v;
            return b.freeze();
        }
        int numBits = size * 8;
        int topSmax = (b.s32Max >>> numBits) << numBits;
        int topSmin = (b.s32Min >>> numBits) << numBits;
        if (topSmax == topSmin) {
            int initMax = (int) signExtend(b.s32Max, size);
            int initMin = (int) signExtend(b.s32Min, size);
            int s32Max = Math.max(initMax, initMin);
            int s32Min = Math.min(initMax, initMin);
            if ((s32Min >= 0) == (s32Max >= 0)) {
                b.s32Min = s32Min;
                b.s32Max = s32Max;
                b.u32Min = s32Min;
                b.u32Max = s32Max;
                b.varOff = Tnum.range(s32Min, s32Max).subreg();
                return b.freeze();
            }
        }
        // set_sext32_default_val
        b.s32Min = size == 1 ? Byte.MIN_VALUE : Short.MIN_VALUE;
        b.s32Max = size == 1 ? Byte.MAX_VALUE : Short.MAX_VALUE;
        b.u32Min = 0;
        b.u32Max = Bounds.U32_MAX;
        b.varOff = Tnum.UNKNOWN.subreg();
        return b.freeze();
    }
}
