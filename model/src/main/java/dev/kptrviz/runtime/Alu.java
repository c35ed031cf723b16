package dev.kptrviz.runtime;

/**
 * The arithmetic of the kernel's BPF interpreter, including the verifier's rewrites that define
 * what division by zero does: unsigned and signed division by 0 give 0, modulo by 0 leaves the
 * dividend (the 32-bit forms zero-extend it), signed division by -1 negates and signed modulo by
 * -1 gives 0 (so INT_MIN / -1 wraps instead of trapping). Register shifts use the low 6 (64-bit)
 * or 5 (32-bit) bits of the amount. Every 32-bit result is zero-extended.
 */
final class Alu {
    private Alu() {
    }

    static long u32(long v) {
        return v & 0xffffffffL;
    }

    static long div64(long a, long b) {
        return b == 0 ? 0 : Long.divideUnsigned(a, b);
    }

    static long mod64(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    static long div32(long a, long b) {
        int d = (int) b;
        return d == 0 ? 0 : u32(Integer.divideUnsigned((int) a, d));
    }

    static long mod32(long a, long b) {
        int d = (int) b;
        return d == 0 ? u32(a) : u32(Integer.remainderUnsigned((int) a, d));
    }

    static long sdiv64(long a, long b) {
        if (b == 0) {
            return 0;
        }
        return b == -1 ? -a : a / b;
    }

    static long smod64(long a, long b) {
        if (b == 0) {
            return a;
        }
        return b == -1 ? 0 : a % b;
    }

    static long sdiv32(long a, long b) {
        int d = (int) b;
        if (d == 0) {
            return 0;
        }
        return u32(d == -1 ? -(int) a : (int) a / d);
    }

    static long smod32(long a, long b) {
        int d = (int) b;
        if (d == 0) {
            return u32(a);
        }
        return d == -1 ? 0 : u32((int) a % d);
    }

    /** MOVSX: sign-extend the low {@code width} (8/16/32) bits. */
    static long signExtend(long v, int width) {
        switch (width) {
            case 8: return (byte) v;
            case 16: return (short) v;
            case 32: return (int) v;
            default: return v;
        }
    }

    /** Byte order: to-little-endian truncates (the host is little-endian), to-big-endian and bswap swap. */
    static long endian(long v, int width, boolean swap) {
        switch (width) {
            case 16: return swap ? Short.toUnsignedLong(Short.reverseBytes((short) v)) : v & 0xffffL;
            case 32: return swap ? u32(Integer.reverseBytes((int) v)) : u32(v);
            default: return swap ? Long.reverseBytes(v) : v;
        }
    }

    /** The ALU operations the interpreter does not inline, by {@link Code} operation number. */
    static long slowAlu(int op, long a, long b, int off) {
        boolean is32 = (op & 2) != 0;
        switch (op >> 2) {
            case 2: return is32 ? u32((int) a * (int) b) : a * b;
            case 3: return is32 ? div32(a, b) : div64(a, b);
            case 4: return is32 ? sdiv32(a, b) : sdiv64(a, b);
            case 9: return is32 ? u32(-(int) a) : -a;
            case 10: return is32 ? mod32(a, b) : mod64(a, b);
            case 11: return is32 ? smod32(a, b) : smod64(a, b);
            case 14: return is32 ? u32(signExtend(b, off)) : signExtend(b, off);
            case 15: return is32 ? u32((int) a >> (b & 31)) : a >> (b & 63);
            case 0: return is32 ? u32((int) a + (int) b) : a + b;
            case 1: return is32 ? u32((int) a - (int) b) : a - b;
            case 5: return is32 ? u32(a | b) : a | b;
            case 6: return is32 ? u32(a & b) : a & b;
            case 7: return is32 ? u32((int) a << (b & 31)) : a << (b & 63);
            case 8: return is32 ? u32((int) a) >>> (b & 31) : a >>> (b & 63);
            case 12: return is32 ? u32(a ^ b) : a ^ b;
            case 13: return is32 ? u32(b) : b;
            default: throw new IllegalStateException("no ALU operation " + op);
        }
    }

    /** A conditional jump's comparison, by {@link Code} operation number. */
    static boolean condition(int op, long a, long b) {
        boolean is32 = (op & 2) != 0;
        if (is32) {
            a = (int) a;
            b = (int) b;
        }
        switch ((op - Code.JMP_BASE) >> 2) {
            case 0: return is32 ? (int) a == (int) b : a == b;
            case 1: return is32 ? Integer.compareUnsigned((int) a, (int) b) > 0 : Long.compareUnsigned(a, b) > 0;
            case 2: return is32 ? Integer.compareUnsigned((int) a, (int) b) >= 0 : Long.compareUnsigned(a, b) >= 0;
            case 3: return (a & b) != 0;
            case 4: return is32 ? (int) a != (int) b : a != b;
            case 5: return a > b;
            case 6: return a >= b;
            case 7: return is32 ? Integer.compareUnsigned((int) a, (int) b) < 0 : Long.compareUnsigned(a, b) < 0;
            case 8: return is32 ? Integer.compareUnsigned((int) a, (int) b) <= 0 : Long.compareUnsigned(a, b) <= 0;
            case 9: return a < b;
            case 10: return a <= b;
            default: throw new IllegalStateException("no jump operation " + op);
        }
    }
}
