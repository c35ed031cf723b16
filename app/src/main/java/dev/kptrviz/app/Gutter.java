package dev.kptrviz.app;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import org.fxmisc.richtext.GenericStyledArea;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The listing's left margin: a breakpoint column (a red dot; a click toggles it), a marker column (the
 * verifier's error, the branch decisions on the path to it) and the line number, drawn inverted on the current line. Markers are set per
 * paragraph; {@link #refresh} redraws the visible margin after they change.
 */
final class Gutter implements IntFunction<Node> {
    /** What the margin shows beside one line. */
    enum Mark {
        ERROR("✖", "gutter-error"),
        PATH("↳", "gutter-path");

        final String glyph;
        final String style;

        Mark(String glyph, String style) {
            this.glyph = glyph;
            this.style = style;
        }
    }

    private record Marker(Mark mark, String note) {
    }

    private final GenericStyledArea<?, ?, ?> area;
    private final Map<Integer, Marker> markers = new HashMap<>();
    private int current = -1;
    private int exec = -1;
    /** Paragraphs with a breakpoint (a red dot). */
    private final Set<Integer> breakpoints = new HashSet<>();
    /** The marker label last made for each paragraph, so moving the ▶ touches two labels, not the margin. */
    private final Map<Integer, Label> markerLabels = new HashMap<>();
    /** Called with the paragraph whose margin was clicked. */
    private IntConsumer onClick = p -> { };

    Gutter(GenericStyledArea<?, ?, ?> area) {
        this.area = area;
    }

    void setOnClick(IntConsumer onClick) {
        this.onClick = onClick;
    }

    /** The paragraphs drawn with a breakpoint dot (replaces the previous set; call {@link #refresh} after). */
    void setBreakpoints(Set<Integer> paragraphs) {
        breakpoints.clear();
        breakpoints.addAll(paragraphs);
    }

    void clear() {
        markers.clear();
        markerLabels.clear();
        current = -1;
    }

    /** The paragraph whose number is drawn as the current line (-1: none). */
    void setCurrent(int paragraph) {
        current = paragraph;
    }

    /** The paragraph of the instruction the stepping session executes next (-1: none): an arrow in the margin. */
    void setExec(int paragraph) {
        exec = paragraph;
    }

    /**
     * Moves the ▶ to {@code paragraph} in place: the old and the new line's marker change, nothing is re-created
     * (re-creating the visible margin on every step re-applied CSS to a few hundred nodes).
     */
    void moveExec(int paragraph) {
        int old = exec;
        exec = paragraph;
        showExec(old);
        showExec(paragraph);
    }

    private void showExec(int paragraph) {
        Label marker = markerLabels.get(paragraph);
        if (marker == null || markers.containsKey(paragraph)) {
            return;
        }
        boolean here = paragraph == exec;
        marker.setText(here ? "▶" : "");
        if (here && !marker.getStyleClass().contains("gutter-exec")) {
            marker.getStyleClass().add("gutter-exec");
        } else if (!here) {
            marker.getStyleClass().remove("gutter-exec");
        }
    }

    void mark(int paragraph, Mark mark, String note) {
        Marker old = markers.get(paragraph);
        if (old == null || old.mark().ordinal() > mark.ordinal()) {
            markers.put(paragraph, new Marker(mark, note));
        }
    }

    /** Re-creates the visible margin nodes (RichTextFX only calls the factory for new paragraphs). */
    void refresh() {
        area.setParagraphGraphicFactory(null);
        area.setParagraphGraphicFactory(this);
    }

    @Override
    public Node apply(int paragraph) {
        int digits = Math.max(2, String.valueOf(area.getParagraphs().size()).length());
        Label number = new Label(String.format("%" + digits + "d", paragraph + 1));
        number.getStyleClass().add("lineno");
        Label marker = new Label();
        marker.getStyleClass().add("gutter-mark");
        markerLabels.put(paragraph, marker);
        Marker m = markers.get(paragraph);
        if (m != null) {
            marker.setText(m.mark().glyph);
            marker.getStyleClass().add(m.mark().style);
            Tooltip tip = new Tooltip(m.note());
            tip.setShowDelay(Duration.millis(250));
            Tooltip.install(marker, tip);
        }
        if (paragraph == exec && m == null) {
            marker.setText("▶");
            marker.getStyleClass().add("gutter-exec");
        }
        Label dot = new Label(breakpoints.contains(paragraph) ? "●" : " ");
        dot.getStyleClass().add("gutter-bp");
        if (breakpoints.contains(paragraph)) {
            dot.getStyleClass().add("gutter-bp-set");
            dot.setId("bp-" + paragraph);
        }
        HBox box = new HBox(dot, marker, number);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("gutter");
        box.setId("gutter-" + paragraph);
        box.setOnMouseClicked(e -> onClick.accept(paragraph));
        if (paragraph == current) {
            box.getStyleClass().add(m != null && m.mark() == Mark.ERROR ? "gutter-current-error" : "gutter-current");
        }
        return box;
    }
}
