package dev.kptrviz.isa;

import dev.kptrviz.LoadException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random input: decoding either succeeds or throws LoadException, never anything else, and
 * whatever decodes re-encodes to the same bytes and formats without error.
 */
class RandomDecodeTest {
    private static final long SEED = 0x6b707472766cL;

    @Test
    void uniformRandomWords() {
        Random rnd = new Random(SEED);
        int decoded = 0;
        for (int n = 0; n < 20_000; n++) {
            decoded += checkOne(rnd.nextLong()) ? 1 : 0;
        }
        assertTrue(decoded > 0, "some uniformly random words are valid");
    }

    /** Words whose fields are drawn from the values that matter, so most opcodes get decoded. */
    @Test
    void fieldBiasedRandomWords() {
        Random rnd = new Random(SEED + 1);
        int decoded = 0;
        for (int n = 0; n < 20_000; n++) {
            decoded += checkOne(biased(rnd)) ? 1 : 0;
        }
        assertTrue(decoded > 1_000, "only " + decoded + " of the biased words decoded");
    }

    @Test
    void randomSections() {
        Random rnd = new Random(SEED + 2);
        // a pool of words that decode on their own; sections mix them with ld_imm64 pairs and noise
        List<Long> pool = new java.util.ArrayList<>();
        while (pool.size() < 500) {
            long w = biased(rnd);
            try {
                Decoder.decodeWord(w, "pool", 0);
                pool.add(w);
            } catch (LoadException e) {
                // not a valid single slot
            }
        }
        int decoded = 0;
        for (int n = 0; n < 5_000; n++) {
            List<Long> ws = new java.util.ArrayList<>();
            int len = 1 + rnd.nextInt(12);
            while (ws.size() < len) {
                int pick = rnd.nextInt(20);
                if (pick < 3) {
                    ws.add(Insn.pack(0x18, rnd.nextInt(3), rnd.nextInt(7), 0, rnd.nextInt()));
                    ws.add(rnd.nextInt(8) == 0 ? biased(rnd) : Insn.pack(0, 0, 0, 0, rnd.nextInt()));
                } else if (pick == 3) {
                    ws.add(rnd.nextLong());
                } else {
                    ws.add(pool.get(rnd.nextInt(pool.size())));
                }
            }
            long[] words = ws.stream().mapToLong(Long::longValue).toArray();
            byte[] text = Bytes.words(words);
            if (rnd.nextInt(10) == 0) {
                text = java.util.Arrays.copyOf(text, text.length - 1 - rnd.nextInt(7));
            }
            List<Insn> insns;
            try {
                insns = Decoder.decode(text, "fuzz");
            } catch (LoadException e) {
                assertTrue(e.where().startsWith("section fuzz, insn "), e.where());
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("section " + java.util.HexFormat.of().formatHex(text), e);
            }
            decoded++;
            assertEquals(insns.size(), insns.stream().mapToInt(Insn::slots).sum());
            for (int i = 0; i < insns.size(); i++) {
                Insn insn = insns.get(i);
                assertEquals(Bytes.word(java.util.Arrays.copyOfRange(text, 8 * i, 8 * i + 8)), insn.word());
                assertNotNull(Disassembler.format(insn, i, Disassembler.NO_NAMES));
                if (insn instanceof Insn.Jump || insn instanceof Insn.Goto) {
                    int t = insn.jumpTarget(i).getAsInt();
                    assertTrue(t >= 0 && t < insns.size());
                    assertFalse(insns.get(t) instanceof Insn.LdImm64Tail);
                }
            }
        }
        assertTrue(decoded > 300, "only " + decoded + " sections decoded");
    }

    private static final int[] OFFS = {0, 0, 0, 1, 8, 16, 32, -1, -1, 2, 0x7fff, -0x8000};
    private static final int[] IMMS = {0, 0, 0, 0, 1, 16, 32, 64, -1, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1,
        0x100, 0x110, 0x10000, 0x7fffffff, 0x80000000};

    /** Opcodes the kernel knows, by class: ALU/ALU64 ops, loads, stores, atomics, legacy loads, jumps. */
    private static final int[] KNOWN = knownOpcodes();

    private static int[] knownOpcodes() {
        java.util.List<Integer> codes = new java.util.ArrayList<>();
        for (int op = 0x00; op <= 0xd0; op += 0x10) {
            for (int cls : new int[] {0x04, 0x07, 0x0c, 0x0f, 0x05, 0x06, 0x0d, 0x0e}) {
                codes.add(op | cls);
            }
        }
        for (int size = 0; size <= 0x18; size += 0x08) {
            codes.add(0x61 | size);
            codes.add(0x81 | size);
            codes.add(0x62 | size);
            codes.add(0x63 | size);
            codes.add(0xc3 | size);
            codes.add(0x20 | size);
            codes.add(0x40 | size);
        }
        codes.add(0xe5);
        return codes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long biased(Random rnd) {
        int code = rnd.nextInt(4) == 0 ? rnd.nextInt(256) : KNOWN[rnd.nextInt(KNOWN.length)];
        int dst = rnd.nextInt(5) == 0 ? rnd.nextInt(16) : rnd.nextInt(3);
        int src = rnd.nextInt(5) == 0 ? rnd.nextInt(16) : rnd.nextInt(3);
        int off = rnd.nextInt(4) == 0 ? (short) rnd.nextInt() : OFFS[rnd.nextInt(OFFS.length)];
        int imm = rnd.nextInt(4) == 0 ? rnd.nextInt() : IMMS[rnd.nextInt(IMMS.length)];
        if (rnd.nextBoolean()) {
            src = 0;
        }
        return Insn.pack(code, dst, src, off, imm);
    }

    /** Decodes {@code word} as a one-slot section; true when it decoded. */
    private static boolean checkOne(long word) {
        byte[] text = Bytes.words(word);
        String hex = String.format("%016x", Long.reverseBytes(word));
        try {
            List<Insn> insns = Decoder.decode(text, "fuzz");
            assertEquals(1, insns.size(), hex);
            Insn insn = insns.get(0);
            assertEquals(word, insn.word(), hex);
            String text0 = Disassembler.format(insn, 0, Disassembler.NO_NAMES);
            assertFalse(text0.isEmpty(), hex);
            Disassembler.formatWithOpcode(insn, 0, Disassembler.NO_NAMES);
            Disassembler.annotation(insn, 0, Disassembler.NO_NAMES);
            // decoding the word on its own (no jump-target check) agrees
            assertEquals(insn, Decoder.decodeWord(word, "fuzz", 0), hex);
            return true;
        } catch (LoadException e) {
            assertEquals("section fuzz, insn 0 (offset 0x0)", e.where(), hex);
            assertTrue(e.reason().matches(".* \\(opcode 0x[0-9a-f]{2}\\)"), hex + ": " + e.reason());
            return false;
        } catch (RuntimeException e) {
            fail("word " + hex + " threw " + e, e);
            return false;
        }
    }
}
