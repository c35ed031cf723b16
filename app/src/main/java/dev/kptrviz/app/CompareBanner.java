package dev.kptrviz.app;

import dev.kptrviz.session.Difference;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The first place the two sides part, above everything: where (step, instruction, C line), what kind of
 * difference, what each side does there, the model's plain-English summary, and "Go to first difference". When
 * the two agree, a quiet green line says so.
 */
final class CompareBanner {
    private final Label icon = GraphNodes.label("≠", "cmp-banner-icon");
    private final Label title = GraphNodes.label("", "cmp-banner-title");
    private final Label insn = GraphNodes.label("", "cmp-banner-insn");
    private final Label category = GraphNodes.label("", "cmp-category");
    private final Label leftRules = GraphNodes.label("", "cmp-banner-rules");
    private final Label leftText = GraphNodes.label("", "cmp-banner-side");
    private final Label rightRules = GraphNodes.label("", "cmp-banner-rules");
    private final Label rightText = GraphNodes.label("", "cmp-banner-side");
    private final Label summary = GraphNodes.label("", "cmp-banner-summary");
    private final GridPane sides = new GridPane();
    private final Button go = new Button("Go to first difference");
    private final HBox box;

    CompareBanner(Runnable onGo) {
        title.setId("firstDifferenceTitle");
        insn.setId("firstDifferenceInsn");
        leftText.setId("firstDifferenceLeft");
        rightText.setId("firstDifferenceRight");
        summary.setId("firstDifferenceSummary");
        category.setId("firstDifferenceCategory");
        for (Label l : new Label[] {leftText, rightText, summary}) {
            l.setWrapText(true);
            l.setMinWidth(0);
        }
        sides.setHgap(8);
        sides.setVgap(1);
        sides.addRow(0, leftRules, leftText);
        sides.addRow(1, rightRules, rightText);
        go.setId("goToFirstDifference");
        go.getStyleClass().add("banner-primary");
        go.setTooltip(new Tooltip("Move both sides to where they first part"));
        go.setOnAction(e -> onGo.run());
        go.setMinWidth(HBox.USE_PREF_SIZE);
        HBox head = new HBox(10, title, insn, category);
        head.setAlignment(Pos.BASELINE_LEFT);
        VBox text = new VBox(4, head, sides, summary);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        box = new HBox(12, icon, text, go);
        box.setAlignment(Pos.TOP_LEFT);
        box.setId("compareBanner");
        box.getStyleClass().add("cmp-banner");
    }

    Node node() {
        return box;
    }

    /** "REFERENCE_KIND" as a person reads it. */
    static String category(Difference.Category c) {
        return switch (c) {
            case VERDICT -> "verdict";
            case DIAGNOSTIC -> "diagnostic";
            case REFERENCE_KIND -> "reference kind";
            case REFERENCES -> "references";
            case RUNTIME -> "runtime";
        };
    }

    void show(CompareController.View v) {
        box.getStyleClass().removeAll("cmp-banner-differs", "cmp-banner-agrees");
        if (v == null) {
            box.setVisible(false);
            box.setManaged(false);
            return;
        }
        box.setVisible(true);
        box.setManaged(true);
        String l = Rules.kernel(v.left().rules());
        String r = Rules.kernel(v.right().rules());
        Difference d = v.first();
        boolean differs = d != null;
        box.getStyleClass().add(differs ? "cmp-banner-differs" : "cmp-banner-agrees");
        icon.setText(differs ? "≠" : "=");
        sides.setVisible(differs);
        sides.setManaged(differs);
        insn.setVisible(differs && d.pc() >= 0);
        category.setVisible(differs);
        go.setVisible(differs);
        go.setManaged(differs);
        if (!differs) {
            title.setText("No difference: " + l + " and " + r + " rules agree on this run");
            summary.setText("Same verdicts, the same reference kinds and references at every step, and the same "
                    + "runtime behaviour" + (v.truncated() ? " (as far as the comparison looked)." : "."));
            return;
        }
        title.setText(switch (d.scope()) {
            case LOAD -> "First difference at program load, before the first instruction";
            case STEP -> "First difference at step " + d.position() + ", insn " + d.pc()
                    + (d.line() == null ? "" : " (line " + d.line() + ")");
            case ELSEWHERE -> "The verdicts differ off this run's path: insn " + d.pc()
                    + (d.line() == null ? "" : " (line " + d.line() + ")");
        });
        insn.setText(d.pc() < 0 ? "" : d.insn());
        category.setText(category(d.category()));
        leftRules.setText(l + ":");
        rightRules.setText(r + ":");
        leftText.setText(d.left());
        rightText.setText(d.right());
        summary.setText(d.summary());
        go.setDisable(d.scope() == Difference.Scope.ELSEWHERE);
        box.getStyleClass().remove("cmp-banner-at");
        if (v.here() != null && v.here().equals(d)) {
            box.getStyleClass().add("cmp-banner-at");
        }
    }
}
