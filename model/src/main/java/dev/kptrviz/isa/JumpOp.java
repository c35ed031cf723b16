package dev.kptrviz.isa;

/** Conditional jump comparisons of the JMP and JMP32 classes (JA, CALL, EXIT and JCOND are other kinds). */
public enum JumpOp {
    JEQ(0x10, "=="),
    JGT(0x20, ">"),
    JGE(0x30, ">="),
    JSET(0x40, "&"),
    JNE(0x50, "!="),
    JSGT(0x60, "s>"),
    JSGE(0x70, "s>="),
    JLT(0xa0, "<"),
    JLE(0xb0, "<="),
    JSLT(0xc0, "s<"),
    JSLE(0xd0, "s<=");

    private final int bits;
    private final String operator;

    JumpOp(int bits, String operator) {
        this.bits = bits;
        this.operator = operator;
    }

    /** The operation field (bits 0xf0) of the opcode byte. */
    public int bits() {
        return bits;
    }

    /** The comparison the kernel's disassembler prints, e.g. {@code s<=}. */
    public String operator() {
        return operator;
    }

    /** True for the signed comparisons JSGT, JSGE, JSLT, JSLE. */
    public boolean signed() {
        return operator.startsWith("s");
    }

    static JumpOp ofBits(int bits) {
        for (JumpOp op : values()) {
            if (op.bits == bits) {
                return op;
            }
        }
        return null;
    }
}
