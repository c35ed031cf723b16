package dev.kptrviz.runtime;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.program.Program;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static dev.kptrviz.runtime.Asm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator never throws and never hangs: seeded random programs (whatever the decoder accepts)
 * end by exiting, by a fatal finding or at the step limit, and never with an internal error.
 * Also the helpers without an example: bpf_trace_printk and bpf_get_prandom_u32.
 */
class RobustnessTest {
    private static final int[] OPS = {
        ALU64 | ADD, ALU64 | X | ADD, ALU | SUB, ALU64 | X | MUL, ALU64 | X | DIV, ALU | X | MOD, ALU64 | LSH,
        ALU64 | X | RSH, ALU | X | ARSH, ALU64 | MOV, ALU64 | X | MOV, ALU | X | MOV, ALU64 | X | XOR, ALU64 | AND,
        0x79, 0x61, 0x71, 0x91, 0x7b, 0x63, 0x7a, 0x72, 0xdb, 0xc3, // loads, stores, atomics
        JMP | JEQ, JMP | X | JGT, JMP32 | JSLT, JMP | X | JSET, JMP | JNE, 0x05, 0x85};

    @RepeatedTest(300)
    void randomProgramsEndCleanly(RepetitionInfo info) throws LoadException {
        Random rnd = new Random(1000 + info.getCurrentRepetition());
        int n = 4 + rnd.nextInt(30);
        long[] words = new long[n + 1];
        for (int i = 0; i < n; i++) {
            int op = OPS[rnd.nextInt(OPS.length)];
            int dst = rnd.nextInt(10);
            int src = rnd.nextInt(11);
            int cls = op & 7;
            int off = cls == JMP || cls == JMP32 ? rnd.nextInt(n - i) - 1 : rnd.nextInt(64) - 32;
            int imm = rnd.nextBoolean() ? rnd.nextInt(16) - 4 : rnd.nextInt();
            if (op == 0xdb || op == 0xc3) {
                imm = new int[]{0x00, 0x01, 0x40, 0xe1, 0xf1}[rnd.nextInt(5)];
            }
            if (op == 0x85) {
                src = 0;
                off = 0;
                imm = new int[]{6, 7, 93, 94, 1, 194}[rnd.nextInt(6)];
                dst = 0;
            }
            if (op == 0x05) {
                dst = 0;
                src = 0;
                imm = 0;
            }
            if (cls == ALU || cls == ALU64) {
                off = 0;
                if ((op & X) == 0) {
                    src = 0;
                } else {
                    imm = 0;
                }
            }
            if (cls == 1) {
                imm = 0;
            }
            if (op == 0x7a || op == 0x72) {
                src = 0;
            }
            if (op == 0x7b || op == 0x63) {
                imm = 0;
            }
            words[i] = w(op, dst, src, off, imm);
        }
        words[n] = EXIT;
        Program p;
        try {
            p = Asm.program(words);
        } catch (LoadException e) {
            return; // the decoder refuses it, as the kernel would
        }
        RunOptions limited = RunOptions.defaults().withStepLimit(100_000);
        Machine m = Asm.machine(p, limited);
        RunResult r = m.run();
        assertNotEquals(Status.RUNNING, r.status());
        assertFalse(Runs.kinds(r).contains(FindingKind.INTERNAL_ERROR), () -> r.findings().toString());
        // and again, traced, step by step, with the same outcome
        Machine t = Asm.machine(p, limited);
        t.setListener(e -> { });
        while (t.step()) {
            assertTrue(t.steps() <= 100_000);
        }
        assertEquals(r.status(), t.result().status());
        assertEquals(r.r0(), t.result().r0());
    }

