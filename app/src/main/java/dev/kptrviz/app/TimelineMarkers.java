package dev.kptrviz.app;

import dev.kptrviz.session.TimelineMark;
import javafx.scene.Node;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongConsumer;

/**
 * A thin strip under the step bar's timeline with the model's marks over the recording: one tick per
 * position with events (coloured by the most pressing category there: problem, collection, heap, lock) and a
 * dot per breakpoint stop. Ticks sit where the slider's thumb centre would be at that position; a tooltip
 * names what happened and the step, a click travels there.
 */
final class TimelineMarkers {
    private static final double TICK_WIDTH = 3;
    private static final double TICK_HEIGHT = 7;
    private static final double DOT = 5;
    private final Slider slider;
    private final LongConsumer seek;
    private final Pane strip = new Pane() {
        @Override
        protected void layoutChildren() {
            place();
        }
    };
    private final VBox box;
    private List<TimelineMark> marks = List.of();

    TimelineMarkers(Slider slider, LongConsumer seek) {
        this.slider = slider;
        this.seek = seek;
        strip.setId("timelineMarks");
        strip.getStyleClass().add("timeline-marks");
        strip.setMinHeight(TICK_HEIGHT + DOT + 1);
        strip.setPrefHeight(TICK_HEIGHT + DOT + 1);
        strip.setMaxHeight(TICK_HEIGHT + DOT + 1);
        slider.maxProperty().addListener(o -> strip.requestLayout());
        slider.widthProperty().addListener(o -> strip.requestLayout());
        box = new VBox(0, slider, strip);
        box.setFillWidth(true);
    }

    /** The slider with the strip under it, as one node of the same width. */
    Node node() {
        return box;
    }

    /** Replaces the marks (the recording grew, or the breakpoints changed). */
    void show(List<TimelineMark> shown) {
        if (shown.equals(marks)) {
            return;
        }
        marks = shown;
        List<Node> nodes = new ArrayList<>();
        Map<Long, List<TimelineMark>> events = new LinkedHashMap<>();
        Map<Long, List<TimelineMark>> stops = new LinkedHashMap<>();
        for (TimelineMark m : shown) {
            (m.category() == TimelineMark.Category.BREAKPOINT ? stops : events)
                    .computeIfAbsent(m.position(), k -> new ArrayList<>()).add(m);
        }
        events.forEach((position, at) -> nodes.add(tick(position, at, "mark-" + position, TICK_WIDTH, TICK_HEIGHT)));
        stops.forEach((position, at) -> nodes.add(tick(position, at, "bpmark-" + position, DOT, DOT)));
        strip.getChildren().setAll(nodes);
    }

    private Region tick(long position, List<TimelineMark> at, String id, double w, double h) {
        Region r = new Region();
        r.setId(id);
        r.getStyleClass().addAll("timeline-mark", "mark-" + pressing(at).name().toLowerCase());
        r.setUserData(at);
        r.setMinSize(w, h);
        r.setPrefSize(w, h);
        r.setMaxSize(w, h);
        StringJoiner text = new StringJoiner("\n");
        at.forEach(m -> text.add(m.label()));
        Tooltip tip = new Tooltip(text + "\n(click to go to step " + position + ")");
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(r, tip);
        r.setOnMouseClicked(e -> seek.accept(position));
        return r;
    }

    /** The category a tick is coloured by when several meet at one position. */
    private static TimelineMark.Category pressing(List<TimelineMark> at) {
        for (TimelineMark.Category c : List.of(TimelineMark.Category.PROBLEM, TimelineMark.Category.COLLECTION,
                TimelineMark.Category.HEAP, TimelineMark.Category.LOCK, TimelineMark.Category.BREAKPOINT)) {
            if (at.stream().anyMatch(m -> m.category() == c)) {
                return c;
            }
        }
        return at.get(0).category();
    }

    /**
     * Lays the ticks out as the slider lays out its thumb: the thumb's centre runs from half a thumb inside
     * the left inset to half a thumb inside the right one, linearly in the value.
     */
    private void place() {
        Node thumb = slider.lookup(".thumb");
        double thumbWidth = thumb instanceof Region t && t.getWidth() > 0 ? t.getWidth() : 14;
        double start = slider.snappedLeftInset() + thumbWidth / 2;
        double length = Math.max(0, slider.getWidth() - slider.snappedLeftInset() - slider.snappedRightInset()
                - thumbWidth);
        double span = Math.max(1e-9, slider.getMax() - slider.getMin());
        for (Node n : strip.getChildren()) {
            @SuppressWarnings("unchecked")
            List<TimelineMark> at = (List<TimelineMark>) n.getUserData();
            double x = start + length * (at.get(0).position() - slider.getMin()) / span;
            Region r = (Region) n;
            boolean dot = r.getId().startsWith("bp");
            r.resizeRelocate(Math.round(x - r.getPrefWidth() / 2), dot ? TICK_HEIGHT + 1 : 0,
                    r.getPrefWidth(), r.getPrefHeight());
        }
    }
}
