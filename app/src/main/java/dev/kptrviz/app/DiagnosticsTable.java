package dev.kptrviz.app;

import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Verdict;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

import java.util.function.Function;
import java.util.function.IntConsumer;

/** The verifier's diagnostics as a table (instruction, C line, kernel message, explanation); a click goes to the instruction. */
final class DiagnosticsTable {
    private final TableView<Diagnostic> table = new TableView<>();
    private final Label placeholder = new Label();

    DiagnosticsTable(IntConsumer goTo) {
        table.setId("diagnostics");
        table.getStyleClass().add("diagnostics-table");
        table.setPlaceholder(placeholder);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<Diagnostic, String> insn = column("Insn", 60, d -> d.insn() < 0 ? "load" : String.valueOf(d.insn()));
        TableColumn<Diagnostic, String> line = column("C line", 190,
                d -> d.line() == null ? "—" : d.line().location());
        TableColumn<Diagnostic, String> kernel = column("Kernel message", 300, d -> String.join("\n", d.kernelLines()));
        TableColumn<Diagnostic, String> why = column("Explanation", 420, Diagnostic::explanation);
        insn.getStyleClass().add("mono-column");
        line.getStyleClass().add("mono-column");
        kernel.getStyleClass().addAll("mono-column", "kernel-column");
        table.getColumns().setAll(java.util.List.of(insn, line, kernel, why));
        table.setRowFactory(v -> {
            TableRow<Diagnostic> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (!row.isEmpty() && row.getItem().insn() >= 0) {
                    goTo.accept(row.getItem().insn());
                }
            });
            return row;
        });
    }

    Node node() {
        return table;
    }

    void show(Verdict verdict) {
        table.getItems().setAll(verdict.diagnostics());
        placeholder.setText(verdict.accepted()
                ? "No diagnostics: the verifier accepts this program under " + Rules.rules(verdict.semantics()) + "."
                : "No diagnostics.");
    }

    void clear(String why) {
        table.getItems().clear();
        placeholder.setText(why);
    }

    private static TableColumn<Diagnostic, String> column(String title, double width, Function<Diagnostic, String> value) {
        TableColumn<Diagnostic, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setSortable(false);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setCellFactory(col -> new WrappingCell());
        return c;
    }

    /** A cell that wraps long messages (the row grows) instead of cutting them off. */
    private static final class WrappingCell extends TableCell<Diagnostic, String> {
        private final Text text = new Text();

        WrappingCell() {
            text.getStyleClass().add("diag-text");
            setGraphic(null);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            text.setText(item);
            text.wrappingWidthProperty().bind(getTableColumn().widthProperty().subtract(14));
            setGraphic(text);
        }
    }
}
