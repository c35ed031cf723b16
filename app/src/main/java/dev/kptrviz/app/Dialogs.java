package dev.kptrviz.app;

import dev.kptrviz.LoadException;
import javafx.scene.control.Alert;
import javafx.stage.Window;

/**
 * Error dialogs. They state what went wrong in the model's own words and never show a stack
 * trace. They are shown without blocking the caller, so the session stays usable behind them.
 */
final class Dialogs {
    static final String LOAD_ERROR_ID = "loadError";
    static final String TOUR_ERROR_ID = "tourError";

    private Dialogs() {
    }

    /** The input was refused: shows {@link LoadException#getMessage()} ("where: reason"). */
    static Alert loadError(Window owner, String fileName, LoadException e) {
        return error(owner, "Cannot open " + fileName,
                e.getMessage() + "\n\nThe previously open program is still shown.");
    }

    /** A failure the loader did not anticipate: a bug in KptrViz, not in the file. */
    static Alert unexpectedError(Window owner, String fileName, Throwable e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return error(owner, "Cannot open " + fileName,
                "KptrViz failed while reading this file (this is a bug in KptrViz, please report it):\n"
                        + what + "\n\nThe previously open program is still shown.");
    }

    /** A tour that cannot be used: {@code content} names the file, the stop and the field. */
    static Alert tourError(Window owner, String header, String content) {
        Alert alert = error(owner, header, content + "\n\nThe open program and its session are unchanged.");
        alert.setTitle("KptrViz — cannot open tour");
        alert.getDialogPane().setId(TOUR_ERROR_ID);
        return alert;
    }

    private static Alert error(Window owner, String header, String content) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null && owner.isShowing()) {
            alert.initOwner(owner);
        }
        alert.setTitle("KptrViz — cannot open file");
        alert.setHeaderText(header);
        alert.setContentText(content);
        alert.getDialogPane().setId(LOAD_ERROR_ID);
        // The window's sheets: kptrviz.css, and the View menu's theme and zoom over it.
        if (owner != null && owner.getScene() != null && !owner.getScene().getStylesheets().isEmpty()) {
            alert.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        } else {
            alert.getDialogPane().getStylesheets().add(MainWindow.CSS);
        }
        alert.getDialogPane().setMinWidth(520);
        alert.show();
        return alert;
    }
}
