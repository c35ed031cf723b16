package dev.kptrviz.verifier.scalar;

import dev.kptrviz.isa.AluOp;
import dev.kptrviz.isa.JumpOp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Scalars as real verifier logs print them. The states are rebuilt by replaying the instructions
 * that produced them through the transfer functions, so these check the arithmetic as well as the
 * spelling. Sources: the 6.18.44 logs in {@code src/kernel-logs}, the 6.12 selftests'
 * {@code __msg} expectations, and logs quoted in bpf mailing-list patches.
 */
class KernelLogSamplesTest {
    static final Scalar U = Scalar.unknown();

    static Scalar k(long v) {
        return Scalar.constant(v);
    }

    static Scalar alu(AluOp op, boolean is64, Scalar dst, Scalar src) {
        return ScalarAlu.alu(op, is64, dst, src);
    }

    /** Every scalar state in src/kernel-logs, by the instructions that made it. */
    static Map<String, Scalar> machineLogStates() {
        Map<String, Scalar> m = new LinkedHashMap<>();
        m.put("unknown (call result, 64-bit load)", U);
        Scalar w = ScalarAlu.mov(false, U);
        m.put("w6 = w0", w);
        m.put("if w9 == 0x0 (fall-through)", ScalarBranch.refine(JumpOp.JEQ, true, w, k(0), false)[0]);
        Scalar shl = alu(AluOp.LSH, true, w, k(32));
        m.put("r0 <<= 32", shl);
        Scalar sext = alu(AluOp.ARSH, true, shl, k(32));
        m.put("r0 s>>= 32", sext);
        Scalar times1000 = alu(AluOp.MUL, true, sext, k(1000));
        m.put("r0 *= 1000", times1000);
        m.put("r0 += r1", alu(AluOp.ADD, true, times1000, sext));
        m.put("r6 *= 10", alu(AluOp.MUL, true, U, k(10)));
        Scalar r6 = alu(AluOp.MUL, true, U, k(100));
        m.put("r6 *= 100", r6);
        Scalar r9 = alu(AluOp.MUL, true, U, k(10000));
        m.put("r9 *= 10000", r9);
        m.put("r6 += r9", alu(AluOp.ADD, true, r6, r9));
        Scalar[] slt = ScalarBranch.refine(JumpOp.JSLT, false, U, U, true);
        m.put("if r1 s< r2 (taken) r1", slt[0]);
        m.put("if r1 s< r2 (taken) r2", slt[1]);
        m.put("w1 %= 11", alu(AluOp.MOD, false, w, k(11)));
        return m;
    }

    @Test
    void machineLogSamples() {
        Map<String, Scalar> s = machineLogStates();
        assertEquals("scalar()", s.get("unknown (call result, 64-bit load)").toString());
        assertEquals("scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))", s.get("w6 = w0").toString());
        assertEquals("scalar(id=3,smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))",
                ScalarFormat.format(s.get("w6 = w0"), "id=3"));
        assertEquals("scalar(id=9,smin=umin=umin32=1,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))",
                ScalarFormat.format(s.get("if w9 == 0x0 (fall-through)"), "id=9"));
        assertEquals("scalar(smax=0x7fffffff00000000,umax=0xffffffff00000000,smin32=0,smax32=umax32=0,"
                + "var_off=(0x0; 0xffffffff00000000))", s.get("r0 <<= 32").toString());
        assertEquals("scalar(smin=0xffffffff80000000,smax=0x7fffffff)", s.get("r0 s>>= 32").toString());
        assertEquals("scalar(smin=0xfffffe0c00000000,smax=0x1f3fffffc18,umax=0xfffffffffffffff8,smax32=0x7ffffff8,"
                + "umax32=0xfffffff8,var_off=(0x0; 0xfffffffffffffff8))", s.get("r0 *= 1000").toString());
        assertEquals("scalar(smin=0xfffffe0b80000000,smax=0x1f47ffffc17)", s.get("r0 += r1").toString());
        assertEquals("scalar(smax=0x7ffffffffffffffe,umax=0xfffffffffffffffe,smax32=0x7ffffffe,umax32=0xfffffffe,"
                + "var_off=(0x0; 0xfffffffffffffffe))", s.get("r6 *= 10").toString());
        assertEquals("scalar(smax=0x7ffffffffffffffc,umax=0xfffffffffffffffc,smax32=0x7ffffffc,umax32=0xfffffffc,"
                + "var_off=(0x0; 0xfffffffffffffffc))", s.get("r6 *= 100").toString());
        assertEquals("scalar(smax=0x7ffffffffffffff0,umax=0xfffffffffffffff0,smax32=0x7ffffff0,umax32=0xfffffff0,"
                + "var_off=(0x0; 0xfffffffffffffff0))", s.get("r9 *= 10000").toString());
        assertEquals(s.get("r6 *= 100"), s.get("r6 += r9"));
        assertEquals("scalar(smax=0x7ffffffffffffffe)", s.get("if r1 s< r2 (taken) r1").toString());
        assertEquals("scalar(smin=0x8000000000000001)", s.get("if r1 s< r2 (taken) r2").toString());
        assertEquals("scalar()", s.get("w1 %= 11").toString());
        assertEquals("scalar(id=27)", ScalarFormat.format(U, "id=27"));
    }

