package dev.kptrviz.app;

import dev.kptrviz.program.Examples;
import dev.kptrviz.session.TimelineMark;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timeline's marks on a long recording (stress_500): merged by pixels, kept across steps, still seeking. */
@ExtendWith(ApplicationExtension.class)
class TimelineMarkersTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = KptrVizApp.startOn(stage, List.of());
    }

    private SessionController controller() {
        return window.stepping().controller();
    }

    @SuppressWarnings("unchecked")
    private static List<TimelineMark> marksOf(Node tick) {
        return (List<TimelineMark>) tick.getUserData();
    }

    private static List<Node> ticks(FxRobot robot) {
        return List.copyOf(robot.lookup(".timeline-mark").queryAll());
    }

    @Test
    void stress500RunToTheEndHasATickPerThreePixelsAtMostAndAMergedTickStillSeeks(FxRobot robot) {
        robot.interact(() -> {
            window.openExample(Examples.byProgram("stress_500").orElseThrow());
            controller().seek(Long.MAX_VALUE / 4);
        });
        WaitForAsyncUtils.waitForFxEvents();
        long end = controller().current().orElseThrow().position();
        List<TimelineMark> all = controller().marks();
        assertTrue(all.size() > 1000, "stress_500 marks over a thousand positions: " + all.size());

        double width = robot.lookup("#timelineMarks").queryAs(Region.class).getWidth();
        List<Node> ticks = ticks(robot);
        // one row of event ticks and one of breakpoint dots (none here), each at most one per 3 pixels
        assertTrue(ticks.size() <= 2 * (width / TimelineMarkers.BUCKET + 2),
                ticks.size() + " ticks on a strip " + width + " px wide");
        assertTrue(ticks.size() > width / 20, "the marks still spread over the strip: " + ticks.size());
        assertEquals(all, ticks.stream().flatMap(t -> marksOf(t).stream())
                .sorted(Comparator.comparingLong(TimelineMark::position).thenComparing(TimelineMark::category))
                .toList(), "every mark is in exactly one tick");

        // no two ticks overlap, so the pointer always finds the one it is over
        List<Bounds> boxes = ticks.stream().map(t -> t.localToScene(t.getBoundsInLocal()))
                .sorted(Comparator.comparingDouble(Bounds::getMinX)).toList();
        for (int i = 1; i < boxes.size(); i++) {
            assertTrue(boxes.get(i).getMinX() >= boxes.get(i - 1).getMaxX(), "ticks " + (i - 1) + " and " + i);
        }

        Node merged = ticks.stream().filter(t -> marksOf(t).size() > TimelineMarkers.TIP_LINES).findFirst()
                .orElseThrow(() -> new AssertionError("some tick stands for more than "
                        + TimelineMarkers.TIP_LINES + " marks"));
        List<TimelineMark> in = marksOf(merged);
        long first = in.get(0).position();
        assertEquals("mark-" + first, merged.getId());

        robot.moveTo(merged);
        robot.sleep(600);
        String tip = robot.listWindows().stream().filter(w -> w instanceof Tooltip && w.isShowing())
                .map(w -> ((Tooltip) w).getText()).findFirst().orElseThrow(() -> new AssertionError("no tooltip"));
        assertTrue(tip.startsWith(in.get(0).label() + "\n"), tip);
        assertTrue(tip.contains("\nand " + (in.size() - TimelineMarkers.TIP_LINES) + " more\n"), tip);
        assertTrue(tip.endsWith("(click to go to step " + first + ")"), tip);

        robot.clickOn(merged);
        assertEquals(first, controller().current().orElseThrow().position(), "a click goes to the first mark");

        // stepping within the recording changes no marks: the strip keeps its nodes
        robot.interact(() -> controller().step());
        robot.interact(() -> controller().stepBack());
        robot.interact(() -> controller().seek(end - 5));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(merged, robot.lookup("#mark-" + first).query(), "the tick was not rebuilt");
        assertEquals(ticks.size(), ticks(robot).size());
    }
}
