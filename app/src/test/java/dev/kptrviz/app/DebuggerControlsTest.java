package dev.kptrviz.app;

import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.EventKind;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.TimelineMark;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
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

/** The debugger's controls: timeline marks, the register hover, the Breakpoints tab, C-line and event breakpoints. */
@ExtendWith(ApplicationExtension.class)
class DebuggerControlsTest {
    /** The motivating example's call bpf_rbtree_add_impl (step 29 executes it). */
    private static final int RBTREE_ADD_PC = 33;
    /** double_insert's second bpf_rbtree_add_impl, the one that fails (step 29 executes it). */
    private static final int FAILING_ADD_PC = 34;
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

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static Set<String> chips(FxRobot robot, int objectId) {
        Node card = robot.lookup("#obj-" + objectId).query();
        return card.lookupAll(".g-chip").stream().map(n -> String.valueOf(n.getUserData()))
                .filter(s -> !s.equals("null")).collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static List<TimelineMark> marksOf(Node tick) {
        return (List<TimelineMark>) tick.getUserData();
    }

    private static double centreX(Node n) {
        Bounds b = n.localToScene(n.getBoundsInLocal());
        return (b.getMinX() + b.getMaxX()) / 2;
    }

    /** Scrolls paragraph {@code paragraph} into view and clicks its margin. */
    private void clickMargin(FxRobot robot, int paragraph) {
        CodeArea area = robot.lookup("#listing").queryAs(CodeArea.class);
        robot.interact(() -> area.showParagraphAtCenter(paragraph));
        robot.sleep(100);
        robot.clickOn("#gutter-" + paragraph);
    }

    @Test
    void timelineMarksFollowTheRecordingSitOverTheTrackAndSeekOnClick(FxRobot robot) {
        assertTrue(robot.lookup(".timeline-mark").queryAll().isEmpty(), "nothing recorded yet");
        robot.clickOn("#graph");
        robot.type(KeyCode.F7, 3);
        Node alloc = robot.lookup("#mark-3").query();
        assertNotNull(alloc, "bpf_obj_new at step 3 is marked as soon as it is recorded");
        assertEquals(TimelineMark.Category.HEAP, marksOf(alloc).get(0).category());

        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status());
        assertEquals(Set.of("mark-3", "mark-13", "mark-16", "mark-22", "mark-29", "mark-31"),
                robot.lookup(".timeline-mark").queryAll().stream().map(Node::getId).collect(Collectors.toSet()));
        Node add = robot.lookup("#mark-29").query();
        TimelineMark m = marksOf(add).get(0);
        assertEquals(TimelineMark.Category.COLLECTION, m.category());
        assertEquals("step 29: insert ok · call bpf_rbtree_add_impl#37", m.label());
        assertTrue(add.getStyleClass().contains("mark-collection"));

        // the tick sits where the slider's thumb is at that step
        Slider timeline = robot.lookup("#timeline").queryAs(Slider.class);
        robot.interact(() -> timeline.setValue(29));
        robot.sleep(100);
        Node thumb = timeline.lookup(".thumb");
        assertEquals(centreX(thumb), centreX(add), 1.5, "tick and thumb at step 29");

        robot.interact(() -> controller().restart());
        assertEquals(0, position().position());
        robot.clickOn(add);
        assertEquals(29, position().position());
        assertEquals(RBTREE_ADD_PC, position().last().pc(), "the step that led here is the rbtree_add");

        // an instruction breakpoint adds a stop mark before its instruction
        clickMargin(robot, window.inspector().listingView().lineOf(RBTREE_ADD_PC));
        Node stop = robot.lookup("#bpmark-28").query();
        assertEquals("step 28: breakpoint insn 33", marksOf(stop).get(0).label());
        assertTrue(stop.getStyleClass().contains("mark-breakpoint"));
    }

    /** The screen bounds of one character of the listing (asked on the FX thread, as RichTextFX requires). */
    private static Bounds charBounds(FxRobot robot, CodeArea area, int paragraph, int column) {
        Bounds[] out = new Bounds[1];
        robot.interact(() -> {
            int offset = area.getAbsolutePosition(paragraph, column);
            out[0] = area.getCharacterBoundsOnScreen(offset, offset + 1).orElseThrow();
        });
        return out[0];
    }

