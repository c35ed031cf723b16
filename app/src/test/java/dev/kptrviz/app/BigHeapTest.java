package dev.kptrviz.app;

import dev.kptrviz.program.Examples;
import dev.kptrviz.session.OwnershipGraph;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stress_500 in the window: 500 objects on the heap. The graph gives nodes only to the cards in view (and
 * keeps them across steps), scrolling brings the others in, and the Run tab sums up what it does not draw.
 */
@ExtendWith(ApplicationExtension.class)
class BigHeapTest {
    private MainWindow window;
    private long end;

    @Start
    void start(Stage stage) {
        window = KptrVizApp.startOn(stage, List.of());
    }

    @BeforeEach
    void openStress(FxRobot robot) {
        robot.interact(() -> {
            window.openExample(Examples.byProgram("stress_500").orElseThrow());
            controller().seek(Long.MAX_VALUE / 4);
            end = controller().current().orElseThrow().position();
            controller().seek(end - 30);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private SessionController controller() {
        return window.stepping().controller();
    }

    private static Set<Integer> drawnCards(FxRobot robot) {
        return robot.lookup(".g-card").queryAll().stream()
                .map(n -> ((OwnershipGraph.ObjectNode) n.getUserData()).id()).collect(Collectors.toSet());
    }

    @Test
    void onlyTheCardsInViewHaveNodesAndScrollingBringsTheOthers(FxRobot robot) {
        OwnershipGraph g = controller().current().orElseThrow().graph();
        assertEquals(500, g.objects().stream().filter(o -> !o.freed()).count());
        Set<Integer> drawn = drawnCards(robot);
        assertTrue(drawn.contains(1), "the first card is at the top left: " + drawn);
        assertFalse(drawn.contains(500), "the last card is far below the view");
        assertTrue(drawn.size() < 100, "only the cards near the view are drawn: " + drawn.size());

        ScrollPane scroll = window.stepping().graph().zoom().scroll();
        robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();
        Set<Integer> below = drawnCards(robot);
        assertTrue(below.contains(500), "scrolled to the bottom, the last card is drawn: " + below);
        assertFalse(below.contains(1), "and the first is not");
        Node last = robot.lookup("#obj-500").query();
        assertTrue(scroll.localToScene(scroll.getLayoutBounds()).intersects(last.localToScene(last.getLayoutBounds())),
                "where it is seen");
        assertEquals("rc 2", robot.lookup("#obj-500-refcount").queryAs(Label.class).getText());
    }

    @Test
    void theGraphsPictureForExportHasEveryCard(FxRobot robot) {
        int[] inPicture = new int[1];
        robot.interact(() -> inPicture[0] = window.stepping().graph().picture().lookupAll(".g-card").size());
        assertEquals(500, inPicture[0], "a PNG export shows the whole drawing");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(drawnCards(robot).size() < 100, "then only the cards near the view keep their nodes");
    }

    @Test
    void aStepKeepsTheCardsItDoesNotChange(FxRobot robot) {
        Node first = robot.lookup("#obj-1").query();
        Label r0 = robot.lookup("#reg-r0-concrete").queryAs(Label.class);
        long before = controller().current().orElseThrow().position();
        robot.interact(() -> controller().step());
        assertEquals(before + 1, controller().current().orElseThrow().position());
        OwnershipGraph g = controller().current().orElseThrow().graph();
        assertFalse(GraphNodes.changed(g, "object#1"), "the last steps leave object #1 alone");
        assertEquals(first.getUserData(), g.objects().get(0), "and it shows the same");
        assertSame(first, robot.lookup("#obj-1").query(), "so its card keeps its node");
        assertSame(r0, robot.lookup("#reg-r0-concrete").queryAs(Label.class), "register labels are updated in place");
        assertEquals(controller().current().orElseThrow().regs().get(0).concrete(), r0.getText());
    }

    @Test
    void theRunTabSumsUpTheObjectsItDoesNotDraw(FxRobot robot) {
        assertEquals(HeapView.MAX_CARDS, robot.lookup(".heap-card").queryAll().size());
        assertEquals("… and 400 more objects, not shown here: the ownership graph shows them all, as does kptrviz run.",
                robot.lookup("#heapMore").queryAs(Label.class).getText());
    }

    @Test
    void theExecutingArrowMovesWithTheStep(FxRobot robot) {
        ListingView listing = window.inspector().listingView();
        int before = listing.executingLine();
        robot.interact(() -> controller().step());
        WaitForAsyncUtils.waitForFxEvents();
        int after = listing.executingLine();
        assertEquals(listing.lineOf(controller().current().orElseThrow().pc()), after);
        assertTrue(after != before, "the step moved to another instruction");
        List<String> arrows = robot.lookup(".gutter-exec").queryAll().stream()
                .filter(n -> n instanceof Label l && l.getText().equals("▶") && n.getScene() != null)
                .map(n -> n.getParent().getId()).toList();
        assertEquals(List.of("gutter-" + after), arrows, "one ▶ in the margin, on the executing line");
    }
}
