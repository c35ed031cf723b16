package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Program;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.geometry.Orientation;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The status bar: file, program, instruction count, functions and roots; on the right the verdict and the rules. */
final class StatusBar {
    private final Label file = new Label();
    private final Label program = new Label();
    private final Label insns = new Label();
    private final Label extra = new Label();
    private final Label verdict = new Label();
    private final Label rules = new Label();
    private final Label step = new Label();
    private final HBox box;

    StatusBar() {
        file.setId("statusFile");
        program.setId("statusProgram");
        insns.setId("statusInsns");
        extra.setId("statusExtra");
        verdict.setId("statusVerdict");
        verdict.getStyleClass().add("status-verdict");
        rules.setId("statusSemantics");
        step.setId("statusStep");
        step.getStyleClass().add("status-step");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        box = new HBox(10, file, sep(), program, sep(), insns, sep(), extra, sep(), step, gap, verdict, sep(), rules);
        box.setId("status");
        box.getStyleClass().add("status-bar");
    }

    private static Separator sep() {
        return new Separator(Orientation.VERTICAL);
    }

    Node node() {
        return box;
    }

    void show(String fileName, Program p, int roots) {
        file.setText(fileName);
        program.setText(p.name());
        insns.setText(p.size() + (p.size() == 1 ? " instruction" : " instructions"));
        int n = p.functions().size();
        extra.setText(n + (n == 1 ? " function" : " functions") + ", "
                + roots + (roots == 1 ? " collection root" : " collection roots"));
    }

    /** Where the stepping session stands: step number, pc, C line, instruction. */
    void showStep(String text) {
        step.setText(text);
    }

    /** The verifier's verdict (and the run's outcome) under {@code semantics}. */
    void showVerdict(boolean accepted, String text, Semantics semantics) {
        verdict.setText(text);
        verdict.getStyleClass().removeAll("status-accepted", "status-rejected");
        verdict.getStyleClass().add(accepted ? "status-accepted" : "status-rejected");
        rules.setText("rules: " + Rules.label(semantics));
    }
}