    @Test
    void hoveringR1ShowsItsMachineValueAndVerifierState(FxRobot robot) {
        robot.interact(() -> controller().seek(11)); // after 11: r1 = r6
        CodeArea area = robot.lookup("#listing").queryAs(CodeArea.class);
        int paragraph = window.inspector().listingView().lineOf(11);
        robot.interact(() -> area.showParagraphAtCenter(paragraph));
        robot.sleep(150);
        String line = area.getParagraph(paragraph).getText();
        Bounds r1 = charBounds(robot, area, paragraph, line.indexOf("r1 = r6"));
        robot.moveTo(new Point2D(r1.getMinX() + r1.getWidth() / 2, r1.getMinY() + r1.getHeight() / 2));
        robot.sleep(900);

        String concrete = text(robot, "#regHoverConcrete");
        String abs = text(robot, "#regHoverAbstract");
        assertEquals(text(robot, "#reg-r1-concrete"), concrete, "what the register panel shows");
        assertTrue(concrete.contains("#1"), concrete);
        assertEquals("ptr_node(ref_obj_id=2)", abs);
        assertEquals("r1", text(robot, "#regHoverTitle"));

        // moving on hides it; over the opcode nothing shows
        Bounds op = charBounds(robot, area, paragraph, line.indexOf("(bf)") + 1);
        robot.moveTo(new Point2D(op.getMinX() + 1, op.getMinY() + op.getHeight() / 2));
        robot.sleep(900);
        assertTrue(robot.lookup("#regHover").queryAll().stream()
                        .noneMatch(n -> n.getScene() != null && n.getScene().getWindow().isShowing()),
                "no register popup over the opcode");
        assertEquals(java.util.Optional.of("r6"), window.inspector().listingView().registerAt(
                area.getAbsolutePosition(paragraph, line.indexOf("r6") + 1)), "the word under the mouse");
    }

    @Test
    void anInsertFailedBreakpointStopsF9RightAfterTheFailingRbtreeAdd(FxRobot robot) {
        VerdictTest.openExample(robot, window, "double_insert");
        robot.clickOn("#breakpointsTab");
        robot.clickOn("#bpEvent-INSERT_FAILED");
        assertEquals(List.of(new Breakpoint.OnEvent(EventKind.INSERT_FAILED)), controller().breakpointSet().all());
        assertEquals("Breakpoints (1)", tabTitle(robot));

        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(29, position().position());
        assertEquals(FAILING_ADD_PC, position().last().pc(), "the step just taken is the failing add");
        assertEquals(FAILING_ADD_PC + 1, position().pc());
        assertEquals("breakpoint: insert failed at step 29", text(robot, "#stepState"));
        assertTrue(text(robot, "#statusStep").endsWith("breakpoint: insert failed at step 29"),
                text(robot, "#statusStep"));
        // the failed add dropped m's share: one object, refcount 1, in groot only
        List<Node> cards = List.copyOf(robot.lookup(".g-card").queryAll());
        assertEquals(1, cards.size());
        int id = ((OwnershipGraph.ObjectNode) cards.get(0).getUserData()).id();
        assertEquals("rc 1", text(robot, "#obj-" + id + "-refcount"));
        assertEquals(Set.of("groot"), chips(robot, id));
        assertNotNull(robot.lookup("#bpmark-29").query(), "the stop is marked on the timeline");

        // F9 again runs to the end; Shift+F9 comes back to it
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status());
        assertFalse(text(robot, "#stepState").startsWith("breakpoint"));
        robot.press(KeyCode.SHIFT).type(KeyCode.F9).release(KeyCode.SHIFT);
        assertEquals(29, position().position());

