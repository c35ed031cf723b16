package dev.kptrviz;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The model's layers only look downwards, and the model never touches JavaFX. */
class LayeringTest {
    private static JavaClasses model;

    @BeforeAll
    static void importModel() {
        model = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.kptrviz");
    }

    @Test
    void modelNeverImportsJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..").check(model);
    }

    @Test
    void elfKnowsNothingAbove() {
        noClasses().that().resideInAPackage("dev.kptrviz.elf..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.kptrviz.btf..", "dev.kptrviz.isa..", "dev.kptrviz.program..",
                        "dev.kptrviz.kfunc..", "dev.kptrviz.cli..")
                .check(model);
    }

    @Test
    void btfAndIsaKnowNothingAbove() {
        noClasses().that().resideInAnyPackage("dev.kptrviz.btf..", "dev.kptrviz.isa..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.kptrviz.program..", "dev.kptrviz.kfunc..",
                        "dev.kptrviz.cli..")
                .check(model);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.kptrviz.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(model);
    }

    @Test
    void kfuncSpecsSeeOnlyTheOpsInterfacesNotTheEngines() {
        noClasses().that().resideInAnyPackage("dev.kptrviz.kfunc..", "dev.kptrviz.absint..").should()
                .dependOnClassesThat().resideInAnyPackage("dev.kptrviz.verifier", "dev.kptrviz.runtime..",
                        "dev.kptrviz.session..", "dev.kptrviz.cli..")
                .check(model);
    }

    @Test
    void verifierAndRuntimeDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("dev.kptrviz.verifier..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.kptrviz.runtime..", "dev.kptrviz.session..", "dev.kptrviz.cli..")
                .check(model);
        noClasses().that().resideInAPackage("dev.kptrviz.runtime..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.kptrviz.verifier..", "dev.kptrviz.session..", "dev.kptrviz.cli..")
                .check(model);
    }

    @Test
    void onlyTheCliTheExportsAndToursSitOnTopOfTheSession() {
        noClasses().that().resideOutsideOfPackages("dev.kptrviz.cli..", "dev.kptrviz.export..",
                        "dev.kptrviz.session..", "dev.kptrviz.tour..")
                .should().dependOnClassesThat().resideInAPackage("dev.kptrviz.session..").check(model);
    }

    @Test
    void nothingInTheModelDependsOnTours() {
        noClasses().that().resideOutsideOfPackage("dev.kptrviz.tour..").should()
                .dependOnClassesThat().resideInAPackage("dev.kptrviz.tour..").check(model);
    }

    @Test
    void exportsSitBetweenTheSessionAndTheCli() {
        noClasses().that().resideOutsideOfPackages("dev.kptrviz.cli..", "dev.kptrviz.export..").should()
                .dependOnClassesThat().resideInAPackage("dev.kptrviz.export..").check(model);
        noClasses().that().resideInAPackage("dev.kptrviz.export..").should().dependOnClassesThat()
                .resideInAPackage("dev.kptrviz.cli..").check(model);
    }
}
