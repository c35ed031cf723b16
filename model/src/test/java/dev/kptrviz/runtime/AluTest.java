package dev.kptrviz.runtime;

import dev.kptrviz.LoadException;
import org.junit.jupiter.api.Test;

import static dev.kptrviz.runtime.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ALU and jump edge cases on real instruction encodings, against the kernel interpreter's rules
 * (kernel/bpf/core.c plus the verifier's div/mod rewrites; facts also pinned by the kernel's
 * verifier_sdiv / verifier_movsx / verifier_bswap selftests).
 */
class AluTest {
    private static final long INT_MIN_U32 = 0x80000000L;

    @Test
    void unsignedDivisionByZeroGivesZero() throws LoadException {
        assertEquals(0, r0(alu64(MOV, 0, 5), alu64(MOV, 1, 0), alu64x(DIV, 0, 1), EXIT));
        assertEquals(0, r0(alu64(MOV, 0, 5), alu64(MOV, 1, 0), alu32x(DIV, 0, 1), EXIT));
    }

    @Test
    void moduloByZeroKeepsTheDividend64AndZeroExtends32() throws LoadException {
        assertEquals(-7, r0(alu64(MOV, 0, -7), alu64(MOV, 1, 0), alu64x(MOD, 0, 1), EXIT));
        assertEquals(0xffffffffL, r0(alu64(MOV, 0, -1), alu64(MOV, 1, 0), alu32x(MOD, 0, 1), EXIT));
    }

    @Test
    void divisionIsUnsignedWithSignExtendedImmediates() throws LoadException {
        assertEquals(Long.MAX_VALUE, r0(alu64(MOV, 0, -1), alu64(DIV, 0, 2), EXIT));
        // 64-bit imm -1 is 2^64-1: 5 / (2^64-1) = 0
        assertEquals(0, r0(alu64(MOV, 0, 5), alu64(DIV, 0, -1), EXIT));
        assertEquals(0x7fffffffL, r0(alu64(MOV, 0, -1), alu32(DIV, 0, 2), EXIT));
        assertEquals(1, r0(alu64(MOV, 0, -1), alu64(MOD, 0, 7), EXIT)); // (2^64-1) mod 7, unsigned
    }

    private static long sdiv64(int dst, int src) {
        return w(ALU64 | X | DIV, dst, src, 1, 0);
    }

    private static long smod64(int dst, int src) {
        return w(ALU64 | X | MOD, dst, src, 1, 0);
    }

    private static long sdiv32(int dst, int src) {
        return w(ALU | X | DIV, dst, src, 1, 0);
    }

    private static long smod32(int dst, int src) {
        return w(ALU | X | MOD, dst, src, 1, 0);
    }

    @Test
    void signedDivisionAndModulo() throws LoadException {
        assertEquals(-3, r0(alu64(MOV, 0, -7), alu64(MOV, 1, 2), sdiv64(0, 1), EXIT));
        assertEquals(-1, r0(alu64(MOV, 0, -7), alu64(MOV, 1, 2), smod64(0, 1), EXIT));
        assertEquals(1, r0(alu64(MOV, 0, 7), alu64(MOV, 1, -2), smod64(0, 1), EXIT));
        assertEquals(-20 & 0xffffffffL, r0(alu32(MOV, 0, -41), alu32(MOV, 1, 2), sdiv32(0, 1), EXIT));
        // immediate form: w0 s/= -2
        assertEquals(20, r0(alu32(MOV, 0, -41), w(ALU | DIV, 0, 0, 1, -2), EXIT));
    }

