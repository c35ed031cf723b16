package dev.kptrviz.app;

import dev.kptrviz.export.DotExport;
import dev.kptrviz.export.GraphLayout;
import dev.kptrviz.export.SvgExport;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.verifier.Verdict;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.WritableImage;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCombination;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;
import javafx.stage.FileChooser;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * File ▸ Export (the graph as PNG, SVG or DOT, the trace as JSON, the verifier log as text) and Edit ▸ Copy state
 * as Markdown. Each export has a method taking the target {@link Path} (the menu asks for it with a file chooser
 * first; tests call the methods directly). The data comes from the model's exports, through
 * {@link SessionController} for what needs the session (trace, Markdown); the graph pictures are drawn from the
 * snapshot on screen. The PNG is the graph exactly as shown, a snapshot of the on-screen node.
 */
final class ExportMenu {
    static final String FAILED_ID = "exportError";
    /** Image pixels per screen pixel of the PNG: sharp in slides and on high-density screens. */
    static final double PNG_SCALE = 2;

    private final MainWindow window;

    /** Thrown when there is nothing to export yet. */
    static final class NothingToExport extends IllegalStateException {
        NothingToExport(String what) {
            super(what);
        }
    }

    /** What File ▸ Export can write: its menu text, chooser title, file type and default extension. */
    enum Kind {
        GRAPH_PNG("Graph as PNG…", "exportPngItem", "PNG images", "png"),
        GRAPH_SVG("Graph as SVG…", "exportSvgItem", "SVG drawings", "svg"),
        GRAPH_DOT("Graph as DOT…", "exportDotItem", "Graphviz DOT", "dot"),
        TRACE_JSON("Trace as JSON…", "exportTraceItem", "JSON documents", "json"),
        VERIFIER_LOG("Verifier log as text…", "exportLogItem", "Text files", "txt");

        final String text;
        final String id;
        final String fileType;
        final String ext;

        Kind(String text, String id, String fileType, String ext) {
            this.text = text;
            this.id = id;
            this.fileType = fileType;
            this.ext = ext;
        }
    }

    ExportMenu(MainWindow window) {
        this.window = window;
    }

    /** File ▸ Export ▸ … */
    Menu fileMenu() {
        Menu menu = new Menu("Export");
        menu.setId("exportMenu");
        for (Kind k : Kind.values()) {
            MenuItem item = item(k.text, k.id, () -> choose(k));
            item.setUserData(k);
            menu.getItems().add(item);
        }
        menu.setOnShowing(e -> menu.getItems().forEach(i -> i.setDisable(!available((Kind) i.getUserData()))));
        return menu;
    }

    /** Whether there is something to export of this kind now. */
    boolean available(Kind kind) {
        return switch (kind) {
            case GRAPH_PNG, GRAPH_SVG, GRAPH_DOT -> graph().isPresent();
            case TRACE_JSON -> controller().isOpen();
            case VERIFIER_LOG -> window.verdict().isPresent();
        };
    }

