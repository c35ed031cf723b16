package dev.kptrviz.app;

import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import org.fxmisc.richtext.GenericStyledArea;
import org.fxmisc.richtext.event.MouseOverTextEvent;

import java.time.Duration;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Shows a call's explanation when the mouse rests on a helper or kfunc name in the listing
 * (RichTextFX's mouse-over-text events), and hides it when the mouse moves on.
 */
final class CallHover {
    static final String TOOLTIP_ID = "callDoc";
    private final Tooltip tip = new Tooltip();
    private final Label title = new Label();
    private final Label body = new Label();

    CallHover(GenericStyledArea<?, ?, ?> area, IntFunction<Optional<CallDocs.Doc>> docAt) {
        title.getStyleClass().add("call-doc-title");
        body.getStyleClass().add("call-doc-body");
        body.setWrapText(true);
        body.setMaxWidth(460);
        VBox box = new VBox(4, title, body);
        box.setId(TOOLTIP_ID);
        tip.setGraphic(box);
        tip.getStyleClass().add("call-doc");
        tip.setWrapText(true);
        tip.setMaxWidth(500);
        area.setMouseOverTextDelay(Duration.ofMillis(300));
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_BEGIN, e -> {
            Optional<CallDocs.Doc> doc = docAt.apply(e.getCharacterIndex());
            if (doc.isEmpty()) {
                return;
            }
            title.setText(doc.get().name() + "  ·  " + doc.get().kind());
            body.setText(doc.get().explanation());
            Point2D p = e.getScreenPosition();
            tip.show(area, p.getX() + 4, p.getY() + 16);
        });
        area.addEventHandler(MouseOverTextEvent.MOUSE_OVER_TEXT_END, e -> tip.hide());
    }
}
