package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import dev.kptrviz.verifier.Diagnostic;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The semantics selector, the verdict badge and banner, and the listing's verifier markers. */
@ExtendWith(ApplicationExtension.class)
class VerdictTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = KptrVizApp.startOn(stage, List.of());
    }

    static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Every label's text under {@code query}, joined by newlines. */
    static String allText(FxRobot robot, String query) {
        Node root = robot.lookup(query).query();
        return String.join("\n", root.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList());
    }

    static boolean shown(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return n.isVisible() && n.isManaged() && n.getScene() != null;
    }

    static void openExample(FxRobot robot, MainWindow window, String program) {
        Example ex = Examples.byProgram(program).orElseThrow();
        robot.interact(() -> assertTrue(window.openExample(ex)));
    }

    @Test
    void motivatingUnderCurrentRulesShowsTheAcceptedBadge(FxRobot robot) {
        assertEquals(Semantics.CURRENT, window.semantics());
        String badge = text(robot, "#verdictBadge");
        assertTrue(badge.contains("accepted by the verifier (6.18 rules)"), badge);
        int processed = window.verdict().orElseThrow().insnsProcessed();
        assertTrue(badge.contains(processed + " insns processed"), badge);
        assertFalse(shown(robot, "#verdictBanner"), "no banner for an accepted program");
        assertTrue(text(robot, "#statusVerdict").startsWith("accepted"), text(robot, "#statusVerdict"));
        assertEquals("rules: current (6.18)", text(robot, "#statusSemantics"));
    }

    @Test
    void switchingTo63ShowsTheBtfRejectionAndKeepsTheListingPosition(FxRobot robot) {
        CodeArea listing = robot.lookup("#listing").queryAs(CodeArea.class);
        robot.interact(() -> window.inspector().goTo(33));
        robot.sleep(100);
        double y = listing.getEstimatedScrollY();
        int caret = listing.getCurrentParagraph();
        assertTrue(y > 0, "the listing was scrolled before switching");

        robot.clickOn("#semanticsSelector");
        robot.clickOn(Rules.label(Semantics.V6_3));

        assertEquals(Semantics.V6_3, window.semantics());
        assertTrue(shown(robot, "#verdictBanner"));
        String banner = allText(robot, "#verdictBanner");
        assertTrue(banner.contains("BTF: EINVAL (bpf_list_node and bpf_rb_node in one struct)"), banner);
        assertTrue(banner.contains("Rejected by the verifier (6.3 rules)"), banner);
        assertTrue(banner.contains(window.verdict().orElseThrow().error().orElseThrow().explanation()), banner);
        assertFalse(shown(robot, "#goToError"), "a load-time refusal has no instruction to go to");
        assertTrue(shown(robot, "#runAnyway"));
        assertTrue(text(robot, "#verdictBadge").contains("rejected by the verifier (6.3 rules)"));
        assertEquals("rules: 6.3 (exclusive ownership)", text(robot, "#statusSemantics"));
        // the motivating example is refused at BTF load under 6.3: the step bar names no instruction
        assertEquals("stopped: refused when loading, nothing runs", text(robot, "#stepState"));
        assertEquals("rejected at load", text(robot, "#statusVerdict"));
        assertEquals(caret, listing.getCurrentParagraph(), "the caret stays where it was");
        assertEquals(y, listing.getEstimatedScrollY(), 1.0, "the listing stays where it was");
        assertTrue(listing.getParagraph(caret).getParagraphStyle().contains("line-current"), "and stays highlighted");

        robot.interact(() -> window.setSemantics(Semantics.CURRENT));
        assertFalse(shown(robot, "#verdictBanner"), "back to current: accepted again");
    }

    @Test
    void useAfterUnlockShowsTheBannerAndGoToErrorMovesToInstruction24(FxRobot robot) {
        openExample(robot, window, "use_after_unlock");
        Diagnostic error = window.verdict().orElseThrow().error().orElseThrow();
        assertEquals(24, error.insn());

        assertTrue(shown(robot, "#verdictBanner"));
        String banner = allText(robot, "#verdictBanner");
        assertTrue(banner.contains("R6 invalid mem access 'scalar'"), banner);
        assertTrue(banner.contains(error.explanation()), "our explanation is shown: " + banner);
        assertTrue(banner.contains("use_after_unlock.c:49"), banner);
        assertTrue(text(robot, "#errorSource").contains("return n->key;"), text(robot, "#errorSource"));

        CodeArea listing = robot.lookup("#listing").queryAs(CodeArea.class);
        int line = window.inspector().listingLineOf(24);
        assertTrue(listing.getParagraph(line).getText().startsWith("24: "), listing.getParagraph(line).getText());
        assertTrue(listing.getParagraph(line).getParagraphStyle().contains("line-error"), "red marker on insn 24");
        assertTrue(listing.getCurrentParagraph() != line);

        robot.clickOn("#goToError");

        assertEquals(line, listing.getCurrentParagraph(), "the caret is on instruction 24's line");
        assertTrue(listing.getParagraph(line).getParagraphStyle().contains("line-current"), "and it is highlighted");
        assertTrue(text(robot, "#statusVerdict").startsWith("rejected at insn 24"));
    }

    @Test
    void theBranchDecisionsOnTheErrorPathAreMarked(FxRobot robot) {
        openExample(robot, window, "use_after_unlock");
        Diagnostic error = window.verdict().orElseThrow().error().orElseThrow();
        assertFalse(error.path().isEmpty(), "use_after_unlock's error path has a branch decision");
        CodeArea listing = robot.lookup("#listing").queryAs(CodeArea.class);
        for (var branch : error.path()) {
            int line = window.inspector().listingLineOf(branch.from());
            assertTrue(listing.getParagraph(line).getParagraphStyle().contains("line-path"),
                    "branch at insn " + branch.from() + " is marked");
        }
        long marked = listing.getParagraphs().stream().filter(p -> p.getParagraphStyle().contains("line-path")).count();
        assertEquals(error.path().stream().map(b -> b.from()).distinct().count(), marked);
    }

    @Test
    void selectorOffersTheThreePresets(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ComboBox<Semantics> selector = robot.lookup("#semanticsSelector").queryAs(ComboBox.class);
        assertEquals(List.of(Semantics.V6_3, Semantics.V6_4, Semantics.CURRENT), selector.getItems());
        assertEquals(Semantics.CURRENT, selector.getValue());
    }

    @Test
    void theChosenRulesStayWhenAnotherExampleIsOpened(FxRobot robot) {
        robot.interact(() -> window.setSemantics(Semantics.V6_4));
        openExample(robot, window, "remove_unchecked");
        assertEquals(Semantics.V6_4, window.verdict().orElseThrow().semantics());
        assertTrue(allText(robot, "#verdictBanner").contains("R6 invalid mem access 'ptr_or_null_'"));
    }

    @Test
    void keyboardShortcutsSwitchRulesAndGoToTheError(FxRobot robot) {
        openExample(robot, window, "use_after_unlock");
        robot.clickOn("#listing");
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT1);
        assertEquals(Semantics.V6_3, window.semantics());
        assertEquals("6.3", window.verdict().orElseThrow().semantics().name());
        robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT3);
        assertEquals(Semantics.CURRENT, window.semantics());

        CodeArea listing = robot.lookup("#listing").queryAs(CodeArea.class);
        robot.interact(() -> listing.moveTo(0));
        robot.push(KeyCode.F4);
        assertEquals(window.inspector().listingLineOf(24), listing.getCurrentParagraph(), "F4 goes to the error");
    }
}
