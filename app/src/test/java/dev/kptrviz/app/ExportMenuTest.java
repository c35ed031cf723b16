package dev.kptrviz.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File ▸ Export and Edit ▸ Copy state as Markdown on the motivating example after bpf_rbtree_add. */
@ExtendWith(ApplicationExtension.class)
class ExportMenuTest {
    /** The instruction of the motivating example that calls bpf_rbtree_add_impl. */
    private static final int RBTREE_ADD_PC = 33;
    private static final String SVG_NS = "http://www.w3.org/2000/svg";
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

    /** Steps (as F7 does) until the step just taken executed bpf_rbtree_add. */
    private void stepPastRbtreeAdd(FxRobot robot) {
        robot.interact(() -> {
            for (int i = 0; i < 200; i++) {
                SessionController.Position p = position();
                if (p.last() != null && p.last().pc() == RBTREE_ADD_PC) {
                    return;
                }
                controller().step();
            }
        });
        assertEquals(RBTREE_ADD_PC, position().last().pc(), "bpf_rbtree_add ran");
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get();
    }

    @Test
    void graphAsPngIsTheOnScreenGraph(FxRobot robot, @TempDir Path dir) throws Exception {
        stepPastRbtreeAdd(robot);
        robot.interact(() -> window.stepping().graph().zoom().setZoom(0.5));
        Path png = dir.resolve("graph.png");
        assertTrue(onFx(() -> window.exports().export(ExportMenu.Kind.GRAPH_PNG, png)));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "ImageIO reads the PNG back");
        Node canvas = window.stepping().graph().picture();
        Bounds all = onFx(canvas::getLayoutBounds);
        double k = ExportMenu.PNG_SCALE;
        assertEquals(Math.ceil(all.getWidth() * k), img.getWidth(), 2.0,
                "the whole canvas at twice its size, whatever the view's zoom");
        assertEquals(Math.ceil(all.getHeight() * k), img.getHeight(), 2.0);

