package dev.kptrviz.app;

import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;

/**
 * One side of the compare window: its rules and verdict, where it stands (and, when its verifier stopped it,
 * the kernel's message with our explanation), its ownership graph ({@link GraphView}) and registers and
 * references ({@link StatePanel}). Where the two sides part, the pane gets a red frame and the elements that
 * differ (pointer sources and arrows, object cards, roots, reference rows, registers) a red outline.
 */
final class ComparePane {
    /** The style of a differing element, and of the pane at a difference. */
    static final String DIFFERS = "cmp-differs";
    static final String PANE_DIFFERS = "cmp-pane-differs";

    private final Label rules = GraphNodes.label("", "cmp-rules");
    private final Label ownership = GraphNodes.label("", "cmp-ownership");
    private final Label badge = GraphNodes.label("", "verdict-badge");
    private final Label state = GraphNodes.label("", "cmp-state");
    private final Label stop = GraphNodes.label("", "cmp-stop");
    private final Label stopWhy = GraphNodes.label("", "cmp-stop-why");
    private final VBox stopBox = new VBox(2, stop, stopWhy);
    private final GraphView graph = new GraphView();
    private final StatePanel statePanel = new StatePanel();
    private final VBox box;
    private final List<Node> marked = new ArrayList<>();
    /** The differing elements last marked, to mark again when scrolling gives the graph new nodes. */
    private List<String> markedKeys = List.of();
    private int markedFrame;

    ComparePane(String side) {
        rules.setId(side + "Rules");
        badge.setId(side + "Verdict");
        state.setId(side + "State");
        stop.setId(side + "Stop");
        stop.setWrapText(true);
        stopWhy.setWrapText(true);
        stop.setMinWidth(0);
        stopWhy.setMinWidth(0);
        stopBox.getStyleClass().add("cmp-stop-box");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, rules, ownership, gap, state, badge);
        head.setAlignment(Pos.CENTER_LEFT);
        head.getStyleClass().add("cmp-pane-head");
        SplitPane body = new SplitPane(graph.node(), statePanel.node());
        body.setOrientation(Orientation.VERTICAL);
        body.setDividerPositions(0.64);
        VBox.setVgrow(body, Priority.ALWAYS);
        box = new VBox(head, stopBox, body);
        box.setId(side + "Pane");
        box.getStyleClass().add("cmp-pane");
        box.setMinWidth(0);
        showStop(null, null);
        graph.setOnRedrawn(() -> mark(markedKeys, markedFrame));
    }

    Node node() {
        return box;
    }

    GraphView graph() {
        return graph;
    }

    void clear(String message) {
        graph.clear(message);
        statePanel.clear();
        state.setText("");
        showStop(null, null);
    }

    void show(CompareController.Side s, boolean differsHere) {
        rules.setText(Rules.kernel(s.rules()) + " rules");
        ownership.setText(s.rules().sharedOwnership() ? "shared ownership" : "exclusive ownership");
        badge.setText((s.accepted() ? "✓ " : "✗ ") + s.verdictText());
        badge.getStyleClass().removeAll("verdict-accepted", "verdict-rejected");
        badge.getStyleClass().add(s.accepted() ? "verdict-accepted" : "verdict-rejected");
        state.setText(switch (s.status()) {
            case RUNNING -> "step " + s.position();
            case REJECTED -> s.refusedAtLoad() ? "never runs" : "stopped at step " + s.position();
            case EXITED -> "exited at step " + s.position();
            case HALTED -> "halted at step " + s.position();
            case STEP_LIMIT -> "step limit";
        });
        showStop(s.stop(), s.stopExplanation());
        if (s.refusedAtLoad()) {
            graph.clear("Nothing runs under " + Rules.rules(s.rules()) + ": the program is refused at load.");
            statePanel.clear();
        } else {
            graph.show(s.graph());
            statePanel.show(s.regs(), s.graph());
        }
        box.getStyleClass().remove(PANE_DIFFERS);
        if (differsHere) {
            box.getStyleClass().add(PANE_DIFFERS);
        }
        mark(s.marked(), s.frame());
    }

    private void showStop(String text, String why) {
        boolean on = text != null;
        stop.setText(on ? text : "");
        stopWhy.setText(why == null ? "" : why);
        stopWhy.setVisible(why != null);
        stopWhy.setManaged(why != null);
        stopBox.setVisible(on);
        stopBox.setManaged(on);
    }

    /** Outlines the nodes of the differing elements (keys as in the model's change sets). */
    private void mark(List<String> keys, int frame) {
        markedKeys = keys;
        markedFrame = frame;
        marked.forEach(n -> n.getStyleClass().remove(DIFFERS));
        marked.clear();
        for (String k : keys) {
            for (String id : ids(k, frame)) {
                Node n = box.lookup("#" + id);
                if (n != null) {
                    n.getStyleClass().add(DIFFERS);
                    marked.add(n);
                }
            }
        }
    }

    /** The node ids GraphView and StatePanel give an element: {@code ptr 0:r7} is the source, its arrow, the register. */
    static List<String> ids(String key, int frame) {
        if (key.startsWith("ptr ")) {
            String[] fs = key.substring(4).split(":", 2);
            List<String> out = new ArrayList<>(List.of("src-" + fs[0] + "-" + fs[1], "ptr-" + fs[0] + "-" + fs[1]));
            if (Integer.parseInt(fs[0]) == frame && fs[1].startsWith("r")) {
                out.add("reg-" + fs[1]);
            }
            return out;
        }
        if (key.startsWith("object#")) {
            return List.of("obj-" + key.substring(7));
        }
        if (key.startsWith("root ")) {
            return List.of("root-" + key.substring(5));
        }
        if (key.startsWith("ref ")) {
            return List.of("ref-" + key.substring(4));
        }
        return List.of();
    }
}
