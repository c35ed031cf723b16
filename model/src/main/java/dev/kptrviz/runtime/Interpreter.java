package dev.kptrviz.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The transfer function: executes instructions of the lowered {@link Code} until a budget is used
 * up or the run stops. Common ALU operations, jumps, loads and stores are inline; everything else
 * (division, byte swaps, atomics, calls, exits) goes through {@link Slow} and {@link Calls}. The
 * untraced path allocates nothing; a fatal finding unwinds with the preallocated {@link Halt}.
 */
final class Interpreter {
    static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M32 = 0xffffffffL;

    /** Unwinds the interpreter after a fatal finding (the machine's status already says why). */
    static final class Halt extends RuntimeException {
        static final Halt INSTANCE = new Halt();

        private Halt() {
            super(null, null, false, false);
        }
    }

    private final Machine m;
    private final Code c;

    Interpreter(Machine m, Code c) {
        this.m = m;
        this.c = c;
    }

    /** Executes at most {@code budget} instructions of the current run; returns how many it executed. */
    long exec(long budget) {
        final int[] op = c.op;
        final int[] dst = c.dst;
        final int[] src = c.src;
        final int[] off = c.off;
        final int[] target = c.target;
        final long[] imm = c.imm;
        final Tracer tr = m.tracer;
        Frame f = m.frames[m.depth];
        long[] v = f.v;
        Ref[] p = f.p;
        int pc = m.pc;
        long n = 0;
        try {
            while (n < budget) {
                final int i = pc;
                n++;
                pc = i + 1;
                switch (op[i]) {
                    case 0: v[dst[i]] += imm[i]; break;
                    case 1: { int d = dst[i]; int s = src[i]; v[d] += v[s]; Ref r = p[s];
                        if (r != null) { p[d] = p[d] == null ? r : null; } break; }
                    case 2: { int d = dst[i]; v[d] = (v[d] + imm[i]) & M32; p[d] = null; break; }
                    case 3: { int d = dst[i]; v[d] = (v[d] + v[src[i]]) & M32; p[d] = null; break; }
                    case 4: v[dst[i]] -= imm[i]; break;
                    case 5: { int d = dst[i]; int s = src[i]; v[d] -= v[s]; if (p[s] != null) { p[d] = null; } break; }
                    case 6: { int d = dst[i]; v[d] = (v[d] - imm[i]) & M32; p[d] = null; break; }
                    case 7: { int d = dst[i]; v[d] = (v[d] - v[src[i]]) & M32; p[d] = null; break; }
                    case 8: { int d = dst[i]; v[d] *= imm[i]; p[d] = null; break; }
                    case 9: { int d = dst[i]; v[d] *= v[src[i]]; p[d] = null; break; }
                    case 10: { int d = dst[i]; v[d] = ((int) v[d] * (int) imm[i]) & M32; p[d] = null; break; }
                    case 11: { int d = dst[i]; v[d] = ((int) v[d] * (int) v[src[i]]) & M32; p[d] = null; break; }
                    case 20: { int d = dst[i]; v[d] |= imm[i]; p[d] = null; break; }
                    case 21: { int d = dst[i]; v[d] |= v[src[i]]; p[d] = null; break; }
                    case 22: { int d = dst[i]; v[d] = (v[d] | imm[i]) & M32; p[d] = null; break; }
                    case 23: { int d = dst[i]; v[d] = (v[d] | v[src[i]]) & M32; p[d] = null; break; }
                    case 24: { int d = dst[i]; v[d] &= imm[i]; p[d] = null; break; }
                    case 25: { int d = dst[i]; v[d] &= v[src[i]]; p[d] = null; break; }
                    case 26: { int d = dst[i]; v[d] = v[d] & imm[i] & M32; p[d] = null; break; }
                    case 27: { int d = dst[i]; v[d] = v[d] & v[src[i]] & M32; p[d] = null; break; }
                    case 28: { int d = dst[i]; v[d] <<= imm[i]; p[d] = null; break; }
                    case 29: { int d = dst[i]; v[d] <<= v[src[i]]; p[d] = null; break; }
                    case 30: { int d = dst[i]; v[d] = ((int) v[d] << imm[i]) & M32; p[d] = null; break; }
                    case 31: { int d = dst[i]; v[d] = ((int) v[d] << v[src[i]]) & M32; p[d] = null; break; }
                    case 32: { int d = dst[i]; v[d] >>>= imm[i]; p[d] = null; break; }
                    case 33: { int d = dst[i]; v[d] >>>= v[src[i]]; p[d] = null; break; }
                    case 34: { int d = dst[i]; v[d] = (int) v[d] >>> imm[i] & M32; p[d] = null; break; }
                    case 35: { int d = dst[i]; v[d] = (int) v[d] >>> v[src[i]] & M32; p[d] = null; break; }
                    case 48: { int d = dst[i]; v[d] ^= imm[i]; p[d] = null; break; }
                    case 49: { int d = dst[i]; v[d] ^= v[src[i]]; p[d] = null; break; }
                    case 50: { int d = dst[i]; v[d] = (v[d] ^ imm[i]) & M32; p[d] = null; break; }
                    case 51: { int d = dst[i]; v[d] = (v[d] ^ v[src[i]]) & M32; p[d] = null; break; }
                    case 52: { int d = dst[i]; v[d] = imm[i]; p[d] = null; break; }
                    case 53: { int d = dst[i]; int s = src[i]; v[d] = v[s]; p[d] = p[s]; break; }
                    case 54: { int d = dst[i]; v[d] = imm[i] & M32; p[d] = null; break; }
                    case 55: { int d = dst[i]; v[d] = v[src[i]] & M32; p[d] = null; break; }
                    case 60: { int d = dst[i]; v[d] >>= imm[i]; p[d] = null; break; }
                    case 61: { int d = dst[i]; v[d] >>= v[src[i]]; p[d] = null; break; }
                    case 64: if (v[dst[i]] == imm[i]) { pc = target[i]; } break;
                    case 65: if (v[dst[i]] == v[src[i]]) { pc = target[i]; } break;
                    case 66: if ((int) v[dst[i]] == (int) imm[i]) { pc = target[i]; } break;
                    case 67: if ((int) v[dst[i]] == (int) v[src[i]]) { pc = target[i]; } break;
                    case 68: if (Long.compareUnsigned(v[dst[i]], imm[i]) > 0) { pc = target[i]; } break;
                    case 69: if (Long.compareUnsigned(v[dst[i]], v[src[i]]) > 0) { pc = target[i]; } break;
                    case 72: if (Long.compareUnsigned(v[dst[i]], imm[i]) >= 0) { pc = target[i]; } break;
                    case 73: if (Long.compareUnsigned(v[dst[i]], v[src[i]]) >= 0) { pc = target[i]; } break;
                    case 80: if (v[dst[i]] != imm[i]) { pc = target[i]; } break;
                    case 81: if (v[dst[i]] != v[src[i]]) { pc = target[i]; } break;
                    case 82: if ((int) v[dst[i]] != (int) imm[i]) { pc = target[i]; } break;
                    case 83: if ((int) v[dst[i]] != (int) v[src[i]]) { pc = target[i]; } break;
                    case 84: if (v[dst[i]] > imm[i]) { pc = target[i]; } break;
                    case 85: if (v[dst[i]] > v[src[i]]) { pc = target[i]; } break;
                    case 88: if (v[dst[i]] >= imm[i]) { pc = target[i]; } break;
                    case 89: if (v[dst[i]] >= v[src[i]]) { pc = target[i]; } break;
                    case 92: if (Long.compareUnsigned(v[dst[i]], imm[i]) < 0) { pc = target[i]; } break;
                    case 93: if (Long.compareUnsigned(v[dst[i]], v[src[i]]) < 0) { pc = target[i]; } break;
                    case 96: if (Long.compareUnsigned(v[dst[i]], imm[i]) <= 0) { pc = target[i]; } break;
                    case 97: if (Long.compareUnsigned(v[dst[i]], v[src[i]]) <= 0) { pc = target[i]; } break;
                    case 100: if (v[dst[i]] < imm[i]) { pc = target[i]; } break;
                    case 101: if (v[dst[i]] < v[src[i]]) { pc = target[i]; } break;
                    case 104: if (v[dst[i]] <= imm[i]) { pc = target[i]; } break;
                    case 105: if (v[dst[i]] <= v[src[i]]) { pc = target[i]; } break;
                    case Code.LDX_B: case Code.LDX_H: case Code.LDX_W: case Code.LDXS_B: case Code.LDXS_H:
                    case Code.LDXS_W: {
                        int o2 = op[i];
                        int size = 1 << ((o2 - Code.LDX_B) & 3);
                        int s = src[i];
                        long a = v[s] + off[i];
                        MemoryObject o = at(p[s], a, size, i, false);
                        v[dst[i]] = load(o, (int) (a - o.base), o2);
                        p[dst[i]] = null;
                        break;
                    }
                    case Code.LDX_DW: {
                        int s = src[i];
                        long a = v[s] + off[i];
                        MemoryObject o = at(p[s], a, 8, i, false);
                        int k = (int) (a - o.base);
                        int d = dst[i];
                        v[d] = (long) I64.get(o.bytes, k);
                        p[d] = (k & 7) == 0 ? o.slots[k >> 3] : null;
                        break;
                    }
                    case Code.ST_B: case Code.ST_H: case Code.ST_W: case Code.ST_DW: {
                        int size = 1 << (op[i] - Code.ST_B);
                        int d = dst[i];
                        long a = v[d] + off[i];
                        MemoryObject o = at(p[d], a, size, i, true);
                        store(o, (int) (a - o.base), size, imm[i], null, tr);
                        break;
                    }
                    case Code.STX_B: case Code.STX_H: case Code.STX_W: case Code.STX_DW: {
                        int size = 1 << (op[i] - Code.STX_B);
                        int d = dst[i];
                        long a = v[d] + off[i];
                        MemoryObject o = at(p[d], a, size, i, true);
                        int s = src[i];
                        store(o, (int) (a - o.base), size, v[s], p[s], tr);
                        break;
                    }
                    case Code.LD_IMM64: { int d = dst[i]; v[d] = imm[i]; p[d] = null; pc = i + 2; break; }
                    case Code.LD_ADDR: { int d = dst[i]; v[d] = imm[i]; p[d] = c.ref[i]; pc = i + 2; break; }
                    case Code.GOTO: pc = target[i]; break;
                    default: {
                        int o2 = op[i];
                        if (o2 < Code.JMP_BASE) {
                            int d = dst[i];
                            long b = (o2 & 1) != 0 ? v[src[i]] : imm[i];
                            v[d] = Alu.slowAlu(o2, v[d], b, off[i]);
                            p[d] = null;
                            break;
                        }
                        if (o2 < Code.LDX_B) {
                            if (Alu.condition(o2, v[dst[i]], (o2 & 1) != 0 ? v[src[i]] : imm[i])) {
                                pc = target[i];
                            }
                            break;
                        }
                        m.pc = i;
                        if (o2 == Code.CALL) {
                            m.calls.call(i);
                        } else if (o2 == Code.EXIT) {
                            m.calls.exit(i);
                        } else {
                            m.slow.execute(i);
                        }
                        if (m.status != Status.RUNNING) {
                            return n;
                        }
                        f = m.frames[m.depth];
                        v = f.v;
                        p = f.p;
                        pc = m.pc;
                    }
                }
            }
        } catch (Halt h) {
            return n;
        }
        m.pc = pc;
        return n;
    }

