package dev.kptrviz.app;

import dev.kptrviz.program.CollectionRoot;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The object's collection roots ({@code bpf_list_head} / {@code bpf_rb_root}) as the model
 * found them: name, kind, where it lives, what it contains and which lock guards it.
 */
final class RootsPane {
    private static final double ROW_HEIGHT = 64;
    private static final int MAX_VISIBLE = 5;
    private final ListView<CollectionRoot> list = new ListView<>();
    private final TitledPane pane = new TitledPane("Collection roots", list);

    RootsPane() {
        list.setId("roots");
        list.getStyleClass().add("roots-list");
        list.setCellFactory(v -> new RootCell());
        list.setPlaceholder(new Label("This object has no bpf_list_head or bpf_rb_root."));
        list.setFocusTraversable(false);
        pane.setCollapsible(false);
        pane.getStyleClass().add("side-section");
        VBox.setVgrow(pane, Priority.NEVER);
    }

    Node node() {
        return pane;
    }

    void show(List<CollectionRoot> roots) {
        list.getItems().setAll(roots);
        // Tall enough for every root (up to a few), so the functions below get the rest.
        list.setPrefHeight(Math.min(Math.max(roots.size(), 1), MAX_VISIBLE) * ROW_HEIGHT + 2);
        pane.setText("Collection roots (" + roots.size() + ")");
    }

    /** One-line plain-text summary of a root, as the cell shows it; also used by tests. */
    static String summary(CollectionRoot r) {
        return r.name() + " " + kindText(r) + " in " + r.container()
                + ", contains " + r.containedType() + ":" + r.nodeField()
                + ", " + lockText(r);
    }

    static String kindText(CollectionRoot r) {
        return r.kind() == CollectionRoot.Kind.LIST ? "list" : "rbtree";
    }

    static String lockText(CollectionRoot r) {
        return r.lockName() == null ? "no lock" : "lock " + r.lockName();
    }

    private static final class RootCell extends ListCell<CollectionRoot> {
        @Override
        protected void updateItem(CollectionRoot r, boolean empty) {
            super.updateItem(r, empty);
            setText(null);
            if (empty || r == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            Label name = new Label(r.name());
            name.getStyleClass().add("root-name");
            Label kind = new Label(kindText(r));
            kind.getStyleClass().addAll("badge", "badge-" + kindText(r));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Label where = new Label(r.container());
            where.getStyleClass().add("root-where");
            HBox head = new HBox(6, name, kind, gap, where);
            head.getStyleClass().add("root-head");

            Label contains = new Label("holds struct " + r.containedType() + " via ." + r.nodeField());
            contains.getStyleClass().add("root-detail");
            Label lock = new Label(r.lockName() == null ? "no bpf_spin_lock" : "guarded by " + r.lockName());
            lock.getStyleClass().addAll("root-detail", r.lockName() == null ? "root-nolock" : "root-lock");
            VBox box = new VBox(2, head, contains, lock);
            if (!r.valid()) {
                Label problem = new Label("✗ " + r.problem()
                        + (r.problemErrno() == null ? "" : " (" + r.problemErrno() + ")"));
                problem.getStyleClass().add("root-problem");
                problem.setWrapText(true);
                box.getChildren().add(problem);
            }
            box.getStyleClass().add("root-cell");
            setGraphic(box);
            setTooltip(new Tooltip(r.kind().rootStruct() + " " + summary(r)));
        }
    }
}