        // an event breakpoint means the same in any program: it stays when another one is opened
        robot.interact(window::openMotivating);
        assertEquals(List.of(new Breakpoint.OnEvent(EventKind.INSERT_FAILED)), controller().breakpointSet().all());
        assertTrue(robot.lookup("#bpEvent-INSERT_FAILED").queryAs(CheckBox.class).isSelected());
        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status(), "no insert fails in the motivating example");
    }

    private static String tabTitle(FxRobot robot) {
        return robot.lookup("#bottomTabs").queryAs(javafx.scene.control.TabPane.class).getTabs().stream()
                .filter(t -> "breakpointsTab".equals(t.getId())).findFirst().orElseThrow().getText();
    }

    @Test
    void aCLineBreakpointFromTheMarginStopsAtTheFirstInstructionOfThatLine(FxRobot robot) {
        VerdictTest.openExample(robot, window, "double_insert");
        ListingView listing = window.inspector().listingView();
        int source = listing.paragraphOfLine(58);
        assertEquals(Integer.valueOf(58), listing.sourceLine(source));
        clickMargin(robot, source);
        assertEquals(Set.of(58), controller().breakpointSet().lines());
        assertNotNull(robot.lookup("#bp-" + source).query(), "a red dot on the source line");

        // other kernel rules re-open the session on the same program: the breakpoint stays
        robot.interact(() -> window.setSemantics(dev.kptrviz.kfunc.Semantics.V6_4));
        assertEquals(Set.of(58), controller().breakpointSet().lines());
        assertNotNull(robot.lookup("#bp-" + source).query());

        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(26, position().pc(), "r7 += 8, the first instruction of line 58");
        assertEquals(22, position().position());
        assertEquals("breakpoint: line 58 at step 22", text(robot, "#stepState"));
        robot.type(KeyCode.F9);
        assertEquals(43, position().pc(), "line 58 again: the second result is sign-extended");

        // typed lines: a known one is added, one without instructions is refused with the reason
        robot.clickOn("#breakpointsTab");
        robot.clickOn("#bpLineField").write("57");
        robot.clickOn("#bpAddLine");
        assertEquals(Set.of(57, 58), controller().breakpointSet().lines());
        robot.clickOn("#bpLineField").write("999");
        robot.clickOn("#bpAddLine");
        assertEquals("no instruction of double_insert comes from line 999", text(robot, "#bpError"));
        assertEquals(Set.of(57, 58), controller().breakpointSet().lines());
        assertEquals("line 58 · second = bpf_rbtree_add(&groot, &m->rb, item_less); /* -EINVAL */",
                text(robot, "#bpRow-0"));

        // the margin toggles it off again
        clickMargin(robot, source);
        assertEquals(Set.of(57), controller().breakpointSet().lines());
        assertTrue(robot.lookup("#bp-" + source).queryAll().isEmpty());

        // line numbers mean nothing in another program: they go when one is opened
        robot.interact(window::openMotivating);
        assertTrue(controller().breakpointSet().all().isEmpty());
        assertEquals("Breakpoints", tabTitle(robot));
    }

    @Test
    void removingInThePaneRemovesFromTheMarginAndTheSession(FxRobot robot) {
        ListingView listing = window.inspector().listingView();
        int line = listing.lineOf(RBTREE_ADD_PC);
        clickMargin(robot, line);
        robot.clickOn("#breakpointsTab");
        robot.clickOn("#bpEvent-UNLOCK");
        assertEquals("insn 33 · call bpf_rbtree_add_impl#37", text(robot, "#bpRow-0"));
        assertEquals("event · unlock", text(robot, "#bpRow-1"));
        assertNotNull(robot.lookup("#bp-" + line).query());

        robot.clickOn("#bpRemove-0");
        assertTrue(controller().breakpoints().isEmpty());
        assertTrue(robot.lookup("#bp-" + line).queryAll().isEmpty(), "the margin's dot is gone");
        assertEquals("event · unlock", text(robot, "#bpRow-0"));
        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(31, position().position(), "only the unlock stops the run now");
        assertEquals("breakpoint: unlock at step 31", text(robot, "#stepState"));

        robot.clickOn("#bpClearAll");
        assertTrue(controller().breakpointSet().all().isEmpty());
        assertFalse(robot.lookup("#bpEvent-UNLOCK").queryAs(CheckBox.class).isSelected());
        assertTrue(robot.lookup(".mark-breakpoint").queryAll().isEmpty());
        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status());
    }

    @Test
    void aConditionTypedInThePaneDecidesWhetherTheBreakpointStops(FxRobot robot) {
        VerdictTest.openExample(robot, window, "double_insert");
        clickMargin(robot, window.inspector().listingView().lineOf(FAILING_ADD_PC + 1));
        robot.clickOn("#breakpointsTab");
        robot.clickOn("#bpCondition-0").write("r0 == 0").type(KeyCode.ENTER);
        assertEquals("insn 35 · w7 = w0  when r0 == 0", text(robot, "#bpRow-0"));
        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(SessionController.Status.EXITED, position().status(), "r0 is -22 there, not 0");

        robot.interact(() -> controller().restart());
        robot.doubleClickOn("#bpCondition-0").eraseText(12).write("r0 == -22").type(KeyCode.ENTER);
        robot.clickOn("#graph");
        robot.type(KeyCode.F9);
        assertEquals(29, position().position());
        assertEquals("breakpoint: insn 35 when r0 == -22 at step 29", text(robot, "#stepState"));

        robot.doubleClickOn("#bpCondition-0").eraseText(12).write("r12 == 1").type(KeyCode.ENTER);
        assertEquals("condition \"r12 == 1\": there is no register r12 (r0 to r10)", text(robot, "#bpError"));
        assertEquals(Set.of(FAILING_ADD_PC + 1), controller().breakpoints(), "the breakpoint stays");
    }
}
