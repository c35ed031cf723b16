package dev.kptrviz.verifier.scalar;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalarTest {
    static final long S64_MIN = Long.MIN_VALUE;
    static final long S64_MAX = Long.MAX_VALUE;
    static final int S32_MIN = Integer.MIN_VALUE;
    static final int S32_MAX = Integer.MAX_VALUE;

    /** Only a signed 64-bit range known, synced. */
    static Scalar signed(long lo, long hi) {
        return new Scalar(Tnum.UNKNOWN, lo, hi, 0, -1L, S32_MIN, S32_MAX, 0, -1).boundsSync();
    }

    @Test
    void constantFillsEveryField() {
        Scalar c = Scalar.constant(-2);
        assertEquals(new Scalar(Tnum.constant(-2), -2, -2, -2, -2, -2, -2, -2, -2), c);
        assertTrue(c.isConst());
        assertEquals(-2, c.constValue());
        assertEquals(Scalar.constant(0xfffffffeL), Scalar.constant32(-2));
        assertEquals(Scalar.constant(0x100000005L).boundsSync(), Scalar.constant(0x100000005L));
    }

    @Test
    void unknownIsTheTop() {
        Scalar u = Scalar.unknown();
        assertEquals(new Scalar(Tnum.UNKNOWN, S64_MIN, S64_MAX, 0, -1L, S32_MIN, S32_MAX, 0, -1), u);
        assertTrue(u.isUnknown());
        assertEquals(u, u.boundsSync());
        assertFalse(u.isConst());
    }

    @Test
    void unsignedRangeSyncsIntoEveryDomain() {
        Scalar s = Scalar.of(Tnum.UNKNOWN, 0, 10);
        assertEquals(new Scalar(new Tnum(0, 0xf), 0, 10, 0, 10, 0, 10, 0, 10), s);
    }

    @Test
    void signedRangeAcrossZeroGivesOnlyS32() {
        Scalar s = signed(-3, 2);
        assertEquals(new Scalar(Tnum.UNKNOWN, -3, 2, 0, -1L, -3, 2, 0, -1), s);
    }

    @Test
    void thirtyTwoBitBoundsTightenSixtyFourBitOnes() {
        // the kernel's own example: [0x1'00000000, 0x3'80000000] with s32 in [1, 0x7fffffff]
        Scalar s = new Scalar(Tnum.UNKNOWN, S64_MIN, S64_MAX, 0x100000000L, 0x380000000L, 1, S32_MAX, 0, -1)
                .boundsSync();
        assertEquals(0x100000001L, s.umin());
        assertEquals(0x37fffffffL, s.umax());
        assertEquals(0x100000001L, s.smin());
        assertEquals(0x37fffffffL, s.smax());
        assertEquals(1, s.u32Min());
        assertEquals(S32_MAX, s.u32Max());
    }

    @Test
    void nonNegativeLowHalfAfterSignExtensionMeansUpperHalfZero() {
        Scalar s = new Scalar(Tnum.UNKNOWN, 0xffffffff80000000L, 0x7fffffffL, 0, -1L, 0, 100, 0, -1).boundsSync();
        assertEquals(new Scalar(new Tnum(0, 0x7f), 0, 100, 0, 100, 0, 100, 0, 100), s);
    }

    @Test
    void signedRangeCrossingSignMeetsUnsignedOnOneSide() {
        // s64 in [-128, 127] but u64 at most 0xffffffffffffff00: only [0, 127] is possible
        Scalar s = new Scalar(Tnum.UNKNOWN, -128, 127, 0, 0xffffffffffffff00L, -128, 127, 0, -1).boundsSync();
        assertEquals(new Scalar(new Tnum(0, 0x7f), 0, 127, 0, 127, 0, 127, 0, 127), s);
    }

    @Test
    void tnumAndRangeMeetingInOneValueMakeAConstant() {
        // overlap only at umin
        assertEquals(Scalar.constant(16), Scalar.of(new Tnum(0, 0xf0), 16, 20));
        // overlap only at the tnum's maximum
        assertEquals(Scalar.constant(0xf00), Scalar.of(new Tnum(0xe00, 0x100), 0xe01, 0xf00));
        // overlap only strictly inside the range
        assertEquals(Scalar.constant(32), Scalar.of(new Tnum(0, 0xf0), 17, 40));
        // two members in range: no constant
        assertFalse(Scalar.of(new Tnum(0, 0xf0), 16, 32).isConst());
    }

    @Test
    void containsChecksTnumAndAllBounds() {
        Scalar s = Scalar.of(new Tnum(0, 0xe), 0, 10); // even numbers up to 10
        assertTrue(s.contains(0));
        assertTrue(s.contains(10));
        assertFalse(s.contains(3));
        assertFalse(s.contains(12));
        assertFalse(s.contains(-2));
        assertTrue(Scalar.unknown().contains(-1));
        assertTrue(Scalar.constant(5).contains(5));
        assertFalse(Scalar.constant(5).contains(6));
        // the 32-bit bounds are checked on the low half
        Scalar low = new Scalar(Tnum.UNKNOWN, S64_MIN, S64_MAX, 0, -1L, 0, 5, 0, 5);
        assertTrue(low.contains(0x700000003L));
        assertFalse(low.contains(0x700000006L));
    }

    @Test
    void subsetIsRangeWithinAndTnumIn() {
        Scalar range = Scalar.of(Tnum.UNKNOWN, 0, 15);
        Scalar even = Scalar.of(new Tnum(0, 0xe), 0, 14);
        assertTrue(Scalar.constant(5).isSubsetOf(range));
        assertFalse(range.isSubsetOf(Scalar.constant(5)));
        assertTrue(range.isSubsetOf(Scalar.unknown()));
        assertFalse(Scalar.unknown().isSubsetOf(range));
        assertTrue(even.isSubsetOf(range));
        assertFalse(range.isSubsetOf(even));
        assertFalse(Scalar.constant(5).isSubsetOf(even));
        assertTrue(range.isSubsetOf(range));
    }

    @Test
    void joinCoversBoth() {
        Scalar j = Scalar.constant(3).join(Scalar.constant(4));
        assertEquals(new Scalar(new Tnum(0, 7), 3, 4, 3, 4, 3, 4, 3, 4), j);
        assertTrue(j.contains(3) && j.contains(4));
        assertEquals(Scalar.unknown(), Scalar.constant(-1).join(Scalar.constant(0)).join(Scalar.unknown()));
    }

    @Test
    void invariantChecks() {
        assertNull(Scalar.unknown().invariantViolation());
        assertNull(Scalar.constant(7).invariantViolation());
        Scalar bad = new Scalar(Tnum.ZERO, 1, 0, 1, 0, 1, 0, 1, 0);
        assertTrue(bad.hasRangeViolation());
        assertEquals("range bounds violation u64=[0x1, 0x0] s64=[0x1, 0x0] u32=[0x1, 0x0] s32=[0x1, 0x0]"
                + " var_off=(0x0, 0x0)", bad.invariantViolation());
        Scalar outOfSync = new Scalar(Tnum.constant(0x7fffffff), S64_MIN, S64_MAX, 0, -1L, S32_MIN, S32_MAX, 0, -1);
        assertFalse(outOfSync.hasRangeViolation());
        assertEquals("const tnum out of sync with range bounds u64=[0x0, 0xffffffffffffffff]"
                + " s64=[0x8000000000000000, 0x7fffffffffffffff] u32=[0x0, 0xffffffff] s32=[0x80000000, 0x7fffffff]"
                + " var_off=(0x7fffffff, 0x0)", outOfSync.invariantViolation());
        Scalar sub = new Scalar(new Tnum(0x5, 0xff00000000L), S64_MIN, S64_MAX, 0, -1L, 0, 9, 0, 9);
        assertTrue(sub.invariantViolation().startsWith("const subreg tnum out of sync with range bounds"));
        // 6.18 resets the ranges of an inconsistent register and keeps its tnum
        assertEquals(new Scalar(Tnum.ZERO, S64_MIN, S64_MAX, 0, -1L, S32_MIN, S32_MAX, 0, -1), bad.sanitized());
        assertEquals(Scalar.constant(7), Scalar.constant(7).sanitized());
    }

    @Test
    void zeroExtension() {
        Scalar s = Scalar.constant(-1).zext32();
        assertEquals(0xffffffffL, s.varOff().value());
        assertEquals(0, s.smin());
        assertEquals(0xffffffffL, s.smax());
        assertEquals(0xffffffffL, s.umin());
    }
}