    @Test
    void signedDivisionByZeroAndByMinusOne() throws LoadException {
        assertEquals(0, r0(alu64(MOV, 0, -1), alu64(MOV, 1, 0), sdiv64(0, 1), EXIT));
        assertEquals(-1, r0(alu64(MOV, 0, -1), alu64(MOV, 1, 0), smod64(0, 1), EXIT));
        assertEquals(0, r0(alu32(MOV, 0, -1), alu32(MOV, 1, 0), sdiv32(0, 1), EXIT));
        assertEquals(0xffffffffL, r0(alu32(MOV, 0, -1), alu32(MOV, 1, 0), smod32(0, 1), EXIT));
        assertEquals(Long.MIN_VALUE, r0(ld64(0, Long.MIN_VALUE), alu64(MOV, 1, -1), sdiv64(0, 1), EXIT));
        assertEquals(0, r0(ld64(0, Long.MIN_VALUE), alu64(MOV, 1, -1), smod64(0, 1), EXIT));
        assertEquals(INT_MIN_U32, r0(alu32(MOV, 0, Integer.MIN_VALUE), alu32(MOV, 1, -1), sdiv32(0, 1), EXIT));
        assertEquals(0, r0(alu32(MOV, 0, Integer.MIN_VALUE), alu32(MOV, 1, -1), smod32(0, 1), EXIT));
        assertEquals(-5, r0(alu64(MOV, 0, 5), w(ALU64 | DIV, 0, 0, 1, -1), EXIT));
    }

    @Test
    void registerShiftsUseOnlyTheLowBitsOfTheAmount() throws LoadException {
        assertEquals(2, r0(alu64(MOV, 0, 1), alu64(MOV, 1, 65), alu64x(LSH, 0, 1), EXIT));
        assertEquals(2, r0(alu64(MOV, 0, 1), alu64(MOV, 1, 33), alu32x(LSH, 0, 1), EXIT));
        assertEquals(0x0fffffffffffffffL, r0(alu64(MOV, 0, -1), alu64(MOV, 1, 68), alu64x(RSH, 0, 1), EXIT));
        assertEquals(0x0fffffffL, r0(alu64(MOV, 0, -1), alu64(MOV, 1, 36), alu32x(RSH, 0, 1), EXIT));
        assertEquals(-4, r0(alu64(MOV, 0, -16), alu64(MOV, 1, 66), alu64x(ARSH, 0, 1), EXIT));
        assertEquals(0xf8000000L, r0(alu32(MOV, 0, Integer.MIN_VALUE), alu32(ARSH, 0, 4), EXIT));
        assertEquals(0xfffffffcL, r0(alu32(MOV, 0, -16), alu64(MOV, 1, 34), alu32x(ARSH, 0, 1), EXIT));
    }

    @Test
    void thirtyTwoBitOperationsZeroExtend() throws LoadException {
        assertEquals(0, r0(alu64(MOV, 0, -1), alu32(ADD, 0, 1), EXIT));
        assertEquals(0xffffffffL, r0(alu64(MOV, 0, -1), alu32x(MOV, 0, 0), EXIT));
        assertEquals(0xffffffffL, r0(alu32(MOV, 0, -1), EXIT));
        assertEquals(0xffffffffL, r0(alu32(MOV, 0, 1), alu32(NEG, 0, 0), EXIT));
        assertEquals(-1, r0(alu64(MOV, 0, 1), alu64(NEG, 0, 0), EXIT));
        assertEquals(0, r0(alu32(MOV, 0, 0x10000), alu32(MUL, 0, 0x10000), EXIT));
        assertEquals(0xffffffffL, r0(alu64(MOV, 0, 0), alu32(OR, 0, -1), EXIT));
        assertEquals(-1, r0(alu64(MOV, 0, 0), alu64(OR, 0, -1), EXIT));
        assertEquals(0xfffffffeL, r0(alu64(MOV, 0, -1), alu32(XOR, 0, 1), EXIT));
        assertEquals(0xffffffffL, r0(alu64(MOV, 0, 0), alu32(SUB, 0, 1), EXIT));
        assertEquals(0x1_0000_0000L, r0(alu64(MOV, 0, 0x10000), alu64(MUL, 0, 0x10000), EXIT));
    }

    private static long movsx(boolean wide, int dst, int src, int width) {
        return w((wide ? ALU64 : ALU) | X | MOV, dst, src, width, 0);
    }

