package dev.kptrviz.verifier.scalar;

import dev.kptrviz.isa.AluOp;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.isa.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact results of the transfer functions, in the kernel log's spelling. */
class ScalarAluTest {
    static final Scalar U = Scalar.unknown();

    static Scalar k(long v) {
        return Scalar.constant(v);
    }

    static Scalar urange(long lo, long hi) {
        return Scalar.of(Tnum.UNKNOWN, lo, hi);
    }

    static String alu64(AluOp op, Scalar dst, Scalar src) {
        return ScalarAlu.alu(op, true, dst, src).toString();
    }

    static String alu32(AluOp op, Scalar dst, Scalar src) {
        return ScalarAlu.alu(op, false, dst, src).toString();
    }

    @Test
    void add() {
        assertEquals("7", alu64(AluOp.ADD, k(3), k(4)));
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=15,var_off=(0x0; 0xf))",
                alu64(AluOp.ADD, urange(0, 10), urange(0, 5)));
        // every sum wraps: the wrapped bounds stay valid (6.17+)
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=2,var_off=(0x0; 0x3))",
                alu64(AluOp.ADD, urange(-2, -1), urange(2, 3)));
        // some sums wrap: unsigned bounds lost, signed kept
        assertEquals("scalar(smin=smin32=-2,smax=smax32=1)", alu64(AluOp.ADD, urange(-2, -1), urange(0, 2)));
        // 32-bit: wraps at 2^32 and zero-extends
        assertEquals("0", alu32(AluOp.ADD, k(0xffffffffL), k(1)));
        assertEquals("2", alu32(AluOp.ADD, k(0x1ffffffffL), k(3)));
    }

    @Test
    void sub() {
        assertEquals("7", alu64(AluOp.SUB, k(10), k(3)));
        assertEquals("scalar(smin=umin=smin32=umin32=2,smax=umax=smax32=umax32=10,var_off=(0x0; 0xf))",
                alu64(AluOp.SUB, urange(5, 10), urange(0, 3)));
        assertEquals("scalar(smin=smin32=-1,smax=smax32=2)", alu64(AluOp.SUB, urange(0, 3), k(1)));
        // every difference wraps (6.17+)
        assertEquals("scalar(smin=smin32=-2,smax=smax32=-1,umin=0xfffffffffffffffe,umin32=0xfffffffe,"
                + "var_off=(0xfffffffffffffffe; 0x1))", alu64(AluOp.SUB, urange(0, 1), k(2)));
        assertEquals("0xffffffff", alu32(AluOp.SUB, k(0), k(1)));
    }

    @Test
    void neg() {
        assertEquals("0xffefffffffffff80", ScalarAlu.alu(AluOp.NEG, true, k(0x10000000000080L), null).toString());
        assertEquals("0", ScalarAlu.alu(AluOp.NEG, true, k(0), k(0)).toString());
        assertEquals("scalar(smin=smin32=-5,smax=smax32=-1,umin=0xfffffffffffffffb,umin32=0xfffffffb,"
                + "var_off=(0xfffffffffffffff8; 0x7))", ScalarAlu.alu(AluOp.NEG, true, urange(1, 5), k(0)).toString());
        assertEquals("0xfffffffb", ScalarAlu.alu(AluOp.NEG, false, k(5), k(0)).toString());
        assertEquals("scalar()", ScalarAlu.alu(AluOp.NEG, true, U, k(0)).toString());
    }

    @Test
    void mul() {
        assertEquals("42", alu64(AluOp.MUL, k(6), k(7)));
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=40,var_off=(0x0; 0x3f))",
                alu64(AluOp.MUL, urange(0, 10), urange(0, 4)));
        // signed bounds multiply across zero (6.14+)
        assertEquals("scalar(smin=smin32=-12,smax=smax32=8,umax=0xfffffffffffffffc,umax32=0xfffffffc,"
                + "var_off=(0x0; 0xfffffffffffffffc))", alu64(AluOp.MUL, ScalarTest.signed(-3, 2), k(4)));
        assertEquals("scalar(smax=0x7ffffffffffffffe,umax=0xfffffffffffffffe,smax32=0x7ffffffe,umax32=0xfffffffe,"
                + "var_off=(0x0; 0xfffffffffffffffe))", alu64(AluOp.MUL, U, k(10)));
        assertEquals("8", alu32(AluOp.MUL, k(0x100000002L), k(4)));
    }

    @Test
    void bitwise() {
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=15,var_off=(0x0; 0xf))",
                alu64(AluOp.AND, urange(0, 0xff), k(0x0f)));
        assertEquals("255", alu64(AluOp.OR, k(0xf0), k(0x0f)));
        assertEquals("scalar(smin=umin=smin32=umin32=240,smax=umax=smax32=umax32=255,var_off=(0xf0; 0xf))",
                alu64(AluOp.XOR, urange(0, 15), k(0xf0)));
        assertEquals("scalar(smin=smin32=0,smax=umax=umax32=0x7fffffff,var_off=(0x0; 0x7fffffff))",
                alu32(AluOp.AND, U, k(0x7fffffff)));
        assertEquals("scalar(smin=umin=smin32=umin32=2,smax=umax=umax32=0x7fffffff,var_off=(0x2; 0x7ffffffd))",
                alu32(AluOp.OR, ScalarAlu.alu(AluOp.AND, false, U, k(0x7fffffff)), k(2)));
    }

    @Test
    void andOrWithConstantForkAMinusOneOrZeroRegister() {
        Scalar w2 = ScalarAlu.alu(AluOp.ARSH, false, ScalarAlu.mov(false, U), k(31)); // s32 in [-1, 0]
        assertEquals("scalar(smin=0,smax=umax=0xffffffff,smin32=-1,smax32=0,var_off=(0x0; 0xffffffff))",
                w2.toString());
        Scalar pushed = ScalarAlu.fork(AluOp.AND, false, w2, k(-134));
        assertEquals(0, pushed.s32Min());
        assertEquals(0, pushed.s32Max());
        assertEquals("0xffffff7a", alu32(AluOp.AND, w2, k(-134)));
        assertEquals(List.of(k(0xffffff7aL), k(0)), ScalarAlu.outcomes(AluOp.AND, false, w2, k(-134), 0));
        // a 64-bit AND on a register whose low half is in [-1, 0]: only the low half is forked
        assertEquals(List.of(k(1), k(0)), ScalarAlu.outcomes(AluOp.AND, true, w2, k(0xff00000000000001L), 0));
        // 64-bit [-1, 0] with OR: the pushed state runs the OR again with 0
        Scalar m = ScalarTest.signed(-1, 0);
        assertEquals(List.of(k(-1), k(5)), ScalarAlu.outcomes(AluOp.OR, true, m, k(5), 0));
        assertNull(ScalarAlu.fork(AluOp.AND, true, m, urange(0, 5)));
        assertNull(ScalarAlu.fork(AluOp.XOR, true, m, k(5)));
    }

    @Test
    void shifts() {
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=240,var_off=(0x0; 0xf0))",
                alu64(AluOp.LSH, urange(0, 15), k(4)));
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=15,var_off=(0x0; 0xf))",
                alu64(AluOp.RSH, U, k(60)));
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=15,var_off=(0x0; 0xf))",
                alu32(AluOp.RSH, U, k(28)));
        assertEquals("-4", alu64(AluOp.ARSH, k(-16), k(2)));
        assertEquals("0xffffffff", alu32(AluOp.ARSH, k(0x80000000L), k(31)));
        // amount not a constant below the width: unknown, both halves
        assertEquals("scalar()", alu64(AluOp.LSH, urange(0, 15), urange(0, 3)));
        assertEquals("scalar()", alu64(AluOp.LSH, k(1), k(64)));
        assertEquals("scalar()", alu32(AluOp.RSH, k(1), k(32)));
        // a 32-bit shift also needs the 64-bit source below 32
        assertEquals("scalar()", alu32(AluOp.LSH, k(1), k(0x100000001L)));
    }

    @Test
    void divisionAndModuloAreNotTracked() {
        for (AluOp op : new AluOp[] {AluOp.DIV, AluOp.SDIV, AluOp.MOD, AluOp.SMOD}) {
            assertEquals("scalar()", alu64(op, k(10), k(3)), op.name());
            assertEquals("scalar()", alu32(op, k(10), k(3)), op.name());
        }
    }

    @Test
    void moves() {
        assertEquals(urange(3, 9), ScalarAlu.alu(AluOp.MOV, true, U, urange(3, 9)));
        assertEquals("5", ScalarAlu.alu(AluOp.MOV, false, U, k(0x100000005L)).toString());
        assertEquals("scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))",
                ScalarAlu.alu(AluOp.MOV, false, k(1), U).toString());
        assertEquals("-128", ScalarAlu.alu(AluOp.MOVSX, true, U, k(0x80), 8).toString());
        assertEquals("scalar(smin=smin32=-128,smax=smax32=127)", ScalarAlu.movsx(true, urange(0, 0xff), 8).toString());
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=127,var_off=(0x0; 0x7f))",
                ScalarAlu.movsx(true, urange(0, 0x7f), 8).toString());
        assertEquals("0xffffff80", ScalarAlu.movsx(false, k(0x80), 8).toString());
        assertEquals("scalar(smin=umin=umin32=0xffff8000,smax=umax=umax32=0xffff8010,smin32=-32768,smax32=-32752,"
                + "var_off=(0xffff8000; 0x1f))", ScalarAlu.movsx(false, urange(0x8000, 0x8010), 16).toString());
        assertEquals("scalar(smin=0,smax=umax=0xffffffff,smin32=-128,smax32=127,var_off=(0x0; 0xffffffff))",
                ScalarAlu.movsx(false, U, 8).toString());
        assertThrows(IllegalArgumentException.class, () -> ScalarAlu.movsx(false, U, 32));
    }

    @Test
    void byteSwaps() {
        assertEquals("13330", ScalarAlu.endian(Insn.Endian.Kind.TO_BE, 16, k(0x1234)).toString());
        assertEquals("13398", ScalarAlu.endian(Insn.Endian.Kind.TO_LE, 16, k(0x123456)).toString());
        assertEquals("scalar(smin=0,smax=umax=umax32=0xff000000,smax32=0x7f000000,var_off=(0x0; 0xff000000))",
                ScalarAlu.endian(Insn.Endian.Kind.BSWAP, 32, urange(0, 0xff)).toString());
        assertEquals(k(0x0100000000000000L), ScalarAlu.endian(Insn.Endian.Kind.BSWAP, 64, k(1)));
        assertEquals(urange(3, 9), ScalarAlu.endian(Insn.Endian.Kind.TO_LE, 64, urange(3, 9)));
    }

    @Test
    void loads() {
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))",
                ScalarAlu.load(Size.B, false).toString());
        assertEquals("scalar(smin=smin32=-128,smax=smax32=127)", ScalarAlu.load(Size.B, true).toString());
        assertEquals("scalar(smin=smin32=-32768,smax=smax32=32767)", ScalarAlu.load(Size.H, true).toString());
        assertEquals("scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))",
                ScalarAlu.load(Size.W, false).toString());
        assertEquals("scalar(smin=0xffffffff80000000,smax=0x7fffffff)", ScalarAlu.load(Size.W, true).toString());
        assertEquals("scalar()", ScalarAlu.load(Size.DW, false).toString());
        assertEquals(k(0x34), ScalarAlu.coerceToSize(k(0x1234), 1));
        assertEquals(k(-1), ScalarAlu.coerceToSizeSx(k(0xffff), 2));
        assertEquals("scalar(smin=umin=smin32=umin32=2,smax=umax=smax32=umax32=9,var_off=(0x0; 0xf))",
                ScalarAlu.coerceToSize(urange(0x100000002L, 0x100000009L), 4).toString());
        assertTrue(ScalarAlu.narrow(urange(0x1fe, 0x301), 1, false).contains(0x01));
    }
}
