package dev.kptrviz.runtime;

import dev.kptrviz.isa.AtomicOp;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.program.LdImm64Target;

/**
 * The instructions the interpreter does not inline: byte swaps, atomics, ld_imm64 of globals,
 * functions and type ids, may_goto, legacy packet loads and arena casts. Each sets the machine's
 * pc to the next instruction.
 */
final class Slow {
    /** The kernel's budget for may_goto (BPF_MAX_LOOPS). */
    static final long MAY_GOTO_BUDGET = 8L << 20;

    private final Machine m;

    Slow(Machine m) {
        this.m = m;
    }

    void execute(int i) {
        if (i >= m.code.length) {
            throw m.fail(FindingKind.FELL_OFF_END, i, "execution ran past the last instruction of the program");
        }
        Insn insn = m.code.insn[i];
        Frame f = m.frames[m.depth];
        m.pc = i + 1;
        if (insn instanceof Insn.Endian e) {
            f.v[e.dst()] = Alu.endian(f.v[e.dst()], e.width(), e.kind() != Insn.Endian.Kind.TO_LE);
            f.p[e.dst()] = null;
        } else if (insn instanceof Insn.LdImm64 ld) {
            ldImm64(i, ld, f);
        } else if (insn instanceof Insn.Goto g) {
            if (m.mayGotoLeft == 0) {
                m.pc = i + g.delta() + 1;
            } else {
                m.mayGotoLeft--;
            }
        } else if (insn instanceof Insn.Atomic a) {
            atomic(i, a, f);
        } else if (insn instanceof Insn.LegacyPacketLoad) {
            // The test run's packet is empty, so every LD_ABS/LD_IND is out of range: the kernel's
            // interpreter then ends the program with return value 0.
            f.v[0] = 0;
            f.p[0] = null;
            m.calls.finishRun(i);
        } else if (insn instanceof Insn.LdImm64Tail) {
            throw m.fail(FindingKind.INVALID_ACCESS, i, "jumped into the second half of an ld_imm64");
        } else {
            throw m.fail(FindingKind.UNSUPPORTED, i, "the emulator does not model " + insn.getClass().getSimpleName()
                    + " (arena address-space casts)");
        }
    }

    private void ldImm64(int i, Insn.LdImm64 ld, Frame f) {
        m.pc = i + 2;
        LdImm64Target t = m.program.ldImm64Targets().get(i);
        int d = ld.dst();
        if (t instanceof LdImm64Target.GlobalAddress g) {
            MemoryObject o = m.space.regionsByName.get(g.region().name());
            f.v[d] = o.base + g.offset();
            f.p[d] = o.plain;
        } else if (t instanceof LdImm64Target.FunctionAddress fa) {
            MemoryObject o = m.space.function(fa.target());
            f.v[d] = o.base;
            f.p[d] = o.plain;
        } else if (t instanceof LdImm64Target.LocalTypeId lt) {
            f.v[d] = lt.typeId();
            f.p[d] = null;
        } else {
            throw m.fail(FindingKind.UNSUPPORTED, i, "ld_imm64 of kind " + ld.kind() + " without a resolved target "
                    + "(map file descriptors are not modelled)");
        }
    }

    private void atomic(int i, Insn.Atomic a, Frame f) {
        int size = a.size().bytes();
        boolean write = a.op() != AtomicOp.LOAD_ACQUIRE;
        int base = a.op() == AtomicOp.LOAD_ACQUIRE ? a.src() : a.dst();
        long addr = f.v[base] + a.off();
        MemoryObject o = m.access.checked(f.p[base], addr, size, i, write);
        int k = (int) (addr - o.base);
        long old = o.readLong(k, size);
        Ref oldRef = size == 8 ? o.slot(k) : null;
        long val = f.v[a.src()];
        switch (a.op()) {
            case LOAD_ACQUIRE -> {
                f.v[a.dst()] = size == 8 ? old : signOrZero(old, size);
                f.p[a.dst()] = oldRef;
                return;
            }
            case STORE_RELEASE -> {
                Interpreter.store(o, k, size, val, size == 8 ? f.p[a.src()] : null, m.tracer);
                return;
            }
            case CMPXCHG -> {
                boolean eq = size == 8 ? old == f.v[0] : (int) old == (int) f.v[0];
                if (eq) {
                    Interpreter.store(o, k, size, val, size == 8 ? f.p[a.src()] : null, m.tracer);
                }
                f.v[0] = old;
                f.p[0] = oldRef;
                return;
            }
            case XCHG -> Interpreter.store(o, k, size, val, size == 8 ? f.p[a.src()] : null, m.tracer);
            case ADD, FETCH_ADD -> Interpreter.store(o, k, size, old + val, null, m.tracer);
            case OR, FETCH_OR -> Interpreter.store(o, k, size, old | val, null, m.tracer);
            case AND, FETCH_AND -> Interpreter.store(o, k, size, old & val, null, m.tracer);
            case XOR, FETCH_XOR -> Interpreter.store(o, k, size, old ^ val, null, m.tracer);
            default -> throw new IllegalStateException(a.op().name());
        }
        if (a.op().fetches()) {
            f.v[a.src()] = old;
            f.p[a.src()] = oldRef;
        }
    }

    /** Load-acquire zero-extends like a plain load. */
    private static long signOrZero(long v, int size) {
        return size == 8 ? v : v & ((1L << (8 * size)) - 1);
    }
}
