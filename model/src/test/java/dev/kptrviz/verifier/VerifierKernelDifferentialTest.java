package dev.kptrviz.verifier;

import dev.kptrviz.KernelOracle;
import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Loader;
import dev.kptrviz.program.Program;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our verifier under CURRENT semantics against the running kernel, directly (not through the
 * table): every program of every object in src/ must get the kernel's verdict and the kernel's
 * first error line. Skips where the kernel cannot be asked.
 */
class VerifierKernelDifferentialTest {

    @Test
    void everyProgramGetsTheKernelsVerdictAndFirstError() throws IOException, InterruptedException, LoadException {
        List<Path> objects = KernelOracle.allObjects();
        Map<String, KernelOracle.Answer> kernel = KernelOracle.ask(objects);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (Path o : objects) {
            BpfObject obj = Loader.load(o);
            for (Program p : obj.programs()) {
                KernelOracle.Answer k = kernel.get(p.name());
                if (k == null) {
                    differences.add(p.name() + ": no kernel answer");
                    continue;
                }
                Verdict v = Verifier.verify(obj, p, Semantics.CURRENT);
                String ours = v.error().map(Diagnostic::message).orElse(null);
                if (v.accepted() != k.accepted() || !Objects.equals(ours, k.error())) {
                    differences.add(p.name() + ": kernel " + (k.accepted() ? "accepted" : "rejected: " + k.error())
                            + " | ours " + (v.accepted() ? "accepted" : "rejected: " + ours));
                }
                compared++;
            }
        }
        assertEquals(List.of(), differences);
        assertTrue(compared >= 23, "compared " + compared);
    }
}
