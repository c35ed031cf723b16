package dev.kptrviz.app;

import dev.kptrviz.session.OwnershipGraph;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stepping debugger on the motivating example: the graph after bpf_rbtree_add, step back, shortcuts. */
@ExtendWith(ApplicationExtension.class)
class SteppingTest {
    /** The instruction of the motivating example that calls bpf_rbtree_add_impl. */
    private static final int RBTREE_ADD_PC = 33;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = KptrVizApp.startOn(stage, List.of());
    }

    private SessionController controller() {
        return window.stepping().controller();
    }

    private SessionController.Position position() {
        return controller().current().orElseThrow();
    }

    /** Steps with the toolbar's Step button until the step just taken executed {@code pc}. */
    private void stepUntilExecuted(FxRobot robot, int pc) {
        for (int i = 0; i < 200; i++) {
            SessionController.Position p = position();
            if (p.last() != null && p.last().pc() == pc) {
                return;
            }
            robot.clickOn("#stepForward");
        }
        throw new AssertionError("pc " + pc + " never executed");
    }

    private static Set<String> chips(FxRobot robot, int objectId) {
        Node card = robot.lookup("#obj-" + objectId).query();
        return card.lookupAll(".g-chip").stream().map(n -> String.valueOf(n.getUserData()))
                .filter(s -> !s.equals("null")).collect(Collectors.toSet());
    }

    @Test
    void afterRbtreeAddOneCardWithRefcountTwoInBothCollectionsAndNoOwningPointer(FxRobot robot) {
        assertEquals(0, position().position());
        assertTrue(robot.lookup(".g-card").queryAll().isEmpty(), "nothing allocated at step 0");
        stepUntilExecuted(robot, RBTREE_ADD_PC);

        List<Node> cards = List.copyOf(robot.lookup(".g-card").queryAll());
        assertEquals(1, cards.size(), "one heap object");
        int id = ((OwnershipGraph.ObjectNode) cards.get(0).getUserData()).id();
        Label rc = robot.lookup("#obj-" + id + "-refcount").queryAs(Label.class);
        assertEquals("rc 2", rc.getText());
        assertEquals(Set.of("ghead", "groot"), chips(robot, id));
        assertTrue(cards.get(0).getStyleClass().contains("g-changed"), "the rbtree_add changed the object");
        assertNotNull(robot.lookup("#root-groot").query());

        List<Node> pointers = List.copyOf(robot.lookup(n -> n.getId() != null && n.getId().startsWith("ptr-"))
                .queryAll());
        assertFalse(pointers.isEmpty(), "r6 and r7 still point at the object");
        assertTrue(pointers.stream().noneMatch(n -> "owning".equals(n.getUserData())),
                "no owning pointer remains after bpf_rbtree_add");
        assertEquals("non_owning", robot.lookup("#ptr-0-r7").query().getUserData());
        assertTrue(robot.lookup("#refTable").lookup("#ref-3").queryAll().isEmpty(), "ref 3 was released");

        String statusText = robot.lookup("#statusStep").queryAs(Label.class).getText();
        assertTrue(statusText.contains("pc " + position().pc()), statusText);
        assertEquals(window.inspector().listingView().lineOf(position().pc()),
                window.inspector().listingView().executingLine(), "the next instruction is marked in the listing");

        // step back once: the object is only in the list again, and r7 owns it
        long at = position().position();
        robot.clickOn("#stepBack");
        assertEquals(at - 1, position().position());
        assertEquals(Set.of("ghead"), chips(robot, id));
        assertEquals("rc 2", robot.lookup("#obj-" + id + "-refcount").queryAs(Label.class).getText());
        assertEquals("owning", robot.lookup("#ptr-0-r7").query().getUserData());
        assertEquals(1, robot.lookup("#ref-3").queryAll().size(), "ref 3 is held again");
    }

    @Test
    void f7StepsAndShiftF7StepsBack(FxRobot robot) {
        robot.clickOn("#graph");
        robot.type(KeyCode.F7);
        robot.type(KeyCode.F7);
        robot.type(KeyCode.F7);
        assertEquals(3, position().position());
        assertTrue(robot.lookup("#stepWhere").queryAs(Label.class).getText().startsWith("step 3 / 3"));
        assertEquals(1, robot.lookup(".g-card").queryAll().size(), "bpf_obj_new ran at step 3");
        robot.press(KeyCode.SHIFT).type(KeyCode.F7).release(KeyCode.SHIFT);
        assertEquals(2, position().position());
        assertTrue(robot.lookup(".g-card").queryAll().isEmpty(), "stepped back before the allocation");
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status());
        robot.press(KeyCode.SHIFT).type(KeyCode.F9).release(KeyCode.SHIFT);
        assertEquals(0, position().position());
    }

    @Test
    void timelineSeeksAndRegistersShowBothSides(FxRobot robot) {
        robot.interact(() -> controller().runForward());
        long end = position().recorded();
        assertTrue(end > 30);
        robot.interact(() -> robot.lookup("#timeline").queryAs(javafx.scene.control.Slider.class).setValue(4));
        assertEquals(4, position().position());
        Label r6 = robot.lookup("#reg-r6-concrete").queryAs(Label.class);
        assertTrue(r6.getText().contains("#1"), r6.getText());
        assertTrue(robot.lookup("#reg-r6-abstract").queryAs(Label.class).getText().contains("ptr_or_null"));
        assertEquals(Boolean.TRUE, robot.lookup("#reg-r6").query().getUserData(), "r6 = r0 wrote r6");
    }
}
