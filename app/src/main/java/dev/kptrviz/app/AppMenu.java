package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import javafx.application.Platform;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;

import java.util.List;

/**
 * The menu bar: File ▸ Open…, Examples ▸ (one item per bundled example), Open Recent ▸, Export ▸
 * ({@link ExportMenu}), Quit; Edit ▸ Copy state as Markdown; Verifier ▸ Go to error, Run anyway, the kernel rules (kept in step with the
 * header's selector), Compare rules side by side…; View (built by {@link Presenter}); Help ▸ the guided tours.
 */
final class AppMenu {
    private static final double ROW_WIDTH = 340;
    private AppMenu() {
    }

    static MenuBar build(MainWindow window) {
        MenuItem open = new MenuItem("Open…");
        open.setId("openItem");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> window.chooseAndOpen());

        Menu examples = new Menu("Examples");
        examples.setId("examplesMenu");
        examples.getItems().addAll(exampleItems(window));

        MenuItem quit = new MenuItem("Quit");
        quit.setId("quitItem");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> Platform.exit());

        Menu file = new Menu("File");
        file.setId("fileMenu");
        // Open Recent below Examples: a pointer crossing the menu diagonally (on its way into the long Examples
        // submenu, which opens upwards) then only passes items without a submenu.
        file.getItems().addAll(open, examples, RecentMenu.build(window.recent(), window::openRecent),
                window.exports().fileMenu(), new SeparatorMenuItem(), quit);

        Menu verifier = verifierMenu(window.inspector());
        verifier.getItems().addAll(new SeparatorMenuItem(), compareItem(window));
        MenuBar bar = new MenuBar(file, window.exports().editMenu(), verifier, window.presenter().menu(),
                helpMenu(window.tour()));
        bar.setId("menuBar");
        return bar;
    }

    /** Verifier ▸ Go to error (F4), Run anyway (Shortcut+R), and the kernel rules (Shortcut+1/2/3). */
    private static Menu verifierMenu(Inspector inspector) {
        MenuItem go = new MenuItem("Go to error");
        go.setId("goToErrorItem");
        go.setAccelerator(KeyCombination.keyCombination("F4"));
        go.setOnAction(e -> inspector.goToError());
        MenuItem anyway = new MenuItem("Run anyway");
        anyway.setId("runAnywayItem");
        anyway.setAccelerator(KeyCombination.keyCombination("Shortcut+R"));
        anyway.setOnAction(e -> inspector.runAnyway());
        Menu menu = new Menu("Verifier");
        menu.setId("verifierMenu");
        menu.getItems().addAll(go, anyway, new SeparatorMenuItem());
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < Rules.ALL.size(); i++) {
            Semantics s = Rules.ALL.get(i);
            RadioMenuItem rules = new RadioMenuItem("Kernel rules " + Rules.label(s));
            rules.setToggleGroup(group);
            rules.setAccelerator(KeyCombination.keyCombination("Shortcut+" + (i + 1)));
            rules.setSelected(s.equals(inspector.semantics()));
            rules.setOnAction(e -> inspector.setSemantics(s));
            inspector.semanticsProperty().addListener((o, was, now) -> rules.setSelected(s.equals(now)));
            menu.getItems().add(rules);
        }
        return menu;
    }

    /** Verifier ▸ Compare rules side by side… (Shortcut+Shift+D): the shown program under two rule sets. */
    private static MenuItem compareItem(MainWindow window) {
        MenuItem compare = new MenuItem("Compare rules side by side…");
        compare.setId("compareItem");
        compare.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+D"));
        compare.setOnAction(e -> window.openCompare());
        return compare;
    }

    /** Help ▸ Tour of shared ownership (the tour shipped with KptrViz), Open tour… (a teacher's JSON file). */
    private static Menu helpMenu(TourPanel tour) {
        MenuItem shipped = new MenuItem("Tour of shared ownership");
        shipped.setId("tourItem");
        shipped.setOnAction(e -> tour.startShipped(1));
        MenuItem open = new MenuItem("Open tour…");
        open.setId("openTourItem");
        open.setOnAction(e -> tour.chooseAndOpen());
        Menu menu = new Menu("Help");
        menu.setId("helpMenu");
        menu.getItems().addAll(shipped, open);
        return menu;
    }

    private static List<MenuItem> exampleItems(MainWindow window) {
        List<Example> all;
        try {
            all = Examples.all();
        } catch (RuntimeException e) {
            all = List.of();
        }
        if (all.isEmpty()) {
            MenuItem none = new MenuItem("No bundled examples");
            none.setDisable(true);
            return List.of(none);
        }
        return all.stream().map(ex -> item(window, ex)).toList();
    }

    /** The node id of an example's row in the menu, for tests and accessibility tools. */
    static String rowId(Example ex) {
        return "example-" + ex.program().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /**
     * A custom item, because a plain MenuItem cannot carry a tooltip: the program name (and its
     * file when that differs), then the current kernel's verdict from the example table.
     */
    private static MenuItem item(MainWindow window, Example ex) {
        String text = ex.objectFile().equals(ex.program() + ".o") ? ex.program()
                : ex.program() + "  (" + ex.objectFile() + ")";
        Label name = new Label(text);
        name.getStyleClass().add("example-name");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        gap.setMinWidth(24);
        Label verdict = new Label(ex.verdictCurrent());
        verdict.getStyleClass().addAll("badge", "badge-" + ex.verdictCurrent());
        HBox row = new HBox(name, gap, verdict);
        row.setId(rowId(ex));
        row.getStyleClass().add("example-row");
        // The menu sizes custom content to its preferred width, so ask for the full width.
        row.setPrefWidth(ROW_WIDTH);
        Tooltip tip = new Tooltip(ex.description() + "\n\nverdict  6.3: " + ex.verdictV63()
                + "   6.4: " + ex.verdictV64() + "   current: " + ex.verdictCurrent());
        tip.setShowDelay(Duration.millis(300));
        tip.setWrapText(true);
        tip.setMaxWidth(520);
        Tooltip.install(row, tip);

        CustomMenuItem item = new CustomMenuItem(row, true);
        item.getStyleClass().add("example-item");
        item.setOnAction(e -> window.openExample(ex));
        return item;
    }
}
