package dev.kptrviz.app;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.transform.Scale;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ownership graph's zoom bar, fit, Ctrl+wheel, and the zoom and card places across steps. */
@ExtendWith(ApplicationExtension.class)
class GraphZoomTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = KptrVizApp.startOn(stage, List.of());
    }

    private GraphZoom zoom() {
        return window.stepping().graph().zoom();
    }

    private static double scaleOf(FxRobot robot) {
        Node canvas = robot.lookup("#graph").query();
        Scale s = (Scale) canvas.getTransforms().get(0);
        assertEquals(s.getX(), s.getY(), 1e-9, "the drawing scales evenly");
        return s.getX();
    }

    private static String level(FxRobot robot) {
        return robot.lookup("#zoomLevel").queryAs(Label.class).getText();
    }

    private void seek(FxRobot robot, long step) {
        robot.interact(() -> window.stepping().controller().seek(step));
    }

    @Test
    void buttonsScaleTheDrawingAndTheLabelFollows(FxRobot robot) {
        assertEquals("100%", level(robot));
        assertEquals(1.0, scaleOf(robot), 1e-9);
        Node canvas = robot.lookup("#graph").query();
        double width = canvas.getLayoutBounds().getWidth();

        robot.clickOn("#zoomIn");
        assertEquals(1.1, scaleOf(robot), 1e-9);
        assertEquals("110%", level(robot));
        assertEquals(width * 1.1, canvas.getBoundsInParent().getWidth(), 1.0, "the drawing is drawn 10% wider");
        robot.clickOn("#zoomIn");
        assertEquals("125%", level(robot));

        robot.clickOn("#zoomOut");
        robot.clickOn("#zoomOut");
        robot.clickOn("#zoomOut");
        assertEquals(0.9, scaleOf(robot), 1e-9);
        assertEquals("90%", level(robot));
        assertEquals(width, canvas.getLayoutBounds().getWidth(), 1e-9, "zooming does not re-lay the drawing out");

        robot.clickOn("#zoomReset");
        assertEquals(1.0, scaleOf(robot), 1e-9);
        assertEquals("100%", level(robot));
        assertEquals(1.0, zoom().zoomProperty().get(), 1e-9, "the zoom property follows the buttons");
    }

    @Test
    void zoomStopsAtItsLimits(FxRobot robot) {
        for (int i = 0; i < 30; i++) {
            robot.clickOn("#zoomOut");
        }
        assertEquals(GraphZoom.MIN, scaleOf(robot), 1e-9);
        assertEquals("25%", level(robot));
        robot.interact(() -> zoom().setZoom(100));
        assertEquals(GraphZoom.MAX, zoom().zoom(), 1e-9);
        assertEquals("400%", level(robot));
    }

    @Test
    void fitShowsTheWholeGraphAfterSomeSteps(FxRobot robot) {
        seek(robot, 30);
        assertTrue(robot.lookup(".g-card").queryAll().size() >= 1, "the motivating example has a node by step 30");
        robot.interact(() -> zoom().setZoom(3.0));
        ScrollPane scroll = zoom().scroll();
        Node content = scroll.getContent();
        Bounds view = scroll.getViewportBounds();
        assertTrue(content.getLayoutBounds().getWidth() > view.getWidth(), "at 300% the graph overflows the view");

        robot.clickOn("#zoomFit");
        robot.interact(() -> { });
        Bounds fitted = content.getLayoutBounds();
        view = scroll.getViewportBounds();
        assertTrue(fitted.getWidth() <= view.getWidth() + 0.5, fitted + " wider than " + view);
        assertTrue(fitted.getHeight() <= view.getHeight() + 0.5, fitted + " taller than " + view);
        assertTrue(fitted.getWidth() >= 0.9 * view.getWidth() || fitted.getHeight() >= 0.9 * view.getHeight(),
                "fit fills the view in one direction: " + fitted + " in " + view);
        assertTrue(zoom().zoom() < 3.0);
        assertEquals(Math.round(zoom().zoom() * 100) + "%", level(robot));
        // every card is inside the visible area
        Bounds viewport = scroll.localToScene(scroll.getLayoutBounds());
        for (Node card : robot.lookup(".g-card").queryAll()) {
            Bounds b = card.localToScene(card.getLayoutBounds());
            assertTrue(viewport.contains(b), card.getId() + " at " + b + " outside " + viewport);
        }
    }

    @Test
    void zoomAndCardPlacesSurviveAStep(FxRobot robot) {
        seek(robot, 3);
        Node card = robot.lookup("#obj-1").query();
        double x = card.getLayoutX();
        double y = card.getLayoutY();
        robot.clickOn("#zoomIn");
        robot.clickOn("#zoomIn");
        assertEquals(1.25, scaleOf(robot), 1e-9);

        robot.clickOn("#graph");
        robot.type(KeyCode.F7);
        assertEquals(4, window.stepping().controller().current().orElseThrow().position());
        Node after = robot.lookup("#obj-1").query();
        assertTrue(after != card, "the step redrew the graph");
        assertEquals(1.25, scaleOf(robot), 1e-9, "the zoom survives the step");
        assertEquals("125%", level(robot));
        assertEquals(x, after.getLayoutX(), 1e-9, "the card keeps its place");
        assertEquals(y, after.getLayoutY(), 1e-9, "the card keeps its place");
    }

    @Test
    void ctrlWheelZoomsAroundThePointer(FxRobot robot) {
        seek(robot, 3);
        Node card = robot.lookup("#obj-1").query();
        robot.interact(() -> { });
        Bounds before = card.localToScene(card.getLayoutBounds());
        double px = before.getMinX() + 10;
        double py = before.getMinY() + 10;
        robot.interact(() -> {
            for (int i = 0; i < 5; i++) {
                ScrollEvent wheel = new ScrollEvent(ScrollEvent.SCROLL, px, py, px, py, false, true, false, false,
                        false, false, 0, 40, 0, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                        ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null);
                javafx.event.Event.fireEvent(zoom().scroll(), wheel);
            }
        });
        assertEquals(Math.pow(1.1, 5), zoom().zoom(), 1e-6);
        Bounds after = card.localToScene(card.getLayoutBounds());
        // the point under the pointer, 10 px into the card, is now 10 * 1.61 px into it, still under the pointer,
        // unless the scroll bar of that axis had to stop at its end (a small drawing cannot scroll further)
        ScrollPane sp = zoom().scroll();
        double gotX = after.getMinX() + 10 * zoom().zoom();
        double gotY = after.getMinY() + 10 * zoom().zoom();
        assertTrue(Math.abs(px - gotX) <= 1.5 || sp.getHvalue() == sp.getHmax(), "x " + gotX + " vs " + px);
        assertTrue(Math.abs(py - gotY) <= 1.5 || sp.getVvalue() == sp.getVmax(), "y " + gotY + " vs " + py);
        assertTrue(Math.abs(px - gotX) <= 1.5 || Math.abs(py - gotY) <= 1.5, "at least one axis keeps the point");
    }
}
