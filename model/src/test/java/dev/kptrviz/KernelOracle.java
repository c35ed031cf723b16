package dev.kptrviz;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running kernel as a test oracle: loads objects through ../shared/tools/kernel-oracle
 * (root and a working bpf() needed) and returns each program's verdict, first error and
 * test-run return value. Callers skip (JUnit assumption, with the reason) where it cannot run.
 */
public final class KernelOracle {
    public static final Path REPO = Path.of(System.getProperty("kptrviz.repo", ".."));

    /** One program's answer from the kernel. */
    public record Answer(String program, boolean accepted, String error, Long retval, long verifyMicros) {
    }

    private KernelOracle() {
    }

    /** Runs the oracle on {@code objects}; skips the calling test when the kernel is not available. */
    public static Map<String, Answer> ask(List<Path> objects) throws IOException, InterruptedException {
        Path oracle = REPO.resolve("../shared/tools/kernel-oracle/kernel-verdict").normalize();
        Assumptions.assumeTrue(Files.isExecutable(oracle), "no kernel oracle at " + oracle);
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root for bpf()");
        Assumptions.assumeTrue(Files.exists(Path.of("/sys/kernel/btf/vmlinux")), "kernel has no BTF");
        List<String> cmd = new ArrayList<>(List.of(oracle.toString()));
        objects.forEach(o -> cmd.add(o.toString()));
        Path logs = Files.createTempDirectory("kptrviz-kernel-logs");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LOGDIR", logs.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process proc = pb.start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!proc.waitFor(300, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
            throw new AssertionError("kernel oracle timed out");
        }
        Assumptions.assumeFalse(out.isBlank(), "kernel oracle printed nothing (exit " + proc.exitValue() + ")");
        Map<String, Answer> byProgram = new HashMap<>();
        for (String line : out.split("\n")) {
            String[] c = line.split("\t", -1);
            if (c.length >= 9) {
                byProgram.put(c[1], new Answer(c[1], c[4].equals("accept"), c[5].isBlank() ? null : c[5],
                        c[8].isBlank() ? null : Long.parseLong(c[8].trim()),
                        c[7].isBlank() ? -1 : Long.parseLong(c[7].trim())));
            }
        }
        return byProgram;
    }

    /** Every object file in src/. */
    public static List<Path> allObjects() throws IOException {
        try (var s = Files.list(REPO.resolve("src"))) {
            return s.filter(p -> p.toString().endsWith(".o")).sorted().toList();
        }
    }
}
