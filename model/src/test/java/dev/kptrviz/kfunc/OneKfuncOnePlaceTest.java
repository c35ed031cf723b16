package dev.kptrviz.kfunc;

import dev.kptrviz.absint.VerifierOps;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each kfunc's spec class carries its own verifier effect and runtime effect (and its
 * explanation), so no rule lives in a second list elsewhere.
 */
class OneKfuncOnePlaceTest {

    @Test
    void everyGraphKfuncDefinesItsVerifierEffectBesideItsRuntimeEffect() throws NoSuchMethodException {
        List<String> missing = new ArrayList<>();
        for (Kfunc k : Kfunc.values()) {
            if (k == Kfunc.RCU_READ_LOCK || k == Kfunc.RCU_READ_UNLOCK) {
                continue; // no effect on ownership: the default (r0 unknown) is their verifier effect
            }
            Class<?> c = Specs.of(k).getClass();
            if (c.getMethod("verify", VerifierOps.class).getDeclaringClass() != c
                    || c.getMethod("execute", RuntimeOps.class).getDeclaringClass() != c) {
                missing.add(k + " (" + c.getSimpleName() + ")");
            }
            if (Specs.of(k).explain().isBlank()) {
                missing.add(k + " has no explanation");
            }
        }
        for (int helper : new int[]{93, 94, 194}) {
            Class<?> c = Specs.helper(helper).orElseThrow().getClass();
            if (c.getMethod("verify", VerifierOps.class).getDeclaringClass() != c) {
                missing.add("helper " + helper);
            }
        }
        assertEquals(List.of(), missing);
    }
}
