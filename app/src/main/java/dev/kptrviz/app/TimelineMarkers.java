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
import java.util.List;
import java.util.StringJoiner;
import java.util.function.LongConsumer;

/**
 * A thin strip under the step bar's timeline with the model's marks over the recording: ticks for events
 * (coloured by the most pressing category among them: problem, collection, heap, lock) and dots for breakpoint
 * stops. Marks closer than {@link #BUCKET} pixels share one tick. A tick sits where the slider's thumb centre
 * would be at its first mark's position; a tooltip names what happened (the first few marks, then how many
 * more), a click travels to that first position.
 *
 * <p>Decision: marks merge by pixels so the strip holds at most one tick per {@link #BUCKET} pixels and row
 * whatever the recording (stress_500 has ~1200 marked positions; one node each made every frame dearer). The
 * ticks are regrouped and moved only when the marks or the geometry (slider width, range) change, and their
 * nodes rebuilt only when the grouping then differs: a step that changes neither leaves the strip alone.
 */
final class TimelineMarkers {
    /** Marks less than this many pixels right of a tick's first mark join that tick (dots: their width). */
    static final double BUCKET = 3;
    /** A merged tick's tooltip names this many marks, then "and N more". */
    static final int TIP_LINES = 5;
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
    /** What the current ticks were built and laid out for; null forces a rebuild. */
    private Geometry placedFor;
    private List<TimelineMark> placedMarks;
    private List<Tick> ticks = List.of();

    /** Where the thumb's centre runs: from {@code start} over {@code length} pixels as the value goes min..max. */
    private record Geometry(double start, double length, double min, double max) {
        double x(long position) {
            return start + length * (position - min) / Math.max(1e-9, max - min);
        }
    }

    /** One drawn tick: the marks it stands for (events, or breakpoint stops, within a tick width of the first). */
    private record Tick(boolean stop, List<TimelineMark> at) {
        long first() {
            return at.get(0).position();
        }
    }

    TimelineMarkers(Slider slider, LongConsumer seek) {
        this.slider = slider;
        this.seek = seek;
        strip.setId("timelineMarks");
        strip.getStyleClass().add("timeline-marks");
        strip.setMinHeight(TICK_HEIGHT + DOT + 1);
        strip.setPrefHeight(TICK_HEIGHT + DOT + 1);
        strip.setMaxHeight(TICK_HEIGHT + DOT + 1);
        slider.maxProperty().addListener(o -> strip.requestLayout());
        slider.minProperty().addListener(o -> strip.requestLayout());
        slider.widthProperty().addListener(o -> strip.requestLayout());
        box = new VBox(0, slider, strip);
        box.setFillWidth(true);
    }

    /** The slider with the strip under it, as one node of the same width. */
    Node node() {
        return box;
    }

    /** Replaces the marks (the recording grew, or the breakpoints changed); the same marks change nothing. */
    void show(List<TimelineMark> shown) {
        if (shown == marks || shown.equals(marks)) {
            return;
        }
        marks = shown;
        place(); // now rather than at the next layout: the ticks exist as soon as the marks do
    }

    /**
     * Lays the ticks out as the slider lays out its thumb (the thumb's centre runs from half a thumb inside the
     * left inset to half a thumb inside the right one, linearly in the value), first regrouping them when the
     * marks or the geometry changed.
     */
    private void place() {
        Geometry g = geometry();
        if (g.equals(placedFor) && marks == placedMarks) {
            return;
        }
        if (g.length() <= 0 && !marks.isEmpty()) {
            return; // not laid out yet: the layout that gives the slider its width places the ticks
        }
        List<Tick> grouped = group(g);
        if (!grouped.equals(ticks)) {
            ticks = grouped;
            List<Node> nodes = new ArrayList<>(grouped.size());
            grouped.forEach(t -> nodes.add(node(t)));
            strip.getChildren().setAll(nodes);
        }
        for (Node n : strip.getChildren()) {
            Tick t = (Tick) n.getProperties().get(Tick.class);
            Region r = (Region) n;
            r.resizeRelocate(Math.round(g.x(t.first()) - r.getPrefWidth() / 2), t.stop() ? TICK_HEIGHT + 1 : 0,
                    r.getPrefWidth(), r.getPrefHeight());
        }
        placedFor = g;
        placedMarks = marks;
    }

