package dev.kptrviz.app;

import dev.kptrviz.session.TimelineMark;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.LongConsumer;

/** The debugger's controls: restart, reverse run, step back, step, run; the timeline; where the session stands. */
final class StepBar {
    private final HBox box;
    private final Slider timeline = new Slider(0, 1, 0);
    private final Label where = GraphNodes.label("", "step-where");
    private final Label state = GraphNodes.label("", "step-state");
    private final Button[] buttons;
    /** The marks strip under the timeline. */
    private final TimelineMarkers marks;
    private boolean updating;

    StepBar(SessionController c) {
        buttons = new Button[] {
            button("stepRestart", "|◀ Restart", "Restart: back to the first instruction (the recording is kept)", c::restart),
            button("stepReverse", "◀◀ Reverse", "Reverse run to the previous breakpoint or the start (Shift+F9)", c::reverseRun),
            button("stepBack", "◀ Back", "Step back one instruction (Shift+F7)", c::stepBack),
            button("stepForward", "Step ▶", "Step one instruction (F7)", c::step),
            button("stepOver", "Over ↷", "Step over: a call is run until it returns (F8)", c::stepOver),
            button("stepRun", "Run ▶▶", "Run to the next breakpoint, the verifier's rejection, or the end (F9)",
                    c::runForward),
        };
        timeline.setId("timeline");
        timeline.getStyleClass().add("timeline");
        timeline.setBlockIncrement(1);
        timeline.setMajorTickUnit(10);
        timeline.setTooltip(new Tooltip("Timeline over the recorded steps: drag to travel in time"));
        LongConsumer seek = n -> c.seek(n);
        timeline.valueProperty().addListener((o, was, now) -> {
            if (!updating && Math.round(now.doubleValue()) != Math.round(was.doubleValue())) {
                seek.accept(Math.round(now.doubleValue()));
            }
        });
        timeline.setMinWidth(200);
        marks = new TimelineMarkers(timeline, seek);
        HBox.setHgrow(marks.node(), Priority.ALWAYS);
        where.setId("stepWhere");
        state.setId("stepState");
        HBox controls = new HBox(3, buttons);
        controls.setAlignment(Pos.CENTER_LEFT);
        // where above why: a stop's reason ("breakpoint: insert failed at step 29") needs the width
        VBox standing = new VBox(0, where, state);
        standing.setAlignment(Pos.CENTER_LEFT);
        standing.setMinWidth(Region.USE_PREF_SIZE);
        box = new HBox(10, GraphNodes.label("Step", "step-title"), controls, standing, marks.node());
        box.setAlignment(Pos.CENTER_LEFT);
        box.setId("stepBar");
        box.getStyleClass().add("step-bar");
        show(null);
    }

    Node node() {
        return box;
    }

    private static Button button(String id, String glyph, String tip, java.util.function.BooleanSupplier action) {
        Button b = new Button(glyph);
        b.setId(id);
        b.getStyleClass().add("step-button");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.getAsBoolean());
        b.setFocusTraversable(false);
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /** The model's marks over the recording, drawn under the timeline. */
    void showMarks(List<TimelineMark> shown) {
        marks.show(shown);
    }

    /** Why the run stopped, in place of "paused": {@code breakpoint: insert failed at step 29}. */
    void showStop(String reason) {
        state.setText(reason);
        state.getStyleClass().removeAll("step-state-bad", "step-state-done");
        state.getStyleClass().add("step-state-break");
    }

    void show(SessionController.Position p) {
        updating = true;
        try {
            for (Button b : buttons) {
                b.setDisable(p == null);
            }
            timeline.setDisable(p == null);
            if (p == null) {
                marks.show(List.of());
                where.setMinWidth(Region.USE_COMPUTED_SIZE);
                where.setText("no session");
                state.setText("");
                return;
            }
            timeline.setMax(Math.max(1, p.recorded()));
            timeline.setValue(p.position());
            where.setText("step " + p.position() + " / " + p.recorded());
            // "where" never narrows, so the timeline and its marks keep their width (and ticks) as steps go by
            where.setMinWidth(Math.max(where.getMinWidth(), where.prefWidth(-1)));
            state.setText(switch (p.status()) {
                case RUNNING -> p.position() == 0 ? "ready" : "paused";
                case REJECTED -> p.rejectedAtLoad() ? "stopped: refused when loading, nothing runs"
                        : "stopped: the verifier refuses insn " + p.pc();
                case EXITED -> "exited";
                case HALTED -> "halted by a fatal finding";
                case STEP_LIMIT -> "step limit reached";
            });
            state.getStyleClass().removeAll("step-state-bad", "step-state-done", "step-state-break");
            if (p.status() == SessionController.Status.REJECTED
                    || p.status() == SessionController.Status.HALTED) {
                state.getStyleClass().add("step-state-bad");
            } else if (p.status() != SessionController.Status.RUNNING) {
                state.getStyleClass().add("step-state-done");
            }
        } finally {
            updating = false;
        }
    }
}
