package dev.kptrviz.verifier.scalar;

import dev.kptrviz.isa.AluOp;
import dev.kptrviz.isa.JumpOp;
import org.junit.jupiter.api.Test;

import static dev.kptrviz.verifier.scalar.ScalarBranch.Outcome.NOT_TAKEN;
import static dev.kptrviz.verifier.scalar.ScalarBranch.Outcome.TAKEN;
import static dev.kptrviz.verifier.scalar.ScalarBranch.Outcome.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScalarBranchTest {
    static final Scalar U = Scalar.unknown();

    static Scalar k(long v) {
        return Scalar.constant(v);
    }

    static Scalar urange(long lo, long hi) {
        return Scalar.of(Tnum.UNKNOWN, lo, hi);
    }

    static String taken(JumpOp op, boolean is32, Scalar a, Scalar b) {
        return ScalarBranch.refine(op, is32, a, b, true)[0].toString();
    }

    static String fallThrough(JumpOp op, boolean is32, Scalar a, Scalar b) {
        return ScalarBranch.refine(op, is32, a, b, false)[0].toString();
    }

    @Test
    void decidedByConstantsAndRanges() {
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JEQ, false, k(5), k(5)));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JNE, false, k(5), k(5)));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JGT, false, urange(0, 10), k(10)));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JGT, false, urange(11, 20), k(10)));
        assertEquals(UNKNOWN, ScalarBranch.isBranchTaken(JumpOp.JGT, false, urange(10, 20), k(10)));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JGE, false, urange(10, 20), k(10)));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JLT, false, urange(0, 9), k(10)));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JLE, false, urange(11, 20), k(10)));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSLT, false, ScalarTest.signed(-10, -1), k(0)));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSGT, false, ScalarTest.signed(-10, -1), k(-1)));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSGE, false, ScalarTest.signed(-10, -1), k(-10)));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSLE, false, ScalarTest.signed(-10, -1), k(-1)));
        assertEquals(UNKNOWN, ScalarBranch.isBranchTaken(JumpOp.JEQ, false, U, U));
        // unsigned vs signed view of the same bits
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JGT, false, k(-1), k(5)));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSGT, false, k(-1), k(5)));
    }

    @Test
    void equalityUsesTheTnumAndThe32BitRanges() {
        // even numbers never equal an odd constant
        Scalar even = Scalar.of(new Tnum(0, 0xe), 0, 14);
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JEQ, false, even, k(5)));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JNE, false, even, k(5)));
        // 6.18 decides this through tnum_overlap (older kernels hit an invariant violation)
        Scalar w6 = ScalarAlu.alu(AluOp.OR, false, ScalarAlu.alu(AluOp.AND, false, U, k(0x7fffffff)), k(2));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JNE, true, w6, k(0x7ffffffd)));
        // 64-bit ranges overlap but the low halves cannot match
        Scalar low = new Scalar(Tnum.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1L, 0, 5, 0, 5).boundsSync();
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JEQ, false, low, k(0x100000010L)));
        assertEquals(UNKNOWN, ScalarBranch.isBranchTaken(JumpOp.JEQ, false, low, k(0x100000003L)));
    }

    @Test
    void jsetDecisions() {
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSET, false, Scalar.of(new Tnum(0, 0xf0), 0, 0xf0),
                k(0x0f)));
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSET, false, Scalar.of(new Tnum(0x10, 0xf), 0x10, 0x1f),
                k(0x10)));
        assertEquals(UNKNOWN, ScalarBranch.isBranchTaken(JumpOp.JSET, false, U, k(1)));
        // the constant may be on either side
        assertEquals(TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSET, false, k(0x10), Scalar.of(new Tnum(0x10, 0xf),
                0x10, 0x1f)));
        assertEquals(UNKNOWN, ScalarBranch.isBranchTaken(JumpOp.JSET, false, U, U));
        // 32-bit JSET looks at the low halves only
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTaken(JumpOp.JSET, true, k(0x100000000L), k(0x100000000L)));
    }

    @Test
    void orderingRefinement() {
        assertEquals("scalar(umin=11)", taken(JumpOp.JGT, false, U, k(10)));
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))",
                fallThrough(JumpOp.JGT, false, U, k(10)));
        Scalar[] both = ScalarBranch.refine(JumpOp.JSLT, false, U, U, true);
        assertEquals("scalar(smax=0x7ffffffffffffffe)", both[0].toString());
        assertEquals("scalar(smin=0x8000000000000001)", both[1].toString());
        assertEquals("scalar(smax=0x7fffffff7fffffff,umax=0xffffffff7fffffff,smin32=0,umax32=0x7fffffff,"
                + "var_off=(0x0; 0xffffffff7fffffff))", taken(JumpOp.JSGT, true, U, k(-1)));
        // the constant side is refined too: b > a's minimum
        assertEquals("scalar(smin=umin=smin32=umin32=6,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))",
                ScalarBranch.refine(JumpOp.JLT, false, k(5), urange(0, 10), true)[1].toString());
    }

    @Test
    void equalityRefinement() {
        Scalar w = ScalarAlu.mov(false, U);
        assertEquals("scalar(smin=umin=umin32=1,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))",
                fallThrough(JumpOp.JEQ, true, w, k(0)));
        assertEquals("0", taken(JumpOp.JEQ, true, w, k(0)));
        Scalar[] eq = ScalarBranch.refine(JumpOp.JEQ, false, urange(0, 10), urange(5, 20), true);
        assertEquals("scalar(smin=umin=smin32=umin32=5,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))",
                eq[0].toString());
        assertEquals(eq[0], eq[1]);
        // JNE moves a bound off the constant only at the edge
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=9,var_off=(0x0; 0xf))",
                taken(JumpOp.JNE, false, urange(0, 10), k(10)));
        assertEquals(urange(0, 10), ScalarBranch.refine(JumpOp.JNE, false, urange(0, 10), k(5), true)[0]);
        // the constant may be the first operand
        assertEquals("scalar(smin=umin=smin32=umin32=1,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))",
                ScalarBranch.refine(JumpOp.JNE, false, k(0), urange(0, 10), true)[1].toString());
    }

    @Test
    void tnumWithTwoMembersCollapsesToTheOther() {
        Scalar r0 = ScalarAlu.alu(AluOp.AND, true, ScalarAlu.alu(AluOp.OR, true, U, k(3584)), k(3840));
        assertEquals("scalar(smin=umin=smin32=umin32=3584,smax=umax=smax32=umax32=3840,var_off=(0xe00; 0x100))",
                r0.toString());
        assertEquals("3840", fallThrough(JumpOp.JEQ, false, r0, k(0xe00)));
    }

    @Test
    void jsetRefinement() {
        // a single-bit test sets that bit in the tnum
        Scalar[] set = ScalarBranch.refine(JumpOp.JSET, false, urange(0, 15), k(4), true);
        assertEquals("scalar(smin=umin=smin32=umin32=4,smax=umax=smax32=umax32=15,var_off=(0x4; 0xb))",
                set[0].toString());
        // a multi-bit test teaches nothing on the taken side
        assertEquals(urange(0, 15), ScalarBranch.refine(JumpOp.JSET, false, urange(0, 15), k(6), true)[0]);
        // the fall-through clears the bits (ranges are rebuilt from the tnum)
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=9,var_off=(0x0; 0x9))",
                fallThrough(JumpOp.JSET, false, urange(0, 15), k(6)));
        assertEquals("scalar(smax=0x7ffffffffffffff9,umax=0xfffffffffffffff9,smax32=0x7ffffff9,umax32=0xfffffff9,"
                + "var_off=(0x0; 0xfffffffffffffff9))", fallThrough(JumpOp.JSET, false, U, k(6)));
        // 32-bit: only the low half is touched
        assertEquals("scalar(smin=0x8000000000000001,umin=umin32=1,smin32=0x80000001,var_off=(0x1; 0xfffffffffffffffe))",
                taken(JumpOp.JSET, true, U, k(1)));
    }

    @Test
    void thirtyTwoBitComparisonFromTheCiliumReport() {
        Scalar w2 = new Scalar(new Tnum(0, 0xffffff7aL), 0, 0xffffff7aL, 0, 0xffffff7aL, Integer.MIN_VALUE,
                0x7fffff7a, 0, 0xffffff7a);
        assertEquals(w2, w2.boundsSync());
        Scalar neg = ScalarBranch.refine(JumpOp.JSGT, true, w2, k(-1), false)[0];
        assertEquals("scalar(smin=umin=umin32=0x80000000,smax=umax=umax32=0xffffff7a,smax32=-134,"
                + "var_off=(0x80000000; 0x7fffff7a))", neg.toString());
        assertEquals(UNKNOWN, ScalarBranch.isBranchTaken(JumpOp.JNE, true, neg, k(0xffffff78L)));
        assertEquals("0xffffff78", fallThrough(JumpOp.JNE, true, neg, k(0xffffff78L)));
    }

    @Test
    void deadSides() {
        ScalarBranch.Side side = ScalarBranch.refineSide(JumpOp.JEQ, false, k(5), k(6), true);
        assertTrue(side.dead());
        assertNull(side.orNull());
        assertNull(ScalarBranch.refine(JumpOp.JGT, false, urange(0, 10), k(10), true));
        assertFalse(ScalarBranch.refineSide(JumpOp.JGT, false, urange(0, 10), k(10), false).dead());
        assertArrayEquals(new Scalar[] {urange(0, 10), k(10)},
                ScalarBranch.refine(JumpOp.JGT, false, urange(0, 10), k(10), false));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTakenWithRefinement(JumpOp.JGT, false, urange(0, 10), k(10)));
        assertEquals(UNKNOWN, ScalarBranch.isBranchTakenWithRefinement(JumpOp.JGT, false, urange(0, 11), k(10)));
    }

    @Test
    void sameRegister() {
        assertEquals(TAKEN, ScalarBranch.isBranchTakenSameRegister(JumpOp.JLE, false, U));
        assertEquals(TAKEN, ScalarBranch.isBranchTakenSameRegister(JumpOp.JEQ, true, U));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTakenSameRegister(JumpOp.JGT, false, U));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTakenSameRegister(JumpOp.JNE, false, U));
        assertEquals(TAKEN, ScalarBranch.isBranchTakenSameRegister(JumpOp.JSET, false, urange(1, 5)));
        assertEquals(UNKNOWN, ScalarBranch.isBranchTakenSameRegister(JumpOp.JSET, false, urange(0, 5)));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTakenSameRegister(JumpOp.JSET, false, k(0)));
        assertEquals(NOT_TAKEN, ScalarBranch.isBranchTakenSameRegister(JumpOp.JSET, true, k(0x100000000L)));
    }

    @Test
    void concreteEvaluation() {
        assertTrue(ScalarBranch.evaluate(JumpOp.JGT, false, -1, 5));
        assertFalse(ScalarBranch.evaluate(JumpOp.JSGT, false, -1, 5));
        assertTrue(ScalarBranch.evaluate(JumpOp.JEQ, true, 0x100000005L, 5));
        assertTrue(ScalarBranch.evaluate(JumpOp.JSLT, true, 0x80000000L, 0));
        assertFalse(ScalarBranch.evaluate(JumpOp.JSET, true, 0x100000000L, 0x100000000L));
        assertTrue(ScalarBranch.evaluate(JumpOp.JGE, true, 0xffffffffL, -1));
    }
}