    @Test
    void tracePrintkFormatsIntoTheRunsOutput() throws LoadException {
        // "%d-%x %lu!\n\0" on the stack at r10-16, then bpf_trace_printk(fp-16, 12, -5, 255, -1)
        byte[] fmt = "%d-%x %lu!\n\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        long lo = java.nio.ByteBuffer.wrap(fmt, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        long hi = java.nio.ByteBuffer.wrap(fmt, 8, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        RunResult r = run(ld64(1, lo), w(0x7b, 10, 1, -16, 0), ld64(1, hi), w(0x7b, 10, 1, -8, 0),
                alu64x(MOV, 1, 10), alu64(ADD, 1, -16), alu64(MOV, 2, 12), alu64(MOV, 3, -5), alu64(MOV, 4, 255),
                alu64(MOV, 5, -1), w(0x85, 0, 0, 0, 6), EXIT);
        assertEquals(Status.EXITED, r.status(), r.findings().toString());
        assertEquals(List.of("-5-ff 18446744073709551615!"), r.printk());
        assertEquals("-5-ff 18446744073709551615!\n".length(), r.retval());
        // fmt_size 4 over "AAAA": the format is not NUL-terminated within its size -> -EINVAL, no output
        RunResult bad = run(alu64x(MOV, 1, 10), alu64(ADD, 1, -8), w(0x7a, 10, 0, -8, 0x41414141), alu64(MOV, 2, 4),
                w(0x85, 0, 0, 0, 6), EXIT);
        assertEquals(List.of(), bad.printk());
        assertEquals(-22, bad.retval());
    }

    @Test
    void prandomIsSeededAndReproducible() throws LoadException {
        long[] prog = flatten(w(0x85, 0, 0, 0, 7), alu64x(MOV, 6, 0), w(0x85, 0, 0, 0, 7), alu64(LSH, 0, 32),
                alu64x(OR, 0, 6), EXIT);
        Program p = Asm.program(prog);
        long a = Asm.machine(p).run().r0();
        long b = Asm.machine(p).run().r0();
        assertEquals(a, b, "same seed, same numbers");
        var obj = new dev.kptrviz.program.BpfObject("t.o", null, null, null, "GPL", List.of(p), List.of(), List.of());
        long c = new Machine(obj, p, RunOptions.defaults().withSeed(2)).run().r0();
        assertNotEquals(a, c);
        Machine again = Asm.machine(p);
        assertNotEquals(again.run().r0(), again.run().r0(), "the generator advances across runs of one machine");
    }

    @Test
    void wildPointersAndNullAreFatalFindingsNotExceptions() throws LoadException {
        RunResult wild = run(ld64(1, 0x1234_5678_9abcL), w(0x79, 0, 1, 0, 0), EXIT);
        assertEquals(Status.HALTED, wild.status());
        assertEquals(List.of(FindingKind.INVALID_ACCESS), Runs.kinds(wild));
        RunResult nul = run(alu64(MOV, 1, 0), w(0x79, 0, 1, 8, 0), EXIT);
        assertEquals(List.of(FindingKind.NULL_DEREFERENCE), Runs.kinds(nul));
        RunResult oob = run(w(0x79, 0, 10, 8, 0), EXIT); // above the frame pointer
        assertEquals(List.of(FindingKind.OUT_OF_BOUNDS), Runs.kinds(oob));
        RunResult ctx = run(w(0x79, 0, 1, 184, 0), EXIT); // last word of the 192-byte context
        assertEquals(Status.EXITED, ctx.status());
        RunResult ctxOob = run(w(0x79, 0, 1, 192, 0), EXIT);
        assertEquals(List.of(FindingKind.OUT_OF_BOUNDS), Runs.kinds(ctxOob));
        // a spilled pointer keeps its provenance; a truncated one does not resolve any more
        RunResult spill = run(w(0x7b, 10, 10, -8, 0), w(0x79, 2, 10, -8, 0), w(0x79, 0, 2, -16, 0), EXIT);
        assertEquals(Status.EXITED, spill.status(), spill.findings().toString());
        RunResult trunc = run(alu32x(MOV, 2, 10), w(0x79, 0, 2, -8, 0), EXIT); // w2 = w10 keeps 0x200
        assertEquals(List.of(FindingKind.NULL_DEREFERENCE), Runs.kinds(trunc));
    }
}
