package dev.kptrviz.isa;

import java.util.OptionalInt;

/**
 * One decoded instruction slot of a BPF program. Every record keeps the raw opcode byte and
 * each field the encoding uses, so {@link #word()} gives back the exact 8 bytes that were decoded
 * (fields the kernel requires to be zero are zero). An ld_imm64 occupies two slots: the
 * {@link LdImm64} record at the first and an {@link LdImm64Tail} marker at the second, so a list
 * of instructions is indexed by slot and jump targets index it directly.
 *
 * <p>Register masks ({@link #readsRegisters()}, {@link #writesRegisters()}) have bit {@code n}
 * set for register {@code rn}.
 */
public sealed interface Insn permits Insn.Alu, Insn.Endian, Insn.AddrSpaceCast, Insn.Load, Insn.Store,
        Insn.Atomic, Insn.LdImm64, Insn.LdImm64Tail, Insn.LegacyPacketLoad, Insn.Jump, Insn.Goto,
        Insn.Call, Insn.Exit {

    /** The raw opcode byte. */
    int opcode();

    /** This slot re-encoded as the little-endian 64-bit word it was decoded from. */
    long word();

    /**
     * Slots the instruction occupies: 2 for {@link LdImm64}, 0 for its {@link LdImm64Tail} (part of
     * the slot before), else 1. The slots of a decoded list add up to its size.
     */
    default int slots() {
        return 1;
    }

    /**
     * For an instruction at slot {@code index}: the slot a jump, goto, may_goto or bpf-to-bpf
     * call transfers to ({@code index + offset + 1}); empty for everything else. A pseudo-call's
     * target is unchecked: in an object file it is only meaningful after relocation.
     */
    default OptionalInt jumpTarget(int index) {
        return OptionalInt.empty();
    }

    /** False for exit, goto and gotol, after which execution never reaches the next slot. */
    default boolean fallsThrough() {
        return true;
    }

    /** Registers whose value the instruction reads (calls: r1..r5, conservatively). */
    default int readsRegisters() {
        return 0;
    }

    /** Registers the instruction writes or clobbers (calls and packet loads: r0..r5). */
    default int writesRegisters() {
        return 0;
    }

    /** Packs fields into an instruction word exactly as the kernel's {@code struct bpf_insn} lays them out. */
    static long pack(int opcode, int dst, int src, int off, int imm) {
        return (opcode & 0xffL) | (dst & 0xfL) << 8 | (src & 0xfL) << 12 | (off & 0xffffL) << 16
                | (imm & 0xffffffffL) << 32;
    }

    /**
     * ALU/ALU64 arithmetic: {@code dst op= src} (register form) or {@code dst op= imm}. For
     * {@link AluOp#MOVSX} {@code off} is the source width 8/16/32; for SDIV/SMOD it is 1.
     */
    record Alu(int opcode, AluOp op, int dst, int src, int off, int imm) implements Insn {
        public boolean is64() {
            return Op.cls(opcode) == Op.ALU64;
        }

        /** True for the register-source form (the opcode's X bit). */
        public boolean usesRegister() {
            return (opcode & Op.X) != 0;
        }

        /** 8, 16 or 32 for MOVSX, else 0. */
        public int movsxWidth() {
            return op == AluOp.MOVSX ? off : 0;
        }

        @Override
        public long word() {
            return pack(opcode, dst, src, off, imm);
        }

        @Override
        public int readsRegisters() {
            int self = op == AluOp.MOV || op == AluOp.MOVSX ? 0 : Op.reg(dst);
            return self | (usesRegister() ? Op.reg(src) : 0);
        }

        @Override
        public int writesRegisters() {
            return Op.reg(dst);
        }
    }

    /** Byte-order conversion of {@code dst}; {@code width} (16/32/64) is the imm field. */
    record Endian(int opcode, Kind kind, int dst, int width) implements Insn {
        /** to-little-endian (ALU|END|TO_LE), to-big-endian (ALU|END|TO_BE), unconditional swap (ALU64|END). */
        public enum Kind { TO_LE, TO_BE, BSWAP }

        @Override
        public long word() {
            return pack(opcode, dst, 0, 0, width);
        }

        @Override
        public int readsRegisters() {
            return Op.reg(dst);
        }

        @Override
        public int writesRegisters() {
            return Op.reg(dst);
        }
    }

    /** Arena pointer cast (ALU64|MOV|X with off 1): {@code imm} is dstAddressSpace &lt;&lt; 16 | srcAddressSpace. */
    record AddrSpaceCast(int opcode, int dst, int src, int imm) implements Insn {
        public int dstAddressSpace() {
            return imm >>> 16;
        }

        public int srcAddressSpace() {
            return imm & 0xffff;
        }

        @Override
        public long word() {
            return pack(opcode, dst, src, 1, imm);
        }

        @Override
        public int readsRegisters() {
            return Op.reg(src);
        }

        @Override
        public int writesRegisters() {
            return Op.reg(dst);
        }
    }

    /** LDX MEM / MEMSX: {@code dst = *(size *)(src + off)}, sign-extending for MEMSX. */
    record Load(int opcode, Size size, boolean signExtend, int dst, int src, int off) implements Insn {
        @Override
        public long word() {
            return pack(opcode, dst, src, off, 0);
        }

        @Override
        public int readsRegisters() {
            return Op.reg(src);
        }

        @Override
        public int writesRegisters() {
            return Op.reg(dst);
        }
    }

    /** STX MEM ({@code *(size *)(dst + off) = src}) or ST MEM ({@code ... = imm}). */
    record Store(int opcode, Size size, int dst, int src, int off, int imm) implements Insn {
        /** True for STX (register value), false for ST (immediate value). */
        public boolean fromRegister() {
            return Op.cls(opcode) == Op.STX;
        }

        @Override
        public long word() {
            return pack(opcode, dst, src, off, imm);
        }

        @Override
        public int readsRegisters() {
            return Op.reg(dst) | (fromRegister() ? Op.reg(src) : 0);
        }
    }

    /**
     * STX|ATOMIC on {@code *(size *)(dst + off)} with value register {@code src}. Fetching forms
     * write the old value to {@code src} (CMPXCHG: to r0, comparing against r0); load-acquire
     * reads {@code *(src + off)} into {@code dst}; store-release writes {@code src} to {@code *(dst + off)}.
     */
    record Atomic(int opcode, AtomicOp op, Size size, int dst, int src, int off) implements Insn {
        @Override
        public long word() {
            return pack(opcode, dst, src, off, op.imm());
        }

        @Override
        public int readsRegisters() {
            if (op == AtomicOp.LOAD_ACQUIRE) {
                return Op.reg(src);
            }
            return Op.reg(dst) | Op.reg(src) | (op == AtomicOp.CMPXCHG ? Op.reg(0) : 0);
        }

        @Override
        public int writesRegisters() {
            if (op == AtomicOp.LOAD_ACQUIRE) {
                return Op.reg(dst);
            }
            if (op == AtomicOp.CMPXCHG) {
                return Op.reg(0);
            }
            return op.fetches() ? Op.reg(src) : 0;
        }
    }

    /** First slot of a 16-byte load of a 64-bit immediate; {@code nextImm} is the second slot's imm. */
    record LdImm64(int opcode, Kind kind, int dst, int imm, int nextImm) implements Insn {
        /** The src_reg "pseudo" field: what the immediate refers to. */
        public enum Kind {
            PLAIN, MAP_FD, MAP_VALUE, BTF_ID, FUNC, MAP_IDX, MAP_IDX_VALUE;

            /** The src_reg value (the ordinal, 0..6). */
            public int src() {
                return ordinal();
            }
        }

        /** The 64-bit immediate: {@code nextImm << 32 | imm}. */
        public long value() {
            return (long) nextImm << 32 | (imm & 0xffffffffL);
        }

        @Override
        public int slots() {
            return 2;
        }

        @Override
        public long word() {
            return pack(opcode, dst, kind.src(), 0, imm);
        }

        /** The second slot's word. */
        public long secondWord() {
            return pack(0, 0, 0, 0, nextImm);
        }

        @Override
        public int writesRegisters() {
            return Op.reg(dst);
        }
    }

    /** Marker at the second slot of an ld_imm64; it is data, never executed or printed. */
    record LdImm64Tail(int imm) implements Insn {
        @Override
        public int opcode() {
            return 0;
        }

        @Override
        public int slots() {
            return 0;
        }

        @Override
        public long word() {
            return pack(0, 0, 0, 0, imm);
        }
    }

    /** Legacy LD ABS/IND: {@code r0 = ntoh(*(size *)(skb + [src +] imm))}, implicit skb in r6. */
    record LegacyPacketLoad(int opcode, Size size, boolean indirect, int src, int imm) implements Insn {
        @Override
        public long word() {
            return pack(opcode, 0, src, 0, imm);
        }

        @Override
        public int readsRegisters() {
            return Op.reg(6) | (indirect ? Op.reg(src) : 0);
        }

        @Override
        public int writesRegisters() {
            return Op.reg(0) | Op.ARGS;
        }
    }

    /** Conditional jump: {@code if dst op src|imm goto pc+off}. */
    record Jump(int opcode, JumpOp op, int dst, int src, int off, int imm) implements Insn {
        /** True for JMP32 (compares the low 32 bits). */
        public boolean is32() {
            return Op.cls(opcode) == Op.JMP32;
        }

        public boolean usesRegister() {
            return (opcode & Op.X) != 0;
        }

        @Override
        public long word() {
            return pack(opcode, dst, src, off, imm);
        }

        @Override
        public OptionalInt jumpTarget(int index) {
            return OptionalInt.of(index + off + 1);
        }

        @Override
        public int readsRegisters() {
            return Op.reg(dst) | (usesRegister() ? Op.reg(src) : 0);
        }
    }

    /** Unconditional transfer: JA ({@code off}), gotol (JMP32|JA, {@code imm}) or may_goto. */
    record Goto(int opcode, Kind kind, int delta) implements Insn {
        /** GOTO: JMP|JA with 16-bit off; GOTOL: JMP32|JA with 32-bit imm; MAY_GOTO: JMP|JCOND. */
        public enum Kind { GOTO, GOTOL, MAY_GOTO }

        @Override
        public long word() {
            return kind == Kind.GOTOL ? pack(opcode, 0, 0, 0, delta) : pack(opcode, 0, 0, delta, 0);
        }

        @Override
        public OptionalInt jumpTarget(int index) {
            return OptionalInt.of(index + delta + 1);
        }

        /** may_goto branches or falls through; goto and gotol never fall through. */
        @Override
        public boolean fallsThrough() {
            return kind == Kind.MAY_GOTO;
        }
    }

    /**
     * Call. HELPER: {@code imm} is the helper id; SUBPROG (BPF_PSEUDO_CALL): {@code imm} is
     * relative to the next slot; KFUNC: {@code imm} is a BTF id and {@code off} selects the BTF.
     */
    record Call(int opcode, Kind kind, int imm, int off) implements Insn {
        /** The src_reg field: 0 helper, 1 bpf-to-bpf call, 2 kfunc. */
        public enum Kind {
            HELPER, SUBPROG, KFUNC;

            public int src() {
                return ordinal();
            }
        }

        @Override
        public long word() {
            return pack(opcode, 0, kind.src(), off, imm);
        }

        @Override
        public OptionalInt jumpTarget(int index) {
            return kind == Kind.SUBPROG ? OptionalInt.of(index + imm + 1) : OptionalInt.empty();
        }

        @Override
        public int readsRegisters() {
            return Op.ARGS;
        }

        @Override
        public int writesRegisters() {
            return Op.reg(0) | Op.ARGS;
        }
    }

    /** Return r0 to the caller. The kernel does not check {@code off}, so it is kept. */
    record Exit(int opcode, int off) implements Insn {
        @Override
        public long word() {
            return pack(opcode, 0, 0, off, 0);
        }

        @Override
        public boolean fallsThrough() {
            return false;
        }

        @Override
        public int readsRegisters() {
            return Op.reg(0);
        }
    }
}
