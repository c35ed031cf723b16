package dev.kptrviz.app;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Dropping a file on the main window opens it (an object, or a C source when clang is installed). Only the
 * first file of a drop is opened: the window shows one object at a time. The open runs after the drop has
 * completed, so a slow compile or an error dialog never holds the drag source's gesture.
 */
final class FileDrop {
    private FileDrop() {
    }

    static void install(Scene scene, Consumer<Path> open) {
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (file(e.getDragboard()).isPresent()) {
                e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
                e.consume();
            }
        });
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            Optional<Path> file = file(e.getDragboard());
            e.setDropCompleted(file.isPresent());
            e.consume();
            file.ifPresent(p -> Platform.runLater(() -> open.accept(p)));
        });
    }

    /** The first dropped file, if the drop carries files. */
    static Optional<Path> file(Clipboard board) {
        if (board == null || !board.hasFiles()) {
            return Optional.empty();
        }
        return board.getFiles().stream().findFirst().map(File::toPath);
    }
}
