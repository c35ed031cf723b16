package dev.kptrviz.app;

import javafx.geometry.Bounds;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Shape;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** View menu: window zoom (text and graph together), themes by stylesheet and pixel, presenter mode. */
@ExtendWith(ApplicationExtension.class)
class ViewMenuTest {
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = KptrVizApp.startOn(stage, List.of());
    }

    private Scene scene() {
        return stage.getScene();
    }

    private GraphZoom graphZoom() {
        return window.stepping().graph().zoom();
    }

    /** Picks a View menu item as a click would, by its id (themes are in the Theme submenu). */
    private void choose(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        MenuItem item = bar.getMenus().stream().flatMap(m -> items(m).stream())
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow(() -> new AssertionError("no " + id));
        robot.interact(item::fire);
    }

    private static List<MenuItem> items(Menu menu) {
        return menu.getItems().stream().flatMap(i -> i instanceof Menu sub
                ? java.util.stream.Stream.concat(java.util.stream.Stream.of(i), items(sub).stream())
                : java.util.stream.Stream.of(i)).toList();
    }

    private static double fontSize(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getFont().getSize();
    }

    private Optional<String> sheet(String name) {
        return scene().getStylesheets().stream().filter(s -> s.endsWith("/" + name)).findFirst();
    }

    /** The colour of the scene at a spot of the graph's background near the viewport's bottom-left corner. */
    private Color graphBackground(FxRobot robot) {
        Node scroll = graphZoom().scroll();
        Bounds b = scroll.localToScene(scroll.getLayoutBounds());
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = scene().snapshot(null));
        return shot[0].getPixelReader().getColor((int) b.getMinX() + 8, (int) b.getMaxY() - 24);
    }

    private void ctrl(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
    }

    @Test
    void ctrlEqualsEnlargesTheTextAndTheGraphAndCtrl0Resets(FxRobot robot) {
        robot.interact(() -> window.stepping().controller().seek(3));
        double status = fontSize(robot, "#statusFile");
        double cardType = robot.lookup("#obj-1 .g-card-type").queryAs(Label.class).getFont().getSize();
        assertEquals(11, status, 1e-9, "kptrviz.css: status bar text 11px");
        robot.clickOn("#graph");

        ctrl(robot, KeyCode.EQUALS);
        assertEquals(1.1, window.presenter().scaleProperty().get(), 1e-9);
        assertEquals(12.1, fontSize(robot, "#statusFile"), 0.01, "the status bar text grew by 10%");
        assertEquals(1.1, graphZoom().zoom(), 1e-9, "the graph grew with it");
        assertEquals(cardType, robot.lookup("#obj-1 .g-card-type").queryAs(Label.class).getFont().getSize(), 1e-9,
                "the graph's cards keep their text size: the graph zoom scales them");
        ctrl(robot, KeyCode.EQUALS);
        assertEquals(13.75, fontSize(robot, "#statusFile"), 0.01);

        ctrl(robot, KeyCode.MINUS);
        assertEquals(12.1, fontSize(robot, "#statusFile"), 0.01);

        ctrl(robot, KeyCode.DIGIT0);
        assertEquals(1.0, window.presenter().scaleProperty().get(), 1e-9);
        assertEquals(status, fontSize(robot, "#statusFile"), 1e-9);
        assertEquals(1.0, graphZoom().zoom(), 1e-9);
        assertTrue(scene().getStylesheets().stream().noneMatch(s -> s.startsWith("data:")),
                "no scaling sheet at 100%");
    }

    @Test
    void darkThemeDarkensTheGraphAndLightRestoresIt(FxRobot robot) {
        Color light = graphBackground(robot);
        assertTrue(light.getBrightness() > 0.9, "light graph background: " + light);

        choose(robot, "theme-dark");
        assertTrue(sheet("kptrviz-dark.css").isPresent(), scene().getStylesheets().toString());
        assertEquals(Theme.DARK, window.presenter().themeProperty().get());
        Color dark = graphBackground(robot);
        assertTrue(dark.getBrightness() < 0.2, "dark graph background: " + dark);
        // the listing's instructions are light on its dark background
        Region listing = robot.lookup("#listing").queryAs(Region.class);
        Node insn = listing.lookup(".ls-insn");
        Color text = (Color) ((javafx.scene.text.Text) insn).getFill();
        assertTrue(text.getBrightness() > 0.7, "listing text in the dark theme: " + text);

        choose(robot, "theme-light");
        assertFalse(sheet("kptrviz-dark.css").isPresent());
        assertEquals(light, graphBackground(robot));
    }

    @Test
    void highContrastThickensOutlinesAndEnlargesRefcounts(FxRobot robot) {
        robot.interact(() -> window.stepping().controller().seek(3));
        Region card = robot.lookup("#obj-1").queryAs(Region.class);
        double lightBorder = card.getBorder().getStrokes().get(0).getWidths().getTop();
        double lightBadge = fontSize(robot, "#obj-1-refcount");

        choose(robot, "theme-contrast");
        assertTrue(sheet("kptrviz-contrast.css").isPresent(), scene().getStylesheets().toString());
        robot.interact(() -> { });
        double border = card.getBorder().getStrokes().get(0).getWidths().getTop();
        assertTrue(border >= 2.5 && border > lightBorder, "card outline " + lightBorder + " -> " + border);
        assertTrue(fontSize(robot, "#obj-1-refcount") > lightBadge, "larger refcount badge");

        // the kinds differ by line shape, not only by colour: owning solid and thick, non-owning dashed
        robot.interact(() -> window.stepping().controller().seek(20));
        Shape owning = edgeOf(robot, "owning");
        assertTrue(owning.getStrokeWidth() >= 4, "owning arrows are thick: " + owning.getStrokeWidth());
        assertTrue(owning.getStrokeDashArray().isEmpty(), "and solid");
        robot.interact(() -> window.stepping().controller().seek(30));
        Shape nonOwning = edgeOf(robot, "non_owning");
        assertFalse(nonOwning.getStrokeDashArray().isEmpty(), "non-owning arrows are dashed");
    }

    /** The line of the first arrow from a register of {@code kind} (motivating: owning at step 20, not at 30). */
    private Shape edgeOf(FxRobot robot, String kind) {
        Group edge = (Group) robot.lookup(n -> n.getId() != null && n.getId().startsWith("ptr-")
                && kind.equals(n.getUserData())).query();
        return (Shape) edge.getChildren().get(0);
    }

    @Test
    void presenterModeIsFullScreenAt150PercentAndBackAgain(FxRobot robot) {
        robot.clickOn("#zoomIn");
        assertEquals(1.1, graphZoom().zoom(), 1e-9);
        robot.clickOn("#graph");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.P).release(KeyCode.SHIFT, KeyCode.CONTROL);
        Presenter p = window.presenter();
        assertTrue(p.presentingProperty().get());
        assertTrue(stage.isFullScreen());
        assertEquals(1.5, p.scaleProperty().get(), 1e-9);
        assertEquals(1.65, graphZoom().zoom(), 1e-9, "the graph zooms by the same 150%");
        assertEquals(Theme.CONTRAST, p.themeProperty().get(), "presenter theme until another is chosen");
        assertEquals(16.5, fontSize(robot, "#statusFile"), 0.01);

        choose(robot, "theme-dark");
        choose(robot, "presenterItem");
        assertFalse(p.presentingProperty().get());
        assertFalse(stage.isFullScreen());
        assertEquals(1.0, p.scaleProperty().get(), 1e-9);
        assertEquals(1.1, graphZoom().zoom(), 1e-9);
        assertEquals(Theme.LIGHT, p.themeProperty().get());
        assertEquals(List.of(MainWindow.CSS), scene().getStylesheets());

        choose(robot, "presenterItem");
        assertEquals(Theme.DARK, p.themeProperty().get(), "the theme chosen while presenting is remembered");
    }
}
