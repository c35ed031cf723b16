package dev.kptrviz.verifier.scalar;

import dev.kptrviz.isa.AluOp;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.isa.JumpOp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random soundness checks: for abstract scalars built around known concrete members, the
 * concrete result of every operation (with the ISA's semantics: division by zero gives 0, modulo
 * by zero keeps the dividend, shift amounts are masked, 32-bit results are zero-extended) must lie
 * in the abstract result, and a concrete pair that takes a branch must survive that side's
 * refinement.
 */
class ScalarSoundnessTest {
    private static final int CASES = 100_000;

    /** An abstract value and some of its concrete members. */
    record Sample(Scalar abs, long[] members) {
        long pick(Random r) {
            return members[r.nextInt(members.length)];
        }
    }

    private static long interesting(Random r) {
        switch (r.nextInt(10)) {
            case 0:
                return r.nextInt(41) - 20;
            case 1:
                return (1L << r.nextInt(64)) + r.nextInt(5) - 2;
            case 2:
                return r.nextInt(); // sign-extended 32-bit
            case 3:
                return r.nextInt() & 0xffffffffL; // zero-extended 32-bit
            case 4:
                return Long.MIN_VALUE + r.nextInt(5) - 2;
            case 5:
                return (r.nextBoolean() ? 0x80000000L : 0xffffffffL) + r.nextInt(5) - 2;
            case 6:
                return r.nextInt(1 << 16);
            case 7:
                return -(1L << r.nextInt(63)) + r.nextInt(3) - 1;
            default:
                return r.nextLong();
        }
    }

    /** The tightest scalar the domain has for a finite set: hull of every range, union of tnums, synced. */
    static Scalar abstraction(long[] values) {
        Scalar s = Scalar.constant(values[0]);
        for (int i = 1; i < values.length; i++) {
            s = s.join(Scalar.constant(values[i]));
        }
        return s;
    }

    /** Sets at the edges the kernel special-cases (e.g. the [-1, 0] fork, sign boundaries). */
    private static final long[][] EDGE_SETS = {
        {0, -1}, {0, 0xffffffffL}, {0xffffffff00000000L, -1}, {0x7fffffffL, 0x80000000L},
        {Long.MAX_VALUE, Long.MIN_VALUE}, {0xffffffff80000000L, 0x7fffffffL}, {-1, 1}, {0xffffffffL, 0x100000000L},
    };

