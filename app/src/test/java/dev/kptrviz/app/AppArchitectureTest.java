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
    static final ArchRule onlyAnalysisAndSessionControllerDriveTheModel = noClasses()
            .that().resideInAPackage("dev.kptrviz.app..")
            .and().doNotHaveFullyQualifiedName(Analysis.class.getName())
            .and().doNotHaveFullyQualifiedName(SessionController.class.getName())
            .and().doNotHaveFullyQualifiedName(CompareController.class.getName())
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.verifier.Verifier")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.verifier.State")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.runtime.Machine")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.session.Session")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.session.FailingPathWalk")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.session.SessionInputs")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.session.Comparison")
            .because("views draw the model's verdicts, runs and snapshots; three classes ask for them (Analysis "
                    + "for the verdict and the plain run, SessionController for the lockstep session, "
                    + "CompareController for the two lockstep sessions of the compare window and their differences, "
                    + "which the model computes), so the app never drives the verifier, the emulator or the session "
                    + "on its own terms");

    @ArchTest
    static final ArchRule onlyAnalysisResolvesTours = noClasses()
            .that().resideInAPackage("dev.kptrviz.app..")
            .and().doNotHaveFullyQualifiedName(Analysis.class.getName())
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.tour.TourResolver")
            .because("resolving a tour runs sessions: the app asks Analysis, as for verdicts and runs");

    @ArchTest
    static final ArchRule onlySessionControllerUsesTheSessionsStateOfTheDrivers = noClasses()
            .that().resideInAPackage("dev.kptrviz.app..")
            .and().doNotHaveFullyQualifiedName(Analysis.class.getName())
            .and().doNotHaveFullyQualifiedName(SessionController.class.getName())
            .and().doNotHaveFullyQualifiedName(CompareController.class.getName())
            .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "a method of the verifier, runtime or session drivers",
                    (com.tngtech.archunit.core.domain.JavaMethodCall c) -> {
                        String owner = c.getTargetOwner().getName();
                        return owner.equals("dev.kptrviz.session.Session") || owner.endsWith(".Verifier")
                                || owner.equals("dev.kptrviz.session.Comparison")
                                || owner.equals("dev.kptrviz.runtime.Machine");
                    }))
            .because("stepping, seeking and verifying go through SessionController, CompareController and Analysis");

    /*
     * Deliberate extension for exports: the model's export package turns snapshots and sessions into files.
     * SessionController produces what needs the session (the trace document, the Markdown state); ExportMenu may
     * render the snapshot it is shown (SVG, DOT) with the same package, because those are pure functions of an
     * OwnershipGraph the views already hold. ExportMenu still cannot reach a Session (the rules above), so it
     * cannot drive anything; every other view stays out of the export package, except for GraphGrid: the
     * geometry (sizes and grid cells) that the live graph and the exported pictures share, so both put a card
     * in the same place. It is arithmetic on positions, not semantics.
     */
    @ArchTest
    static final ArchRule onlySessionControllerAndExportMenuUseTheExports = noClasses()
            .that().resideInAPackage("dev.kptrviz.app..")
            .and().doNotHaveFullyQualifiedName(SessionController.class.getName())
            .and().doNotHaveFullyQualifiedName(ExportMenu.class.getName())
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                    .resideInAPackage("dev.kptrviz.export..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.not(
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName("GraphGrid"))))
            .because("exports are the model's; the app asks for them in two places only");

    @ArchTest
    static final ArchRule exportMenuUsesOnlyTheSnapshotRenderers = noClasses()
            .that().haveFullyQualifiedName(ExportMenu.class.getName())
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.export.TraceJson")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.export.MarkdownExport")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.kptrviz.export.PngExport")
            .because("what needs the session comes through SessionController, and the PNG is the on-screen "
                    + "graph's snapshot, not a second rendering");
}
