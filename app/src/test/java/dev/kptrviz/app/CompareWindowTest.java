package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import dev.kptrviz.session.OwnershipGraph;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifier ▸ Compare rules side by side…: two panes moved by one step bar, the first difference marked. */
@ExtendWith(ApplicationExtension.class)
class CompareWindowTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = KptrVizApp.startOn(stage, List.of());
    }

    /** Opens the compare window with the menu's shortcut, sized to fit the headless screen. */
    private CompareWindow openByShortcut(FxRobot robot) {
        robot.clickOn("#listing");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT, KeyCode.CONTROL);
        Window w = robot.listTargetWindows().stream().filter(x -> x instanceof Stage s
                && s.getTitle() != null && s.getTitle().startsWith("KptrViz — compare rules")).findFirst()
                .orElseThrow(() -> new AssertionError("no compare window"));
        CompareWindow cmp = (CompareWindow) ((Stage) w).getScene().getRoot().getProperties().get(CompareWindow.class);
        fit(robot, cmp);
        return cmp;
    }

    private CompareWindow open(FxRobot robot, String program) {
        Example ex = Examples.all().stream().filter(e -> e.program().equals(program)).findFirst().orElseThrow();
        CompareWindow[] cmp = new CompareWindow[1];
        robot.interact(() -> {
            window.openExample(ex);
            cmp[0] = window.openCompare().orElseThrow();
        });
        fit(robot, cmp[0]);
        return cmp[0];
    }

    private static void fit(FxRobot robot, CompareWindow cmp) {
        robot.interact(() -> {
            cmp.stage().setX(0);
            cmp.stage().setY(0);
            cmp.stage().setWidth(1260);
            cmp.stage().setHeight(780);
            cmp.stage().toFront();
        });
    }

    private static String text(FxRobot robot, CompareWindow cmp, String id) {
        return robot.from(cmp.root()).lookup(id).queryAs(Label.class).getText();
    }

    private static Node in(FxRobot robot, CompareWindow cmp, String pane, String id) {
        Node p = robot.from(cmp.root()).lookup("#" + pane).query();
        return robot.from(p).lookup(id).query();
    }

    private static CompareController.View view(CompareWindow cmp) {
        return cmp.controller().current().orElseThrow();
    }

    @Test
    void motivating63Against64PartsAtLoadAndOnly64Runs(FxRobot robot) {
        CompareWindow cmp = openByShortcut(robot);
        assertEquals("6.3 rules", text(robot, cmp, "#leftRules"));
        assertEquals("6.4 rules", text(robot, cmp, "#rightRules"));
        assertEquals("First difference at program load, before the first instruction",
                text(robot, cmp, "#firstDifferenceTitle"));
        assertEquals("refused at load: BTF: EINVAL (bpf_list_node and bpf_rb_node in one struct)",
                text(robot, cmp, "#firstDifferenceLeft"));
        assertEquals("loads and runs", text(robot, cmp, "#firstDifferenceRight"));
        assertEquals("✗ rejected at load", text(robot, cmp, "#leftVerdict"));
        assertEquals("✓ accepted", text(robot, cmp, "#rightVerdict"));
        assertTrue(text(robot, cmp, "#leftStop").startsWith("Refused at load: BTF: EINVAL"));
        Node leftPane = robot.from(cmp.root()).lookup("#leftPane").query();
        assertTrue(leftPane.getStyleClass().contains(ComparePane.PANE_DIFFERS), "position 0 is the difference");

        // step to the rbtree_add: the 6.4 side runs it, the 6.3 side never moves
        for (int i = 0; i < 40 && view(cmp).lastPc() != 33; i++) {
            robot.clickOn(robot.from(cmp.root()).lookup("#compareStep").queryButton());
        }
        assertEquals(33, view(cmp).lastPc());
        assertEquals("33: call bpf_rbtree_add_impl#37", text(robot, cmp, "#compareLastInsn"));
        assertEquals(0, view(cmp).left().position());
        assertEquals("never runs", text(robot, cmp, "#leftState"));
        assertEquals("step " + view(cmp).position(), text(robot, cmp, "#rightState"));
        assertFalse(leftPane.getStyleClass().contains(ComparePane.PANE_DIFFERS));
        Node card = in(robot, cmp, "rightPane", "#obj-1");
        assertEquals(2, ((OwnershipGraph.ObjectNode) card.getUserData()).refcount());
        assertTrue(robot.from(leftPane).lookup(".g-card").queryAll().isEmpty(), "nothing is allocated under 6.3");

        robot.clickOn(robot.from(cmp.root()).lookup("#goToFirstDifference").queryButton());
        assertEquals(0, view(cmp).position());
        assertTrue(leftPane.getStyleClass().contains(ComparePane.PANE_DIFFERS));
    }

    @Test
    void bannerNamesTheRemoveAndGoToMovesBothSidesThereAndMarksThem(FxRobot robot) {
        CompareWindow cmp = open(robot, "remove_unchecked");
        assertEquals("First difference at step 22, insn 32 (line 54)", text(robot, cmp, "#firstDifferenceTitle"));
        assertEquals("call bpf_rbtree_remove#29", text(robot, cmp, "#firstDifferenceInsn"));
        assertEquals("reference kind", text(robot, cmp, "#firstDifferenceCategory"));
        assertEquals("r0 is owning (ref from insn 32)", text(robot, cmp, "#firstDifferenceLeft"));
        assertEquals("r0 is owning, maybe NULL (ref from insn 32)", text(robot, cmp, "#firstDifferenceRight"));
        assertEquals(2, cmp.bar().tickCount(), "a tick at the remove and one at the refused dereference");
        assertEquals(0, view(cmp).position());

        robot.clickOn(robot.from(cmp.root()).lookup("#goToFirstDifference").queryButton());
        assertEquals(22, view(cmp).left().position());
        assertEquals(22, view(cmp).right().position());
        assertEquals("32: call bpf_rbtree_remove#29", text(robot, cmp, "#compareLastInsn"));
        for (String pane : new String[] {"leftPane", "rightPane"}) {
            assertTrue(robot.from(cmp.root()).lookup("#" + pane).query().getStyleClass()
                    .contains(ComparePane.PANE_DIFFERS), pane);
            Node r0 = in(robot, cmp, pane, "#src-0-r0");
            assertTrue(r0.getStyleClass().contains(ComparePane.DIFFERS), pane + " r0 outlined");
            assertFalse(in(robot, cmp, pane, "#src-0-r6").getStyleClass().contains(ComparePane.DIFFERS),
                    pane + " r6 is the same on both sides");
        }
        assertEquals("owning", ((OwnershipGraph.Pointer) in(robot, cmp, "leftPane", "#src-0-r0").getUserData())
                .abstractKind());
        assertEquals("maybe_null", ((OwnershipGraph.Pointer) in(robot, cmp, "rightPane", "#src-0-r0").getUserData())
                .abstractKind());
        assertEquals("≠ reference kind here", text(robot, cmp, "#compareHere"));
    }

    @Test
    void stepAndStepBackMoveBothSides(FxRobot robot) {
        CompareWindow cmp = open(robot, "remove_unchecked");
        robot.interact(() -> cmp.controller().goToFirstDifference());
        robot.clickOn(robot.from(cmp.root()).lookup("#compareStep").queryButton());
        assertEquals(23, view(cmp).left().position());
        assertEquals(23, view(cmp).right().position());
        assertTrue(text(robot, cmp, "#compareWhere").startsWith("step 23 / "));
        assertFalse(robot.from(cmp.root()).lookup("#leftPane").query().getStyleClass()
                .contains(ComparePane.PANE_DIFFERS), "the r6 = r0 copy is not a new difference");
        robot.clickOn(robot.from(cmp.root()).lookup("#compareBack").queryButton());
        assertEquals(22, view(cmp).left().position());
        assertEquals(22, view(cmp).right().position());

        // keyboard: F7 twice, Shift+F7 once
        robot.type(KeyCode.F7).type(KeyCode.F7);
        assertEquals(24, view(cmp).position());
        robot.press(KeyCode.SHIFT).type(KeyCode.F7).release(KeyCode.SHIFT);
        assertEquals(23, view(cmp).left().position());
        assertEquals(23, view(cmp).right().position());

        // next difference: the 6.4 side refuses the dereference and stays there while 6.3 goes on
        robot.clickOn(robot.from(cmp.root()).lookup("#compareRun").queryButton());
        long refused = view(cmp).position();
        assertEquals(SessionController.Status.REJECTED, view(cmp).right().status());
        assertTrue(text(robot, cmp, "#rightStop").startsWith("Refuses insn 37: R6 invalid mem access 'ptr_or_null_'"));
        robot.clickOn(robot.from(cmp.root()).lookup("#compareStep").queryButton());
        assertEquals(refused + 1, view(cmp).left().position());
        assertEquals(refused, view(cmp).right().position());
    }

    @Test
    void rulesThatAgreeShowAGreenBanner(FxRobot robot) {
        CompareWindow cmp = open(robot, "drain_loop");
        robot.interact(() -> cmp.setRules(Semantics.V6_4, Semantics.CURRENT));
        assertEquals("No difference: 6.4 and 6.18 rules agree on this run", text(robot, cmp, "#firstDifferenceTitle"));
        assertTrue(robot.from(cmp.root()).lookup("#compareBanner").query().getStyleClass()
                .contains("cmp-banner-agrees"));
        assertFalse(robot.from(cmp.root()).lookup("#goToFirstDifference").query().isVisible());
        assertEquals(0, cmp.bar().tickCount());
    }
}
