package dev.kptrviz.isa;

/**
 * Arithmetic operations of the ALU and ALU64 classes. {@link #SDIV}, {@link #SMOD} and
 * {@link #MOVSX} share the opcode bits of DIV, MOD and MOV and are told apart by the
 * instruction's {@code off} field (1 for the signed division/modulo, 8/16/32 for MOVSX).
 * Byte swaps (END) and address-space casts are separate instruction kinds.
 */
public enum AluOp {
    ADD(0x00, "+="),
    SUB(0x10, "-="),
    MUL(0x20, "*="),
    DIV(0x30, "/="),
    SDIV(0x30, "s/="),
    OR(0x40, "|="),
    AND(0x50, "&="),
    LSH(0x60, "<<="),
    RSH(0x70, ">>="),
    NEG(0x80, "neg"),
    MOD(0x90, "%="),
    SMOD(0x90, "s%="),
    XOR(0xa0, "^="),
    MOV(0xb0, "="),
    MOVSX(0xb0, "="),
    ARSH(0xc0, "s>>=");

    private final int bits;
    private final String operator;

    AluOp(int bits, String operator) {
        this.bits = bits;
        this.operator = operator;
    }

    /** The operation field (bits 0xf0) of the opcode byte. */
    public int bits() {
        return bits;
    }

    /** The compound-assignment operator the kernel's disassembler prints, e.g. {@code s>>=}. */
    public String operator() {
        return operator;
    }
}
