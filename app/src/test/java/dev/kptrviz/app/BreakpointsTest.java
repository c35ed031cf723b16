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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breakpoints in the listing's margin (F9 / Shift+F9), step over (F8), and Run anyway while stepping. */
@ExtendWith(ApplicationExtension.class)
class BreakpointsTest {
    /** The motivating example's call bpf_rbtree_add_impl. */
    private static final int RBTREE_ADD_PC = 33;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = KptrVizApp.startOn(stage, List.of());
    }

    private SessionController.Position position() {
        return window.stepping().controller().current().orElseThrow();
    }

    private String statusStep(FxRobot robot) {
        return robot.lookup("#statusStep").queryAs(Label.class).getText();
    }

    private static Set<String> chips(FxRobot robot, int objectId) {
        Node card = robot.lookup("#obj-" + objectId).query();
        return card.lookupAll(".g-chip").stream().map(n -> String.valueOf(n.getUserData()))
                .filter(s -> !s.equals("null")).collect(Collectors.toSet());
    }

    /** Scrolls instruction {@code insn} into view and clicks its line's margin. */
    private int clickGutter(FxRobot robot, int insn) {
        ListingView listing = window.inspector().listingView();
        int line = listing.lineOf(insn);
        robot.interact(() -> listing.revealInsn(insn));
        robot.sleep(100);
        robot.clickOn("#gutter-" + line);
        return line;
    }

    @Test
    void gutterClickSetsABreakpointAndF9StopsBeforeRbtreeAdd(FxRobot robot) {
        int line = clickGutter(robot, RBTREE_ADD_PC);
        assertEquals(Set.of(RBTREE_ADD_PC), window.stepping().controller().breakpoints());
        assertNotNull(robot.lookup("#bp-" + line).query(), "a red dot on the line");

        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(RBTREE_ADD_PC, position().pc());
        assertTrue(statusStep(robot).contains("pc " + RBTREE_ADD_PC + " "), statusStep(robot));
        List<Node> cards = List.copyOf(robot.lookup(".g-card").queryAll());
        assertEquals(1, cards.size());
        int id = ((OwnershipGraph.ObjectNode) cards.get(0).getUserData()).id();
        assertEquals(Set.of("ghead"), chips(robot, id), "not yet in the tree");

        // F9 again runs past it to the end; Shift+F9 comes back to it, and again to the start
        long at = position().position();
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status());
        robot.press(KeyCode.SHIFT).type(KeyCode.F9).release(KeyCode.SHIFT);
        assertEquals(at, position().position());
        assertEquals(RBTREE_ADD_PC, position().pc());
        robot.press(KeyCode.SHIFT).type(KeyCode.F9).release(KeyCode.SHIFT);
        assertEquals(0, position().position());

        // a second click removes it: F9 runs to the end
        clickGutter(robot, RBTREE_ADD_PC);
        assertTrue(window.stepping().controller().breakpoints().isEmpty());
        assertTrue(robot.lookup("#bp-" + line).queryAll().isEmpty(), "the dot is gone");
        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status());
    }

    @Test
    void f8StepsOverTheSubprogramCall(FxRobot robot) {
        VerdictTest.openExample(robot, window, "less_and_subprog");
        robot.clickOn("#graph");
        robot.type(KeyCode.F7);
        assertEquals(1, position().pc());
        assertTrue(position().graph().insn().contains("call pc+"), position().graph().insn());
        robot.type(KeyCode.F8);
        assertEquals(2, position().pc());
        assertTrue(position().position() > 2, "the subprogram ran: " + position().position());
        assertTrue(statusStep(robot).contains("pc 2 "), statusStep(robot));
    }

    @Test
    void f8StepsOverAKfuncWhoseCallbackRuns(FxRobot robot) {
        VerdictTest.openExample(robot, window, "less_and_subprog");
        SessionController c = window.stepping().controller();
        long[] longest = {0};
        robot.interact(() -> {
            for (int i = 0; i < 2000 && position().status() == SessionController.Status.RUNNING; i++) {
                if (position().graph().insn().contains("bpf_rbtree_add")) {
                    int pc = position().pc();
                    long before = position().position();
                    assertTrue(c.stepOver());
                    assertEquals(pc + 1, position().pc(), "back after the call");
                    longest[0] = Math.max(longest[0], position().position() - before);
                } else if (!c.step()) {
                    break;
                }
            }
        });
        assertTrue(longest[0] > 1, "some bpf_rbtree_add ran its less() callback within one step over");
    }

    @Test
    void runAnywayLetsF9RunPastTheRejection(FxRobot robot) {
        VerdictTest.openExample(robot, window, "use_after_unlock");
        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.REJECTED, position().status());
        assertTrue(robot.lookup("#stepState").queryAs(Label.class).getText().contains("refuses"));
        List<String> notes = notes(robot);
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("verifier: ") && n.contains("R6 invalid mem access 'scalar'")),
                "the state panel says what the verifier refuses: " + notes);

        robot.clickOn("#runAnyway");
        assertEquals(SessionController.Status.RUNNING, position().status());
        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status());
        assertEquals("exited", robot.lookup("#stepState").queryAs(Label.class).getText());
        notes = notes(robot);
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("runtime: NON_OWNING_AFTER_UNLOCK at insn 24")),
                "the runtime's finding is listed: " + notes);
    }

    private static List<String> notes(FxRobot robot) {
        javafx.scene.layout.VBox box = robot.lookup("#stateNotes").queryAs(javafx.scene.layout.VBox.class);
        return box.getChildren().stream().map(n -> ((Label) n).getText()).toList();
    }
}