    private Geometry geometry() {
        Node thumb = slider.lookup(".thumb");
        double thumbWidth = thumb instanceof Region t && t.getWidth() > 0 ? t.getWidth() : 14;
        double length = Math.max(0, slider.getWidth() - slider.snappedLeftInset() - slider.snappedRightInset()
                - thumbWidth);
        return new Geometry(slider.snappedLeftInset() + thumbWidth / 2, length, slider.getMin(), slider.getMax());
    }

    /**
     * The ticks for the marks: events and stops apart; walking by position (the marks come sorted), a mark
     * opens a new tick when it lies at least a tick's width right of the open tick's first mark, and joins it
     * otherwise. Ticks thus sit exactly at their first mark and never overlap (Math.round keeps a 3-pixel gap
     * 3 pixels), and a row holds at most one tick per tick width.
     */
    private List<Tick> group(Geometry g) {
        List<Tick> out = new ArrayList<>();
        for (boolean stops : new boolean[] {false, true}) {
            double spacing = Math.max(BUCKET, stops ? DOT : TICK_WIDTH);
            double openAt = Double.NEGATIVE_INFINITY;
            List<TimelineMark> at = new ArrayList<>();
            for (TimelineMark m : marks) {
                if ((m.category() == TimelineMark.Category.BREAKPOINT) != stops) {
                    continue;
                }
                double x = g.x(m.position());
                if (x - openAt >= spacing) {
                    if (!at.isEmpty()) {
                        out.add(new Tick(stops, List.copyOf(at)));
                        at.clear();
                    }
                    openAt = x;
                }
                at.add(m);
            }
            if (!at.isEmpty()) {
                out.add(new Tick(stops, List.copyOf(at)));
            }
        }
        return out;
    }

    private Region node(Tick t) {
        Region r = new Region();
        r.setId((t.stop() ? "bpmark-" : "mark-") + t.first());
        r.getStyleClass().addAll("timeline-mark", "mark-" + pressing(t.at()).name().toLowerCase());
        r.setUserData(t.at());
        r.getProperties().put(Tick.class, t);
        double w = t.stop() ? DOT : TICK_WIDTH;
        double h = t.stop() ? DOT : TICK_HEIGHT;
        r.setMinSize(w, h);
        r.setPrefSize(w, h);
        r.setMaxSize(w, h);
        Tooltip tip = new Tooltip(tipText(t.at(), t.first()));
        tip.setShowDelay(Duration.millis(150));
        Tooltip.install(r, tip);
        r.setOnMouseClicked(e -> seek.accept(t.first()));
        return r;
    }

    /** The tick's marks, the first {@link #TIP_LINES} of them and how many more, and where a click goes. */
    private static String tipText(List<TimelineMark> at, long first) {
        StringJoiner text = new StringJoiner("\n");
        at.stream().limit(TIP_LINES).forEach(m -> text.add(m.label()));
        if (at.size() > TIP_LINES) {
            text.add("and " + (at.size() - TIP_LINES) + " more");
        }
        return text + "\n(click to go to step " + first + ")";
    }

    /** The category a tick is coloured by when several meet in one tick. */
    private static TimelineMark.Category pressing(List<TimelineMark> at) {
        for (TimelineMark.Category c : List.of(TimelineMark.Category.PROBLEM, TimelineMark.Category.COLLECTION,
                TimelineMark.Category.HEAP, TimelineMark.Category.LOCK, TimelineMark.Category.BREAKPOINT)) {
            if (at.stream().anyMatch(m -> m.category() == c)) {
                return c;
            }
        }
        return at.get(0).category();
    }
}
