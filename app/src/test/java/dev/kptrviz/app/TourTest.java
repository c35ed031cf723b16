package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Examples;
import dev.kptrviz.tour.TourLoadException;
import dev.kptrviz.tour.TourLoader;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help ▸ Tour of shared ownership, Previous / Next through its stops, and tour files that cannot be used. */
@ExtendWith(ApplicationExtension.class)
class TourTest {
    private Stage stage;
    private MainWindow window;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = KptrVizApp.startOn(stage, List.of());
    }

    private SessionController.Position position() {
        return window.stepping().controller().current().orElseThrow();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** The ids of the graph's boxes outlined for the tour. */
    private static Set<String> outlined(FxRobot robot) {
        return robot.lookup(".g-tour").queryAll().stream().map(Node::getId).collect(Collectors.toSet());
    }

    @Test
    void theShippedTourStartsAtTheRejectionAndStepsThroughItsStops(FxRobot robot) {
        robot.clickOn("Help");
        robot.clickOn("Tour of shared ownership");

        // stop 1: the motivating example under 6.3, refused at BTF load
        assertTrue(VerdictTest.shown(robot, "#tourPanel"));
        assertEquals("1 / 10", text(robot, "#tourProgress"));
        assertEquals(0.1, robot.lookup("#tourProgressBar").queryAs(ProgressBar.class).getProgress(), 1e-9);
        assertEquals("Before the series: one object, one owner", text(robot, "#tourTitle"));
        assertEquals("motivating", window.program().orElseThrow().name());
        assertEquals(Semantics.V6_3, window.semantics());
        assertTrue(VerdictTest.shown(robot, "#verdictBanner"), "the 6.3 rejection banner is shown");
        assertTrue(VerdictTest.allText(robot, "#verdictBanner")
                .contains("BTF: EINVAL (bpf_list_node and bpf_rb_node in one struct)"));
        assertEquals(SessionController.Status.REJECTED, position().status());
        assertEquals(0, position().position());
        assertEquals(Set.of("root-ghead", "root-groot"), outlined(robot));
        assertTrue(robot.lookup("#tourPrevious").queryButton().isDisabled());

        // stop 2: the same program under 6.4, right after bpf_obj_new
        robot.clickOn("#tourNext");
        assertEquals("2 / 10", text(robot, "#tourProgress"));
        assertEquals("struct bpf_refcount", text(robot, "#tourTitle"));
        assertEquals(Semantics.V6_4, window.semantics());
        assertFalse(VerdictTest.shown(robot, "#verdictBanner"), "6.4 accepts the motivating example");
        assertEquals(3, position().position());
        assertEquals("rc 1", text(robot, "#obj-1-refcount"));
        assertEquals(Set.of("obj-1", "src-0-r0"), outlined(robot));
        assertFalse(window.inspector().listingView().tourLines().isEmpty(), "line 57 is highlighted in the listing");

        // stop 3: bpf_refcount_acquire: one object with refcount 2, two owning pointers, all outlined
        robot.clickOn("#tourNext");
        assertEquals("3 / 10", text(robot, "#tourProgress"));
        assertEquals(14, position().position());
        Node card = robot.lookup("#obj-1").query();
        assertTrue(card.getStyleClass().contains("g-tour"));
        assertEquals("rc 2", text(robot, "#obj-1-refcount"));
        assertEquals(Set.of("obj-1", "src-0-r6", "src-0-r7"), outlined(robot));
        assertEquals("owning", robot.lookup("#ptr-0-r7").query().getUserData());
        assertTrue(robot.lookup("#ptr-0-r7").query().getStyleClass().contains("g-tour-edge"));
        int line64 = window.inspector().listingView().lineOf(13);
        assertTrue(window.inspector().listingView().tourLines().contains(line64),
                "the call of bpf_refcount_acquire (insn 13, line 64) is highlighted");

        // Previous goes back to stop 2, refcount 1 again
        robot.clickOn("#tourPrevious");
        assertEquals("2 / 10", text(robot, "#tourProgress"));
        assertEquals(3, position().position());
        assertEquals("rc 1", text(robot, "#obj-1-refcount"));

        // the buttons' mnemonics: Alt+N and Alt+P
        robot.press(KeyCode.ALT).type(KeyCode.N).release(KeyCode.ALT);
        assertEquals("3 / 10", text(robot, "#tourProgress"));
        robot.press(KeyCode.ALT).type(KeyCode.P).release(KeyCode.ALT);
        assertEquals("2 / 10", text(robot, "#tourProgress"));

        // Close: the panel goes, the highlights too, the program and position stay
        robot.clickOn("#tourClose");
        assertFalse(VerdictTest.shown(robot, "#tourPanel"));
        assertTrue(outlined(robot).isEmpty());
        assertTrue(window.inspector().listingView().tourLines().isEmpty());
        assertEquals(3, position().position());
    }

    @Test
    void everyStopOfTheShippedTourOpensItsExampleAtItsPosition(FxRobot robot) {
        robot.interact(() -> assertTrue(window.tour().startShipped(1)));
        List<dev.kptrviz.tour.ResolvedStop> stops = window.tour().stops();
        for (int i = 0; i < stops.size(); i++) {
            int k = i;
            robot.interact(() -> window.tour().go(k));
            dev.kptrviz.tour.ResolvedStop s = stops.get(i);
            assertEquals(s.program(), window.program().orElseThrow().name(), "stop " + (i + 1));
            assertEquals(s.stop().semantics(), window.semantics(), "stop " + (i + 1));
            assertEquals(s.position(), position().position(), "stop " + (i + 1));
            assertEquals((i + 1) + " / " + stops.size(), text(robot, "#tourProgress"));
            assertEquals(Set.copyOf(s.graphKeys()), window.stepping().graph().highlighted());
            assertEquals(s.graphKeys().size(), outlined(robot).size(), "stop " + (i + 1) + ": every key drawn");
        }
        assertTrue(robot.lookup("#tourNext").queryButton().isDisabled(), "the last stop has no next");
    }

    @Test
    void openingAnotherExampleDropsTheTourHighlights(FxRobot robot) {
        robot.interact(() -> window.tour().startShipped(3));
        assertFalse(outlined(robot).isEmpty());
        robot.interact(() -> window.openExample(Examples.byProgram("double_insert").orElseThrow()));
        assertTrue(window.stepping().graph().highlighted().isEmpty());
        assertTrue(window.inspector().listingView().tourLines().isEmpty());
        robot.clickOn("#tourNext");
        assertEquals("4 / 10", text(robot, "#tourProgress"));
        assertEquals("acquire_nonowning_checked", window.program().orElseThrow().name());
        assertEquals(Set.of("obj-1", "root-groot", "src-0-r6"), outlined(robot));
    }

    @Test
    void aBrokenTourFileShowsTheErrorAndKeepsTheSession(FxRobot robot) throws IOException {
        robot.interact(() -> window.stepping().controller().seek(5));
        Object object = window.object().orElseThrow();
        Path bad = Files.writeString(dir.resolve("broken.json"), "{\"title\":\"Mine\",\"stops\":[{\"title\":\"a\","
                + "\"text\":\"b\",\"example\":\"motivating.o\",\"semantics\":\"6.5\",\"step\":1}]}");
        String expected = assertThrows(TourLoadException.class, () -> TourLoader.load(bad)).getMessage();
        assertEquals(bad + ": stop 1: 'semantics': unknown version '6.5' (use \"6.3\", \"6.4\" or \"current\")",
                expected);

        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = window.tour().open(bad));

        assertFalse(opened[0]);
        DialogPane dialog = robot.lookup("#" + Dialogs.TOUR_ERROR_ID).queryAs(DialogPane.class);
        assertEquals("Cannot open the tour " + bad, dialog.getHeaderText());
        assertTrue(dialog.getContentText().startsWith(expected + "\n"), dialog.getContentText());
        assertFalse(VerdictTest.shown(robot, "#tourPanel"));
        assertSame(object, window.object().orElseThrow(), "the open object stays");
        assertEquals(5, position().position(), "the session stays where it was");
        assertEquals(Semantics.CURRENT, window.semantics());
    }

    @Test
    void aTourThatDoesNotFitItsExampleListsTheProblems(FxRobot robot) throws IOException {
        Path bad = Files.writeString(dir.resolve("unfit.json"), "{\"title\":\"Mine\",\"stops\":[{\"title\":\"a\","
                + "\"text\":\"b\",\"example\":\"motivating.o\",\"semantics\":\"6.4\",\"step\":3,"
                + "\"highlight\":[\"object#7\"]}]}");
        robot.interact(() -> assertFalse(window.tour().open(bad)));
        DialogPane dialog = robot.lookup("#" + Dialogs.TOUR_ERROR_ID).queryAs(DialogPane.class);
        assertEquals("The tour " + bad + " does not fit its examples", dialog.getHeaderText());
        assertTrue(dialog.getContentText().startsWith(bad + ": stop 1: 'highlight': 'object#7' is not in the graph "
                + "at step 3 (it has: object#1, root ghead, root groot, ptr 0:r0, ref 2)\n"), dialog.getContentText());
        assertFalse(VerdictTest.shown(robot, "#tourPanel"));
    }

    @Test
    void aTeachersTourOpensAnObjectFileNextToIt(FxRobot robot) throws IOException {
        Files.write(dir.resolve("mine.o"), Examples.bytes("double_insert.o").orElseThrow());
        Path tour = Files.writeString(dir.resolve("teacher.json"), "{\"title\":\"Mine\",\"stops\":[{\"title\":\"Fails\","
                + "\"text\":\"The second add fails.\",\"file\":\"mine.o\",\"semantics\":\"current\","
                + "\"runTo\":{\"event\":\"INSERT_FAILED\"},\"highlight\":[\"object#1\",\"insn 34\"]}]}");
        robot.interact(() -> assertTrue(window.tour().open(tour)));
        assertEquals("1 / 1", text(robot, "#tourProgress"));
        assertEquals("TOUR  ·  Mine", text(robot, "#tourCaption"));
        assertEquals("double_insert", window.program().orElseThrow().name());
        assertTrue(stage.getTitle().endsWith("mine.o"), stage.getTitle());
        assertEquals("rc 1", text(robot, "#obj-1-refcount"));
        assertEquals(Set.of("obj-1"), outlined(robot));
        assertEquals(Set.of(window.inspector().listingView().lineOf(34)), window.inspector().listingView().tourLines());
        assertTrue(robot.lookup("#tourNext").queryButton().isDisabled());
    }
}