        Node card = robot.lookup("#obj-1").query();
        Bounds b = onFx(() -> canvas.sceneToLocal(card.localToScene(card.getLayoutBounds())));
        int ink = 0;
        for (int y = (int) ((b.getMinY() + 4) * k); y < (b.getMaxY() - 4) * k; y++) {
            for (int x = (int) ((b.getMinX() + 4) * k); x < (b.getMaxX() - 4) * k; x++) {
                ink += (img.getRGB(x, y) & 0xffffff) != 0xffffff ? 1 : 0;
            }
        }
        assertTrue(ink > 1000, "the card's text and badge are in the picture: " + ink + " pixels");
        Node rc = robot.lookup("#obj-1-refcount").query();
        Bounds badge = onFx(() -> canvas.sceneToLocal(rc.localToScene(rc.getLayoutBounds())));
        int px = img.getRGB((int) ((badge.getMinX() + 3) * k), (int) (badge.getCenterY() * k)) & 0xffffff;
        assertTrue(Math.abs((px & 0xff) - 0xeb) < 30 && Math.abs((px >> 16) - 0x25) < 30,
                "the refcount badge is blue: " + Integer.toHexString(px));
    }

    @Test
    void graphAsSvgAndDotDescribeTheShownStep(FxRobot robot, @TempDir Path dir) throws Exception {
        stepPastRbtreeAdd(robot);
        Path svg = dir.resolve("graph.svg");
        assertTrue(onFx(() -> window.exports().export(ExportMenu.Kind.GRAPH_SVG, svg)));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        NodeList groups = d.getElementsByTagNameNS(SVG_NS, "g");
        Element card = null;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("id").equals("obj-1")) {
                card = g;
            }
        }
        assertNotNull(card, "a card for object 1");
        assertTrue(card.getTextContent().contains("rc 2"), card.getTextContent());
        NodeList paths = d.getElementsByTagNameNS(SVG_NS, "path");
        int nonOwning = 0;
        for (int i = 0; i < paths.getLength(); i++) {
            nonOwning += ((Element) paths.item(i)).getAttribute("class").equals("edge pointer non_owning") ? 1 : 0;
        }
        assertEquals(2, nonOwning, "r6 and r7");
        assertTrue(Files.readString(svg).contains("motivating · step " + position().position()));

        Path dot = dir.resolve("graph.dot");
        assertTrue(onFx(() -> window.exports().export(ExportMenu.Kind.GRAPH_DOT, dot)));
        assertTrue(Files.readString(dot).contains("p0_r7 -> o1 [style=dashed,label=\"non_owning +16\"];"));
        assertEquals("motivating-step" + position().position() + ".svg",
                window.exports().suggestedName(ExportMenu.Kind.GRAPH_SVG));
    }

    @Test
    void traceAsJsonHasTheWholeRunAndLeavesThePositionAlone(FxRobot robot, @TempDir Path dir) throws Exception {
        stepPastRbtreeAdd(robot);
        long at = position().position();
        Path json = dir.resolve("trace.json");
        assertTrue(onFx(() -> window.exports().export(ExportMenu.Kind.TRACE_JSON, json)));
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("motivating", doc.get("program").asText());
        assertEquals("motivating.o", doc.get("file").asText());
        assertEquals(33, doc.get("steps").size(), "every step of the run");
        assertEquals(0, doc.get("summary").get("retval").asInt());
        assertEquals(at, position().position());
        robot.interact(() -> controller().step());
        assertEquals(at + 1, position().position(), "stepping goes on from where it stood");
        assertEquals(RBTREE_ADD_PC + 1, position().last().pc());
    }

    @Test
    void verifierLogAsTextAndErrorsInADialog(FxRobot robot, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("verifier.txt");
        assertTrue(onFx(() -> window.exports().export(ExportMenu.Kind.VERIFIER_LOG, log)));
        String text = Files.readString(log);
        assertTrue(text.startsWith("0: R1=ctx() R10=fp0\n"), text);
        assertTrue(text.contains("call bpf_refcount_acquire_impl#"), text);

        Path nowhere = dir.resolve("no/such/folder/g.svg");
        assertFalse(onFx(() -> window.exports().export(ExportMenu.Kind.GRAPH_SVG, nowhere)));
        WaitForAsyncUtils.waitForFxEvents();
        Node dialog = robot.lookup("#" + ExportMenu.FAILED_ID).query();
        assertNotNull(dialog);
        String shown = robot.lookup("#" + ExportMenu.FAILED_ID + " .content").queryLabeled().getText();
        assertEquals("The folder does not exist.", shown);
        assertFalse(Files.exists(nowhere));
    }

    @Test
    void copyStateAsMarkdownWithTheShortcut(FxRobot robot) throws Exception {
        stepPastRbtreeAdd(robot);
        robot.interact(() -> Clipboard.getSystemClipboard().clear());
        robot.clickOn("#graph");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        String md = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertNotNull(md, "Shortcut+Shift+C put text on the clipboard");
        assertTrue(md.startsWith("## `motivating` at step " + position().position()), md);
        assertTrue(md.contains("| `groot` | rbtree | `glock` held | #1 (top #1) |"), md);
        assertTrue(md.contains("| r7 | `&#1 struct node+16 (non_owning)` | `rcu_ptr_node(non_own_ref,off=16)` | written |"),
                md);
    }

    @Test
    void theMenusOfferEveryExport(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu file = bar.getMenus().stream().filter(m -> "fileMenu".equals(m.getId())).findFirst().orElseThrow();
        Menu export = (Menu) file.getItems().stream().filter(i -> "exportMenu".equals(i.getId())).findFirst()
                .orElseThrow();
        assertEquals(List.of("Graph as PNG…", "Graph as SVG…", "Graph as DOT…", "Trace as JSON…",
                "Verifier log as text…"), export.getItems().stream().map(MenuItem::getText).toList());
        Menu edit = bar.getMenus().stream().filter(m -> "editMenu".equals(m.getId())).findFirst().orElseThrow();
        MenuItem copy = edit.getItems().get(0);
        assertEquals("Copy state as Markdown", copy.getText());
        assertEquals(KeyCombination.keyCombination("Shortcut+Shift+C"), copy.getAccelerator());
        for (ExportMenu.Kind k : ExportMenu.Kind.values()) {
            assertTrue(window.exports().available(k), k + " is available once a program is open");
        }
    }
}
