package dev.kptrviz.app;

import dev.kptrviz.session.Difference;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The compare window's one step bar for both sides: restart, step back, step, run to the next difference; the
 * shared timeline with a red tick under every position where the sides part; where the comparison stands.
 */
final class CompareBar {
    /** The slider's track starts and ends this far inside its bounds (the thumb's half width). */
    private static final double TRACK_INSET = 8;

    private final HBox box;
    private final Slider timeline = new Slider(0, 1, 0);
    private final Pane ticks = new Pane();
    private final Label where = GraphNodes.label("", "step-where");
    private final Label here = GraphNodes.label("", "cmp-here");
    private final Button[] buttons;
    private List<Difference> marks = List.of();
    private long max = 1;
    private boolean updating;

    CompareBar(CompareController c) {
        buttons = new Button[] {
            button("compareRestart", "|◀ Restart", "Both sides back to the first instruction", c::restart),
            button("compareBack", "◀ Back", "Both sides one instruction back (Shift+F7)", c::stepBack),
            button("compareStep", "Step ▶", "Both sides one instruction on (F7); a stopped side stays", c::step),
            button("compareRun", "Next difference ▶▶",
                    "Run both sides to the next place they part, or to the end (F9)", c::runToNextDifference),
        };
        buttons[2].getStyleClass().add("cmp-step-primary");
        timeline.setId("compareTimeline");
        timeline.getStyleClass().add("timeline");
        timeline.setBlockIncrement(1);
        timeline.setTooltip(new Tooltip("Timeline of both runs; red ticks mark where the rules part"));
        timeline.valueProperty().addListener((o, was, now) -> {
            if (!updating && Math.round(now.doubleValue()) != Math.round(was.doubleValue())) {
                c.seek(Math.round(now.doubleValue()));
            }
        });
        ticks.setId("compareTicks");
        ticks.setMinHeight(5);
        ticks.setPrefHeight(5);
        ticks.setMaxHeight(5);
        ticks.widthProperty().addListener((o, was, now) -> drawTicks());
        VBox line = new VBox(0, timeline, ticks);
        line.setAlignment(Pos.CENTER);
        HBox.setHgrow(line, Priority.ALWAYS);
        line.setMinWidth(160);
        where.setId("compareWhere");
        here.setId("compareHere");
        HBox controls = new HBox(3, buttons);
        controls.setAlignment(Pos.CENTER_LEFT);
        box = new HBox(10, GraphNodes.label("Both sides", "step-title"), controls, where, line, here);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("compareBar");
        box.getStyleClass().add("step-bar");
        show(null);
    }

    Node node() {
        return box;
    }

    private static Button button(String id, String text, String tip, BooleanSupplier action) {
        Button b = new Button(text);
        b.setId(id);
        b.getStyleClass().add("step-button");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.getAsBoolean());
        b.setFocusTraversable(false);
        return b;
    }

    void show(CompareController.View v) {
        updating = true;
        try {
            for (Button b : buttons) {
                b.setDisable(v == null);
            }
            timeline.setDisable(v == null);
            if (v == null) {
                where.setText("no comparison");
                here.setText("");
                marks = List.of();
                drawTicks();
                return;
            }
            max = Math.max(1, v.recorded());
            timeline.setMax(max);
            timeline.setValue(v.position());
            where.setText("step " + v.position() + " / " + v.recorded());
            here.setText(v.here() == null ? "" : "≠ " + CompareBanner.category(v.here().category()) + " here");
            marks = v.differences().stream().filter(d -> d.scope() == Difference.Scope.STEP).toList();
            drawTicks();
        } finally {
            updating = false;
        }
    }

    private void drawTicks() {
        ticks.getChildren().clear();
        double w = ticks.getWidth() - 2 * TRACK_INSET;
        if (w <= 0) {
            return;
        }
        for (Difference d : marks) {
            Rectangle r = new Rectangle(TRACK_INSET + w * d.position() / max - 1.5, 0, 3, 5);
            r.getStyleClass().add("cmp-tick");
            ticks.getChildren().add(r);
        }
    }

    /** The ticks drawn, for tests: one per difference at a step. */
    int tickCount() {
        return ticks.getChildren().size();
    }
}
