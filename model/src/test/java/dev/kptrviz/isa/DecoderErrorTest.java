package dev.kptrviz.isa;

import dev.kptrviz.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.kptrviz.isa.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each invalid encoding is refused with a LoadException naming the section, slot and byte offset,
 * the problem and the opcode byte. The bad instruction sits at slot 17 (offset 0x88), after 17
 * {@code r0 = 0} and before an exit.
 */
class DecoderErrorTest {

    static Stream<Arguments> badSingleSlots() {
        return Stream.of(
                // unknown class/op/mode/size combinations (kernel: "unknown opcode XX")
                Arguments.of("00 00 00 00 00 00 00 00", "unknown opcode", 0x00),
                Arguments.of("e7 01 00 00 00 00 00 00", "unknown opcode", 0xe7),
                Arguments.of("df 01 00 00 10 00 00 00", "unknown opcode", 0xdf),
                Arguments.of("8f 21 00 00 00 00 00 00", "unknown opcode", 0x8f),
                Arguments.of("8d 01 00 00 00 00 00 00", "unknown opcode", 0x8d),
                Arguments.of("86 00 00 00 01 00 00 00", "unknown opcode", 0x86),
                Arguments.of("96 00 00 00 00 00 00 00", "unknown opcode", 0x96),
                Arguments.of("0d 00 01 00 00 00 00 00", "unknown opcode", 0x0d),
                Arguments.of("e6 00 01 00 00 00 00 00", "unknown opcode", 0xe6),
                Arguments.of("f5 01 00 00 00 00 00 00", "unknown opcode", 0xf5),
                Arguments.of("99 21 00 00 00 00 00 00", "unknown opcode", 0x99),
                Arguments.of("38 00 00 00 00 00 00 00", "unknown opcode", 0x38),
                Arguments.of("c2 0a 00 00 00 00 00 00", "unknown opcode", 0xc2),
                Arguments.of("e3 21 00 00 00 00 00 00", "unknown opcode", 0xe3),
                // reserved fields (kernel: "BPF_xxx uses reserved fields")
                Arguments.of("07 21 00 00 01 00 00 00", "reserved field src_reg = 2", 0x07),
                Arguments.of("0f 21 00 00 01 00 00 00", "reserved field imm = 1", 0x0f),
                Arguments.of("0f 21 01 00 00 00 00 00", "ADD off 1 is reserved", 0x0f),
                Arguments.of("3f 21 02 00 00 00 00 00", "DIV off 2 is reserved", 0x3f),
                Arguments.of("b7 01 01 00 00 00 00 00", "reserved field off = 1", 0xb7),
                Arguments.of("bc 21 20 00 00 00 00 00", "off 32 is not a sign-extension width", 0xbc),
                Arguments.of("bf 21 04 00 00 00 00 00", "off 4 is not a sign-extension width", 0xbf),
                Arguments.of("bf 21 00 00 05 00 00 00", "reserved field imm = 5", 0xbf),
                Arguments.of("bf 21 01 00 02 00 00 00", "addr_space_cast imm 0x2", 0xbf),
                Arguments.of("87 01 00 00 01 00 00 00", "NEG uses reserved field imm = 1", 0x87),
                Arguments.of("d4 01 00 00 08 00 00 00", "END width imm 8", 0xd4),
                Arguments.of("dc 21 00 00 10 00 00 00", "END uses reserved field src_reg = 2", 0xdc),
                Arguments.of("61 21 00 00 01 00 00 00", "LDX MEM uses reserved field imm = 1", 0x61),
                Arguments.of("7b 1a 00 00 01 00 00 00", "STX MEM uses reserved field imm = 1", 0x7b),
                Arguments.of("62 1a 00 00 01 00 00 00", "ST MEM uses reserved field src_reg = 1", 0x62),
                Arguments.of("30 01 00 00 0c 00 00 00", "LD_ABS uses reserved field dst_reg = 1", 0x30),
                Arguments.of("40 30 01 00 0c 00 00 00", "LD_IND uses reserved field off = 1", 0x40),
                Arguments.of("05 00 00 00 01 00 00 00", "goto uses reserved field imm = 1", 0x05),
                Arguments.of("06 00 01 00 00 00 00 00", "gotol uses reserved field off = 1", 0x06),
                Arguments.of("15 21 00 00 00 00 00 00", "reserved field src_reg = 2", 0x15),
                Arguments.of("1d 21 00 00 01 00 00 00", "reserved field imm = 1", 0x1d),
                Arguments.of("85 01 00 00 01 00 00 00", "CALL uses reserved field dst_reg = 1", 0x85),
                Arguments.of("85 00 01 00 01 00 00 00", "helper CALL uses reserved field off = 1", 0x85),
                Arguments.of("85 10 01 00 01 00 00 00", "bpf-to-bpf CALL uses reserved field off = 1", 0x85),
                Arguments.of("85 30 00 00 01 00 00 00", "src_reg 3 is not a call kind", 0x85),
                Arguments.of("95 00 00 00 01 00 00 00", "EXIT uses reserved field imm = 1", 0x95),
                Arguments.of("e5 00 00 00 01 00 00 00", "may_goto uses reserved field imm = 1", 0xe5),
                Arguments.of("e5 10 00 00 00 00 00 00", "JCOND src_reg 1", 0xe5),
                Arguments.of("db 21 00 00 02 00 00 00", "atomic operation imm 0x2 is not defined", 0xdb),
                Arguments.of("d3 21 00 00 00 00 00 00", "atomic ADD must be of size W or DW", 0xd3),
                // registers beyond r10
                Arguments.of("07 0b 00 00 01 00 00 00", "dst_reg r11 does not exist", 0x07),
                Arguments.of("79 c1 00 00 00 00 00 00", "src_reg r12 does not exist", 0x79),
                Arguments.of("5d f1 00 00 00 00 00 00", "src_reg r15 does not exist", 0x5d),
                // writes to the frame pointer
                Arguments.of("b7 0a 00 00 00 00 00 00", "read-only frame pointer", 0xb7),
                Arguments.of("d7 0a 00 00 40 00 00 00", "read-only frame pointer", 0xd7),
                Arguments.of("79 1a 00 00 00 00 00 00", "read-only frame pointer", 0x79),
                Arguments.of("db a1 00 00 01 00 00 00", "read-only frame pointer", 0xdb),
                Arguments.of("db 1a 00 00 00 01 00 00", "read-only frame pointer", 0xdb),
                // jumps leaving the section (slot 17 of 19)
                Arguments.of("05 00 01 00 00 00 00 00", "jump target insn 19 is outside the section", 0x05),
                Arguments.of("15 00 ed ff 00 00 00 00", "jump target insn -1 is outside the section", 0x15),
                Arguments.of("06 00 00 00 00 01 00 00", "jump target insn 274 is outside the section", 0x06),
                Arguments.of("06 00 00 00 ff ff ff 7f", "jump target insn 2147483665 is outside the section", 0x06),
                Arguments.of("e5 00 05 00 00 00 00 00", "jump target insn 23 is outside the section", 0xe5));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badSingleSlots")
    void refusedAtSlot17(String bytes, String problem, int opcode) {
        byte[] text = Bytes.concat(Bytes.repeat(Bytes.MOV_R0_0, 17), hex(bytes), Bytes.words(Bytes.EXIT));
        LoadException e = assertThrows(LoadException.class, () -> Decoder.decode(text, "tc"));
        assertEquals("section tc, insn 17 (offset 0x88)", e.where());
        assertTrue(e.reason().contains(problem), e.reason());
        assertTrue(e.reason().endsWith(String.format("(opcode 0x%02x)", opcode)), e.reason());
    }

    private static LoadException refuse(String section, byte[] text) {
        return assertThrows(LoadException.class, () -> Decoder.decode(text, section));
    }

    @Test
    void truncatedSection() {
        LoadException e = refuse("tc", hex("b7 00 00 00 00 00 00 00 95 00 00 00"));
        assertEquals("section tc, insn 1 (offset 0x8)", e.where());
        assertEquals("section length 12 is not a multiple of 8 (4 trailing bytes) (opcode 0x95)", e.reason());
    }

    @Test
    void ldImm64WithoutSecondSlot() {
        LoadException e = refuse("xdp", hex("95 00 00 00 00 00 00 00 18 01 00 00 01 00 00 00"));
        assertEquals("section xdp, insn 1 (offset 0x8)", e.where());
        assertEquals("ld_imm64 has no second slot: the section ends (opcode 0x18)", e.reason());
    }

    @Test
    void ldImm64SecondSlotWithOpcode() {
        LoadException e = refuse("xdp", hex("18 01 00 00 01 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals("section xdp, insn 1 (offset 0x8)", e.where());
        assertEquals("second slot of the ld_imm64 at insn 0 has a non-zero opcode (opcode 0x95)", e.reason());
    }

    @Test
    void ldImm64SecondSlotWithRegisters() {
        LoadException e = refuse("xdp", hex("18 01 00 00 01 00 00 00 00 01 00 00 00 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals("section xdp, insn 1 (offset 0x8)", e.where());
        assertTrue(e.reason().contains("non-zero dst_reg/src_reg/off"), e.reason());
    }

    @Test
    void ldImm64BadFirstSlot() {
        byte[] tail = hex("00 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00");
        LoadException kind = refuse("s", Bytes.concat(hex("18 71 00 00 00 00 00 00"), tail));
        assertEquals("section s, insn 0 (offset 0x0)", kind.where());
        assertEquals("ld_imm64 src_reg 7 is not a known pseudo kind (0..6) (opcode 0x18)", kind.reason());
        LoadException off = refuse("s", Bytes.concat(hex("18 01 04 00 00 00 00 00"), tail));
        assertTrue(off.reason().contains("ld_imm64 uses reserved field off = 4"), off.reason());
        LoadException fp = refuse("s", Bytes.concat(hex("18 0a 00 00 00 00 00 00"), tail));
        assertTrue(fp.reason().contains("read-only frame pointer"), fp.reason());
        LoadException reg = refuse("s", Bytes.concat(hex("18 0c 00 00 00 00 00 00"), tail));
        assertTrue(reg.reason().contains("dst_reg r12 does not exist"), reg.reason());
    }

    @Test
    void ldImm64MapFdNeedsZeroHighHalf() {
        LoadException e = refuse("s", hex("18 11 00 00 03 00 00 00 00 00 00 00 01 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals("section s, insn 1 (offset 0x8)", e.where());
        assertTrue(e.reason().contains("MAP_FD must have imm 0 in its second slot"), e.reason());
    }

    @Test
    void jumpIntoTheMiddleOfLdImm64() {
        // 0: goto pc+1 -> slot 2, the second half of the ld_imm64 at slot 1
        LoadException e = refuse("tc", hex("05 00 01 00 00 00 00 00 18 01 00 00 00 00 00 00"
                + " 00 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00"));
        assertEquals("section tc, insn 0 (offset 0x0)", e.where());
        assertEquals("jump target insn 2 is the second slot of the ld_imm64 at insn 1 (opcode 0x05)", e.reason());
    }

    @Test
    void sectionNameIsUsedVerbatim() {
        LoadException e = refuse("prog (linked from tc)", hex("00 00 00 00 00 00 00 00"));
        assertEquals("section prog (linked from tc), insn 0 (offset 0x0)", e.where());
        assertEquals("section prog (linked from tc), insn 0 (offset 0x0): " + e.reason(), e.getMessage());
    }
}