    private static Path logDir() {
        for (Path p : List.of(Path.of("..", "src", "kernel-logs"), Path.of("src", "kernel-logs"))) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("src/kernel-logs not found from " + Path.of("").toAbsolutePath());
    }

    /**
     * The logs whose scalar states {@link #machineLogStates} replays instruction by instruction
     * (the first 23 examples). Later examples' logs are compared through the whole verifier
     * instead (VerifierLogTest), since replaying them here by hand would not scale.
     */
    private static final java.util.Set<String> REPLAYED = java.util.Set.of("acquire_no_refcount",
            "acquire_nonowning_unchecked", "double_insert", "drain_loop", "drop_nonowning", "drop_under_lock",
            "fill_list_and_tree", "insert_without_lock", "leak_owning", "less_and_subprog", "lock_not_released",
            "motivating", "no_refcount", "nonowning_to_rbtree_add", "obj_new_no_null_check", "pop_then_add",
            "remove_checked", "remove_unadded", "remove_unchecked", "stash_in_tree", "subprog_under_lock",
            "use_after_unlock", "wrong_lock");

    private static List<String> logLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(logDir())) {
            for (Path f : files.filter(p -> REPLAYED.contains(p.getFileName().toString().replace(".log", "")))
                    .sorted().toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        return lines;
    }

    /** Every distinct {@code scalar(...)} spelling in the machine's logs is one this model produces. */
    @Test
    void everyScalarSpellingInTheLogsIsReproduced() throws IOException {
        TreeSet<String> produced = new TreeSet<>();
        for (Scalar s : machineLogStates().values()) {
            produced.add(ScalarFormat.format(s));
        }
        Pattern scalar = Pattern.compile("scalar\\(([^()]|\\([^()]*\\))*\\)");
        Pattern id = Pattern.compile("^scalar\\(id=\\d+(\\+\\d+)?,?");
        TreeSet<String> seen = new TreeSet<>();
        for (String line : logLines()) {
            Matcher m = scalar.matcher(line);
            while (m.find()) {
                seen.add(id.matcher(m.group()).replaceFirst("scalar("));
            }
        }
        assertTrue(seen.size() >= 10, "too few samples found: " + seen);
        TreeSet<String> missing = new TreeSet<>(seen);
        missing.removeAll(produced);
        if (!missing.isEmpty()) {
            fail("log spellings no replayed state produces: " + missing);
        }
    }

    /** Every constant a log prints for a register round-trips through the printer. */
    @Test
    void everyConstantInTheLogsPrintsTheSame() throws IOException {
        Pattern constant = Pattern.compile("\\bR\\d+(?:_w)?=(-?\\d+|0x[0-9a-f]+)(?=[ \\n]|$)");
        int count = 0;
        for (String line : logLines()) {
            Matcher m = constant.matcher(line);
            while (m.find()) {
                String text = m.group(1);
                long v = text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
                assertEquals(text, Scalar.constant(v).toString());
                count++;
            }
        }
        assertTrue(count > 50, "only " + count + " constants found");
    }

    @Test
    void selftestSamples() {
        // verifier_bounds.c: non-const xor / or / mul
        Scalar r6 = alu(AluOp.AND, true, U, k(0xaf));
        Scalar r0 = alu(AluOp.AND, true, U, k(0x1a0));
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=431,var_off=(0x0; 0x1af))",
                alu(AluOp.XOR, true, r0, r6).toString());
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=431,var_off=(0x0; 0x1af))",
                alu(AluOp.OR, true, r0, r6).toString());
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=3825,var_off=(0x0; 0xfff))",
                alu(AluOp.MUL, true, alu(AluOp.AND, true, U, k(0x0f)), alu(AluOp.AND, true, U, k(0xff))).toString());

        // verifier_bounds.c: bounds deduction cross sign boundary, positive / two overlaps
        Scalar s8 = ScalarAlu.movsx(true, U, 8);
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=127,var_off=(0x0; 0x7f))",
                ScalarBranch.refine(JumpOp.JGT, false, s8, k(0xffffffffffffff00L), false)[0].toString());
        assertEquals("scalar(smin=smin32=-128,smax=smax32=127,umax=0xffffffffffffff80)",
                ScalarBranch.refine(JumpOp.JGT, false, s8, k(0xffffffffffffff80L), false)[0].toString());

        // verifier_bounds.c: bounds deduction cross sign boundary, negative overlap
        Scalar w6 = ScalarAlu.movsx(false, U, 8);
        w6 = ScalarBranch.refine(JumpOp.JGE, true, w6, k(0xfffffffff0000000L), false)[0];
        Scalar x0 = alu(AluOp.ADD, true, ScalarAlu.movsx(true, U, 8), w6);
        Scalar x6 = alu(AluOp.ADD, true, w6, k(400));
        assertEquals("scalar(smin=smin32=-655,smax=smax32=-146,umin=0xfffffffffffffd71,umax=0xffffffffffffff6e,"
                + "umin32=0xfffffd71,umax32=0xffffff6e,var_off=(0xfffffffffffffc00; 0x3ff))",
                alu(AluOp.SUB, true, x0, x6).toString());

        // verifier_ldsx.c: LDSX, S8 range checking
        assertEquals("scalar(smin=smin32=-128,smax=smax32=127)",
                ScalarAlu.load(dev.kptrviz.isa.Size.B, true).toString());
    }

    @Test
    void mailingListSamples() {
        // "Improve precision for BPF_ADD and BPF_SUB" (6.17)
        Scalar r3 = alu(AluOp.OR, true, k(0xa000000000000000L), U);
        assertEquals("scalar(smin=0xa000000000000000,smax=-1,umin=0xa000000000000000,"
                + "var_off=(0xa000000000000000; 0x5fffffffffffffff))", r3.toString());
        assertEquals("scalar(umin=0x4000000000000000,umax=0xfffffffffffffffe)", alu(AluOp.ADD, true, r3, r3).toString());

        // "Improve precision of BPF_MUL" (6.14)
        Scalar r1 = alu(AluOp.AND, true, k(11), U);
        assertEquals("scalar(smin=smin32=0,smax=umax=smax32=umax32=11,var_off=(0x0; 0xb))", r1.toString());
        assertEquals("scalar(smin=0,smax=umax=0x7b96bb0a94a3a7cd,var_off=(0x0; 0x7fffffffffffffff))",
                alu(AluOp.MUL, true, k(0xb3c3f8c99262687L), r1).toString());

        // "Improve bounds when tnum has a single possible value"
        Scalar x = alu(AluOp.OR, true, U, k(3584));
        assertEquals("scalar(smin=0x8000000000000e00,umin=umin32=3584,smin32=0x80000e00,"
                + "var_off=(0xe00; 0xfffffffffffff1ff))", x.toString());

        // "Recognize special arithmetic shift in the verifier"
        Scalar w2 = alu(AluOp.ARSH, false, ScalarAlu.mov(false, U), k(31));
        assertEquals("scalar(smin=0,smax=umax=0xffffffff,smin32=-1,smax32=0,var_off=(0x0; 0xffffffff))",
                w2.toString());

        // "Fix reg_set_min_max corruption of fake_reg" report (2024 kernel; same result in 6.18)
        Scalar w6 = alu(AluOp.AND, false, U, k(0x7fffffff));
        assertEquals("scalar(smin=smin32=0,smax=umax=umax32=0x7fffffff,var_off=(0x0; 0x7fffffff))", w6.toString());
        w6 = alu(AluOp.OR, false, w6, k(2));
        assertEquals("scalar(smin=umin=smin32=umin32=2,smax=umax=umax32=0x7fffffff,var_off=(0x2; 0x7ffffffd))",
                w6.toString());
        Scalar from19 = ScalarBranch.refine(JumpOp.JSLE, true, w6, k(0x7ffffffe), true)[0];
        assertEquals("scalar(smin=umin=smin32=umin32=2,smax=umax=smax32=umax32=0x7ffffffe,var_off=(0x2; 0x7ffffffd))",
                from19.toString());
        assertEquals("scalar(smin=umin=umin32=2,smax=umax=0xffffffff,smin32=0x80000012,smax32=14,"
                + "var_off=(0x2; 0xfffffffd))", alu(AluOp.SUB, false, from19, k(2147483632)).toString());
    }
}
