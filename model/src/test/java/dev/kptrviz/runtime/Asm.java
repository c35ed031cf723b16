package dev.kptrviz.runtime;

import dev.kptrviz.LoadException;
import dev.kptrviz.isa.Decoder;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Function;
import dev.kptrviz.program.LineTable;
import dev.kptrviz.program.Program;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/** Hand-assembled instruction words for unit tests: encode, decode with the real decoder, run. */
final class Asm {
    static final int ALU = 0x04;
    static final int ALU64 = 0x07;
    static final int JMP = 0x05;
    static final int JMP32 = 0x06;
    static final int X = 0x08;
    static final int ADD = 0x00;
    static final int SUB = 0x10;
    static final int MUL = 0x20;
    static final int DIV = 0x30;
    static final int OR = 0x40;
    static final int AND = 0x50;
    static final int LSH = 0x60;
    static final int RSH = 0x70;
    static final int NEG = 0x80;
    static final int MOD = 0x90;
    static final int XOR = 0xa0;
    static final int MOV = 0xb0;
    static final int ARSH = 0xc0;
    static final int END = 0xd0;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JGE = 0x30;
    static final int JSET = 0x40;
    static final int JNE = 0x50;
    static final int JSGT = 0x60;
    static final int JSGE = 0x70;
    static final int JLT = 0xa0;
    static final int JLE = 0xb0;
    static final int JSLT = 0xc0;
    static final int JSLE = 0xd0;
    static final long EXIT = w(JMP | 0x90, 0, 0, 0, 0);

    private Asm() {
    }

    static long w(int opcode, int dst, int src, int off, int imm) {
        return (opcode & 0xffL) | (dst & 0xfL) << 8 | (src & 0xfL) << 12 | (off & 0xffffL) << 16
                | (imm & 0xffffffffL) << 32;
    }

    /** {@code dst op= imm} (64-bit). */
    static long alu64(int op, int dst, int imm) {
        return w(ALU64 | op, dst, 0, 0, imm);
    }

    static long alu64x(int op, int dst, int src) {
        return w(ALU64 | X | op, dst, src, 0, 0);
    }

    static long alu32(int op, int dst, int imm) {
        return w(ALU | op, dst, 0, 0, imm);
    }

    static long alu32x(int op, int dst, int src) {
        return w(ALU | X | op, dst, src, 0, 0);
    }

    /** Two words of {@code dst = imm64}. */
    static long[] ld64(int dst, long value) {
        return new long[]{w(0x18, dst, 0, 0, (int) value), w(0, 0, 0, 0, (int) (value >>> 32))};
    }

    static Program program(long... words) throws LoadException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (long x : words) {
            for (int k = 0; k < 8; k++) {
                b.write((int) (x >>> (8 * k)));
            }
        }
        List<Insn> insns = Decoder.decode(b.toByteArray(), "test");
        return new Program("test", "tc", insns, List.of(new Function("test", 0, insns.size(), Function.Kind.MAIN,
                true, -1)), Map.of(), Map.of(), Map.of(), LineTable.empty(insns.size()));
    }

    static Machine machine(Program p) {
        return machine(p, RunOptions.defaults());
    }

    static Machine machine(Program p, RunOptions options) {
        BpfObject obj = new BpfObject("test.o", null, null, null, "GPL", List.of(p), List.of(), List.of());
        return new Machine(obj, p, options);
    }

    /** Runs the words (flattening {@code long[]} pairs) and returns the full 64-bit r0. */
    static long r0(Object... parts) throws LoadException {
        RunResult r = run(parts);
        if (r.status() != Status.EXITED) {
            throw new AssertionError("run ended " + r.status() + ": " + r.findings());
        }
        return r.r0();
    }

    static RunResult run(Object... parts) throws LoadException {
        return machine(program(flatten(parts))).run();
    }

    static long[] flatten(Object... parts) {
        int n = 0;
        for (Object o : parts) {
            n += o instanceof long[] a ? a.length : 1;
        }
        long[] out = new long[n];
        int i = 0;
        for (Object o : parts) {
            if (o instanceof long[] a) {
                for (long x : a) {
                    out[i++] = x;
                }
            } else {
                out[i++] = (Long) o;
            }
        }
        return out;
    }
}