    static Sample randomSample(Random r, List<Sample> pool) {
        switch (r.nextInt(7)) {
            case 6: {
                long[] v = EDGE_SETS[r.nextInt(EDGE_SETS.length)].clone();
                return new Sample(abstraction(v), v);
            }
            case 0: {
                long[] v = new long[1 + r.nextInt(4)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = interesting(r);
                }
                return new Sample(abstraction(v), v);
            }
            case 1: {
                // values close to one another
                long base = interesting(r);
                long[] v = new long[1 + r.nextInt(4)];
                for (int i = 0; i < v.length; i++) {
                    v[i] = base + r.nextInt(1 + (1 << r.nextInt(20)));
                }
                return new Sample(abstraction(v), v);
            }
            case 2: {
                // a random tnum cut by an unsigned range around one member
                Tnum t = TnumTest.randomTnum(r);
                long x = TnumTest.member(r, t);
                long lo = Long.compareUnsigned(x, t.value()) > 0 ? x - (r.nextLong() >>> r.nextInt(64)) : x;
                long hi = x + (r.nextLong() >>> r.nextInt(64));
                if (Long.compareUnsigned(lo, x) > 0) {
                    lo = 0;
                }
                if (Long.compareUnsigned(hi, x) < 0) {
                    hi = -1L;
                }
                return new Sample(Scalar.of(t, lo, hi), new long[] {x});
            }
            case 3: {
                // a signed range
                long x = interesting(r);
                long lo = x - (r.nextLong() >>> (1 + r.nextInt(63)));
                long hi = x + (r.nextLong() >>> (1 + r.nextInt(63)));
                if (lo > x) {
                    lo = Long.MIN_VALUE;
                }
                if (hi < x) {
                    hi = Long.MAX_VALUE;
                }
                Scalar s = new Scalar(Tnum.UNKNOWN, lo, hi, 0, -1L, Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1)
                        .boundsSync();
                return new Sample(s, new long[] {x, lo, hi});
            }
            case 4:
                switch (r.nextInt(3)) {
                    case 0:
                        return new Sample(Scalar.unknown(), new long[] {interesting(r), interesting(r)});
                    case 1: {
                        // an unsigned 64-bit range between two interesting ends
                        long a = interesting(r);
                        long b = interesting(r);
                        long lo = Long.compareUnsigned(a, b) <= 0 ? a : b;
                        long hi = lo == a ? b : a;
                        long mid = lo + (hi - lo >>> 1);
                        return new Sample(Scalar.of(Tnum.UNKNOWN, lo, hi), new long[] {lo, hi, mid});
                    }
                    default: {
                        // an unsigned 32-bit range in the low half, anything in the upper half
                        int a = (int) interesting(r);
                        int b = (int) interesting(r);
                        int lo = Integer.compareUnsigned(a, b) <= 0 ? a : b;
                        int hi = lo == a ? b : a;
                        long upper = r.nextBoolean() ? 0 : interesting(r) << 32;
                        Scalar s = new Scalar(Tnum.UNKNOWN, Long.MIN_VALUE, Long.MAX_VALUE, 0, -1L,
                                Integer.MIN_VALUE, Integer.MAX_VALUE, lo, hi);
                        if (upper == 0) {
                            s = s.zext32();
                        }
                        return new Sample(s.boundsSync(), new long[] {upper | lo & 0xffffffffL,
                            upper | hi & 0xffffffffL});
                    }
                }
            default:
                // something an earlier operation produced
                return pool.isEmpty() ? new Sample(Scalar.constant(0), new long[] {0}) : pool.get(r.nextInt(pool.size()));
        }
    }

    static long signExtend(long v, int bits) {
        return (v << (64 - bits)) >> (64 - bits);
    }

    /** The ISA's result of {@code x op= y}. */
    static long concrete(AluOp op, boolean is64, long x, long y, int width) {
        if (is64) {
            switch (op) {
                case ADD: return x + y;
                case SUB: return x - y;
                case MUL: return x * y;
                case DIV: return y == 0 ? 0 : Long.divideUnsigned(x, y);
                case SDIV: return y == 0 ? 0 : x / y;
                case MOD: return y == 0 ? x : Long.remainderUnsigned(x, y);
                case SMOD: return y == 0 ? x : x % y;
                case OR: return x | y;
                case AND: return x & y;
                case XOR: return x ^ y;
                case LSH: return x << (y & 63);
                case RSH: return x >>> (y & 63);
                case ARSH: return x >> (y & 63);
                case NEG: return -x;
                case MOV: return y;
                case MOVSX: return signExtend(y, width);
                default: throw new IllegalArgumentException(op.name());
            }
        }
        int a = (int) x;
        int b = (int) y;
        int res;
        switch (op) {
            case ADD: res = a + b; break;
            case SUB: res = a - b; break;
            case MUL: res = a * b; break;
            case DIV: res = b == 0 ? 0 : Integer.divideUnsigned(a, b); break;
            case SDIV: res = b == 0 ? 0 : a / b; break;
            case MOD: res = b == 0 ? a : Integer.remainderUnsigned(a, b); break;
            case SMOD: res = b == 0 ? a : a % b; break;
            case OR: res = a | b; break;
            case AND: res = a & b; break;
            case XOR: res = a ^ b; break;
            case LSH: res = a << (b & 31); break;
            case RSH: res = a >>> (b & 31); break;
            case ARSH: res = a >> (b & 31); break;
            case NEG: res = -a; break;
            case MOV: res = b; break;
            case MOVSX: res = (int) signExtend(b, width); break;
            default: throw new IllegalArgumentException(op.name());
        }
        return res & 0xffffffffL;
    }

