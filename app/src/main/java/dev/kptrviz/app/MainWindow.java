package dev.kptrviz.app;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.ClangBuild;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import dev.kptrviz.program.Listing;
import dev.kptrviz.program.ListingLine;
import dev.kptrviz.program.Program;
import dev.kptrviz.verifier.Verdict;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The main window: menu bar, program header (with the kernel rules and the verdict), the
 * rejection banner, the listing in the centre with the verifier log, run and diagnostics tabs
 * below it, collection roots and functions on the side, a status bar at the bottom. It holds
 * the open object and the selected program; a failed open leaves both untouched and explains
 * the failure in a dialog.
 */
public final class MainWindow {
    static final String CSS = Objects.requireNonNull(
            MainWindow.class.getResource("kptrviz.css"), "kptrviz.css missing").toExternalForm();

    private final Stage stage;
    private final ListingView listing = new ListingView();
    private final RootsPane roots = new RootsPane();
    private final FunctionsPane functions = new FunctionsPane(listing::revealInsn);
    private final ProgramBar programBar = new ProgramBar(this::selectProgram);
    private final StatusBar status = new StatusBar();
    private final Inspector inspector = new Inspector(listing, status);
    private final Stepping stepping = new Stepping(listing, status);
    private final ExportMenu exports = new ExportMenu(this);
    private final TourPanel tour = new TourPanel(this);
    private final Presenter presenter;
    /** Files opened from disk, for File ▸ Open Recent. */
    private final RecentFiles recent;
    /** Compiles a .c before it is opened. */
    private final ClangBuild clang;
    private BpfObject object;
    private Program program;

    public MainWindow(Stage stage) {
        this(stage, new RecentFiles(RecentFiles.userStore()), ClangBuild.find());
    }

