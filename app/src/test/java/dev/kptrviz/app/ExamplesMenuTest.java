package dev.kptrviz.app;

import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import dev.kptrviz.program.Program;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File ▸ Examples ▸ … and the program selector switch what the listing shows. */
@ExtendWith(ApplicationExtension.class)
class ExamplesMenuTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = KptrVizApp.startOn(stage, List.of());
    }

    private static String listing(FxRobot robot) {
        return robot.lookup("#listing").queryAs(CodeArea.class).getText();
    }

    @Test
    void choosingAnotherExampleFromTheMenuChangesTheListing(FxRobot robot) {
        Example other = Examples.all().stream()
                .filter(e -> !e.objectFile().equals(Examples.MOTIVATING))
                .findFirst().orElseThrow();
        String before = listing(robot);

        robot.clickOn("File");
        robot.moveTo("Examples");
        robot.clickOn("#" + AppMenu.rowId(other));

        assertEquals("KptrViz — " + other.objectFile(), stage.getTitle());
        String after = listing(robot);
        assertNotEquals(before, after);
        assertTrue(after.contains(other.program() + ":"), "the listing starts at the example's program label");
        assertEquals(other.program(), window.program().orElseThrow().name());
    }

    @Test
    void programSelectorSwitchesProgramsInAMultiProgramObject(FxRobot robot) throws Exception {
        Example multi = null;
        for (Example e : Examples.all()) {
            if (Examples.load(e.objectFile()).programs().size() > 1) {
                multi = e;
                break;
            }
        }
        Assumptions.assumeTrue(multi != null, "no bundled object has several programs");
        BpfObject object = Examples.load(multi.objectFile());
        Example chosen = multi;
        robot.interact(() -> window.openExample(chosen));
        @SuppressWarnings("unchecked")
        ComboBox<Program> selector = robot.lookup("#programSelector").queryAs(ComboBox.class);
        assertTrue(selector.isVisible());
        assertEquals(object.programs().size(), selector.getItems().size());
        Program next = selector.getItems().stream()
                .filter(p -> !p.name().equals(window.program().orElseThrow().name()))
                .findFirst().orElseThrow();
        String before = listing(robot);
        robot.interact(() -> selector.getSelectionModel().select(next));
        assertEquals(next.name(), window.program().orElseThrow().name());
        assertNotEquals(before, listing(robot));
    }

    @Test
    void programSelectorIsHiddenForASingleProgramObject(FxRobot robot) {
        Assumptions.assumeTrue(window.object().orElseThrow().programs().size() == 1);
        assertTrue(!robot.lookup("#programSelector").query().isVisible());
    }
}
