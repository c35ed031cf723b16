package dev.kptrviz.program;

import dev.kptrviz.KernelOracle;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The `current` columns of examples.tsv are the running kernel's word, so they are checked
 * against the running kernel: verdict, first error and test-run return value per row. Skips,
 * saying why, where there is no oracle, no root or no kernel BTF.
 */
class ExamplesTableKernelTest {

    @Test
    void currentColumnsAreWhatTheRunningKernelSays() throws IOException, InterruptedException {
        List<Example> examples = Examples.all();
        Map<String, KernelOracle.Answer> kernel = KernelOracle.ask(examples.stream()
                .map(e -> KernelOracle.REPO.resolve("src").resolve(e.objectFile())).distinct().toList());
        List<String> differences = new ArrayList<>();
        for (Example e : examples) {
            KernelOracle.Answer k = kernel.get(e.program());
            if (k == null) {
                differences.add(e.program() + ": the kernel oracle printed nothing");
                continue;
            }
            String verdict = k.accepted() ? "accepted" : "rejected";
            if (!verdict.equals(e.verdictCurrent())) {
                differences.add(e.program() + ": kernel " + verdict + ", table " + e.verdictCurrent());
            }
            if (!Objects.equals(k.error(), e.errorCurrent())) {
                differences.add(e.program() + ": kernel error '" + k.error() + "', table '" + e.errorCurrent() + "'");
            }
            if (!Objects.equals(k.retval(), e.retval())) {
                differences.add(e.program() + ": kernel retval " + k.retval() + ", table " + e.retval());
            }
        }
        assertEquals(List.of(), differences);
    }
}
