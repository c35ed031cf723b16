package dev.kptrviz.program;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The `current` columns of examples.tsv are the running kernel's word, so they are checked
 * against the running kernel: every object is loaded with the kernel oracle (root and a working
 * bpf() needed) and its verdict, first error and test-run return value compared with the
 * table. Skips, saying why, where there is no oracle, no root or no kernel BTF.
 */
class ExamplesTableKernelTest {
    private static final Path REPO = Path.of(System.getProperty("kptrviz.repo", ".."));

    @Test
    void currentColumnsAreWhatTheRunningKernelSays() throws IOException, InterruptedException {
        Path oracle = REPO.resolve("../shared/tools/kernel-oracle/kernel-verdict").normalize();
        Assumptions.assumeTrue(Files.isExecutable(oracle), "no kernel oracle at " + oracle);
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for bpf()");
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/kernel/btf/vmlinux")), "kernel has no BTF");
        List<String> cmd = new ArrayList<>(List.of(oracle.toString()));
        List<Example> examples = Examples.all();
        examples.stream().map(e -> REPO.resolve("src").resolve(e.objectFile()).toString()).distinct().forEach(cmd::add);
        Path logs = Files.createTempDirectory("kptrviz-kernel-logs");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
        pb.environment().put("LOGDIR", logs.toString());
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(proc.waitFor(300, TimeUnit.SECONDS), "kernel oracle timed out");
        Assumptions.assumeTrue(proc.exitValue() == 0 || !out.isBlank(), "kernel oracle could not run (exit "
                + proc.exitValue() + ")");
        Map<String, String[]> byProgram = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] c = line.split("\t", -1);
            if (c.length >= 9) {
                byProgram.put(c[1], c);
            }
        }
        List<String> differences = new ArrayList<>();
        for (Example e : examples) {
            String[] k = byProgram.get(e.program());
            if (k == null) {
                differences.add(e.program() + ": the kernel oracle printed nothing");
                continue;
            }
            String verdict = k[4].equals("accept") ? "accepted" : "rejected";
            String error = k[5].isBlank() ? null : k[5];
            Long retval = k[8].isBlank() ? null : Long.parseLong(k[8].trim());
            if (!verdict.equals(e.verdictCurrent())) {
                differences.add(e.program() + ": kernel " + verdict + ", table " + e.verdictCurrent());
            }
            if (!java.util.Objects.equals(error, e.errorCurrent())) {
                differences.add(e.program() + ": kernel error '" + error + "', table '" + e.errorCurrent() + "'");
            }
            if (!java.util.Objects.equals(retval, e.retval())) {
                differences.add(e.program() + ": kernel retval " + retval + ", table " + e.retval());
            }
        }
        assertEquals(List.of(), differences);
    }
}
