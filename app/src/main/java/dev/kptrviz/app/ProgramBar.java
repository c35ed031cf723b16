package dev.kptrviz.app;

import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/**
 * The header above the listing: object file, the program (a selector when the object has
 * several), its ELF section, and the example's description when it is a bundled example.
 */
final class ProgramBar {
    private final Label file = new Label();
    private final Label programName = new Label();
    private final ComboBox<Program> selector = new ComboBox<>();
    private final Label section = new Label();
    private final Label about = new Label();
    private final HBox head;
    private final VBox box;
    private boolean updating;

    ProgramBar(Consumer<Program> onSelect) {
        file.setId("objectName");
        file.getStyleClass().add("object-name");
        programName.setId("programName");
        programName.getStyleClass().add("program-name");
        selector.setId("programSelector");
        selector.setCellFactory(v -> new ProgramCell());
        selector.setButtonCell(new ProgramCell());
        selector.getSelectionModel().selectedItemProperty().addListener((o, was, p) -> {
            if (!updating && p != null) {
                section.setText(sectionText(p));
                onSelect.accept(p);
            }
        });
        section.setId("programSection");
        section.getStyleClass().add("program-section");
        about.setId("description");
        about.getStyleClass().add("description");
        about.setWrapText(true);

        Label sep = new Label("›");
        sep.getStyleClass().add("crumb-sep");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        head = new HBox(8, file, sep, programName, selector, section, gap);
        head.getStyleClass().add("program-head");
        box = new VBox(2, head, about);
        box.getStyleClass().add("program-bar");
    }

    Node node() {
        return box;
    }

    /** Adds {@code node} at the right end of the header line (the rules selector and verdict). */
    void addTrailing(Node node) {
        head.getChildren().add(node);
    }

    void setObject(BpfObject object, Program selected, String description) {
        updating = true;
        try {
            file.setText(object.fileName());
            boolean several = object.programs().size() > 1;
            selector.getItems().setAll(object.programs());
            selector.getSelectionModel().select(selected);
            selector.setVisible(several);
            selector.setManaged(several);
            programName.setText(selected.name());
            programName.setVisible(!several);
            programName.setManaged(!several);
            section.setText(sectionText(selected));
            boolean hasAbout = description != null && !description.isBlank();
            about.setText(hasAbout ? description : "");
            about.setVisible(hasAbout);
            about.setManaged(hasAbout);
        } finally {
            updating = false;
        }
    }

    private static String sectionText(Program p) {
        return "SEC(\"" + p.section() + "\")";
    }

    private static final class ProgramCell extends ListCell<Program> {
        @Override
        protected void updateItem(Program p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name());
        }
    }
}
