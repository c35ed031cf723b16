package dev.kptrviz.app;

import dev.kptrviz.program.Examples;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window as it opens: the motivating example's listing, roots and status. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        KptrVizApp.startOn(stage, List.of());
    }

    static List<String> listingLines(FxRobot robot) {
        return Arrays.asList(robot.lookup("#listing").queryAs(CodeArea.class).getText().split("\n", -1));
    }

    @Test
    void opensOnMotivatingExampleWithSourceLineBeforeKfuncCall(FxRobot robot) {
        assertEquals("KptrViz — " + Examples.MOTIVATING, stage.getTitle());
        List<String> lines = listingLines(robot);
        int call = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("call bpf_rbtree_add_impl")) {
                call = i;
                break;
            }
        }
        assertTrue(call > 0, "no 'call bpf_rbtree_add_impl' line in:\n" + String.join("\n", lines));
        int source = call - 1;
        while (source >= 0 && !lines.get(source).startsWith(";")) {
            source--;
        }
        assertTrue(source >= 0, "no source line before the call");
        String sourceLine = lines.get(source);
        assertTrue(sourceLine.contains("bpf_rbtree_add("),
                "the C line before the call should be the bpf_rbtree_add( line, was: " + sourceLine);
        assertTrue(sourceLine.contains("@ motivating.c:"), sourceLine);
    }

    @Test
    void kfuncNamesAndSourceLinesAreStyled(FxRobot robot) {
        CodeArea area = robot.lookup("#listing").queryAs(CodeArea.class);
        String text = area.getText();
        int kfunc = text.indexOf("bpf_rbtree_add_impl");
        assertTrue(kfunc >= 0);
        assertTrue(area.getStyleOfChar(kfunc + 1).contains("ls-kfunc"), area.getStyleOfChar(kfunc + 1).toString());
        int source = text.indexOf("bpf_rbtree_add(");
        assertTrue(area.getStyleOfChar(source + 1).contains("ls-source"), area.getStyleOfChar(source + 1).toString());
        int helper = text.indexOf("call bpf_spin_lock#") + "call ".length();
        assertTrue(area.getStyleOfChar(helper + 1).contains("ls-callee"), "helpers are not kfuncs");
        assertFalse(area.isEditable());
    }

    @Test
    void sidePanelListsRootsAndStatusBarNamesTheProgram(FxRobot robot) {
        ListView<?> roots = robot.lookup("#roots").queryAs(ListView.class);
        assertFalse(roots.getItems().isEmpty(), "the motivating example has a list and an rbtree root");
        String status = robot.lookup("#statusFile").queryAs(Label.class).getText();
        assertEquals(Examples.MOTIVATING, status);
        String insns = robot.lookup("#statusInsns").queryAs(Label.class).getText();
        assertTrue(insns.matches("\\d+ instructions?"), insns);
        String description = Examples.all().stream()
                .filter(e -> e.objectFile().equals(Examples.MOTIVATING)).findFirst().orElseThrow().description();
        assertEquals(description, robot.lookup("#description").queryAs(Label.class).getText());
    }
}
