package dev.kptrviz.isa;

import dev.kptrviz.LoadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.kptrviz.isa.Bytes.AT;
import static dev.kptrviz.isa.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Exact verifier-log text for every form. Each case names the branch and format string of
 * {@code print_bpf_insn} (kernel/bpf/disasm.c) that prints it; the strings were also checked
 * against a 6.18 kernel's verifier log.
 */
class DisassemblerTest {

    static Stream<Arguments> forms() {
        return Stream.of(
                // ALU, BPF_K: "%c%d %s %d" -- imm in signed decimal
                Arguments.of("07 01 00 00 08 00 00 00", "r1 += 8"),
                Arguments.of("04 01 00 00 ff ff ff ff", "w1 += -1"),
                Arguments.of("b7 01 00 00 ff ff ff ff", "r1 = -1"),
                Arguments.of("c7 01 00 00 03 00 00 00", "r1 s>>= 3"),
                Arguments.of("a7 01 00 00 ff 00 00 00", "r1 ^= 255"),
                Arguments.of("74 01 00 00 04 00 00 00", "w1 >>= 4"),
                Arguments.of("57 01 00 00 00 00 00 80", "r1 &= -2147483648"),
                // ALU, BPF_X: "%c%d %s %s%c%d" with bpf_alu_string
                Arguments.of("bf 21 00 00 00 00 00 00", "r1 = r2"),
                Arguments.of("bc 21 00 00 00 00 00 00", "w1 = w2"),
                Arguments.of("0f 21 00 00 00 00 00 00", "r1 += r2"),
                Arguments.of("1f 21 00 00 00 00 00 00", "r1 -= r2"),
                Arguments.of("2f 21 00 00 00 00 00 00", "r1 *= r2"),
                Arguments.of("3f 21 00 00 00 00 00 00", "r1 /= r2"),
                Arguments.of("4c 21 00 00 00 00 00 00", "w1 |= w2"),
                Arguments.of("5f 21 00 00 00 00 00 00", "r1 &= r2"),
                Arguments.of("6f 21 00 00 00 00 00 00", "r1 <<= r2"),
                Arguments.of("7f 21 00 00 00 00 00 00", "r1 >>= r2"),
                Arguments.of("9f 21 00 00 00 00 00 00", "r1 %= r2"),
                Arguments.of("af 21 00 00 00 00 00 00", "r1 ^= r2"),
                Arguments.of("cf 21 00 00 00 00 00 00", "r1 s>>= r2"),
                // sdiv/smod (is_sdiv_smod, bpf_alu_sign_string)
                Arguments.of("3f 21 01 00 00 00 00 00", "r1 s/= r2"),
                Arguments.of("97 01 01 00 03 00 00 00", "r1 s%= 3"),
                Arguments.of("34 01 01 00 07 00 00 00", "w1 s/= 7"),
                Arguments.of("9c 21 01 00 00 00 00 00", "w1 s%= w2"),
                // movsx (is_movsx, bpf_movsx_string)
                Arguments.of("bf 21 08 00 00 00 00 00", "r1 = (s8)r2"),
                Arguments.of("bf 21 10 00 00 00 00 00", "r1 = (s16)r2"),
                Arguments.of("bf 21 20 00 00 00 00 00", "r1 = (s32)r2"),
                Arguments.of("bc 21 08 00 00 00 00 00", "w1 = (s8)w2"),
                Arguments.of("bc 21 10 00 00 00 00 00", "w1 = (s16)w2"),
                // BPF_NEG: "%c%d = -%c%d"
                Arguments.of("87 00 00 00 00 00 00 00", "r0 = -r0"),
                Arguments.of("84 03 00 00 00 00 00 00", "w3 = -w3"),
                // print_bpf_end_insn "r%d = %s%d r%d" (always 'r'); print_bpf_bswap_insn "r%d = bswap%d r%d"
                Arguments.of("d4 01 00 00 10 00 00 00", "r1 = le16 r1"),
                Arguments.of("dc 01 00 00 20 00 00 00", "r1 = be32 r1"),
                Arguments.of("dc 01 00 00 40 00 00 00", "r1 = be64 r1"),
                Arguments.of("d7 01 00 00 40 00 00 00", "r1 = bswap64 r1"),
                Arguments.of("d7 01 00 00 10 00 00 00", "r1 = bswap16 r1"),
                // is_addr_space_cast: "r%d = addr_space_cast(r%d, %d, %d)" with imm >> 16, (u16)imm
                Arguments.of("bf 21 01 00 01 00 00 00", "r1 = addr_space_cast(r2, 0, 1)"),
                Arguments.of("bf 21 01 00 00 00 01 00", "r1 = addr_space_cast(r2, 1, 0)"),
                // LDX: "r%d = *(%s *)(r%d %+d)" with bpf_ldst_string / bpf_ldsx_string
                Arguments.of("79 a1 f8 ff 00 00 00 00", "r1 = *(u64 *)(r10 -8)"),
                Arguments.of("61 12 00 00 00 00 00 00", "r2 = *(u32 *)(r1 +0)"),
                Arguments.of("69 12 0c 00 00 00 00 00", "r2 = *(u16 *)(r1 +12)"),
                Arguments.of("71 12 ff 7f 00 00 00 00", "r2 = *(u8 *)(r1 +32767)"),
                Arguments.of("91 21 00 00 00 00 00 00", "r1 = *(s8 *)(r2 +0)"),
                Arguments.of("89 21 02 00 00 00 00 00", "r1 = *(s16 *)(r2 +2)"),
                Arguments.of("81 21 00 80 00 00 00 00", "r1 = *(s32 *)(r2 -32768)"),
                // STX MEM: "*(%s *)(r%d %+d) = r%d"; ST MEM: "*(%s *)(r%d %+d) = %d"
                Arguments.of("7b 1a f8 ff 00 00 00 00", "*(u64 *)(r10 -8) = r1"),
                Arguments.of("6b 21 02 00 00 00 00 00", "*(u16 *)(r1 +2) = r2"),
                Arguments.of("62 0a fc ff 00 00 00 00", "*(u32 *)(r10 -4) = 0"),
                Arguments.of("72 0a ff ff ff ff ff ff", "*(u8 *)(r10 -1) = -1"),
                // BPF_ATOMIC add/and/or/xor: "lock *(%s *)(r%d %+d) %s r%d"
                Arguments.of("db 21 00 00 00 00 00 00", "lock *(u64 *)(r1 +0) += r2"),
                Arguments.of("c3 21 08 00 00 00 00 00", "lock *(u32 *)(r1 +8) += r2"),
                Arguments.of("db 21 00 00 40 00 00 00", "lock *(u64 *)(r1 +0) |= r2"),
                Arguments.of("db 21 00 00 50 00 00 00", "lock *(u64 *)(r1 +0) &= r2"),
                Arguments.of("c3 21 00 00 a0 00 00 00", "lock *(u32 *)(r1 +0) ^= r2"),
                // fetch forms: "r%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)" ("64" only for DW)
                Arguments.of("db 21 00 00 01 00 00 00", "r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)"),
                Arguments.of("c3 21 00 00 a1 00 00 00", "r2 = atomic_fetch_xor((u32 *)(r1 +0), r2)"),
                Arguments.of("db 21 04 00 51 00 00 00", "r2 = atomic64_fetch_and((u64 *)(r1 +4), r2)"),
                Arguments.of("c3 21 00 00 41 00 00 00", "r2 = atomic_fetch_or((u32 *)(r1 +0), r2)"),
                // BPF_XCHG: "r%d = atomic%s_xchg((%s *)(r%d %+d), r%d)"
                Arguments.of("db 21 f0 ff e1 00 00 00", "r2 = atomic64_xchg((u64 *)(r1 -16), r2)"),
                // BPF_CMPXCHG: "r0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)"
                Arguments.of("db 21 00 00 f1 00 00 00", "r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)"),
                Arguments.of("c3 21 00 00 f1 00 00 00", "r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r2)"),
                // BPF_LOAD_ACQ: "r%d = load_acquire((%s *)(r%d %+d))"; BPF_STORE_REL: "store_release((%s *)(r%d %+d), r%d)"
                Arguments.of("db 10 00 00 00 01 00 00", "r0 = load_acquire((u64 *)(r1 +0))"),
                Arguments.of("d3 10 08 00 00 01 00 00", "r0 = load_acquire((u8 *)(r1 +8))"),
                Arguments.of("cb 21 00 00 10 01 00 00", "store_release((u16 *)(r1 +0), r2)"),
                // BPF_ABS: "r0 = *(%s *)skb[%d]"; BPF_IND: "r0 = *(%s *)skb[r%d + %d]"
                Arguments.of("30 00 00 00 0c 00 00 00", "r0 = *(u8 *)skb[12]"),
                Arguments.of("28 00 00 00 fc ff ff ff", "r0 = *(u16 *)skb[-4]"),
                Arguments.of("20 00 00 00 00 00 00 00", "r0 = *(u32 *)skb[0]"),
                Arguments.of("48 30 00 00 04 00 00 00", "r0 = *(u16 *)skb[r3 + 4]"),
                Arguments.of("50 30 00 00 fc ff ff ff", "r0 = *(u8 *)skb[r3 + -4]"),
                // ld_imm64 without cb_imm: "r%d = 0x%llx" of the full 64-bit value
                Arguments.of("18 01 00 00 78 56 34 12 00 00 00 00 f0 de bc 9a", "r1 = 0x9abcdef012345678"),
                Arguments.of("18 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "r2 = 0x0"),
                Arguments.of("18 03 00 00 ff ff ff ff 00 00 00 00 ff ff ff ff", "r3 = 0xffffffffffffffff"),
                Arguments.of("18 11 00 00 05 00 00 00 00 00 00 00 00 00 00 00", "r1 = 0x5"),
                // conditional jumps: BPF_K "if %c%d %s 0x%x goto pc%+d" (unsigned hex); BPF_X "if %c%d %s %c%d goto pc%+d"
                Arguments.of("15 00 05 00 00 00 00 00", "if r0 == 0x0 goto pc+5"),
                Arguments.of("5d 21 fd ff 00 00 00 00", "if r1 != r2 goto pc-3"),
                Arguments.of("26 01 02 00 03 00 00 00", "if w1 > 0x3 goto pc+2"),
                Arguments.of("55 01 01 00 ff ff ff ff", "if r1 != 0xffffffff goto pc+1"),
                Arguments.of("65 01 00 00 fe ff ff ff", "if r1 s> 0xfffffffe goto pc+0"),
                Arguments.of("35 01 01 00 10 00 00 00", "if r1 >= 0x10 goto pc+1"),
                Arguments.of("45 01 01 00 08 00 00 00", "if r1 & 0x8 goto pc+1"),
                Arguments.of("7d 21 01 00 00 00 00 00", "if r1 s>= r2 goto pc+1"),
                Arguments.of("ad 21 01 00 00 00 00 00", "if r1 < r2 goto pc+1"),
                Arguments.of("bd 21 01 00 00 00 00 00", "if r1 <= r2 goto pc+1"),
                Arguments.of("ce 21 01 00 00 00 00 00", "if w1 s< w2 goto pc+1"),
                Arguments.of("d6 01 01 00 07 00 00 00", "if w1 s<= 0x7 goto pc+1"),
                Arguments.of("1e 21 fc ff 00 00 00 00", "if w1 == w2 goto pc-4"),
                // JMP|JA "goto pc%+d"; JMP32|JA "gotol pc%+d" (imm); JMP|JCOND may_goto "may_goto pc%+d"
                Arguments.of("05 00 01 00 00 00 00 00", "goto pc+1"),
                Arguments.of("05 00 fe ff 00 00 00 00", "goto pc-2"),
                Arguments.of("06 00 00 00 03 00 00 00", "gotol pc+3"),
                Arguments.of("e5 00 02 00 00 00 00 00", "may_goto pc+2"),
                // helper call: "call %s#%d" with func_id_str (bpf_ prefix), "unknown" outside the table
                Arguments.of("85 00 00 00 5d 00 00 00", "call bpf_spin_lock#93"),
                Arguments.of("85 00 00 00 01 00 00 00", "call bpf_map_lookup_elem#1"),
                Arguments.of("85 00 00 00 00 00 00 00", "call bpf_unspec#0"),
                Arguments.of("85 00 00 00 d3 00 00 00", "call bpf_cgrp_storage_delete#211"),
                Arguments.of("85 00 00 00 d4 00 00 00", "call unknown#212"),
                Arguments.of("85 00 00 00 ff ff ff ff", "call unknown#-1"),
                // BPF_PSEUDO_CALL: "call pc%s" with "%+d" of imm
                Arguments.of("85 10 00 00 05 00 00 00", "call pc+5"),
                Arguments.of("85 10 00 00 fd ff ff ff", "call pc-3"),
                // BPF_PSEUDO_KFUNC_CALL without a name from cb_call: "kernel-function"
                Arguments.of("85 20 00 00 39 30 00 00", "call kernel-function#12345"),
                Arguments.of("85 20 00 00 ff ff ff ff", "call kernel-function#-1"),
                // "exit"
                Arguments.of("95 00 00 00 00 00 00 00", "exit"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("forms")
    void printsLikeTheKernel(String bytes, String expected) throws LoadException {
        List<Insn> insns = Decoder.decode(Bytes.framed(hex(bytes)), "tc");
        assertEquals(expected, Disassembler.format(insns.get(AT), AT, Disassembler.NO_NAMES));
        assertEquals(expected, Disassembler.format(insns.get(AT)));
    }

    private static Insn one(String bytes) throws LoadException {
        return Decoder.decode(Bytes.framed(hex(bytes)), "tc").get(AT);
    }

    @Test
    void namesFromTheLoader() throws LoadException {
        Disassembler.Names names = new Disassembler.Names() {
            @Override
            public String kfuncName(int index) {
                return index == AT ? "bpf_obj_new_impl" : null;
            }

            @Override
            public String ldImm64Operand(int index) {
                return index == AT ? "map[.data.A]+16" : null;
            }

            @Override
            public String helperName(int helperId) {
                return helperId == 1 ? "my_lookup" : null;
            }

            @Override
            public String subprogName(int index) {
                return "less";
            }
        };
        assertEquals("call bpf_obj_new_impl#12345", Disassembler.format(one("85 20 00 00 39 30 00 00"), AT, names));
        assertEquals("call kernel-function#12345", Disassembler.format(one("85 20 00 00 39 30 00 00"), AT + 1, names));
        assertEquals("r1 = map[.data.A]+16",
                Disassembler.format(one("18 01 00 00 10 00 00 00 00 00 00 00 00 00 00 00"), AT, names));
        assertEquals("call my_lookup#1", Disassembler.format(one("85 00 00 00 01 00 00 00"), AT, names));
        assertEquals("call bpf_spin_lock#93", Disassembler.format(one("85 00 00 00 5d 00 00 00"), AT, names));
        // the subprogram name is ours, not the kernel's: it goes to the annotation only
        Insn pseudo = one("85 10 00 00 05 00 00 00");
        assertEquals("call pc+5", Disassembler.format(pseudo, AT, names));
        assertEquals("subprog less", Disassembler.annotation(pseudo, AT, names));
        assertNull(Disassembler.annotation(pseudo, AT, Disassembler.NO_NAMES));
        assertNull(Disassembler.annotation(one("95 00 00 00 00 00 00 00"), AT, names));
    }

    @Test
    void opcodeColumnAsInTheVerifierLog() throws LoadException {
        // verbose(..., "(%02x) ...", insn->code, ...)
        assertEquals("(bf) r1 = r2", Disassembler.formatWithOpcode(one("bf 21 00 00 00 00 00 00"), AT, Disassembler.NO_NAMES));
        assertEquals("(05) goto pc+1", Disassembler.formatWithOpcode(one("05 00 01 00 00 00 00 00"), AT, Disassembler.NO_NAMES));
        assertEquals("(18) r1 = 0x2a",
                Disassembler.formatWithOpcode(one("18 01 00 00 2a 00 00 00 00 00 00 00 00 00 00 00"), AT, Disassembler.NO_NAMES));
    }

    @Test
    void secondSlotOfLdImm64PrintsNothing() throws LoadException {
        List<Insn> insns = Decoder.decode(hex("18 01 00 00 2a 00 00 00 00 00 00 00 00 00 00 00 95 00 00 00 00 00 00 00"), "tc");
        assertEquals("", Disassembler.format(insns.get(1), 1, Disassembler.NO_NAMES));
    }

    @Test
    void helperTable() {
        assertEquals(212, HelperNames.count());
        assertEquals("bpf_map_lookup_elem", HelperNames.name(1));
        assertEquals("bpf_tail_call", HelperNames.name(12));
        assertEquals("bpf_ringbuf_reserve", HelperNames.name(131));
        assertEquals("bpf_kptr_xchg", HelperNames.name(194));
        assertEquals("bpf_cgrp_storage_delete", HelperNames.name(211));
        assertNull(HelperNames.name(212));
        assertNull(HelperNames.name(-1));
        assertEquals(93, HelperNames.id("bpf_spin_lock"));
        assertEquals(93, HelperNames.id("spin_lock"));
        assertEquals(-1, HelperNames.id("bpf_obj_new_impl"));
    }
}
