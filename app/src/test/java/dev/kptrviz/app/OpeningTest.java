package dev.kptrviz.app;

import dev.kptrviz.program.ClangBuild;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import javafx.event.Event;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.util.Pair;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.AccessControlContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Opening files: File ▸ Open Recent (order, a file that has gone, Clear list), dropping a file on the window,
 * and C sources compiled with clang (or the message saying what to install). Every window here has a
 * temporary recent-files store.
 */
@ExtendWith(ApplicationExtension.class)
class OpeningTest {
    @TempDir
    static Path dir;

    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        Path store = Files.createTempDirectory(dir, "settings").resolve("recent-files");
        window = new MainWindow(stage, new RecentFiles(store), ClangBuild.find());
        stage.show();
        window.openMotivating();
    }

    /** A copy of a bundled object (other than the motivating one) on disk. */
    private static Path onDisk(int which, String name) throws IOException {
        List<Example> others = Examples.all().stream()
                .filter(e -> !e.objectFile().equals(Examples.MOTIVATING)).toList();
        Example ex = others.get(which);
        Path folder = Files.createDirectories(dir.resolve("files" + which));
        return Files.write(folder.resolve(name), Examples.bytes(ex.objectFile()).orElseThrow());
    }

    private static String listing(FxRobot robot) {
        return robot.lookup("#listing").queryAs(CodeArea.class).getText();
    }

    private static DialogPane dialog(FxRobot robot) {
        return robot.lookup("#" + Dialogs.LOAD_ERROR_ID).queryAs(DialogPane.class);
    }

    private static void closeDialog(FxRobot robot) {
        robot.clickOn(dialog(robot).lookupButton(ButtonType.OK));
    }

    private static void openRecentMenu(FxRobot robot) {
        robot.clickOn("File");
        robot.moveTo("Open Recent");
    }

    /** File ▸ Open Recent's items (menu items are not nodes: the robot finds them by their text). */
    private static List<MenuItem> recentItems(FxRobot robot) {
        Menu file = robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().get(0);
        Menu recent = (Menu) file.getItems().stream().filter(i -> RecentMenu.MENU_ID.equals(i.getId()))
                .findFirst().orElseThrow();
        return recent.getItems();
    }

    private static MenuItem recentItem(FxRobot robot, String id) {
        return recentItems(robot).stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    /**
     * Chooses File ▸ Open Recent ▸ the item {@code id}, with the mouse: first sideways into the submenu, then
     * down it (a diagonal path would cross File ▸ Examples and open that submenu instead).
     */
    private static void chooseRecent(FxRobot robot, String id) {
        openRecentMenu(robot);
        Node target = robot.lookup(recentItem(robot, id).getText()).query();
        Bounds row = robot.lookup("Open Recent").query().localToScreen(robot.lookup("Open Recent").query()
                .getBoundsInLocal());
        Bounds at = target.localToScreen(target.getBoundsInLocal());
        robot.moveTo(new Point2D(at.getMinX() + 4, row.getCenterY()));
        robot.moveTo(new Point2D(at.getMinX() + 4, at.getCenterY()));
        robot.clickOn(target);
    }

    @Test
    void openRecentListsFilesMostRecentFirstAndReopensThem(FxRobot robot) throws IOException {
        Path a = onDisk(0, "first_prog.o");
        Path b = onDisk(1, "second_prog.o");
        robot.interact(() -> {
            assertTrue(window.open(a));
            assertTrue(window.open(b));
        });
        assertEquals(List.of(b, a), window.recent().list());

        assertEquals("second_prog.o   " + b.getParent(), recentItem(robot, RecentMenu.itemId(0)).getText());
        assertEquals("first_prog.o   " + a.getParent(), recentItem(robot, RecentMenu.itemId(1)).getText());
        chooseRecent(robot, RecentMenu.itemId(1));

        assertEquals("KptrViz — first_prog.o", stage.getTitle());
        assertEquals(List.of(a, b), window.recent().list(), "reopening moves it to the top");
        assertEquals(List.of(a.toString(), b.toString()), Files.readAllLines(window.recent().store()),
                "and the store follows");
    }

    @Test
    void aRecentFileThatIsGoneIsExplainedAndDropped(FxRobot robot) throws IOException {
        Path kept = onDisk(2, "kept.o");
        Path gone = onDisk(3, "gone.o");
        robot.interact(() -> {
            window.open(kept);
            window.open(gone);
        });
        Files.delete(gone);
        String before = listing(robot);

        chooseRecent(robot, RecentMenu.itemId(0));

        DialogPane d = dialog(robot);
        assertEquals("Cannot open gone.o", d.getHeaderText());
        assertEquals(gone + ": the file no longer exists; it was removed from the recent files"
                + "\n\nThe previously open program is still shown.", d.getContentText());
        closeDialog(robot);
        assertEquals(List.of(kept), window.recent().list());
        assertEquals(List.of(kept.toString()), Files.readAllLines(window.recent().store()));
        assertEquals(before, listing(robot));
        assertEquals("KptrViz — gone.o", stage.getTitle(), "the last object that opened is still shown");
    }

    @Test
    void clearListEmptiesTheMenu(FxRobot robot) throws IOException {
        Path a = onDisk(0, "a.o");
        robot.interact(() -> window.open(a));
        assertEquals(3, recentItems(robot).size(), "a.o, separator, Clear list");
        chooseRecent(robot, RecentMenu.CLEAR_ID);
        assertEquals(List.of(), window.recent().list());
        List<MenuItem> items = recentItems(robot);
        assertEquals(List.of(RecentMenu.EMPTY_ID, "", RecentMenu.CLEAR_ID),
                items.stream().map(i -> i.getId() == null ? "" : i.getId()).toList());
        assertTrue(items.get(0).isDisable() && items.get(2).isDisable(), "nothing to choose or clear");
        assertEquals(List.of(), Files.readAllLines(window.recent().store()));
    }

    /** What a file manager's drag carries: content put by the test, offered for copy or move. */
    private static final class FileManagerDrag implements TKClipboard {
        private final Map<DataFormat, Object> content = new HashMap<>();

        @Override
        public void setSecurityContext(AccessControlContext context) {
        }

        @Override
        public Set<DataFormat> getContentTypes() {
            return content.keySet();
        }

        @Override
        @SafeVarargs
        public final boolean putContent(Pair<DataFormat, Object>... pairs) {
            for (Pair<DataFormat, Object> p : pairs) {
                content.put(p.getKey(), p.getValue());
            }
            return true;
        }

        @Override
        public Object getContent(DataFormat format) {
            return content.get(format);
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return content.containsKey(format);
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return EnumSet.of(TransferMode.COPY, TransferMode.MOVE);
        }

        @Override
        public void setDragView(Image image) {
        }

        @Override
        public void setDragViewOffsetX(double offsetX) {
        }

        @Override
        public void setDragViewOffsetY(double offsetY) {
        }

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }

    /**
     * Drags {@code file} over the listing and drops it, as a file manager would. Monocle (the headless platform)
     * cannot run a native drag gesture, so the two events are fired directly, with a Dragboard made by the
     * toolkit's internal factory over a stand-in for the platform's drag data (test code only). Returns whether the window accepted the drag and the drop.
     */
    private static boolean[] drop(FxRobot robot, Path file) {
        boolean[] accepted = new boolean[2];
        robot.interact(() -> {
            Node target = robot.lookup("#listing").query();
            Dragboard board = DragboardHelper.createDragboard(new FileManagerDrag());
            ClipboardContent content = new ClipboardContent();
            content.putFiles(List.of(file.toFile()));
            board.setContent(content);
            Bounds b = target.localToScreen(target.getBoundsInLocal());
            DragEvent over = new DragEvent(DragEvent.DRAG_OVER, board, b.getCenterX(), b.getCenterY(),
                    b.getCenterX(), b.getCenterY(), TransferMode.COPY, null, null, null);
            Event.fireEvent(target, over);
            accepted[0] = over.getAcceptedTransferMode() != null;
            DragEvent dropped = new DragEvent(DragEvent.DRAG_DROPPED, board, b.getCenterX(), b.getCenterY(),
                    b.getCenterX(), b.getCenterY(), TransferMode.COPY, null, null, null);
            Event.fireEvent(target, dropped);
            accepted[1] = dropped.isDropCompleted();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return accepted;
    }

    @Test
    void droppingAFileOnTheWindowOpensIt(FxRobot robot) throws IOException {
        Path dropped = onDisk(4, "dropped.o");
        assertArrayEquals(new boolean[] {true, true}, drop(robot, dropped));
        assertEquals("KptrViz — dropped.o", stage.getTitle());
        assertEquals(List.of(dropped), window.recent().list());
    }

    @Test
    void droppingABadFileShowsTheLoadErrorAndKeepsTheSession(FxRobot robot) throws IOException {
        Path bad = Files.writeString(dir.resolve("not-an-object.o"), "hello");
        String before = listing(robot);
        assertArrayEquals(new boolean[] {true, true}, drop(robot, bad), "a file is taken; opening it then fails");
        DialogPane d = dialog(robot);
        assertEquals("Cannot open not-an-object.o", d.getHeaderText());
        assertTrue(d.getContentText().startsWith("not-an-object.o"), d.getContentText());
        closeDialog(robot);
        assertEquals(before, listing(robot));
        assertEquals("KptrViz — " + Examples.MOTIVATING, stage.getTitle());
        assertEquals(List.of(), window.recent().list(), "only files that opened are remembered");
    }

    @Test
    void aCSourceIsCompiledAndOpened(FxRobot robot) throws IOException {
        assumeTrue(ClangBuild.find().compiler().isPresent(),
                "no clang-16/clang on the PATH: install it with " + ClangBuild.INSTALL + " to run this test");
        Path folder = Files.createDirectories(dir.resolve("csrc"));
        Path source = Files.writeString(folder.resolve("fill_list_and_tree.c"),
                Examples.text("fill_list_and_tree.c").orElseThrow());
        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = window.open(source));
        assertTrue(opened[0]);
        assertEquals("KptrViz — fill_list_and_tree.o", stage.getTitle());
        assertTrue(listing(robot).contains("@ fill_list_and_tree.c:"), "C lines from the compiled debug info");
        assertEquals(List.of(source), window.recent().list());
    }

    @Test
    void aCSourceThatDoesNotCompileShowsTheCompilersError(FxRobot robot) throws IOException {
        assumeTrue(ClangBuild.find().compiler().isPresent(),
                "no clang-16/clang on the PATH: install it with " + ClangBuild.INSTALL + " to run this test");
        Path source = Files.writeString(dir.resolve("typo.c"), "long f(void)\n{\n\treturn x + ;\n}\n");
        String before = listing(robot);
        robot.interact(() -> assertFalse(window.open(source)));
        DialogPane d = dialog(robot);
        assertEquals("Cannot open typo.c", d.getHeaderText());
        assertTrue(d.getContentText().contains("typo.c:3:9: error: use of undeclared identifier 'x'"),
                d.getContentText());
        closeDialog(robot);
        assertEquals(before, listing(robot));
    }

    @Test
    void withoutClangACSourceSaysWhatToInstall(FxRobot robot) throws IOException {
        Path source = Files.writeString(dir.resolve("prog.c"), "int x;\n");
        Stage[] stages = new Stage[1];
        MainWindow[] w = new MainWindow[1];
        robot.interact(() -> {
            Stage other = new Stage();
            stages[0] = other;
            w[0] = new MainWindow(other, new RecentFiles(dir.resolve("other-recent")),
                    ClangBuild.using(dir.resolve("no-clang-here"), Duration.ofSeconds(5)));
            other.show();
            w[0].openMotivating();
            assertFalse(w[0].open(source));
        });
        String text = dialog(robot).getContentText();
        assertTrue(text.startsWith("prog.c: compiling C needs clang: no clang at "), text);
        assertTrue(text.contains("Install it with: apt-get install -y clang-16 llvm-16"), text);
        closeDialog(robot);
        assertEquals(Examples.MOTIVATING, w[0].object().orElseThrow().fileName());
        robot.interact(stages[0]::close);
    }
}
