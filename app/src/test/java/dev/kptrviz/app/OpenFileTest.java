package dev.kptrviz.app;

import dev.kptrviz.LoadException;
import dev.kptrviz.program.Examples;
import dev.kptrviz.program.Loader;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening a bad file explains why in a dialog and leaves the open program untouched. */
@ExtendWith(ApplicationExtension.class)
class OpenFileTest {
    private Stage stage;
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = KptrVizApp.startOn(stage, List.of());
    }

    private Path corrupt(String kind) throws IOException {
        byte[] bytes;
        switch (kind) {
            case "random" -> {
                bytes = new byte[4096];
                new Random(0x6b707472L).nextBytes(bytes);
            }
            case "truncated" -> {
                byte[] good = Examples.bytes(Examples.MOTIVATING).orElseThrow();
                bytes = Arrays.copyOf(good, Math.min(good.length, 200));
            }
            case "empty" -> bytes = new byte[0];
            default -> throw new IllegalArgumentException(kind);
        }
        return Files.write(dir.resolve(kind + ".o"), bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "truncated", "empty"})
    void corruptFileShowsTheLoadErrorAndKeepsTheListing(String kind, FxRobot robot) throws IOException {
        Path bad = corrupt(kind);
        LoadException expected = assertThrows(LoadException.class, () -> Loader.load(bad));
        CodeArea listing = robot.lookup("#listing").queryAs(CodeArea.class);
        String before = listing.getText();
        String title = stage.getTitle();

        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = window.open(bad));

        assertFalse(opened[0]);
        DialogPane dialog = robot.lookup("#" + Dialogs.LOAD_ERROR_ID).queryAs(DialogPane.class);
        assertTrue(dialog.getHeaderText().contains(kind + ".o"), dialog.getHeaderText());
        assertTrue(dialog.getContentText().contains(expected.getMessage()),
                "dialog should quote the LoadException, was: " + dialog.getContentText());
        assertFalse(dialog.getContentText().contains("\tat "), "no stack trace in the dialog");

        robot.clickOn(dialog.lookupButton(ButtonType.OK));
        assertTrue(robot.lookup("#" + Dialogs.LOAD_ERROR_ID).tryQuery().isEmpty(), "dialog closes on OK");
        assertEquals(before, listing.getText());
        assertEquals(title, stage.getTitle());
        assertTrue(listing.getText().contains("@ " + Examples.MOTIVATING.replace(".o", ".c") + ":"));
        assertEquals(Examples.MOTIVATING, window.object().orElseThrow().fileName());
    }

    @Test
    void aBadPathOnTheCommandLineIsReportedAndTheMotivatingExampleOpens(FxRobot robot) throws IOException {
        Path bad = corrupt("random");
        MainWindow[] second = new MainWindow[1];
        robot.interact(() -> second[0] = KptrVizApp.startOn(new Stage(), List.of(bad.toString())));
        DialogPane dialog = robot.lookup("#" + Dialogs.LOAD_ERROR_ID).queryAs(DialogPane.class);
        assertTrue(dialog.getHeaderText().contains("random.o"), dialog.getHeaderText());
        assertEquals(Examples.MOTIVATING, second[0].object().orElseThrow().fileName());
        robot.interact(() -> {
            ((Stage) dialog.getScene().getWindow()).close();
            second[0].stage().close();
        });
    }

    @Test
    void aGoodPathOnTheCommandLineIsOpened(FxRobot robot) throws IOException {
        var other = Examples.all().stream()
                .filter(e -> !e.objectFile().equals(Examples.MOTIVATING))
                .findFirst().orElseThrow();
        Path file = Files.write(dir.resolve(other.objectFile()), Examples.bytes(other.objectFile()).orElseThrow());
        MainWindow[] second = new MainWindow[1];
        robot.interact(() -> second[0] = KptrVizApp.startOn(new Stage(), List.of(file.toString())));
        assertEquals("KptrViz — " + other.objectFile(), second[0].stage().getTitle());
        robot.interact(() -> second[0].stage().close());
    }

    @Test
    void openingAGoodFileFromDiskReplacesTheListing(FxRobot robot) throws IOException {
        var other = Examples.all().stream()
                .filter(e -> !e.objectFile().equals(Examples.MOTIVATING))
                .findFirst().orElseThrow();
        Path file = Files.write(dir.resolve(other.objectFile()), Examples.bytes(other.objectFile()).orElseThrow());
        String before = robot.lookup("#listing").queryAs(CodeArea.class).getText();
        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = window.open(file));
        assertTrue(opened[0]);
        assertEquals("KptrViz — " + other.objectFile(), stage.getTitle());
        assertFalse(before.equals(robot.lookup("#listing").queryAs(CodeArea.class).getText()));
    }
}