    static long concreteEndian(Insn.Endian.Kind kind, int width, long x) {
        if (kind == Insn.Endian.Kind.TO_LE) {
            return width == 64 ? x : x & ((1L << width) - 1);
        }
        return width == 16 ? Short.reverseBytes((short) x) & 0xffffL
                : width == 32 ? Integer.reverseBytes((int) x) & 0xffffffffL : Long.reverseBytes(x);
    }

    private static void checkMember(Sample s, long x) {
        if (!s.abs().contains(x)) {
            fail("bounds sync lost member " + Long.toHexString(x) + " of " + s.abs() + " " + fields(s.abs()));
        }
    }

    static String fields(Scalar s) {
        return String.format("[t=%s s=%x..%x u=%x..%x s32=%x..%x u32=%x..%x]", s.varOff(), s.smin(), s.smax(),
                s.umin(), s.umax(), s.s32Min(), s.s32Max(), s.u32Min(), s.u32Max());
    }

    @Test
    void aluResultsContainConcreteResults() {
        Random r = new Random(20251130L);
        List<Sample> pool = new ArrayList<>();
        AluOp[] ops = AluOp.values();
        int checked = 0;
        for (int i = 0; i < CASES; i++) {
            Sample d = randomSample(r, pool);
            Sample s = r.nextInt(3) == 0 ? new Sample(Scalar.constant(interesting(r) & (r.nextBoolean() ? 63 : -1L)),
                    null) : randomSample(r, pool);
            long x = d.pick(r);
            long y = s.members() == null ? s.abs().constValue() : s.pick(r);
            checkMember(d, x);
            if (s.members() != null) {
                checkMember(s, y);
            }
            AluOp op = ops[r.nextInt(ops.length)];
            boolean is64 = r.nextBoolean();
            int width = op != AluOp.MOVSX ? 0 : is64 ? 8 << r.nextInt(3) : 8 << r.nextInt(2);
            long c = concrete(op, is64, x, y, width);
            List<Scalar> outs = ScalarAlu.outcomes(op, is64, d.abs(), s.abs(), width);
            boolean ok = false;
            for (Scalar o : outs) {
                ok |= o.contains(c);
            }
            if (!ok) {
                fail(String.format("%s%s %x, %x = %x not in %s; dst=%s %s src=%s %s", op, is64 ? "64" : "32", x, y,
                        c, outs, d.abs(), fields(d.abs()), s.abs(), fields(s.abs())));
            }
            checked++;
            if (r.nextInt(4) == 0) {
                for (Scalar o : outs) {
                    if (o.contains(c)) {
                        pool.add(new Sample(o, new long[] {c}));
                        break;
                    }
                }
            }
            if (pool.size() > 500) {
                pool.remove(r.nextInt(pool.size()));
            }
        }
        assertEquals(CASES, checked);
    }

    @Test
    void narrowingAndByteSwapsContainConcreteResults() {
        Random r = new Random(7);
        List<Sample> pool = new ArrayList<>();
        Insn.Endian.Kind[] kinds = Insn.Endian.Kind.values();
        for (int i = 0; i < CASES; i++) {
            Sample d = randomSample(r, pool);
            long x = d.pick(r);
            checkMember(d, x);
            int bytes = 1 << r.nextInt(3);
            long zext = bytes == 8 ? x : x & ((1L << (bytes * 8)) - 1);
            assertTrue(ScalarAlu.narrow(d.abs(), bytes, false).contains(zext), () -> d.abs() + " u" + bytes);
            assertTrue(ScalarAlu.narrow(d.abs(), bytes, true).contains(signExtend(x, bytes * 8)),
                    () -> d.abs() + " s" + bytes);
            Insn.Endian.Kind kind = kinds[r.nextInt(kinds.length)];
            int width = 16 << r.nextInt(3);
            long e = concreteEndian(kind, width, x);
            Scalar out = ScalarAlu.endian(kind, width, d.abs());
            assertTrue(out.contains(e), () -> kind + "" + width + " " + d.abs() + " -> " + out);
            pool.add(new Sample(out, new long[] {e}));
            if (pool.size() > 300) {
                pool.remove(0);
            }
        }
    }

