package dev.kptrviz.app;

import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.runtime.Finding;
import dev.kptrviz.runtime.RunResult;
import dev.kptrviz.runtime.Status;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.function.IntConsumer;

/**
 * The Run tab: what happened when the program ran in the emulator under the selected rules:
 * how it ended and its return value, printk lines, findings (a click goes to the instruction)
 * and the heap it left. A program the verifier rejects is not run until the user asks.
 */
final class RunPane {
    private final Label status = new Label();
    private final Label detail = new Label();
    private final Label anyway = new Label("run anyway: the verifier rejects this program");
    private final VBox left = new VBox(6);
    private final HeapView heap = new HeapView();
    private final SplitPane results;
    private final Label notRunText = new Label();
    private final VBox notRun;
    private final BorderPane pane = new BorderPane();
    private final IntConsumer goTo;

    RunPane(IntConsumer goTo, Runnable onRunAnyway) {
        this.goTo = goTo;
        status.setId("runStatus");
        status.getStyleClass().add("run-status");
        detail.setId("runDetail");
        detail.getStyleClass().add("run-detail");
        anyway.getStyleClass().addAll("badge", "badge-anyway");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox summary = new HBox(10, status, detail, gap, anyway);
        summary.setAlignment(Pos.CENTER_LEFT);
        summary.getStyleClass().add("run-summary");

        left.getStyleClass().add("run-column");
        results = new SplitPane(scroll(left), scroll(heap.node()));
        results.setOrientation(Orientation.HORIZONTAL);
        results.setDividerPositions(0.5);
        results.getStyleClass().add("run-results");

        Button run = new Button("Run anyway");
        run.setId("runPaneAnyway");
        run.setOnAction(e -> onRunAnyway.run());
        notRunText.setId("runNotRun");
        notRunText.setWrapText(true);
        notRunText.getStyleClass().add("run-not-run");
        notRun = new VBox(10, notRunText, run);
        notRun.setAlignment(Pos.TOP_LEFT);
        notRun.getStyleClass().add("run-column");

        pane.setTop(summary);
        pane.setCenter(new StackPane(results, notRun));
        pane.setId("runPane");
        pane.getStyleClass().add("run-pane");
    }

    Node node() {
        return pane;
    }

    /** Shows a finished run of {@code program}. */
    void show(Program program, Analysis.Run run) {
        RunResult r = run.result();
        boolean exited = r.status() == Status.EXITED;
        status.setText(exited ? "returned " + r.retval() : statusText(r.status()));
        status.getStyleClass().removeAll("run-clean", "run-findings");
        status.getStyleClass().add(r.clean() ? "run-clean" : "run-findings");
        detail.setText(r.steps() + " instructions executed · " + Rules.rules(run.semantics())
                + (exited && r.r0() != r.retval() ? " · r0 = " + r.r0() : ""));
        shown(anyway, run.anyway());
        left.getChildren().setAll(section("Findings (" + r.findings().size() + ")"));
        if (r.findings().isEmpty()) {
            left.getChildren().add(muted("No findings: nothing went wrong at runtime."));
        }
        for (int i = 0; i < r.findings().size(); i++) {
            left.getChildren().add(finding(program, r.findings().get(i), i));
        }
        left.getChildren().add(section("printk (" + r.printk().size() + ")"));
        if (r.printk().isEmpty()) {
            left.getChildren().add(muted("No output."));
        }
        r.printk().forEach(l -> left.getChildren().add(styled(l, "printk-line")));
        heap.show(run.heap());
        shown(results, true);
        shown(notRun, false);
    }

    /** The program was not run: say why ({@code reason}) and offer to run it anyway. */
    void showNotRun(String reason) {
        status.setText("not run");
        status.getStyleClass().removeAll("run-clean", "run-findings");
        detail.setText("");
        shown(anyway, false);
        notRunText.setText(reason);
        left.getChildren().clear();
        heap.clear();
        shown(results, false);
        shown(notRun, true);
    }

    private Node finding(Program program, Finding f, int index) {
        Label kind = new Label(f.kind().name());
        kind.getStyleClass().addAll("badge", "finding-kind", f.fatal() ? "finding-fatal" : "finding-warn");
        String where = f.insn() < 0 ? "at load" : "insn " + f.insn() + program.lineAt(f.insn())
                .map(SourceLine::location).map(s -> " · " + s)
                .orElse(f.line() == null ? "" : " · line " + f.line());
        Label at = new Label(where);
        at.getStyleClass().add("finding-where");
        HBox head = new HBox(8, kind, at);
        head.setAlignment(Pos.CENTER_LEFT);
        if (f.fatal()) {
            Label stop = new Label("stopped the run");
            stop.getStyleClass().add("finding-where");
            head.getChildren().add(stop);
        }
        VBox row = new VBox(3, head, styled(f.message(), "finding-message"),
                styled(f.kind().explanation(), "finding-explanation"));
        row.setId("finding-" + index);
        row.getStyleClass().add("finding-row");
        if (f.insn() >= 0) {
            row.setCursor(Cursor.HAND);
            row.setOnMouseClicked(e -> goTo.accept(f.insn()));
        }
        return row;
    }

    private static String statusText(Status s) {
        return switch (s) {
            case HALTED -> "stopped by a fatal finding";
            case STEP_LIMIT -> "stopped at the step limit";
            default -> s.name().toLowerCase();
        };
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane s = new ScrollPane(content);
        s.setFitToWidth(true);
        s.getStyleClass().add("run-scroll");
        return s;
    }

    static Label section(String text) {
        return styled(text, "run-section");
    }

    static Label muted(String text) {
        return styled(text, "run-muted");
    }

    private static Label styled(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        return l;
    }

    private static void shown(Node n, boolean shown) {
        n.setVisible(shown);
        n.setManaged(shown);
    }
}
