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

import java.util.List;

/**
 * The state at the current step: r0..r10 of the current frame, the machine's value beside the verifier's
 * state (registers the last step wrote marked), and the verifier's reference table with the lock.
 */
final class StatePanel {
    private final GridPane regs = new GridPane();
    private final GridPane refs = new GridPane();
    private final Label lock = GraphNodes.label("", "st-lock");
    private final HBox box;

    StatePanel() {
        regs.setId("registers");
        refs.setId("refTable");
        lock.setId("lockState");
        regs.getStyleClass().addAll("st-grid", "st-regs");
        refs.getStyleClass().addAll("st-grid", "st-refs");
        ColumnConstraints grow = new ColumnConstraints();
        grow.setHgrow(Priority.ALWAYS);
        VBox left = new VBox(4, GraphNodes.label("Registers (current frame)", "st-title"), regs);
        VBox right = new VBox(4, GraphNodes.label("Verifier references", "st-title"), refs, lock);
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
        refs.getChildren().clear();
        lock.setText("");
    }

    void show(List<SessionController.RegRow> rows, OwnershipGraph g) {
        regs.getChildren().clear();
        regs.addRow(0, head(""), head("machine"), head("verifier"));
        for (int i = 0; i < rows.size(); i++) {
            SessionController.RegRow r = rows.get(i);
            String mark = r.changed() ? "st-changed" : "st-same";
            Label name = GraphNodes.label((r.changed() ? "● " : "  ") + r.name(), "st-reg", mark);
            Label concrete = GraphNodes.label(r.concrete(), "st-concrete", mark);
            Label abs = GraphNodes.label(r.abstractState(), "st-abstract", mark);
            name.setId("reg-" + r.name());
            concrete.setId("reg-" + r.name() + "-concrete");
            abs.setId("reg-" + r.name() + "-abstract");
            name.setUserData(r.changed());
            regs.addRow(i + 1, name, concrete, abs);
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
    }

    private static Label head(String text) {
        return GraphNodes.label(text, "st-head");
    }
}
