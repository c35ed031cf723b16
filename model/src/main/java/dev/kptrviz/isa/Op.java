package dev.kptrviz.isa;

/** Opcode field values from RFC 9669 (package-private shorthand for the decoder and records). */
final class Op {
    private Op() {
    }

    // classes (bits 0x07)
    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int ST = 0x02;
    static final int STX = 0x03;
    static final int ALU = 0x04;
    static final int JMP = 0x05;
    static final int JMP32 = 0x06;
    static final int ALU64 = 0x07;

    // source bit of ALU/JMP opcodes; for END it selects to-big-endian
    static final int X = 0x08;

    // load/store modes (bits 0xe0)
    static final int IMM = 0x00;
    static final int ABS = 0x20;
    static final int IND = 0x40;
    static final int MEM = 0x60;
    static final int MEMSX = 0x80;
    static final int ATOMIC = 0xc0;

    // ALU ops that are not AluOp arithmetic, and JMP ops that are not comparisons
    static final int NEG = 0x80;
    static final int MOV = 0xb0;
    static final int END = 0xd0;
    static final int JA = 0x00;
    static final int CALL = 0x80;
    static final int EXIT = 0x90;
    static final int JCOND = 0xe0;

    static final int LD_IMM64 = LD | IMM | 0x18;
    /** r10, the read-only frame pointer. */
    static final int FP = 10;

    static int cls(int code) {
        return code & 0x07;
    }

    static int reg(int r) {
        return 1 << r;
    }

    /** r1..r5, the argument / caller-saved registers. */
    static final int ARGS = 0x3e;
}