    /**
     * Writes {@code kind} to {@code target}, what a menu item does once its chooser has a file; a failure is
     * explained in a dialog (never a stack trace). True when the file was written.
     */
    boolean export(Kind kind, Path target) {
        try {
            switch (kind) {
                case GRAPH_PNG -> exportGraphPng(target);
                case GRAPH_SVG -> exportGraphSvg(target);
                case GRAPH_DOT -> exportGraphDot(target);
                case TRACE_JSON -> exportTraceJson(target);
                case VERIFIER_LOG -> exportVerifierLog(target);
            }
            return true;
        } catch (NothingToExport e) {
            failed(target, e.getMessage());
        } catch (IOException e) {
            failed(target, reason(e));
        } catch (RuntimeException | StackOverflowError e) {
            failed(target, "KptrViz failed while exporting (this is a bug in KptrViz, please report it): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        return false;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "The folder does not exist.";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied.";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Edit ▸ Copy state as Markdown (Shortcut+Shift+C). */
    Menu editMenu() {
        MenuItem copy = item("Copy state as Markdown", "copyMarkdownItem", this::copyMarkdown);
        copy.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+C"));
        Menu menu = new Menu("Edit");
        menu.setId("editMenu");
        menu.getItems().add(copy);
        menu.setOnShowing(e -> copy.setDisable(!controller().isOpen()));
        return menu;
    }

    // ---- the exports themselves ----

    /**
     * The graph as drawn on screen (its whole canvas, also what is scrolled out of view), as a PNG at
     * {@link #PNG_SCALE} whatever the view's zoom.
     */
    void exportGraphPng(Path target) throws IOException {
        graph().orElseThrow(() -> new NothingToExport("There is no graph yet: open a program first."));
        Node picture = window.stepping().graph().picture();
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        // the drawing carries the view's zoom as its own transform; the file has the same size at any zoom
        double k = PNG_SCALE / window.stepping().graph().zoom().zoom();
        params.setTransform(Transform.scale(k, k));
        WritableImage image = picture.snapshot(params, null);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", target.toFile())) {
            throw new IOException("this Java runtime cannot write PNG images");
        }
    }

    /** The graph as a self-contained SVG drawing (the model's rendering of the same snapshot). */
    void exportGraphSvg(Path target) throws IOException {
        OwnershipGraph g = graph().orElseThrow(() -> new NothingToExport("There is no graph yet: open a program first."));
        Optional<Program> p = window.program();
        String source = p.flatMap(x -> x.lineAt(g.pc())).map(SourceLine::text).orElse(null);
        write(target, SvgExport.of(GraphLayout.of(g), p.map(Program::name).orElse(null), source));
    }

    void exportGraphDot(Path target) throws IOException {
        OwnershipGraph g = graph().orElseThrow(() -> new NothingToExport("There is no graph yet: open a program first."));
        write(target, DotExport.of(g));
    }

    /** The whole run as one JSON document (as {@code kptrviz trace --json-document} prints it). */
    void exportTraceJson(Path target) throws IOException {
        write(target, controller().traceJson()
                .orElseThrow(() -> new NothingToExport("There is no session: open a program first.")));
    }

    /** The verifier's log in the kernel's format, as the Verifier log tab shows it. */
    void exportVerifierLog(Path target) throws IOException {
        Verdict v = window.verdict().orElseThrow(() -> new NothingToExport("Nothing has been verified yet."));
        write(target, v.log().isEmpty() || v.log().endsWith("\n") ? v.log() : v.log() + "\n");
    }

    /** Puts the state at the current step on the clipboard as Markdown; false when there is no session. */
    boolean copyMarkdown() {
        Optional<String> md = controller().markdown();
        md.ifPresent(text -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
        return md.isPresent();
    }

    // ---- plumbing ----

    private SessionController controller() {
        return window.stepping().controller();
    }

    private Optional<OwnershipGraph> graph() {
        return controller().current().map(SessionController.Position::graph);
    }

    private static void write(Path target, String text) throws IOException {
        Files.writeString(target, text, StandardCharsets.UTF_8);
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }

    /** Asks where to save (suggesting program-step.ext), then {@link #export}s there. */
    private void choose(Kind kind) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export " + kind.text.replace("…", "").toLowerCase(java.util.Locale.ROOT));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(kind.fileType + " (*." + kind.ext + ")", "*." + kind.ext),
                new FileChooser.ExtensionFilter("All files", "*"));
        chooser.setInitialFileName(suggestedName(kind));
        File file = chooser.showSaveDialog(window.stage());
        if (file != null) {
            export(kind, file.toPath());
        }
    }

    /** motivating-step29.png, motivating-trace.json, motivating-verifier.txt */
    String suggestedName(Kind kind) {
        String program = window.program().map(Program::name).orElse("kptrviz");
        return switch (kind) {
            case TRACE_JSON -> program + "-trace.json";
            case VERIFIER_LOG -> program + "-verifier.txt";
            default -> program + "-step" + graph().map(OwnershipGraph::step).orElse(0L) + "." + kind.ext;
        };
    }

    private void failed(Path target, String why) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (window.stage().isShowing()) {
            alert.initOwner(window.stage());
        }
        alert.setTitle("KptrViz — export failed");
        alert.setHeaderText("Cannot write " + target.getFileName());
        alert.setContentText(why);
        alert.getDialogPane().setId(FAILED_ID);
        alert.getDialogPane().getStylesheets().add(MainWindow.CSS);
        alert.show();
    }
}