    @Test
    void movsxSignExtends() throws LoadException {
        assertEquals(-128, r0(alu64(MOV, 1, 0x80), movsx(true, 0, 1, 8), EXIT));
        assertEquals(-32768, r0(alu64(MOV, 1, 0x8000), movsx(true, 0, 1, 16), EXIT));
        assertEquals(Integer.MIN_VALUE, r0(alu32(MOV, 1, Integer.MIN_VALUE), movsx(true, 0, 1, 32), EXIT));
        assertEquals(0xffff8000L, r0(alu64(MOV, 1, 0x8000), movsx(false, 0, 1, 16), EXIT));
        assertEquals(0xffffff80L, r0(alu64(MOV, 1, 0x180), movsx(false, 0, 1, 8), EXIT));
        assertEquals(0x7f, r0(alu64(MOV, 1, 0x17f), movsx(true, 0, 1, 8), EXIT));
    }

    @Test
    void memsxLoadsSignExtendAndPlainLoadsZeroExtend() throws LoadException {
        long st = w(0x7a, 10, 0, -8, 0x8001ff80); // *(u64 *)(r10 -8) = 0xffffffff8001ff80 (imm sign-extended)
        assertEquals(-128, r0(st, w(0x91, 0, 10, -8, 0), EXIT));       // r0 = *(s8 *)(r10 -8)
        assertEquals(0x80, r0(st, w(0x71, 0, 10, -8, 0), EXIT));       // r0 = *(u8 *)(r10 -8)
        assertEquals(-128 & 0xffff | ~0xffffL, r0(st, w(0x89, 0, 10, -8, 0), EXIT)); // s16 of 0xff80
        assertEquals(0xff80, r0(st, w(0x69, 0, 10, -8, 0), EXIT));     // u16
        assertEquals(0xffffffff8001ff80L, r0(st, w(0x81, 0, 10, -8, 0), EXIT)); // s32
        assertEquals(0x8001ff80L, r0(st, w(0x61, 0, 10, -8, 0), EXIT)); // u32
        assertEquals(0xffffffff8001ff80L, r0(st, w(0x79, 0, 10, -8, 0), EXIT)); // u64
        assertEquals(-1, r0(st, w(0x91, 0, 10, -4, 0), EXIT));         // s8 of byte 4 (0xff)
    }

    @Test
    void byteOrderConversions() throws LoadException {
        long[] v = ld64(0, 0x0123456789abcdefL);
        assertEquals(0xefcdL, r0(v, w(0xdc, 0, 0, 0, 16), EXIT));               // be16
        assertEquals(0xefcdab89L, r0(v, w(0xdc, 0, 0, 0, 32), EXIT));           // be32
        assertEquals(0xefcdab8967452301L, r0(v, w(0xdc, 0, 0, 0, 64), EXIT));   // be64
        assertEquals(0xcdefL, r0(v, w(0xd4, 0, 0, 0, 16), EXIT));               // le16
        assertEquals(0x89abcdefL, r0(v, w(0xd4, 0, 0, 0, 32), EXIT));           // le32
        assertEquals(0x0123456789abcdefL, r0(v, w(0xd4, 0, 0, 0, 64), EXIT));   // le64
        assertEquals(0xefcdL, r0(v, w(0xd7, 0, 0, 0, 16), EXIT));               // bswap16
        assertEquals(0xefcdab89L, r0(v, w(0xd7, 0, 0, 0, 32), EXIT));           // bswap32
        assertEquals(0xefcdab8967452301L, r0(v, w(0xd7, 0, 0, 0, 64), EXIT));   // bswap64
    }

    /** r0 = 1 if {@code cond} jumps, else 0. */
    private static long taken(Object setup, long cond) throws LoadException {
        return r0(setup, alu64(MOV, 0, 1), cond, alu64(MOV, 0, 0), EXIT);
    }

    private static long j(int cls, int op, int dst, int imm) {
        return w(cls | op, dst, 0, 1, imm);
    }

    private static long jx(int cls, int op, int dst, int src) {
        return w(cls | X | op, dst, src, 1, 0);
    }

