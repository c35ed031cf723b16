package dev.kptrviz.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The app reads objects through {@code dev.kptrviz.program}, never the decoders beneath it. */
@AnalyzeClasses(packages = "dev.kptrviz.app", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule appGoesThroughTheProgramPackage = noClasses()
            .that().resideInAPackage("dev.kptrviz.app..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.kptrviz.elf..", "dev.kptrviz.btf..", "dev.kptrviz.isa..", "dev.kptrviz.io..")
            .because("the app draws what dev.kptrviz.program (and later the session) gives it");

    @ArchTest
    static final ArchRule onlyAnalysisAsksTheModelToVerifyOrRun = noClasses()
            .that().resideInAPackage("dev.kptrviz.app..")
            .and().doNotHaveFullyQualifiedName(Analysis.class.getName())
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.verifier.Verifier")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.runtime.Machine")
            .because("views draw the model's verdicts and runs; one class asks for them, so the app "
                    + "never drives the verifier or the emulator on its own terms");
}
