package dev.kptrviz.app;

import javafx.application.Application;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/**
 * The JavaFX application: one main window, opened on the object file given as the first
 * command-line argument, or on the bundled motivating example when there is none.
 */
public final class KptrVizApp extends Application {

    @Override
    public void start(Stage stage) {
        startOn(stage, getParameters().getRaw());
    }

    /**
     * Builds the main window on {@code stage}, shows it and opens the initial file. Shared by
     * {@link #start}, the screenshot command and the UI tests, so all three see the same window.
     */
    public static MainWindow startOn(Stage stage, List<String> args) {
        MainWindow window = new MainWindow(stage);
        stage.show();
        boolean opened = !args.isEmpty() && window.open(Path.of(args.get(0)));
        if (!opened) {
            window.openMotivating();
        }
        return window;
    }
}
