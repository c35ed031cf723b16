package dev.kptrviz.verifier.scalar;

import static dev.kptrviz.verifier.scalar.Bounds.S32_MAX;
import static dev.kptrviz.verifier.scalar.Bounds.S32_MIN;
import static dev.kptrviz.verifier.scalar.Bounds.S64_MAX;
import static dev.kptrviz.verifier.scalar.Bounds.S64_MIN;
import static dev.kptrviz.verifier.scalar.Bounds.U32_MAX;
import static dev.kptrviz.verifier.scalar.Bounds.U64_MAX;

/**
 * The range halves of ADD, SUB, MUL, AND, OR and XOR ({@code scalar{,32}_min_max_*}) as in 6.18.
 * The caller has already stored the result tnum where the kernel does so before the call
 * (MUL, AND, OR, XOR).
 */
final class Arith {
    private Arith() {
    }

    // ---- overflow checks (the kernel's check_{add,sub,mul}_overflow) --------------------------

    static boolean addOverflowS64(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0;
    }

    static boolean subOverflowS64(long a, long b) {
        long r = a - b;
        return ((a ^ b) & (a ^ r)) < 0;
    }

    static boolean addOverflowU64(long a, long b) {
        return Long.compareUnsigned(a + b, a) < 0;
    }

    static boolean subOverflowU64(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    static boolean mulOverflowU64(long a, long b) {
        long high = Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
        return high != 0;
    }

    static boolean mulOverflowS64(long a, long b) {
        return Math.multiplyHigh(a, b) != ((a * b) >> 63);
    }

    static boolean overflowsS32(long exact) {
        return exact != (int) exact;
    }

    static boolean overflowsU32(long exact) {
        return (exact & ~Bounds.LOW32) != 0;
    }

    // ---- ADD ------------------------------------------------------------------------------------

    static void add32(Bounds dst, Bounds src) {
        long lo = (long) dst.s32Min + src.s32Min;
        long hi = (long) dst.s32Max + src.s32Max;
        if (overflowsS32(lo) || overflowsS32(hi)) {
            dst.s32Min = S32_MIN;
            dst.s32Max = S32_MAX;
        } else {
            dst.s32Min = (int) lo;
            dst.s32Max = (int) hi;
        }
        long ulo = Bounds.u32(dst.u32Min) + Bounds.u32(src.u32Min);
        long uhi = Bounds.u32(dst.u32Max) + Bounds.u32(src.u32Max);
        dst.u32Min = (int) ulo;
        dst.u32Max = (int) uhi;
        // wrapping is fine when every sum wraps or none does
        if (!overflowsU32(ulo) && overflowsU32(uhi)) {
            dst.u32Min = 0;
            dst.u32Max = U32_MAX;
        }
    }

    static void add64(Bounds dst, Bounds src) {
        if (addOverflowS64(dst.smin, src.smin) || addOverflowS64(dst.smax, src.smax)) {
            dst.smin = S64_MIN;
            dst.smax = S64_MAX;
        } else {
            dst.smin += src.smin;
            dst.smax += src.smax;
        }
        boolean minOverflow = addOverflowU64(dst.umin, src.umin);
        boolean maxOverflow = addOverflowU64(dst.umax, src.umax);
        dst.umin += src.umin;
        dst.umax += src.umax;
        if (!minOverflow && maxOverflow) {
            dst.umin = 0;
            dst.umax = U64_MAX;
        }
    }

    // ---- SUB ------------------------------------------------------------------------------------

    static void sub32(Bounds dst, Bounds src) {
        long lo = (long) dst.s32Min - src.s32Max;
        long hi = (long) dst.s32Max - src.s32Min;
        if (overflowsS32(lo) || overflowsS32(hi)) {
            dst.s32Min = S32_MIN;
            dst.s32Max = S32_MAX;
        } else {
            dst.s32Min = (int) lo;
            dst.s32Max = (int) hi;
        }
        boolean minUnderflow = Bounds.u32lt(dst.u32Min, src.u32Max);
        boolean maxUnderflow = Bounds.u32lt(dst.u32Max, src.u32Min);
        dst.u32Min -= src.u32Max;
        dst.u32Max -= src.u32Min;
        // wrapping is fine when every difference wraps or none does
        if (minUnderflow && !maxUnderflow) {
            dst.u32Min = 0;
            dst.u32Max = U32_MAX;
        }
    }

    static void sub64(Bounds dst, Bounds src) {
        if (subOverflowS64(dst.smin, src.smax) || subOverflowS64(dst.smax, src.smin)) {
            dst.smin = S64_MIN;
            dst.smax = S64_MAX;
        } else {
            dst.smin -= src.smax;
            dst.smax -= src.smin;
        }
        boolean minUnderflow = subOverflowU64(dst.umin, src.umax);
        boolean maxUnderflow = subOverflowU64(dst.umax, src.umin);
        dst.umin -= src.umax;
        dst.umax -= src.umin;
        if (minUnderflow && !maxUnderflow) {
            dst.umin = 0;
            dst.umax = U64_MAX;
        }
    }

    // ---- MUL ------------------------------------------------------------------------------------

    static void mul32(Bounds dst, Bounds src) {
        long uhi = Bounds.u32(dst.u32Max) * Bounds.u32(src.u32Max);
        long ulo = Bounds.u32(dst.u32Min) * Bounds.u32(src.u32Min);
        if (overflowsU32(uhi) || overflowsU32(ulo)) {
            dst.u32Min = 0;
            dst.u32Max = U32_MAX;
        } else {
            dst.u32Min = (int) ulo;
            dst.u32Max = (int) uhi;
        }
        long[] p = {
            (long) dst.s32Min * src.s32Min, (long) dst.s32Min * src.s32Max,
            (long) dst.s32Max * src.s32Min, (long) dst.s32Max * src.s32Max,
        };
        if (overflowsS32(p[0]) || overflowsS32(p[1]) || overflowsS32(p[2]) || overflowsS32(p[3])) {
            dst.s32Min = S32_MIN;
            dst.s32Max = S32_MAX;
        } else {
            dst.s32Min = (int) Math.min(Math.min(p[0], p[1]), Math.min(p[2], p[3]));
            dst.s32Max = (int) Math.max(Math.max(p[0], p[1]), Math.max(p[2], p[3]));
        }
    }

    static void mul64(Bounds dst, Bounds src) {
        if (mulOverflowU64(dst.umax, src.umax) || mulOverflowU64(dst.umin, src.umin)) {
            dst.umin = 0;
            dst.umax = U64_MAX;
        } else {
            dst.umin *= src.umin;
            dst.umax *= src.umax;
        }
        long a = dst.smin;
        long b = dst.smax;
        if (mulOverflowS64(a, src.smin) || mulOverflowS64(a, src.smax)
                || mulOverflowS64(b, src.smin) || mulOverflowS64(b, src.smax)) {
            dst.smin = S64_MIN;
            dst.smax = S64_MAX;
        } else {
            long p0 = a * src.smin;
            long p1 = a * src.smax;
            long p2 = b * src.smin;
            long p3 = b * src.smax;
            dst.smin = Math.min(Math.min(p0, p1), Math.min(p2, p3));
            dst.smax = Math.max(Math.max(p0, p1), Math.max(p2, p3));
        }
    }

    // ---- AND / OR / XOR (dst.varOff already holds the result tnum) -------------------------------

    /** s32 bounds from u32 bounds when they do not cross the sign bit, else unbounded. */
    private static void signed32FromUnsigned(Bounds dst) {
        if (dst.u32Min <= dst.u32Max) {
            dst.s32Min = dst.u32Min;
            dst.s32Max = dst.u32Max;
        } else {
            dst.s32Min = S32_MIN;
            dst.s32Max = S32_MAX;
        }
    }

    private static void signed64FromUnsigned(Bounds dst) {
        if (dst.umin <= dst.umax) {
            dst.smin = dst.umin;
            dst.smax = dst.umax;
        } else {
            dst.smin = S64_MIN;
            dst.smax = S64_MAX;
        }
    }

    static void and32(Bounds dst, Bounds src) {
        Tnum t = dst.varOff.subreg();
        if (src.varOff.subregIsConst() && dst.varOff.subregIsConst()) {
            dst.markKnown32(t.value());
            return;
        }
        // the minimum comes from the known-1 bits, the maximum is the smaller operand maximum
        dst.u32Min = (int) t.value();
        dst.u32Max = Bounds.u32minOf(dst.u32Max, src.u32Max);
        signed32FromUnsigned(dst);
    }

    static void and64(Bounds dst, Bounds src) {
        if (src.varOff.isConst() && dst.varOff.isConst()) {
            dst.markKnown(dst.varOff.value());
            return;
        }
        dst.umin = dst.varOff.value();
        dst.umax = Bounds.uminOf(dst.umax, src.umax);
        signed64FromUnsigned(dst);
        dst.updateBounds();
    }

    static void or32(Bounds dst, Bounds src) {
        Tnum t = dst.varOff.subreg();
        if (src.varOff.subregIsConst() && dst.varOff.subregIsConst()) {
            dst.markKnown32(t.value());
            return;
        }
        // the maximum comes from the tnum, the minimum is the larger operand minimum
        dst.u32Min = Bounds.u32maxOf(dst.u32Min, src.u32Min);
        dst.u32Max = (int) (t.value() | t.mask());
        signed32FromUnsigned(dst);
    }

    static void or64(Bounds dst, Bounds src) {
        if (src.varOff.isConst() && dst.varOff.isConst()) {
            dst.markKnown(dst.varOff.value());
            return;
        }
        dst.umin = Bounds.umaxOf(dst.umin, src.umin);
        dst.umax = dst.varOff.value() | dst.varOff.mask();
        signed64FromUnsigned(dst);
        dst.updateBounds();
    }

    static void xor32(Bounds dst, Bounds src) {
        Tnum t = dst.varOff.subreg();
        if (src.varOff.subregIsConst() && dst.varOff.subregIsConst()) {
            dst.markKnown32(t.value());
            return;
        }
        dst.u32Min = (int) t.value();
        dst.u32Max = (int) (t.value() | t.mask());
        signed32FromUnsigned(dst);
    }

    static void xor64(Bounds dst, Bounds src) {
        if (src.varOff.isConst() && dst.varOff.isConst()) {
            dst.markKnown(dst.varOff.value());
            return;
        }
        dst.umin = dst.varOff.value();
        dst.umax = dst.varOff.value() | dst.varOff.mask();
        signed64FromUnsigned(dst);
        dst.updateBounds();
    }
}