    @Test
    void branchRefinementKeepsPairsThatTakeThatSide() {
        Random r = new Random(0xb7a);
        List<Sample> pool = new ArrayList<>();
        JumpOp[] ops = JumpOp.values();
        int taken = 0;
        int notTaken = 0;
        for (int i = 0; i < CASES; i++) {
            Sample a = randomSample(r, pool);
            long x = a.pick(r);
            checkMember(a, x);
            Sample b;
            long y;
            switch (r.nextInt(3)) {
                case 0: {
                    // a constant near x or at one of a's bounds, as compilers compare
                    long[] near = {x, x + 1, x - 1, a.abs().umin(), a.abs().umax(), a.abs().smin(), a.abs().smax(),
                        a.abs().u32MinUnsigned(), a.abs().s32Max(), interesting(r)};
                    y = near[r.nextInt(near.length)];
                    b = new Sample(Scalar.constant(y), new long[] {y});
                    break;
                }
                case 1: {
                    // a 32-bit immediate: sign-extended as the kernel's fake register holds it
                    y = (int) interesting(r);
                    b = new Sample(Scalar.constant(y), new long[] {y});
                    break;
                }
                default:
                    b = randomSample(r, pool);
                    y = b.pick(r);
            }
            checkMember(b, y);
            JumpOp op = ops[r.nextInt(ops.length)];
            boolean is32 = r.nextBoolean();
            boolean cond = ScalarBranch.evaluate(op, is32, x, y);
            ScalarBranch.Outcome o = ScalarBranch.isBranchTaken(op, is32, a.abs(), b.abs());
            String what = String.format("%s%s %x, %x (%s): a=%s %s b=%s %s", op, is32 ? "32" : "", x, y, cond,
                    a.abs(), fields(a.abs()), b.abs(), fields(b.abs()));
            assertNotEquals(cond ? ScalarBranch.Outcome.NOT_TAKEN : ScalarBranch.Outcome.TAKEN, o, what);
            assertNotEquals(cond ? ScalarBranch.Outcome.NOT_TAKEN : ScalarBranch.Outcome.TAKEN,
                    ScalarBranch.isBranchTakenWithRefinement(op, is32, a.abs(), b.abs()), what);
            Scalar[] side = ScalarBranch.refine(op, is32, a.abs(), b.abs(), cond);
            assertNotNull(side, "side marked dead: " + what);
            assertTrue(side[0].contains(x), () -> "lost a: " + what + " -> " + side[0] + " " + fields(side[0]));
            assertTrue(side[1].contains(y), () -> "lost b: " + what + " -> " + side[1] + " " + fields(side[1]));
            // comparing a register with itself
            boolean self = ScalarBranch.evaluate(op, is32, x, x);
            assertNotEquals(self ? ScalarBranch.Outcome.NOT_TAKEN : ScalarBranch.Outcome.TAKEN,
                    ScalarBranch.isBranchTakenSameRegister(op, is32, a.abs()), what);
            if (cond) {
                taken++;
            } else {
                notTaken++;
            }
            pool.add(new Sample(side[0], new long[] {x}));
            if (pool.size() > 500) {
                pool.remove(r.nextInt(pool.size()));
            }
        }
        assertTrue(taken > CASES / 10 && notTaken > CASES / 10, taken + " taken, " + notTaken + " not");
    }

    @Test
    void subsetImpliesMembership() {
        Random r = new Random(99);
        List<Sample> pool = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Sample a = randomSample(r, pool);
            Sample b = randomSample(r, pool);
            Scalar j = a.abs().join(b.abs());
            for (long x : a.members()) {
                assertTrue(j.contains(x));
            }
            for (long x : b.members()) {
                assertTrue(j.contains(x));
            }
            if (a.abs().isSubsetOf(b.abs())) {
                for (long x : a.members()) {
                    assertTrue(b.abs().contains(x), () -> a.abs() + " subset of " + b.abs());
                }
            }
            assertTrue(a.abs().isSubsetOf(a.abs()));
            assertTrue(a.abs().isSubsetOf(Scalar.unknown()));
            pool.add(new Sample(j, a.members()));
            if (pool.size() > 200) {
                pool.remove(0);
            }
        }
    }
}
