package dev.kptrviz.isa;

import dev.kptrviz.LoadException;
import dev.kptrviz.io.ByteView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static dev.kptrviz.isa.Bytes.AT;
import static dev.kptrviz.isa.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every instruction kind decoded from hand-built bytes, and re-encoded to the same bytes. */
class DecoderTest {

    static Stream<Arguments> kinds() {
        return Stream.of(
                // ALU / ALU64
                Arguments.of("07 01 00 00 08 00 00 00", new Insn.Alu(0x07, AluOp.ADD, 1, 0, 0, 8)),
                Arguments.of("1c 21 00 00 00 00 00 00", new Insn.Alu(0x1c, AluOp.SUB, 1, 2, 0, 0)),
                Arguments.of("27 03 00 00 fd ff ff ff", new Insn.Alu(0x27, AluOp.MUL, 3, 0, 0, -3)),
                Arguments.of("3f 21 00 00 00 00 00 00", new Insn.Alu(0x3f, AluOp.DIV, 1, 2, 0, 0)),
                Arguments.of("3f 21 01 00 00 00 00 00", new Insn.Alu(0x3f, AluOp.SDIV, 1, 2, 1, 0)),
                Arguments.of("34 01 01 00 07 00 00 00", new Insn.Alu(0x34, AluOp.SDIV, 1, 0, 1, 7)),
                Arguments.of("4f 21 00 00 00 00 00 00", new Insn.Alu(0x4f, AluOp.OR, 1, 2, 0, 0)),
                Arguments.of("57 01 00 00 ff 00 00 00", new Insn.Alu(0x57, AluOp.AND, 1, 0, 0, 255)),
                Arguments.of("67 01 00 00 20 00 00 00", new Insn.Alu(0x67, AluOp.LSH, 1, 0, 0, 32)),
                Arguments.of("7c 21 00 00 00 00 00 00", new Insn.Alu(0x7c, AluOp.RSH, 1, 2, 0, 0)),
                Arguments.of("87 05 00 00 00 00 00 00", new Insn.Alu(0x87, AluOp.NEG, 5, 0, 0, 0)),
                Arguments.of("84 05 00 00 00 00 00 00", new Insn.Alu(0x84, AluOp.NEG, 5, 0, 0, 0)),
                Arguments.of("9f 21 00 00 00 00 00 00", new Insn.Alu(0x9f, AluOp.MOD, 1, 2, 0, 0)),
                Arguments.of("97 01 01 00 03 00 00 00", new Insn.Alu(0x97, AluOp.SMOD, 1, 0, 1, 3)),
                Arguments.of("af 21 00 00 00 00 00 00", new Insn.Alu(0xaf, AluOp.XOR, 1, 2, 0, 0)),
                Arguments.of("b7 01 00 00 ff ff ff ff", new Insn.Alu(0xb7, AluOp.MOV, 1, 0, 0, -1)),
                Arguments.of("bc 21 00 00 00 00 00 00", new Insn.Alu(0xbc, AluOp.MOV, 1, 2, 0, 0)),
                Arguments.of("bf 21 08 00 00 00 00 00", new Insn.Alu(0xbf, AluOp.MOVSX, 1, 2, 8, 0)),
                Arguments.of("bf 21 20 00 00 00 00 00", new Insn.Alu(0xbf, AluOp.MOVSX, 1, 2, 32, 0)),
                Arguments.of("bc 21 10 00 00 00 00 00", new Insn.Alu(0xbc, AluOp.MOVSX, 1, 2, 16, 0)),
                Arguments.of("c7 01 00 00 03 00 00 00", new Insn.Alu(0xc7, AluOp.ARSH, 1, 0, 0, 3)),
                // END and bswap
                Arguments.of("d4 01 00 00 10 00 00 00", new Insn.Endian(0xd4, Insn.Endian.Kind.TO_LE, 1, 16)),
                Arguments.of("dc 01 00 00 20 00 00 00", new Insn.Endian(0xdc, Insn.Endian.Kind.TO_BE, 1, 32)),
                Arguments.of("d7 01 00 00 40 00 00 00", new Insn.Endian(0xd7, Insn.Endian.Kind.BSWAP, 1, 64)),
                // addr_space_cast
                Arguments.of("bf 21 01 00 01 00 00 00", new Insn.AddrSpaceCast(0xbf, 1, 2, 1)),
                // LDX MEM / MEMSX
                Arguments.of("79 a1 f8 ff 00 00 00 00", new Insn.Load(0x79, Size.DW, false, 1, 10, -8)),
                Arguments.of("61 12 04 00 00 00 00 00", new Insn.Load(0x61, Size.W, false, 2, 1, 4)),
                Arguments.of("91 21 00 00 00 00 00 00", new Insn.Load(0x91, Size.B, true, 1, 2, 0)),
                Arguments.of("89 21 02 00 00 00 00 00", new Insn.Load(0x89, Size.H, true, 1, 2, 2)),
                Arguments.of("81 21 fc ff 00 00 00 00", new Insn.Load(0x81, Size.W, true, 1, 2, -4)),
                // STX MEM / ST MEM
                Arguments.of("7b 1a f8 ff 00 00 00 00", new Insn.Store(0x7b, Size.DW, 10, 1, -8, 0)),
                Arguments.of("62 0a fc ff 00 00 00 00", new Insn.Store(0x62, Size.W, 10, 0, -4, 0)),
                Arguments.of("72 0a ff ff 2a 00 00 00", new Insn.Store(0x72, Size.B, 10, 0, -1, 42)),
                // atomics
                Arguments.of("db 21 00 00 00 00 00 00", new Insn.Atomic(0xdb, AtomicOp.ADD, Size.DW, 1, 2, 0)),
                Arguments.of("c3 21 08 00 50 00 00 00", new Insn.Atomic(0xc3, AtomicOp.AND, Size.W, 1, 2, 8)),
                Arguments.of("db 21 00 00 41 00 00 00", new Insn.Atomic(0xdb, AtomicOp.FETCH_OR, Size.DW, 1, 2, 0)),
                Arguments.of("db 21 00 00 e1 00 00 00", new Insn.Atomic(0xdb, AtomicOp.XCHG, Size.DW, 1, 2, 0)),
                Arguments.of("c3 21 00 00 f1 00 00 00", new Insn.Atomic(0xc3, AtomicOp.CMPXCHG, Size.W, 1, 2, 0)),
                Arguments.of("d3 10 00 00 00 01 00 00", new Insn.Atomic(0xd3, AtomicOp.LOAD_ACQUIRE, Size.B, 0, 1, 0)),
                Arguments.of("cb 21 00 00 10 01 00 00", new Insn.Atomic(0xcb, AtomicOp.STORE_RELEASE, Size.H, 1, 2, 0)),
                // legacy packet loads
                Arguments.of("30 00 00 00 0c 00 00 00", new Insn.LegacyPacketLoad(0x30, Size.B, false, 0, 12)),
                Arguments.of("48 30 00 00 04 00 00 00", new Insn.LegacyPacketLoad(0x48, Size.H, true, 3, 4)),
                // conditional jumps, JMP and JMP32, immediate and register
                Arguments.of("15 00 05 00 00 00 00 00", new Insn.Jump(0x15, JumpOp.JEQ, 0, 0, 5, 0)),
                Arguments.of("5d 21 fd ff 00 00 00 00", new Insn.Jump(0x5d, JumpOp.JNE, 1, 2, -3, 0)),
                Arguments.of("26 01 02 00 03 00 00 00", new Insn.Jump(0x26, JumpOp.JGT, 1, 0, 2, 3)),
                Arguments.of("de 21 01 00 00 00 00 00", new Insn.Jump(0xde, JumpOp.JSLE, 1, 2, 1, 0)),
                Arguments.of("45 01 00 00 08 00 00 00", new Insn.Jump(0x45, JumpOp.JSET, 1, 0, 0, 8)),
                // goto, gotol, may_goto
                Arguments.of("05 00 01 00 00 00 00 00", new Insn.Goto(0x05, Insn.Goto.Kind.GOTO, 1)),
                Arguments.of("06 00 00 00 fe ff ff ff", new Insn.Goto(0x06, Insn.Goto.Kind.GOTOL, -2)),
                Arguments.of("e5 00 02 00 00 00 00 00", new Insn.Goto(0xe5, Insn.Goto.Kind.MAY_GOTO, 2)),
                // calls: helper, bpf-to-bpf, kfunc (clang's unrelocated -1 / 0, and a module BTF off)
                Arguments.of("85 00 00 00 5d 00 00 00", new Insn.Call(0x85, Insn.Call.Kind.HELPER, 93, 0)),
                Arguments.of("85 10 00 00 ff ff ff ff", new Insn.Call(0x85, Insn.Call.Kind.SUBPROG, -1, 0)),
                Arguments.of("85 10 00 00 e8 03 00 00", new Insn.Call(0x85, Insn.Call.Kind.SUBPROG, 1000, 0)),
                Arguments.of("85 20 00 00 ff ff ff ff", new Insn.Call(0x85, Insn.Call.Kind.KFUNC, -1, 0)),
                Arguments.of("85 20 02 00 39 30 00 00", new Insn.Call(0x85, Insn.Call.Kind.KFUNC, 12345, 2)),
                // exit (the kernel does not check off)
                Arguments.of("95 00 00 00 00 00 00 00", new Insn.Exit(0x95, 0)),
                Arguments.of("95 00 07 00 00 00 00 00", new Insn.Exit(0x95, 7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void decodesAndReEncodes(String bytes, Insn expected) throws LoadException {
        byte[] raw = hex(bytes);
        List<Insn> insns = Decoder.decode(Bytes.framed(raw), "tc");
        assertEquals(expected, insns.get(AT));
        assertEquals(Bytes.word(raw), insns.get(AT).word(), "word() gives back the decoded bytes");
        assertEquals(1, insns.get(AT).slots());
    }

    @Test
    void ldImm64TakesTwoSlotsAndJumpTargetsIndexTheList() throws LoadException {
        // 0: if r1 == 0x0 goto pc+2   1-2: r1 = 0x9abcdef012345678   3: exit
        byte[] text = hex("15 01 02 00 00 00 00 00"
                + " 18 01 00 00 78 56 34 12  00 00 00 00 f0 de bc 9a"
                + " 95 00 00 00 00 00 00 00");
        List<Insn> insns = Decoder.decode(text, "tc");
        assertEquals(4, insns.size());
        Insn.LdImm64 ld = assertInstanceOf(Insn.LdImm64.class, insns.get(1));
        assertEquals(Insn.LdImm64.Kind.PLAIN, ld.kind());
        assertEquals(0x9abcdef012345678L, ld.value());
        assertEquals(2, ld.slots());
        assertEquals(new Insn.LdImm64Tail(0x9abcdef0), insns.get(2));
        assertEquals(0, insns.get(2).slots());
        assertEquals(Bytes.word(hex("00 00 00 00 f0 de bc 9a")), ld.secondWord());
        assertEquals(OptionalInt.of(3), insns.get(0).jumpTarget(0));
        assertInstanceOf(Insn.Exit.class, insns.get(insns.get(0).jumpTarget(0).getAsInt()));
        assertEquals(insns.size(), insns.stream().mapToInt(Insn::slots).sum());
    }

    @Test
    void ldImm64PseudoKindsAndClangPlaceholders() throws LoadException {
        // clang leaves globals as src 0, imm 0 with a relocation; libbpf-style kinds use src_reg 1..6
        for (int kind = 0; kind <= 6; kind++) {
            long first = Insn.pack(0x18, 1, kind, 0, kind == 0 ? 0 : 7);
            List<Insn> insns = Decoder.decode(Bytes.words(first, 0, Bytes.EXIT), "prog");
            Insn.LdImm64 ld = assertInstanceOf(Insn.LdImm64.class, insns.get(0));
            assertEquals(kind, ld.kind().src());
            assertEquals(first, ld.word());
        }
    }

    @Test
    void pseudoCallTargetsAreLeftToTheLoader() throws LoadException {
        // call pc+1000 in a 2-slot section: out of range, but only relocation makes it meaningful
        List<Insn> insns = Decoder.decode(hex("85 10 00 00 e8 03 00 00 95 00 00 00 00 00 00 00"), ".text");
        assertEquals(OptionalInt.of(1001), insns.get(0).jumpTarget(0));
    }

    @Test
    void byteViewOverloadDecodesTheWindow() throws LoadException {
        ByteView view = new ByteView(Bytes.words(Bytes.MOV_R0_0, Bytes.EXIT), "xdp");
        List<Insn> insns = Decoder.decode(view, "xdp");
        assertEquals(List.of(new Insn.Alu(0xb7, AluOp.MOV, 0, 0, 0, 0), new Insn.Exit(0x95, 0)), insns);
    }

    @Test
    void emptySectionDecodesToNothing() throws LoadException {
        assertTrue(Decoder.decode(new byte[0], "empty").isEmpty());
    }

    @Test
    void resultIsUnmodifiable() throws LoadException {
        List<Insn> insns = Decoder.decode(Bytes.words(Bytes.EXIT), "tc");
        assertThrows(UnsupportedOperationException.class, () -> insns.add(insns.get(0)));
    }

    @Test
    void registerMasksAndControlFlow() throws LoadException {
        List<Insn> insns = Decoder.decode(hex(
                "0f 21 00 00 00 00 00 00"     // r1 += r2
                        + " bf 31 00 00 00 00 00 00"  // r1 = r3
                        + " db 21 00 00 f1 00 00 00"  // r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)
                        + " db 21 00 00 01 00 00 00"  // r2 = atomic64_fetch_add(...)
                        + " 85 00 00 00 01 00 00 00"  // call bpf_map_lookup_elem#1
                        + " 05 00 00 00 00 00 00 00"  // goto pc+0
                        + " e5 00 00 00 00 00 00 00"  // may_goto pc+0
                        + " 95 00 00 00 00 00 00 00"), "tc");
        assertEquals(0b110, insns.get(0).readsRegisters());
        assertEquals(0b10, insns.get(0).writesRegisters());
        assertEquals(0b1000, insns.get(1).readsRegisters());
        assertEquals(0b111, insns.get(2).readsRegisters());
        assertEquals(0b1, insns.get(2).writesRegisters());
        assertEquals(0b100, insns.get(3).writesRegisters());
        assertEquals(0b111110, insns.get(4).readsRegisters());
        assertEquals(0b111111, insns.get(4).writesRegisters());
        assertFalse(insns.get(5).fallsThrough());
        assertTrue(insns.get(6).fallsThrough());
        assertFalse(insns.get(7).fallsThrough());
        assertEquals(0b1, insns.get(7).readsRegisters());
        assertEquals(OptionalInt.empty(), insns.get(4).jumpTarget(4));
        assertEquals(OptionalInt.of(6), insns.get(5).jumpTarget(5));
    }

    @Test
    void accessorsDeriveFromTheOpcode() throws LoadException {
        List<Insn> insns = Decoder.decode(Bytes.framed(hex("bc 21 08 00 00 00 00 00")), "tc");
        Insn.Alu movsx = assertInstanceOf(Insn.Alu.class, insns.get(AT));
        assertFalse(movsx.is64());
        assertTrue(movsx.usesRegister());
        assertEquals(8, movsx.movsxWidth());
        Insn.AddrSpaceCast cast = new Insn.AddrSpaceCast(0xbf, 1, 2, 1 << 16);
        assertEquals(1, cast.dstAddressSpace());
        assertEquals(0, cast.srcAddressSpace());
        Insn.Jump j = new Insn.Jump(0x2e, JumpOp.JGT, 1, 2, 0, 0);
        assertTrue(j.is32());
        assertTrue(j.usesRegister());
        assertTrue(JumpOp.JSGE.signed());
        assertFalse(new Insn.Store(0x62, Size.W, 10, 0, -4, 0).fromRegister());
    }
}
