package dev.kptrviz.verifier.scalar;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TnumTest {

    private static Tnum t(long value, long mask) {
        return new Tnum(value, mask);
    }

    @Test
    void constantsAndUnknown() {
        assertEquals(t(5, 0), Tnum.constant(5));
        assertTrue(Tnum.constant(5).isConst());
        assertTrue(Tnum.constant(5).equalsConst(5));
        assertTrue(Tnum.unknown().isUnknown());
        assertFalse(Tnum.constant(0).isUnknown());
    }

    @Test
    void rangeCoversInterval() {
        assertEquals(t(0, 3), Tnum.range(0, 2)); // also holds 3
        assertEquals(Tnum.constant(7), Tnum.range(7, 7));
        assertEquals(t(0, 0xf), Tnum.range(5, 10));
        assertEquals(t(0x8000, 0x1f), Tnum.range(0x8000, 0x8010));
        assertEquals(Tnum.UNKNOWN, Tnum.range(0, -1L));
        assertEquals(Tnum.UNKNOWN, Tnum.range(-5, 3)); // min/max differ in bit 63
        assertEquals(t(0xfffffffffffffff8L, 7), Tnum.range(-5, -1));
    }

    @Test
    void addAndSubPropagateCarries() {
        assertEquals(t(0, 0x1f), t(0, 0xf).add(t(0, 7)));
        assertEquals(Tnum.constant(12), Tnum.constant(5).add(Tnum.constant(7)));
        assertEquals(t(0, 3), t(-2L, 1).add(t(2, 1)));
        assertEquals(t(0xfffffffffffffffeL, 1), t(0, 1).sub(Tnum.constant(2)));
        assertEquals(Tnum.UNKNOWN, t(0, 3).sub(Tnum.constant(1)));
        assertEquals(Tnum.constant(-3), Tnum.constant(3).neg());
        assertEquals(Tnum.UNKNOWN, t(0, 7).neg());
    }

    @Test
    void bitwise() {
        assertEquals(t(0, 0xb), Tnum.constant(11).and(Tnum.UNKNOWN));
        assertEquals(t(0xe00, 0x100), t(0xe00, 0xfffffffffffff1ffL).and(Tnum.constant(0xf00)));
        assertEquals(t(0xe00, 0xfffffffffffff1ffL), Tnum.UNKNOWN.or(Tnum.constant(0xe00)));
        assertEquals(t(0xf0, 0xf), t(0, 0xf).xor(Tnum.constant(0xf0)));
        assertEquals(t(0, 0x1af), t(0, 0x1a0).or(t(0, 0xaf)));
    }

    @Test
    void multiplication() {
        assertEquals(Tnum.constant(42), Tnum.constant(6).mul(Tnum.constant(7)));
        // the number of trailing known zeros of the constant factor survives
        assertEquals(t(0, 0xfffffffffffffff8L), Tnum.UNKNOWN.mul(Tnum.constant(1000)));
        assertEquals(t(0, 0xfffffffffffffff0L), Tnum.UNKNOWN.mul(Tnum.constant(10000)));
        assertEquals(t(0, 0x7f), t(0, 0xf).mul(t(0, 7)));
        // the comment example of the kernel's long multiplication: 11 * x1 = union(0011, 1001)
        assertEquals(t(1, 0xa), t(1, 2).mul(Tnum.constant(3)));
    }

    @Test
    void shifts() {
        assertEquals(t(0, 0xf0), t(0, 0xf).lshift(4));
        assertEquals(t(0, 0xf), Tnum.UNKNOWN.rshift(60));
        assertEquals(Tnum.UNKNOWN, t(0, 0xffffffff00000000L).arshift(32, 64));
        assertEquals(t(0xfffffffffffffff0L, 0xf), t(0xf000000000000000L, 0xf00000000000000L).arshift(56, 64));
        // 32-bit: the sign comes from bit 31 and the upper half stays zero
        assertEquals(t(0xffffffffL, 0), Tnum.constant(0x80000000L).arshift(31, 32));
        assertEquals(t(0, 0xffffffffL), t(0, 0xffffffffL).arshift(31, 32));
    }

    @Test
    void intersectAndUnion() {
        assertEquals(t(0x8, 0x3), t(0, 0xb).intersect(t(0x8, 0x7)));
        assertEquals(t(0, 0x7), Tnum.constant(3).union(Tnum.constant(4)));
        assertEquals(t(0x10, 0x1), Tnum.constant(0x10).union(Tnum.constant(0x11)));
        assertTrue(t(0, 0xf).overlaps(Tnum.constant(5)));
        assertFalse(t(0x10, 0xf).overlaps(Tnum.constant(5)));
        assertTrue(t(0x80000000L, 0x7fffff7aL).overlaps(Tnum.constant(0xffffff78L)));
    }

    @Test
    void castAndSubreg() {
        Tnum x = t(0x1234567000000000L, 0x80000000fL);
        assertEquals(t(0, 0xf), x.cast(1));
        assertEquals(t(0, 0xf), x.subreg());
        assertEquals(t(0x1234567000000000L, 0x800000000L), x.clearSubreg());
        assertEquals(t(0x1234567000000005L, 0x800000000L), x.constSubreg(5));
        assertEquals(t(0x1234567000000000L, 0x8000000f0L), x.withSubreg(t(0, 0xf0)));
        assertFalse(x.subregIsConst());
        assertTrue(x.constSubreg(5).subregIsConst());
        assertEquals(x, x.cast(8));
    }

    @Test
    void membershipAndAlignment() {
        Tnum a = t(0x10, 0x0f);
        assertTrue(a.contains(Tnum.constant(0x1f)));
        assertTrue(a.contains(t(0x10, 0x3)));
        assertFalse(a.contains(t(0x10, 0x30)));
        assertFalse(a.contains(Tnum.constant(0x20)));
        assertTrue(a.contains(0x17));
        assertFalse(a.contains(0x27));
        // the kernel's caveat: a range-built tnum holds more than the range
        assertTrue(Tnum.range(0, 2).contains(Tnum.constant(3)));
        assertTrue(t(0, 0xfff8).isAligned(8));
        assertFalse(t(0, 0xfffc).isAligned(8));
        assertTrue(t(3, 0).isAligned(0));
    }

    @Test
    void stepWalksMembersInOrder() {
        Tnum t = t(0b01110000, 0b10000010); // x11100x0
        assertEquals(0b11110010, t.step(0b11110001));
        assertEquals(0b01110010, t.step(0b01110000));
        assertEquals(t.value(), t.step(0));
        assertEquals(t.max(), t.step(0xff));
        Tnum two = t(0xe00, 0x100);
        assertEquals(0xf00, two.step(0xe01));
        // step(z) is the least member above z, checked by brute force on a small tnum
        Tnum small = t(0b0100100, 0b1010010);
        for (long z = small.value(); z < small.max(); z++) {
            long expected = -1;
            for (long m = z + 1; m <= small.max(); m++) {
                if (small.contains(m)) {
                    expected = m;
                    break;
                }
            }
            assertEquals(expected, small.step(z), "z=" + z);
        }
    }

    @Test
    void byteSwaps() {
        assertEquals(Tnum.constant(0x3412), Tnum.constant(0xff1234).bswap16());
        assertEquals(t(0, 0xff000000L), t(0, 0xff).bswap32());
        assertEquals(t(0x0100000000000000L, 0xff00L), t(1, 0xff000000000000L).bswap64());
    }

    @Test
    void printing() {
        assertEquals("(0x0; 0xff)", t(0, 0xff).toString());
        assertEquals("(0xe00; 0xfffffffffffff1ff)", t(0xe00, 0xfffffffffffff1ffL).toString());
        assertEquals("(0x0; 0x0)", Tnum.ZERO.toString());
        assertEquals("5", Tnum.constant(5).strn());
        assertEquals("0x10000", Tnum.constant(65536).strn());
        assertEquals("(0x0; 0xf)", t(0, 0xf).strn());
    }

    /** Each operation's result holds the concrete result of any members of its inputs. */
    @Test
    void operationsAreSound() {
        Random r = new Random(0x7a1);
        for (int i = 0; i < 20_000; i++) {
            Tnum a = randomTnum(r);
            Tnum b = randomTnum(r);
            long x = member(r, a);
            long y = member(r, b);
            int s = r.nextInt(64);
            assertTrue(a.add(b).contains(x + y), () -> a + " + " + b);
            assertTrue(a.sub(b).contains(x - y), () -> a + " - " + b);
            assertTrue(a.mul(b).contains(x * y), () -> a + " * " + b);
            assertTrue(a.and(b).contains(x & y));
            assertTrue(a.or(b).contains(x | y));
            assertTrue(a.xor(b).contains(x ^ y));
            assertTrue(a.neg().contains(-x));
            assertTrue(a.lshift(s).contains(x << s));
            assertTrue(a.rshift(s).contains(x >>> s));
            assertTrue(a.arshift(s, 64).contains(x >> s));
            assertTrue(a.subreg().arshift(s & 31, 32).contains(((int) x >> (s & 31)) & 0xffffffffL));
            assertTrue(a.union(b).contains(x) && a.union(b).contains(y));
            assertTrue(a.overlaps(Tnum.constant(x)));
            if (a.contains(y)) {
                assertTrue(a.intersect(b).contains(y));
            }
            long lo = Math.min(x, y) >= 0 ? Math.min(x, y) : 0;
            long hi = Math.max(x, y) >= 0 ? Math.max(x, y) : lo;
            assertTrue(Tnum.range(lo, hi).contains(lo) && Tnum.range(lo, hi).contains(hi));
        }
    }

    static Tnum randomTnum(Random r) {
        long mask;
        switch (r.nextInt(4)) {
            case 0:
                mask = 0;
                break;
            case 1:
                mask = r.nextLong() & r.nextLong();
                break;
            case 2:
                mask = (1L << r.nextInt(64)) - 1;
                break;
            default:
                mask = r.nextLong();
        }
        return new Tnum(r.nextLong() & ~mask, mask);
    }

    static long member(Random r, Tnum t) {
        return t.value() | (r.nextLong() & t.mask());
    }
}
