package dev.kptrviz.runtime;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;
import dev.kptrviz.kfunc.Specs;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One kfunc, one place: every kfunc has a spec; the specs know the machine only through RuntimeOps. */
class SpecsTest {
    @Test
    void everyKfuncHasASpecWithAnExplanation() {
        for (Kfunc k : Kfunc.values()) {
            KfuncSpec s = Specs.of(k);
            assertNotNull(s, k.name());
            assertEquals(k, s.kfunc());
            assertEquals(k.kernelName(), s.name());
            assertTrue(s.explain().length() > 40, k.name());
        }
        for (int id : new int[]{6, 7, 93, 94, 194}) {
            assertTrue(Specs.helper(id).isPresent(), "helper " + id);
        }
        assertEquals("bpf_spin_lock", Specs.helper(93).orElseThrow().name());
    }

    @Test
    void kfuncEffectsDoNotDependOnTheRuntime() {
        noClasses().that().resideInAPackage("dev.kptrviz.kfunc..").should().dependOnClassesThat()
                .resideInAPackage("dev.kptrviz.runtime..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.kptrviz"));
    }
}
