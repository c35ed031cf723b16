package dev.kptrviz.runtime;

import dev.kptrviz.isa.AluOp;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.isa.JumpOp;
import dev.kptrviz.program.LdImm64Target;
import dev.kptrviz.program.Program;

import java.util.List;

/**
 * A program's instructions lowered once into parallel arrays with a dense operation number per
 * slot, so the interpreter dispatches with one table switch. The lowering is a pure function of
 * the sealed {@link Insn} records: {@link #insn} keeps the record for everything the fast path
 * leaves to slower code.
 */
final class Code {
    // ALU: aluOrdinal * 4 + (32-bit ? 2 : 0) + (register source ? 1 : 0), 0..63
    static final int ALU_BASE = 0;
    // conditional jumps: 64 + jumpOrdinal * 4 + (jmp32 ? 2 : 0) + (register ? 1 : 0), 64..107
    static final int JMP_BASE = 64;
    static final int LDX_B = 110;
    static final int LDX_H = 111;
    static final int LDX_W = 112;
    static final int LDX_DW = 113;
    static final int LDXS_B = 114;
    static final int LDXS_H = 115;
    static final int LDXS_W = 116;
    static final int ST_B = 117;
    static final int ST_H = 118;
    static final int ST_W = 119;
    static final int ST_DW = 120;
    static final int STX_B = 121;
    static final int STX_H = 122;
    static final int STX_W = 123;
    static final int STX_DW = 124;
    static final int LD_IMM64 = 125;
    static final int GOTO = 126;
    static final int EXIT = 127;
    static final int CALL = 128;
    static final int SLOW = 129;
    static final int TAIL = 130;
    /** ld_imm64 of a global's or a function's address, bound to the machine's objects. */
    static final int LD_ADDR = 131;

    final int length;
    final int[] op;
    final int[] dst;
    final int[] src;
    final int[] off;
    final long[] imm;
    final int[] target;
    final Insn[] insn;
    /** Provenance of an {@link #LD_ADDR}'s address. */
    final Ref[] ref;

    Code(Program program) {
        List<Insn> insns = program.insns();
        length = insns.size();
        // one extra slot past the end: a program that runs off its last instruction (the verifier
        // would refuse it; run-anyway executes it) lands on a sentinel instead of an array bound
        op = new int[length + 1];
        dst = new int[length + 1];
        src = new int[length + 1];
        off = new int[length + 1];
        imm = new long[length + 1];
        target = new int[length + 1];
        insn = insns.toArray(new Insn[length + 1]);
        ref = new Ref[length + 1];
        for (int i = 0; i < length; i++) {
            lower(i, insn[i]);
        }
        op[length] = SLOW;
    }

    private void lower(int i, Insn in) {
        target[i] = in.jumpTarget(i).orElse(-1);
        if (in instanceof Insn.Alu a) {
            int k = a.op().ordinal();
            op[i] = ALU_BASE + k * 4 + (a.is64() ? 0 : 2) + (a.usesRegister() ? 1 : 0);
            dst[i] = a.dst();
            src[i] = a.src();
            off[i] = a.off();
            imm[i] = a.imm();
        } else if (in instanceof Insn.Jump j) {
            op[i] = JMP_BASE + j.op().ordinal() * 4 + (j.is32() ? 2 : 0) + (j.usesRegister() ? 1 : 0);
            dst[i] = j.dst();
            src[i] = j.src();
            imm[i] = j.imm();
        } else if (in instanceof Insn.Load l) {
            op[i] = l.signExtend() && l.size().bytes() < 8
                    ? LDXS_B + sizeIndex(l.size().bytes()) : LDX_B + sizeIndex(l.size().bytes());
            dst[i] = l.dst();
            src[i] = l.src();
            off[i] = l.off();
        } else if (in instanceof Insn.Store s) {
            op[i] = (s.fromRegister() ? STX_B : ST_B) + sizeIndex(s.size().bytes());
            dst[i] = s.dst();
            src[i] = s.src();
            off[i] = s.off();
            imm[i] = s.imm();
        } else if (in instanceof Insn.LdImm64 ld) {
            op[i] = ld.kind() == Insn.LdImm64.Kind.PLAIN ? LD_IMM64 : SLOW;
            dst[i] = ld.dst();
            imm[i] = ld.value();
        } else if (in instanceof Insn.Goto g) {
            op[i] = g.kind() == Insn.Goto.Kind.MAY_GOTO ? SLOW : GOTO;
        } else if (in instanceof Insn.Exit) {
            op[i] = EXIT;
        } else if (in instanceof Insn.Call) {
            op[i] = CALL;
        } else if (in instanceof Insn.LdImm64Tail) {
            op[i] = TAIL;
        } else {
            op[i] = SLOW; // endian, atomics, address-space casts, legacy packet loads
        }
    }

    /** Resolves ld_imm64 of globals, functions and local type ids to constants of this machine. */
    void bind(Program program, AddressSpace space) {
        program.ldImm64Targets().forEach((i, t) -> {
            MemoryObject o = null;
            long value = 0;
            if (t instanceof LdImm64Target.GlobalAddress g && space.regionsByName.containsKey(g.region().name())) {
                o = space.regionsByName.get(g.region().name());
                value = o.base + g.offset();
            } else if (t instanceof LdImm64Target.FunctionAddress f) {
                o = space.function(f.target());
                value = o.base;
            } else if (t instanceof LdImm64Target.LocalTypeId lt) {
                op[i] = LD_IMM64;
                imm[i] = lt.typeId();
                return;
            }
            if (o != null) {
                op[i] = LD_ADDR;
                imm[i] = value;
                ref[i] = o.plain;
            }
        });
    }

    private static int sizeIndex(int bytes) {
        return bytes == 1 ? 0 : bytes == 2 ? 1 : bytes == 4 ? 2 : 3;
    }

    static int aluOp(AluOp op, boolean is64, boolean reg) {
        return ALU_BASE + op.ordinal() * 4 + (is64 ? 0 : 2) + (reg ? 1 : 0);
    }

    static int jumpOp(JumpOp op, boolean is32, boolean reg) {
        return JMP_BASE + op.ordinal() * 4 + (is32 ? 2 : 0) + (reg ? 1 : 0);
    }
}