    @Test
    void jumpsCompareSignedUnsignedAndThirtyTwoBit() throws LoadException {
        Object big = ld64(1, 0x1_0000_0000L);
        assertEquals(1, taken(big, j(JMP32, JEQ, 1, 0)));      // w1 == 0
        assertEquals(0, taken(big, j(JMP, JEQ, 1, 0)));        // r1 != 0
        assertEquals(1, taken(big, j(JMP, JNE, 1, 0)));
        Object minus1 = alu64(MOV, 1, -1);
        assertEquals(1, taken(minus1, j(JMP, JSLT, 1, 0)));    // -1 s< 0
        assertEquals(0, taken(minus1, j(JMP, JLT, 1, 0)));     // 2^64-1 < 0 unsigned: no
        assertEquals(1, taken(minus1, j(JMP, JGT, 1, 5)));     // unsigned huge > 5
        assertEquals(1, taken(minus1, j(JMP, JEQ, 1, -1)));    // imm sign-extended
        assertEquals(0, taken(minus1, j(JMP, JSGT, 1, 0)));
        assertEquals(1, taken(minus1, j(JMP, JSLE, 1, -1)));
        assertEquals(1, taken(minus1, j(JMP, JSGE, 1, -1)));
        assertEquals(1, taken(minus1, j(JMP, JLE, 1, -1)));
        assertEquals(1, taken(minus1, j(JMP, JGE, 1, 0)));
        Object u32max = alu32(MOV, 1, -1);                     // r1 = 0xffffffff (positive in 64 bits)
        assertEquals(1, taken(u32max, j(JMP32, JSLT, 1, 0)));  // w1 s< 0
        assertEquals(0, taken(u32max, j(JMP, JSLT, 1, 0)));    // r1 s< 0: no
        assertEquals(1, taken(u32max, j(JMP32, JGT, 1, 5)));
        assertEquals(1, taken(u32max, j(JMP32, JSLE, 1, -1)));
        assertEquals(0, taken(u32max, j(JMP32, JSGT, 1, -1)));
        assertEquals(1, taken(u32max, j(JMP32, JGE, 1, -1)));
        assertEquals(0, taken(u32max, j(JMP32, JLT, 1, -1)));
        assertEquals(1, taken(u32max, j(JMP32, JLE, 1, -1)));
        assertEquals(1, taken(u32max, j(JMP32, JSGE, 1, -1)));
        assertEquals(1, taken(u32max, j(JMP, JSET, 1, 0x100)));
        assertEquals(0, taken(u32max, j(JMP, JSET, 1, 0)));
        assertEquals(1, taken(big, j(JMP, JSET, 1, -1)));      // imm -1 is all ones in 64 bits
        assertEquals(0, taken(big, j(JMP32, JSET, 1, -1)));    // the low half is 0
        Object two = new long[]{alu64(MOV, 1, -2), alu64(MOV, 2, 3)};
        assertEquals(1, taken(two, jx(JMP, JSLT, 1, 2)));
        assertEquals(0, taken(two, jx(JMP, JLT, 1, 2)));
        assertEquals(1, taken(two, jx(JMP32, JGT, 1, 2)));
        assertEquals(1, taken(two, jx(JMP32, JNE, 1, 2)));
        assertEquals(0, taken(two, jx(JMP32, JEQ, 1, 2)));
        assertEquals(1, taken(two, jx(JMP, JSET, 1, 2)));
    }

    @Test
    void operationNumbersMatchTheEnums() {
        for (dev.kptrviz.isa.AluOp op : dev.kptrviz.isa.AluOp.values()) {
            assertEquals(op.ordinal() * 4, Code.aluOp(op, true, false), op.name());
        }
        String[] aluOrder = {"ADD", "SUB", "MUL", "DIV", "SDIV", "OR", "AND", "LSH", "RSH", "NEG", "MOD", "SMOD",
            "XOR", "MOV", "MOVSX", "ARSH"};
        for (int i = 0; i < aluOrder.length; i++) {
            assertEquals(aluOrder[i], dev.kptrviz.isa.AluOp.values()[i].name(), "the interpreter's inline cases");
        }
        String[] jmpOrder = {"JEQ", "JGT", "JGE", "JSET", "JNE", "JSGT", "JSGE", "JLT", "JLE", "JSLT", "JSLE"};
        for (int i = 0; i < jmpOrder.length; i++) {
            assertEquals(jmpOrder[i], dev.kptrviz.isa.JumpOp.values()[i].name(), "the interpreter's inline cases");
        }
    }
}
