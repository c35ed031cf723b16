package dev.kptrviz.app;

import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.event.MouseOverTextEvent;

import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Shows a register's value when the mouse rests on its name in the listing: the machine's concrete value
 * and the verifier's abstract state at the stepping session's current position (the current frame), as the
 * register panel shows them. A {@code wN} name shows its {@code rN}, whose low 32 bits it is. Before a
 * session stands anywhere there is nothing to show, and nothing is shown.
 */
final class RegisterHover {
    static final String TOOLTIP_ID = "regHover";
    private final Tooltip tip = new Tooltip();
    private final Label title = GraphNodes.label("", "reg-hover-title");
    private final Label concrete = GraphNodes.label("", "reg-hover-value");
    private final Label abstractState = GraphNodes.label("", "reg-hover-value");
    private final Label note = GraphNodes.label("", "reg-hover-note");

    /** {@code rowAt}: the register row named at a character offset, empty where none is (or no session is). */
    RegisterHover(GenericStyledArea<?, ?, ?> area, IntFunction<Optional<Named>> rowAt) {
        concrete.setId("regHoverConcrete");
        abstractState.setId("regHoverAbstract");
        title.setId("regHoverTitle");
        GridPane values = new GridPane();
        values.setHgap(8);
        values.setVgap(2);
        values.addRow(0, GraphNodes.label("machine", "reg-hover-key"), concrete);
        values.addRow(1, GraphNodes.label("verifier", "reg-hover-key"), abstractState);
        VBox box = new VBox(4, title, values, note);
        box.setId(TOOLTIP_ID);
        tip.setGraphic(box);
        tip.getStyleClass().add("reg-hover");
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> {
            Optional<Named> at = rowAt.apply(e.getCharacterIndex());
            if (at.isEmpty()) {
                return;
            }
            SessionController.RegRow row = at.get().row();
            String name = at.get().name();
            title.setText(name.equals(row.name()) ? row.name() : name + "  (the low 32 bits of " + row.name() + ")");
            concrete.setText(row.concrete());
            abstractState.setText(row.abstractState());
            note.setText(row.changed() ? "written by the step just taken" : "");
            note.setManaged(row.changed());
            Point2D p = e.getScreenPosition();
            tip.show(area, p.getX() + 4, p.getY() + 16);
        });
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> tip.hide());
    }

    /** The register name under the mouse ({@code w1}) and the row of the register it names ({@code r1}). */
    record Named(String name, SessionController.RegRow row) {
    }

    boolean showing() {
        return tip.isShowing();
    }
}
