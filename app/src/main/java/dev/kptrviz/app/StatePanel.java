package dev.kptrviz.app;

import dev.kptrviz.session.OwnershipGraph;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * The state at the current step: r0..r10 of the current frame, the machine's value beside the verifier's
 * state (registers the last step wrote marked), the verifier's reference table with the lock, and what the
 * session has said so far: the verifier's diagnostic at this point, runtime findings and monitor alarms.
 */
final class StatePanel {
    private final GridPane regs = new GridPane();
    private final GridPane refs = new GridPane();
    private final Label lock = GraphNodes.label("", "st-lock");
    /** Diagnostics, findings and alarms of the snapshot, one label each (empty: nothing to say). */
    private final VBox notes = new VBox(2);
    private final HBox box;
    /** The register rows' labels (name, machine, verifier), kept across steps and updated in place. */
    private final List<Label[]> regRows = new ArrayList<>();

    StatePanel() {
        regs.setId("registers");
        refs.setId("refTable");
        lock.setId("lockState");
        regs.getStyleClass().addAll("st-grid", "st-regs");
        refs.getStyleClass().addAll("st-grid", "st-refs");
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        VBox left = new VBox(4, GraphNodes.label("Registers (current frame)", "st-title"), regs);
        notes.setId("stateNotes");
        VBox right = new VBox(4, GraphNodes.label("Verifier references", "st-title"), refs, lock, notes);
        left.setPadding(new Insets(6, 10, 6, 10));
        right.setPadding(new Insets(6, 10, 6, 10));
        ScrollPane regScroll = new ScrollPane(left);
        regScroll.setFitToWidth(true);
        regScroll.getStyleClass().add("st-scroll");
        HBox.setHgrow(regScroll, Priority.ALWAYS);
        right.setMinWidth(210);
        right.setPrefWidth(220);
        box = new HBox(regScroll, right);
        box.setId("statePanel");
        box.getStyleClass().add("st-panel");
        clear();
    }

    Node node() {
        return box;
    }

    void clear() {
        regs.getChildren().clear();
        regRows.clear();
        refs.getChildren().clear();
        lock.setText("");
        notes.getChildren().clear();
    }

    void show(List<SessionController.RegRow> rows, OwnershipGraph g) {
        if (!sameRegisters(rows)) {
            regs.getChildren().clear();
            regRows.clear();
            regs.addRow(0, head(""), head("machine"), head("verifier"));
            for (int i = 0; i < rows.size(); i++) {
                String r = rows.get(i).name();
                Label[] row = {GraphNodes.label("", "st-reg"), GraphNodes.label("", "st-concrete"),
                    GraphNodes.label("", "st-abstract")};
                row[0].setId("reg-" + r);
                row[1].setId("reg-" + r + "-concrete");
                row[2].setId("reg-" + r + "-abstract");
                regRows.add(row);
                regs.addRow(i + 1, row);
            }
        }
        // Updated in place: re-creating the 33 labels on every step re-applied CSS to all of them.
        for (int i = 0; i < rows.size(); i++) {
            SessionController.RegRow r = rows.get(i);
            Label[] row = regRows.get(i);
            row[0].setText((r.changed() ? "● " : "  ") + r.name());
            row[1].setText(r.concrete());
            row[2].setText(r.abstractState());
            row[0].setUserData(r.changed());
            for (Label l : row) {
                mark(l, r.changed() ? "st-changed" : "st-same");
            }
        }
        refs.getChildren().clear();
        refs.addRow(0, head("id"), head("kind"), head("acquired at"), head("object"));
        if (g.refs().isEmpty()) {
            refs.add(GraphNodes.label("no references held", "st-none"), 0, 1, 4, 1);
        }
        for (int i = 0; i < g.refs().size(); i++) {
            OwnershipGraph.RefEntry e = g.refs().get(i);
            String changed = GraphNodes.changed(g, "ref " + e.id()) ? "st-changed" : "st-same";
            Label id = GraphNodes.label(Integer.toString(e.id()), "st-mono", changed);
            id.setId("ref-" + e.id());
            refs.addRow(i + 1, id, GraphNodes.label(e.kind(), "st-mono", "g-kind-" + e.kind()),
                    GraphNodes.label("insn " + e.acquiredPc() + (e.acquiredLine() == null ? "" : ", line "
                            + e.acquiredLine()), "st-mono"),
                    GraphNodes.label(e.objectId() == null ? "—" : "#" + e.objectId(), "st-mono"));
        }
        boolean held = g.lock() != null && g.lock().held();
        lock.setText(held ? "lock held: " + g.lock().name() : "no lock held");
        lock.getStyleClass().removeAll("g-lock-held", "g-lock-free");
        lock.getStyleClass().add(held ? "g-lock-held" : "g-lock-free");
        showNotes(g);
    }

    /** The verifier's diagnostic here, the runtime's findings so far and the monitor's alarms, most serious first. */
    private void showNotes(OwnershipGraph g) {
        List<Label> now = new ArrayList<>();
        g.diagnostics().forEach(d -> now.add(note("verifier: " + d, "st-note-diagnostic")));
        g.findings().forEach(f -> now.add(note("runtime: " + f, "st-note-finding")));
        g.alarms().forEach(a -> now.add(note("monitor: " + a, "st-note-alarm")));
        List<String> was = notes.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        if (!was.equals(now.stream().map(Label::getText).toList())) {
            notes.getChildren().setAll(now);
        }
    }

    private static Label note(String text, String style) {
        Label l = GraphNodes.label(text, "st-note", style);
        l.setWrapText(true);
        return l;
    }

    /** Whether the grid already has one row per register of {@code rows}, in the same order. */
    private boolean sameRegisters(List<SessionController.RegRow> rows) {
        if (regRows.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!regRows.get(i)[0].getId().equals("reg-" + rows.get(i).name())) {
                return false;
            }
        }
        return true;
    }

    /** Gives {@code l} the style {@code mark} instead of the other of st-changed / st-same (no change: no CSS pass). */
    private static void mark(Label l, String mark) {
        if (!l.getStyleClass().contains(mark)) {
            l.getStyleClass().removeAll("st-changed", "st-same");
            l.getStyleClass().add(mark);
        }
    }

    private static Label head(String text) {
        return GraphNodes.label(text, "st-head");
    }
}
