package dev.kptrviz.verifier.scalar;

import static dev.kptrviz.verifier.scalar.Bounds.S32_MAX;
import static dev.kptrviz.verifier.scalar.Bounds.S32_MIN;
import static dev.kptrviz.verifier.scalar.Bounds.S64_MAX;
import static dev.kptrviz.verifier.scalar.Bounds.S64_MIN;
import static dev.kptrviz.verifier.scalar.Bounds.U32_MAX;
import static dev.kptrviz.verifier.scalar.Bounds.U64_MAX;

/**
 * LSH, RSH and ARSH by a constant amount below the width ({@code scalar{,32}_min_max_{l,r,ar}sh}),
 * as in 6.18.y (including the backported {@code <<32} rule that keeps negative s32 bounds).
 * The caller guarantees the amount is constant; the functions read it from the source bounds
 * just as the kernel does.
 */
final class Shifts {
    private Shifts() {
    }

    private static void lsh32Bounds(Bounds dst, long uminVal, long umaxVal) {
        // the sign is lost except for what the tnum says
        dst.s32Min = S32_MIN;
        dst.s32Max = S32_MAX;
        // if the top bit may be shifted out, nothing is known
        if (Long.compareUnsigned(umaxVal, 31) > 0
                || Long.compareUnsigned(Bounds.u32(dst.u32Max), 1L << (31 - umaxVal)) > 0) {
            dst.u32Min = 0;
            dst.u32Max = U32_MAX;
        } else {
            dst.u32Min <<= uminVal;
            dst.u32Max <<= umaxVal;
        }
    }

    static void lsh32(Bounds dst, Bounds src) {
        long umaxVal = Bounds.u32(src.u32Max);
        long uminVal = Bounds.u32(src.u32Min);
        Tnum subreg = dst.varOff.subreg();
        lsh32Bounds(dst, uminVal, umaxVal);
        dst.varOff = subreg.lshift((int) uminVal).subreg();
        dst.markUnbounded64();
        dst.updateBounds32();
    }

    private static void lsh64Bounds(Bounds dst, long uminVal, long umaxVal) {
        // <<32 is how compilers start a 32->64 sign extension; s32 bounds keep their sign
        if (uminVal == 32 && umaxVal == 32) {
            dst.smax = (long) dst.s32Max << 32;
            dst.smin = (long) dst.s32Min << 32;
        } else {
            dst.smax = S64_MAX;
            dst.smin = S64_MIN;
        }
        if (Long.compareUnsigned(dst.umax, 1L << (63 - umaxVal)) > 0) {
            dst.umin = 0;
            dst.umax = U64_MAX;
        } else {
            dst.umin <<= uminVal;
            dst.umax <<= umaxVal;
        }
    }

    static void lsh64(Bounds dst, Bounds src) {
        long umaxVal = src.umax;
        long uminVal = src.umin;
        // the 64-bit part reads the unshifted 32-bit bounds, so it goes first
        lsh64Bounds(dst, uminVal, umaxVal);
        lsh32Bounds(dst, uminVal, umaxVal);
        dst.varOff = dst.varOff.lshift((int) uminVal);
        dst.updateBounds();
    }

    static void rsh32(Bounds dst, Bounds src) {
        Tnum subreg = dst.varOff.subreg();
        int umaxVal = (int) Bounds.u32(src.u32Max);
        int uminVal = (int) Bounds.u32(src.u32Min);
        // signed bounds are rebuilt from the unsigned ones and the tnum afterwards
        dst.s32Min = S32_MIN;
        dst.s32Max = S32_MAX;
        dst.varOff = subreg.rshift(uminVal);
        dst.u32Min >>>= umaxVal;
        dst.u32Max >>>= uminVal;
        dst.markUnbounded64();
        dst.updateBounds32();
    }

    static void rsh64(Bounds dst, Bounds src) {
        int umaxVal = (int) src.umax;
        int uminVal = (int) src.umin;
        dst.smin = S64_MIN;
        dst.smax = S64_MAX;
        dst.varOff = dst.varOff.rshift(uminVal);
        dst.umin >>>= umaxVal;
        dst.umax >>>= uminVal;
        // bits coming down from the upper half make 32-bit bounds hard; take them from the tnum
        dst.markUnbounded32();
        dst.updateBounds();
    }

    static void arsh32(Bounds dst, Bounds src) {
        int shift = src.u32Min;
        dst.s32Min >>= shift;
        dst.s32Max >>= shift;
        dst.varOff = dst.varOff.subreg().arshift(shift, 32);
        dst.u32Min = 0;
        dst.u32Max = U32_MAX;
        dst.markUnbounded64();
        dst.updateBounds32();
    }

    static void arsh64(Bounds dst, Bounds src) {
        int shift = (int) src.umin;
        dst.smin >>= shift;
        dst.smax >>= shift;
        dst.varOff = dst.varOff.arshift(shift, 64);
        dst.umin = 0;
        dst.umax = U64_MAX;
        dst.markUnbounded32();
        dst.updateBounds();
    }
}
