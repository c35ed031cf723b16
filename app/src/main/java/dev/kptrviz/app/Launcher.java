package dev.kptrviz.app;

import javafx.application.Application;

/**
 * Plain entry point that does not extend {@link Application}, so the app also starts from a
 * classpath launch ({@code mvn compile exec:java}, a fat jar) where JavaFX is not on the module path.
 * Arguments: an optional path to a BPF object file to open instead of the motivating example.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(KptrVizApp.class, args);
    }
}
