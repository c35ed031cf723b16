package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Verdict;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/**
 * The verdict, where the eye lands first: a compact badge in the header (accepted, with the
 * instructions processed; or rejected), and for a rejected program a banner above the listing
 * with the kernel's message (every line), our explanation, the C line, "Go to error" (not for
 * load-time refusals, which have no instruction) and "Run anyway".
 */
final class VerdictBanner {
    private final Label badge = new Label();
    private final Label title = new Label();
    private final Label where = new Label();
    private final VBox kernel = new VBox(1);
    private final Label explanation = new Label();
    private final Label source = new Label();
    private final Label path = new Label();
    private final Button goToError = new Button("Go to error");
    private final Button runAnyway = new Button("Run anyway");
    private final HBox box;

    VerdictBanner(Runnable onGoToError, Runnable onRunAnyway) {
        badge.setId("verdictBadge");
        badge.getStyleClass().add("verdict-badge");
        title.getStyleClass().add("banner-title");
        where.setId("errorWhere");
        where.getStyleClass().add("banner-where");
        kernel.setId("kernelMessage");
        explanation.setId("explanation");
        explanation.getStyleClass().add("banner-explanation");
        explanation.setWrapText(true);
        source.setId("errorSource");
        source.getStyleClass().add("banner-source");
        path.getStyleClass().add("banner-path");
        goToError.setId("goToError");
        goToError.getStyleClass().add("banner-primary");
        goToError.setDefaultButton(false);
        goToError.setTooltip(new Tooltip("Scroll the listing to the instruction the verifier refused"));
        goToError.setOnAction(e -> onGoToError.run());
        runAnyway.setId("runAnyway");
        runAnyway.setTooltip(new Tooltip("Run the program in the emulator as if the verifier had accepted it, "
                + "and show what goes wrong at runtime"));
        runAnyway.setOnAction(e -> onRunAnyway.run());

        Label icon = new Label("✖");
        icon.getStyleClass().add("banner-icon");
        HBox head = new HBox(10, title, where);
        head.setAlignment(Pos.BASELINE_LEFT);
        VBox text = new VBox(4, head, kernel, explanation, source, path);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        VBox buttons = new VBox(6, goToError, runAnyway);
        buttons.setAlignment(Pos.TOP_RIGHT);
        buttons.setMinWidth(VBox.USE_PREF_SIZE);
        goToError.setMaxWidth(Double.MAX_VALUE);
        runAnyway.setMaxWidth(Double.MAX_VALUE);
        box = new HBox(12, icon, text, buttons);
        box.setId("verdictBanner");
        box.getStyleClass().add("verdict-banner");
        hide();
    }

    /** The banner, shown above the listing only for a rejected program. */
    Node node() {
        return box;
    }

    /** The header badge: accepted or rejected, under which rules. */
    Node badge() {
        return badge;
    }

    void show(Verdict verdict) {
        String rules = Rules.rules(verdict.semantics());
        setBadge(verdict.accepted(), verdict.accepted()
                ? "✔ accepted by the verifier (" + rules + ") · " + verdict.insnsProcessed() + " insns processed"
                : "✖ rejected by the verifier (" + rules + ")");
        if (verdict.accepted() || verdict.error().isEmpty()) {
            hide();
            return;
        }
        Diagnostic d = verdict.error().get();
        title.setText("Rejected by the verifier (" + rules + ")");
        where.setText(d.insn() < 0 ? "when loading the program" : "at insn " + d.insn()
                + (d.line() == null ? "" : " · " + d.line().location()));
        kernel.getChildren().setAll(d.kernelLines().stream().map(VerdictBanner::kernelLine).toList());
        explanation.setText(d.explanation());
        SourceLine line = d.line();
        setShown(source, line != null);
        source.setText(line == null ? "" : line.line() + " │ " + line.text().strip());
        setShown(path, !d.path().isEmpty());
        path.setText(d.path().isEmpty() ? "" : "path: " + d.path().stream()
                .map(b -> "insn " + b.from() + (b.taken() ? " jumps to " : " falls through to ") + b.to())
                .collect(Collectors.joining(", ")));
        setShown(goToError, d.insn() >= 0);
        runAnyway.setDisable(false);
        setShown(box, true);
    }

    /** The model failed while verifying (a bug in KptrViz): say so instead of a verdict. */
    void showFailure(Semantics semantics, String message) {
        setBadge(false, "⚠ the verifier model failed (" + Rules.rules(semantics) + ")");
        title.setText("KptrViz could not verify this program (" + Rules.rules(semantics) + ")");
        where.setText("");
        kernel.getChildren().setAll(kernelLine(message));
        explanation.setText("This is a bug in KptrViz, not in the program. Please report it.");
        setShown(source, false);
        setShown(path, false);
        setShown(goToError, false);
        runAnyway.setDisable(false);
        setShown(box, true);
    }

    void hide() {
        setShown(box, false);
    }

    private void setBadge(boolean accepted, String text) {
        badge.setText(text);
        badge.getStyleClass().removeAll("verdict-accepted", "verdict-rejected");
        badge.getStyleClass().add(accepted ? "verdict-accepted" : "verdict-rejected");
    }

    private static Label kernelLine(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("banner-kernel");
        l.setWrapText(true);
        return l;
    }

    private static void setShown(Node n, boolean shown) {
        n.setVisible(shown);
        n.setManaged(shown);
    }
}