    /** A window with its own recent-files store and compiler (tests give temporary ones). */
    MainWindow(Stage stage, RecentFiles recent, ClangBuild clang) {
        this.stage = stage;
        this.recent = recent;
        this.clang = clang;
        presenter = new Presenter(stage, stepping.graph().zoom());
        VBox side = new VBox(tour.node(), roots.node(), functions.node());
        side.getStyleClass().add("side-panel");
        SplitPane code = new SplitPane(listing.node(), stepping.view());
        code.setOrientation(Orientation.HORIZONTAL);
        code.setDividerPositions(0.37);
        SplitPane centre = new SplitPane(code, inspector.bottom());
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.76);
        SplitPane.setResizableWithParent(inspector.bottom(), false);
        BorderPane main = new BorderPane(centre);
        main.setTop(new VBox(inspector.banner(), stepping.bar()));
        SplitPane split = new SplitPane(main, side);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.83);
        SplitPane.setResizableWithParent(side, false);
        tour.setOnShown(shown -> split.setDividerPositions(shown ? 0.71 : 0.83));
        programBar.addTrailing(inspector.rulesBar());

        BorderPane root = new BorderPane(split);
        root.setTop(new VBox(AppMenu.build(this), programBar.node()));
        root.setBottom(status.node());
        root.getStyleClass().add("main-window");

        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(CSS);
        presenter.attach(scene);
        stepping.installShortcuts(scene);
        FileDrop.install(scene, this::open);
        inspector.setOnRunAnyway(stepping.controller()::continueAnyway);
        inspector.panel().addTab("Breakpoints", "breakpointsTab", stepping.breakpointsPane().node())
                .textProperty().bind(stepping.breakpointsPane().title());
        inspector.semanticsProperty().addListener((o, was, now) -> {
            if (now != null && now != was) {
                stepping.rulesChanged(now);
            }
        });
        stage.setScene(scene);
        stage.setTitle("KptrViz");
        stage.setMinWidth(640);
        stage.setMinHeight(400);
    }

    public Stage stage() {
        return stage;
    }

    /** The open object, or empty before the first successful open. */
    public Optional<BpfObject> object() {
        return Optional.ofNullable(object);
    }

    public Optional<Program> program() {
        return Optional.ofNullable(program);
    }

    /** The verifier model's verdict on the shown program under the selected rules. */
    public Optional<Verdict> verdict() {
        return inspector.verdict();
    }

    public Semantics semantics() {
        return inspector.semantics();
    }

    /** Selects the kernel rules, as the selector in the header does: re-verifies and keeps the listing position. */
    public void setSemantics(Semantics semantics) {
        inspector.setSemantics(semantics);
    }

    Stepping stepping() {
        return stepping;
    }

    Inspector inspector() {
        return inspector;
    }

    ExportMenu exports() {
        return exports;
    }

    TourPanel tour() {
        return tour;
    }

    /** The View menu's state: theme, window zoom, presenter mode. */
    Presenter presenter() {
        return presenter;
    }

    /** Verifier ▸ Compare rules side by side…: the shown program under two rule sets, in a window of its own. */
    Optional<CompareWindow> openCompare() {
        if (object == null || program == null) {
            return Optional.empty();
        }
        Stage compare = new Stage();
        compare.initOwner(stage);
        return Optional.of(CompareWindow.open(compare, object, program));
    }

    /** Opens the bundled motivating example, described by its row in the example table. */
    public boolean openMotivating() {
        Optional<Example> row;
        try {
            row = Examples.all().stream().filter(e -> e.objectFile().equals(Examples.MOTIVATING)).findFirst();
        } catch (RuntimeException e) {
            row = Optional.empty();
        }
        return row.map(this::openExample).orElseGet(() -> openBundled(Examples.MOTIVATING, null, null));
    }

    /** Opens a bundled example and selects its program. This is what the Examples menu calls. */
    public boolean openExample(Example example) {
        return openBundled(example.objectFile(), example.program(), example.description());
    }

    /**
     * Opens an object file from disk, or a C source after compiling it with clang. This is what File ▸ Open…,
     * File ▸ Open Recent, a dropped file and the command line call. A file that opens joins the recent files.
     */
    public boolean open(Path path) {
        return open(path, null);
    }

    /** Opens an object file from disk and selects {@code programName} in it (the first program when null or absent). */
    public boolean open(Path path, String programName) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        boolean opened = attempt(name, () -> clang.open(path), programName, path.toString());
        if (opened) {
            recent.add(path);
        }
        return opened;
    }

    /** File ▸ Open Recent ▸ a file: one that has gone since is explained and dropped from the list. */
    boolean openRecent(Path path) {
        if (!Files.exists(path)) {
            recent.remove(path);
            Dialogs.loadError(stage, String.valueOf(path.getFileName()), new LoadException(path.toString(),
                    "the file no longer exists; it was removed from the recent files"));
            return false;
        }
        return open(path);
    }

    RecentFiles recent() {
        return recent;
    }

    /** File ▸ Open…: asks for a file, then {@link #open(Path)}. */
    void chooseAndOpen() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open BPF object or C source");
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("BPF objects and C sources (*.o, *.c)", "*.o", "*.c"),
                new FileChooser.ExtensionFilter("BPF objects (*.o)", "*.o"),
                new FileChooser.ExtensionFilter("C sources (*.c)", "*.c"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File file = chooser.showOpenDialog(stage);
        if (file != null) {
            open(file.toPath());
        }
    }

    private boolean openBundled(String file, String programName, String about) {
        return attempt(file, () -> Examples.load(file), programName, about);
    }

    private interface LoadAction {
        BpfObject load() throws LoadException;
    }

    /**
     * Loads and lists; only when both succeed does the window switch to the new object. Any
     * failure (a refused file, or a bug surfacing as an exception) shows a dialog and changes nothing.
     */
    private boolean attempt(String name, LoadAction action, String programName, String about) {
        BpfObject loaded;
        Program selected;
        List<ListingLine> lines;
        try {
            loaded = action.load();
            if (loaded.programs().isEmpty()) {
                throw new LoadException(name, "the object contains no BPF programs");
            }
            selected = programName == null ? null : loaded.program(programName).orElse(null);
            selected = selected == null ? loaded.programs().get(0) : selected;
            lines = Listing.of(selected);
        } catch (LoadException e) {
            Dialogs.loadError(stage, name, e);
            return false;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            Dialogs.unexpectedError(stage, name, e);
            return false;
        }
        object = loaded;
        programBar.setObject(loaded, selected, about);
        roots.show(loaded.roots());
        display(selected, lines);
        stage.setTitle("KptrViz — " + loaded.fileName());
        return true;
    }

    private void selectProgram(Program selected) {
        if (selected == null || selected == program || object == null) {
            return;
        }
        List<ListingLine> lines;
        try {
            lines = Listing.of(selected);
        } catch (RuntimeException | StackOverflowError e) {
            Dialogs.unexpectedError(stage, selected.name(), e);
            return;
        }
        display(selected, lines);
    }

    private void display(Program selected, List<ListingLine> lines) {
        program = selected;
        listing.show(selected, lines);
        functions.show(selected.functions());
        status.show(object.fileName(), selected, object.roots().size());
        inspector.inspect(object, selected);
        stepping.open(object, selected, inspector.semantics());
        tour.shown(object, selected);
    }
}