    /** The object an access of {@code size} bytes at {@code a} lands in; the common case inline. */
    private MemoryObject at(Ref r, long a, int size, int insn, boolean write) {
        if (r != null && !r.check) {
            MemoryObject o = r.target;
            long k = a - o.base;
            if (k >= 0 && k <= o.size - size && !o.guarded) {
                return o;
            }
        }
        return m.access.checked(r, a, size, insn, write);
    }

    private static long load(MemoryObject o, int k, int op) {
        switch (op) {
            case Code.LDX_B: return o.bytes[k] & 0xffL;
            case Code.LDX_H: return (short) I16.get(o.bytes, k) & 0xffffL;
            case Code.LDX_W: return (int) I32.get(o.bytes, k) & M32;
            case Code.LDXS_B: return o.bytes[k];
            case Code.LDXS_H: return (short) I16.get(o.bytes, k);
            default: return (int) I32.get(o.bytes, k);
        }
    }

    /** Writes {@code size} bytes; an aligned 8-byte store remembers the pointer, any other forgets it. */
    static void store(MemoryObject o, int k, int size, long value, Ref ref, Tracer tr) {
        if (tr != null) {
            tr.beforeWrite(o, k, size);
        }
        switch (size) {
            case 1: o.bytes[k] = (byte) value; break;
            case 2: I16.set(o.bytes, k, (short) value); break;
            case 4: I32.set(o.bytes, k, (int) value); break;
            default: I64.set(o.bytes, k, value); break;
        }
        if (size == 8 && (k & 7) == 0) {
            o.slots[k >> 3] = ref;
        } else {
            o.slots[k >> 3] = null;
            o.slots[(k + size - 1) >> 3] = null;
        }
    }
}
