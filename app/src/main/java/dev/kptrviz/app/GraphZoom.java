package dev.kptrviz.app;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.transform.Scale;
import javafx.util.Duration;

/**
 * Zoom and pan for a drawing: the drawing sits in a {@link Group} inside a pannable {@link ScrollPane} and
 * carries a {@link Scale} pivoted at its top-left corner, so the scroll extents follow the scaled size while
 * the drawing's own layout (where each card sits) never changes. Ctrl+wheel zooms around the pointer; a small
 * bar in the bottom-right corner zooms out/in, back to 100% and to fit, and shows the level.
 */
final class GraphZoom {
    static final double MIN = 0.25;
    static final double MAX = 4.0;
    /** The levels the buttons step through; a level in between (wheel, fit) steps to the next one. */
    private static final double[] LEVELS = {0.25, 0.33, 0.5, 0.67, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0,
        2.5, 3.0, 4.0};
    /** One wheel notch. */
    private static final double WHEEL_STEP = 1.1;
    /** Fit leaves this much slack, so rounding never brings the scroll bars back. */
    private static final double FIT_SLACK = 0.98;

    private final Region drawing;
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1.0);
    private final Group content;
    private final ScrollPane scroll;
    private final Label level = new Label("100%");
    private final StackPane node;

    GraphZoom(Region drawing) {
        this.drawing = drawing;
        drawing.getTransforms().add(scale);
        content = new Group(drawing);
        scroll = new ScrollPane(content);
        scroll.getStyleClass().add("g-scroll");
        scroll.setPannable(true);
        zoom.addListener((o, was, now) -> {
            scale.setX(now.doubleValue());
            scale.setY(now.doubleValue());
            level.setText(Math.round(now.doubleValue() * 100) + "%");
        });
        // Ctrl+wheel zooms; the filter runs before the ScrollPane would scroll.
        scroll.addEventFilter(ScrollEvent.SCROLL, e -> {
            if ((e.isControlDown() || e.isShortcutDown()) && e.getDeltaY() != 0) {
                double factor = e.getDeltaY() > 0 ? WHEEL_STEP : 1 / WHEEL_STEP;
                zoomAround(zoom.get() * factor, new Point2D(e.getSceneX(), e.getSceneY()));
                e.consume();
            }
        });
        level.setId("zoomLevel");
        level.getStyleClass().add("g-zoom-level");
        HBox bar = new HBox(2,
                button("−", "zoomOut", "Zoom out the graph (Ctrl+wheel down). Ctrl+− zooms the whole window."),
                level,
                button("+", "zoomIn", "Zoom in the graph (Ctrl+wheel up). Ctrl+= zooms the whole window."),
                button("1:1", "zoomReset", "Graph at 100%. Ctrl+0 resets the whole window."),
                button("Fit", "zoomFit", "Fit the whole graph in view (Ctrl+Shift+F)."));
        bar.setId("graphZoomBar");
        bar.getStyleClass().add("g-zoom-bar");
        bar.setAlignment(Pos.CENTER);
        bar.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        node = new StackPane(scroll, bar);
        StackPane.setAlignment(bar, Pos.BOTTOM_RIGHT);
        // Clear of the vertical scroll bar and the horizontal one.
        StackPane.setMargin(bar, new javafx.geometry.Insets(0, 22, 22, 0));
    }

    private Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("g-zoom-button");
        b.setFocusTraversable(false);
        Tooltip t = new Tooltip(tip);
        t.setShowDelay(Duration.millis(300));
        b.setTooltip(t);
        b.setOnAction(e -> {
            switch (id) {
                case "zoomOut" -> zoomOut();
                case "zoomIn" -> zoomIn();
                case "zoomReset" -> setZoom(1.0);
                default -> fit();
            }
        });
        return b;
    }

    /** The scroll pane and the zoom bar over it. */
    Node node() {
        return node;
    }

    ScrollPane scroll() {
        return scroll;
    }

    /** The scale of the drawing, 1 = 100%; always within [{@link #MIN}, {@link #MAX}]. */
    DoubleProperty zoomProperty() {
        return zoom;
    }

    double zoom() {
        return zoom.get();
    }

    /** Sets the level, clamped, keeping the centre of the view where it is. */
    void setZoom(double z) {
        zoomAround(z, viewCentre());
    }

    void zoomIn() {
        setZoom(next(zoom.get(), true));
    }

    void zoomOut() {
        setZoom(next(zoom.get(), false));
    }

    /** Scales so the whole drawing fits the visible area, and scrolls to its top-left corner. */
    void fit() {
        // A step may have just replaced the drawing's nodes: size them before measuring.
        scroll.applyCss();
        scroll.layout();
        Bounds view = scroll.getViewportBounds();
        Bounds all = drawing.getBoundsInLocal();
        if (view.getWidth() <= 0 || view.getHeight() <= 0 || all.getWidth() <= 0 || all.getHeight() <= 0) {
            return;
        }
        // The scroll bars go away once the drawing fits, so measure against the whole pane when they show now.
        double w = scroll.getWidth() - scroll.snappedLeftInset() - scroll.snappedRightInset();
        double h = scroll.getHeight() - scroll.snappedTopInset() - scroll.snappedBottomInset();
        zoom.set(clamp(Math.min(w / all.getWidth(), h / all.getHeight()) * FIT_SLACK));
        scroll.layout();
        scroll.setHvalue(scroll.getHmin());
        scroll.setVvalue(scroll.getVmin());
    }

    /** The level the buttons go to from {@code z}: the next listed one up or down. */
    static double next(double z, boolean up) {
        if (up) {
            for (double l : LEVELS) {
                if (l > z + 1e-6) {
                    return l;
                }
            }
            return MAX;
        }
        for (int i = LEVELS.length - 1; i >= 0; i--) {
            if (LEVELS[i] < z - 1e-6) {
                return LEVELS[i];
            }
        }
        return MIN;
    }

    static double clamp(double z) {
        return Math.max(MIN, Math.min(MAX, z));
    }

    private Point2D viewCentre() {
        return scroll.localToScene(scroll.getWidth() / 2, scroll.getHeight() / 2);
    }

    /** Zooms to {@code z} so that the point of the drawing under {@code scenePoint} stays under it. */
    private void zoomAround(double z, Point2D scenePoint) {
        double target = clamp(z);
        if (Math.abs(target - zoom.get()) < 1e-9) {
            return;
        }
        Point2D anchor = drawing.sceneToLocal(scenePoint);
        zoom.set(target);
        if (anchor == null || scroll.getScene() == null) {
            return;
        }
        // A scroll bar that appears or goes changes the viewport, so measure again after each correction.
        for (int pass = 0; pass < 3; pass++) {
            scroll.layout();
            Point2D moved = drawing.localToScene(anchor);
            Bounds view = scroll.getViewportBounds();
            Bounds all = content.getLayoutBounds();
            double spareX = all.getWidth() - view.getWidth();
            double spareY = all.getHeight() - view.getHeight();
            double dx = moved.getX() - scenePoint.getX();
            double dy = moved.getY() - scenePoint.getY();
            if (Math.abs(dx) < 0.5 && Math.abs(dy) < 0.5) {
                return;
            }
            if (spareX > 0) {
                scroll.setHvalue(clampUnit(scroll.getHvalue() + dx / spareX));
            }
            if (spareY > 0) {
                scroll.setVvalue(clampUnit(scroll.getVvalue() + dy / spareY));
            }
        }
    }

    private double clampUnit(double v) {
        return Math.max(scroll.getHmin(), Math.min(scroll.getHmax(), v));
    }
}
