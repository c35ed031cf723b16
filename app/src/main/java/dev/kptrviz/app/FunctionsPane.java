package dev.kptrviz.app;

import dev.kptrviz.program.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.IntConsumer;

/** The linked program's functions (entry, subprograms, callbacks); a click scrolls the listing. */
final class FunctionsPane {
    private final ListView<Function> list = new ListView<>();
    private final TitledPane pane = new TitledPane("Functions", list);

    FunctionsPane(IntConsumer reveal) {
        list.setId("functions");
        list.getStyleClass().add("functions-list");
        list.setCellFactory(v -> new FunctionCell());
        list.getSelectionModel().selectedItemProperty().addListener((o, was, f) -> {
            if (f != null) {
                reveal.accept(f.start());
            }
        });
        pane.setCollapsible(false);
        pane.getStyleClass().add("side-section");
        pane.setMaxHeight(Double.MAX_VALUE);
        VBox.setVgrow(pane, Priority.ALWAYS);
    }

    Node node() {
        return pane;
    }

    void show(List<Function> functions) {
        list.getSelectionModel().clearSelection();
        list.getItems().setAll(functions);
        pane.setText("Functions (" + functions.size() + ")");
    }

    private static final class FunctionCell extends ListCell<Function> {
        @Override
        protected void updateItem(Function f, boolean empty) {
            super.updateItem(f, empty);
            setText(null);
            if (empty || f == null) {
                setGraphic(null);
                return;
            }
            Label name = new Label(f.name());
            name.getStyleClass().add("function-name");
            String kind = f.kind().name().toLowerCase();
            Label badge = new Label(kind);
            badge.getStyleClass().addAll("badge", "badge-" + kind);
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Label range = new Label(f.length() <= 1 ? "" + f.start() : f.start() + "–" + (f.end() - 1));
            range.getStyleClass().add("function-range");
            HBox row = new HBox(6, name, badge, gap, range);
            row.getStyleClass().add("function-row");
            setGraphic(row);
        }
    }
}
