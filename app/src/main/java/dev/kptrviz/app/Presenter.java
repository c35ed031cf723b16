package dev.kptrviz.app;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The View menu: full screen, window zoom (the text of every panel and the graph's drawing together), the
 * theme, and presenter mode, which is full screen at 150% in the presenter theme in one go and back again.
 * The look is made of stylesheets only: kptrviz.css, the theme's sheet over it, and the {@link FontScale}
 * sheet over both while the zoom is not 100%.
 */
final class Presenter {
    /** Window zoom in presenter mode. */
    static final double PRESENTING_SCALE = 1.5;
    private static final double[] SCALES = {0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5};

    private final Stage stage;
    private final GraphZoom graph;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1.0);
    private final BooleanProperty presenting = new SimpleBooleanProperty(this, "presenting", false);
    private final Map<Theme, List<String>> sheetTexts = new EnumMap<>(Theme.class);
    /** The stylesheets this class put into the scene, to take out again on the next change. */
    private final List<String> installed = new ArrayList<>();
    /** Presenter mode's theme: the last one chosen while presenting; high contrast at first. */
    private Theme presenterTheme = Theme.CONTRAST;
    /** How the window was before presenter mode, to go back to it. */
    private Saved before;

    private record Saved(boolean fullScreen, double scale, double graphZoom, Theme theme) {
    }

    Presenter(Stage stage, GraphZoom graph) {
        this.stage = stage;
        this.graph = graph;
    }

    /** Lays the current theme and zoom over {@code scene} (which already has kptrviz.css) and adds the keys
     *  a menu item cannot carry twice (Ctrl+Plus, the keypad's + − 0). */
    void attach(Scene scene) {
        var keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
                this::zoomIn);
        keys.put(new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN), this::zoomIn);
        keys.put(new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN), this::zoomOut);
        keys.put(new KeyCodeCombination(KeyCode.NUMPAD0, KeyCombination.SHORTCUT_DOWN), this::resetZoom);
        restyle();
    }

    Menu menu() {
        CheckMenuItem full = new CheckMenuItem("Full screen");
        full.setId("fullScreenItem");
        full.setAccelerator(new KeyCodeCombination(KeyCode.F11));
        // Toggle from the state, not the check mark: an accelerator, a click and fire() differ in whether
        // the mark has flipped by the time the action runs; the mark is set from the state afterwards.
        full.setOnAction(e -> {
            stage.setFullScreen(!stage.isFullScreen());
            full.setSelected(stage.isFullScreen());
        });
        stage.fullScreenProperty().addListener((o, was, now) -> full.setSelected(now));

        MenuItem in = item("Zoom in", "zoomInItem",
                new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY));
        in.setOnAction(e -> zoomIn());
        MenuItem out = item("Zoom out", "zoomOutItem", new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN));
        out.setOnAction(e -> zoomOut());
        MenuItem reset = item("Reset zoom", "zoomResetItem", new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN));
        reset.setOnAction(e -> resetZoom());
        scale.addListener((o, was, now) -> reset.setText(Math.abs(now.doubleValue() - 1) < 1e-9 ? "Reset zoom"
                : "Reset zoom (now " + Math.round(now.doubleValue() * 100) + "%)"));
        MenuItem fit = item("Fit graph", "fitGraphItem",
                new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        fit.setOnAction(e -> graph.fit());

        Menu themes = new Menu("Theme");
        themes.setId("themeMenu");
        ToggleGroup group = new ToggleGroup();
        for (Theme t : Theme.values()) {
            RadioMenuItem r = new RadioMenuItem(t.label());
            r.setId("theme-" + t.name().toLowerCase(Locale.ROOT));
            r.setToggleGroup(group);
            r.setSelected(t == theme.get());
            r.setOnAction(e -> setTheme(t));
            theme.addListener((o, was, now) -> r.setSelected(now == t));
            themes.getItems().add(r);
        }

        CheckMenuItem present = new CheckMenuItem("Presenter mode");
        present.setId("presenterItem");
        present.setAccelerator(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        present.setOnAction(e -> {
            setPresenting(!presenting.get());
            present.setSelected(presenting.get());
        });
        presenting.addListener((o, was, now) -> present.setSelected(now));

        Menu view = new Menu("View");
        view.setId("viewMenu");
        view.getItems().addAll(full, new SeparatorMenuItem(), in, out, reset, fit, new SeparatorMenuItem(),
                themes, new SeparatorMenuItem(), present);
        return view;
    }

    private static MenuItem item(String text, String id, KeyCombination keys) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setAccelerator(keys);
        return item;
    }

    /** The window zoom: 1 = 100%. The graph's own zoom moves by the same factor. */
    ReadOnlyDoubleProperty scaleProperty() {
        return scale;
    }

    ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme;
    }

    ReadOnlyBooleanProperty presentingProperty() {
        return presenting;
    }

    void zoomIn() {
        setScale(step(scale.get(), true));
    }

    void zoomOut() {
        setScale(step(scale.get(), false));
    }

    /** Window and graph back to 100%. */
    void resetZoom() {
        setScale(1.0);
        graph.setZoom(1.0);
    }

    /** Scales the window's text to {@code s} and the graph by the same factor as the text. */
    void setScale(double s) {
        double now = Math.max(SCALES[0], Math.min(SCALES[SCALES.length - 1], s));
        double was = scale.get();
        if (Math.abs(now - was) < 1e-9) {
            return;
        }
        graph.setZoom(graph.zoom() * now / was);
        scale.set(now);
        restyle();
    }

    void setTheme(Theme t) {
        theme.set(t);
        if (presenting.get()) {
            presenterTheme = t;
        }
        restyle();
    }

    /** On: full screen, 150%, the presenter theme. Off: the window as it was before. */
    void setPresenting(boolean on) {
        if (on == presenting.get()) {
            return;
        }
        if (on) {
            before = new Saved(stage.isFullScreen(), scale.get(), graph.zoom(), theme.get());
            presenting.set(true);
            stage.setFullScreen(true);
            setScale(PRESENTING_SCALE);
            setTheme(presenterTheme);
        } else {
            presenting.set(false);
            stage.setFullScreen(before.fullScreen());
            setScale(before.scale());
            graph.setZoom(before.graphZoom());
            setTheme(before.theme());
        }
    }

    /** The next listed scale up or down from {@code s}. */
    static double step(double s, boolean up) {
        if (up) {
            for (double l : SCALES) {
                if (l > s + 1e-6) {
                    return l;
                }
            }
            return SCALES[SCALES.length - 1];
        }
        for (int i = SCALES.length - 1; i >= 0; i--) {
            if (SCALES[i] < s - 1e-6) {
                return SCALES[i];
            }
        }
        return SCALES[0];
    }

    /** Replaces the stylesheets this class added with the ones for the current theme and scale. */
    private void restyle() {
        Scene scene = stage.getScene();
        if (scene == null) {
            return;
        }
        List<String> sheets = new ArrayList<>();
        theme.get().stylesheet().ifPresent(sheets::add);
        if (Math.abs(scale.get() - 1) > 1e-9) {
            List<String> texts = sheetTexts.computeIfAbsent(theme.get(), Theme::sheetTexts);
            sheets.add(FontScale.dataUrl(texts, scale.get()));
        }
        scene.getStylesheets().removeAll(installed);
        scene.getStylesheets().addAll(sheets);
        installed.clear();
        installed.addAll(sheets);
    }
}
