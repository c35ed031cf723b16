package dev.kptrviz.app;

import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.Specs;
import dev.kptrviz.verifier.Diagnostic;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.kptrviz.app.VerdictTest.allText;
import static dev.kptrviz.app.VerdictTest.openExample;
import static dev.kptrviz.app.VerdictTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verifier log, Run and Diagnostics tabs, and the kfunc explanations on hover. */
@ExtendWith(ApplicationExtension.class)
class BottomPanelTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = KptrVizApp.startOn(stage, List.of());
    }

    private static String selectedTab(FxRobot robot) {
        return robot.lookup("#bottomTabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId();
    }

    @Test
    void runTabForMotivatingShowsReturnValueZeroAndRefcountTwo(FxRobot robot) {
        robot.clickOn("#runTab");
        assertEquals("returned 0", text(robot, "#runStatus"));
        String run = allText(robot, "#runPane");
        assertTrue(run.contains("refcount 2"), run);
        assertTrue(run.contains("in groot (black, root),  ghead[0]"), "the list and the tree hold it: " + run);
        assertTrue(run.contains("No findings"), run);
        Node card = robot.lookup("#heap-object-1").query();
        assertTrue(card.isVisible());
        assertTrue(allText(robot, "#collection-ghead").contains("#1"));
    }

    @Test
    void runAnywayOnUseAfterUnlockShowsTheNonOwningAfterUnlockFinding(FxRobot robot) {
        openExample(robot, window, "use_after_unlock");
        robot.clickOn("#runTab");
        assertEquals("not run", text(robot, "#runStatus"));

        robot.clickOn("#runAnyway");

        assertEquals("runTab", selectedTab(robot));
        String run = allText(robot, "#runPane");
        assertTrue(run.contains("NON_OWNING_AFTER_UNLOCK"), run);
        assertTrue(run.contains("insn 24 · use_after_unlock.c:49"), run);
        assertTrue(run.contains("run anyway"), run);

        CodeArea listing = robot.lookup("#listing").queryAs(CodeArea.class);
        robot.interact(() -> listing.moveTo(0));
        robot.clickOn("#finding-0");
        assertEquals(window.inspector().listingLineOf(24), listing.getCurrentParagraph(), "a finding goes to its insn");
    }

    @Test
    void verifierLogShowsTheKernelFormatLogAtLevel2(FxRobot robot) {
        String log = robot.lookup("#verifierLog").queryAs(CodeArea.class).getText();
        assertEquals(window.verdict().orElseThrow().log().strip(), log.strip());
        assertTrue(log.contains("call bpf_refcount_acquire_impl#"), log);
        assertTrue(log.contains("processed " + window.verdict().orElseThrow().insnsProcessed() + " insns"), log);
        assertTrue(!robot.lookup("#verifierLog").queryAs(CodeArea.class).isEditable());
    }

    @Test
    void diagnosticsTableListsTheErrorAndAClickGoesToIt(FxRobot robot) {
        openExample(robot, window, "use_after_unlock");
        robot.clickOn("#diagnosticsTab");
        TableView<?> table = robot.lookup("#diagnostics").queryAs(TableView.class);
        assertEquals(1, table.getItems().size());
        Diagnostic d = (Diagnostic) table.getItems().get(0);
        assertEquals(24, d.insn());
        String cells = String.join("\n", robot.lookup("#diagnostics .diag-text").queryAll().stream()
                .map(n -> ((javafx.scene.text.Text) n).getText()).toList());
        assertTrue(cells.contains("R6 invalid mem access 'scalar'"), cells);
        assertTrue(cells.contains("use_after_unlock.c:49"), cells);
        assertTrue(cells.contains(d.explanation()), cells);

        robot.clickOn(robot.lookup("#diagnostics .table-row-cell").nth(0).queryAs(Node.class));
        CodeArea listing = robot.lookup("#listing").queryAs(CodeArea.class);
        assertEquals(window.inspector().listingLineOf(24), listing.getCurrentParagraph());
    }

    @Test
    void hoveringAKfuncCallShowsItsExplanation(FxRobot robot) throws Exception {
        CodeArea listing = robot.lookup("#listing").queryAs(CodeArea.class);
        int at = listing.getText().indexOf("bpf_refcount_acquire_impl") + 4;
        assertTrue(at > 4);
        robot.interact(() -> listing.showParagraphAtCenter(listing.offsetToPosition(at,
                org.fxmisc.richtext.model.TwoDimensional.Bias.Forward).getMajor()));
        WaitForAsyncUtils.waitForFxEvents();
        Bounds b = WaitForAsyncUtils.asyncFx(() -> listing.getCharacterBoundsOnScreen(at, at + 1).orElseThrow())
                .get(5, TimeUnit.SECONDS);
        robot.moveTo(new Point2D(b.getMinX() + 2, b.getMinY() + b.getHeight() / 2));
        robot.moveBy(1, 0);

        WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS,
                () -> robot.lookup("#" + CallHover.TOOLTIP_ID).tryQuery().map(Node::isVisible).orElse(false));
        String tip = allText(robot, "#" + CallHover.TOOLTIP_ID);
        assertTrue(tip.contains(Specs.of(Kfunc.REFCOUNT_ACQUIRE).explain()), tip);
        assertTrue(tip.contains("bpf_refcount_acquire_impl  ·  kfunc"), tip);
    }

    @Test
    void aHelperNameExplainsTheHelperAndPlainTextExplainsNothing(FxRobot robot) {
        ListingView view = window.inspector().listingView();
        String text = robot.lookup("#listing").queryAs(CodeArea.class).getText();
        int unlock = text.indexOf("call bpf_spin_unlock") + "call ".length() + 2;
        CallDocs.Doc doc = view.hoverText(unlock).orElseThrow();
        assertEquals("bpf_spin_unlock", doc.name());
        assertTrue(doc.explanation().contains("non-owning"), doc.explanation());
        assertTrue(view.hoverText(text.indexOf("r1 = ")).isEmpty());
        assertTrue(view.hoverText(text.indexOf("; n = bpf_obj_new") + 6).isEmpty(), "C lines are not calls");
    }
}
