package dev.kptrviz.app;

import dev.kptrviz.export.GraphGrid;

import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import dev.kptrviz.session.OwnershipGraph.Root;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ownership graph of the current step, drawn from the session's {@link OwnershipGraph}: collection roots
 * along the top, heap objects as cards on a grid placed by their stable allocation id (so nothing jumps between
 * steps), pointer sources (registers, stack slots) down the left with arrows styled by the verifier's kind, list
 * chains and tree links between the cards, and what changed in this step outlined. {@link GraphZoom} scales,
 * pans and fits the drawing without touching this layout.
 *
 * <p>Drawing cost follows what is seen, not the heap: a step rebuilds only the boxes and arrows whose content
 * changed ({@link KeptLayer}), and only cards and arrows near the visible area have nodes at all (scrolling and
 * zooming bring the others in). With 500 objects a step went from about 1.7 s to the cost of a one-object
 * program (RedrawBench).
 */
final class GraphView {
    private static final double PAD = GraphGrid.PAD;
    private static final double HEAP_X = GraphGrid.HEAP_X;
    /** Cards and arrows this far outside the view are drawn too, so a short scroll shows no gap. */
    private static final double VIEW_MARGIN = 160;
    /** Room kept for a vertical scroll bar when deciding how many columns fit. */
    private static final double SCROLLBAR_ALLOWANCE = 14;

    private final Pane canvas = new Pane();
    /** List and tree links, then pointer arrows: behind the boxes. Kept across steps, like the boxes. */
    private final KeptLayer<GraphEdges.Edge, GraphEdges.Edge> edges = new KeptLayer<>();
    private final KeptLayer<Integer, CardView> cards = new KeptLayer<>();
    private final KeptLayer<String, RootView> rootBoxes = new KeptLayer<>();
    private final KeptLayer<String, SourceView> sources = new KeptLayer<>();
    private final Label none = GraphNodes.label("", "g-empty");
    private final Label empty = GraphNodes.label("", "g-empty");
    private final BorderPane box = new BorderPane();
    private final GraphZoom zoom = new GraphZoom(canvas);
    private OwnershipGraph shown;
    /** Cards per row: from the view's width, so the layout changes only when the window is resized. */
    private int columns = 3;
    /** Where the first row of cards starts: under the roots. */
    private double heapY = GraphGrid.heapTop(0, 1);
    /** The cards and arrows of the shown graph, drawn or not: only those near the visible area have nodes. */
    private Map<Integer, CardView> allCards = Map.of();
    private Map<Integer, Point2D> cardAt = Map.of();
    private Map<GraphEdges.Edge, GraphEdges.Edge> allEdges = Map.of();
    /** Where each box is, by the graph's keys ({@code object#ID}, {@code root NAME}, {@code ptr FRAME:SLOT}). */
    private Map<String, Bounds> boxAt = Map.of();
    /** A visible-area update is queued (scrolling, zooming, resizing). */
    private boolean cullQueued;
    private Runnable onRedrawn = () -> { };

    /** What an object's card shows (its node is rebuilt only when this changes). */
    private record CardView(ObjectNode object, Integer listIndex, boolean changed) {
    }

    private record RootView(Root root, boolean changed) {
    }

    private record SourceView(Pointer pointer, boolean changed) {
    }

    GraphView() {
        canvas.setId("graph");
        canvas.getStyleClass().add("g-canvas");
        canvas.getChildren().setAll(edges.node(), cards.node(), rootBoxes.node(), sources.node(), none, empty);
        box.setCenter(zoom.node());
        box.setBottom(GraphNodes.legend());
        box.getStyleClass().add("g-view");
        // Columns follow the pane's width (not the viewport's, which loses a scroll bar's width when zooming
        // brings one in, and not the zoom), so zooming never moves a card.
        ScrollPane scroll = zoom.scroll();
        scroll.widthProperty().addListener((o, was, now) -> {
            double usable = now.doubleValue() - SCROLLBAR_ALLOWANCE;
            int fit = GraphGrid.columnsIn(usable);
            if (fit != columns) {
                columns = fit;
                if (shown != null) {
                    show(shown);
                }
            }
        });
        // Scrolling, zooming and resizing bring other cards into view. Queued: the scroll pane moves its
        // content after these listeners have run.
        scroll.hvalueProperty().addListener(o -> queueCull());
        scroll.vvalueProperty().addListener(o -> queueCull());
        scroll.viewportBoundsProperty().addListener(o -> queueCull());
        zoom.zoomProperty().addListener(o -> queueCull());
        clear("Open a program to step through it.");
    }

    /** Called after nodes were built or dropped for the visible area alone (scrolling, zooming). */
    void setOnRedrawn(Runnable r) {
        onRedrawn = r;
    }

    Node node() {
        return box;
    }

    /**
     * The drawing itself (all of it, also what is scrolled out of view), for a snapshot: every card and arrow
     * gets its node now; once the caller's snapshot is taken, only the visible part keeps them again.
     */
    Node picture() {
        if (shown != null) {
            draw(null);
            applyTourHighlight();
            queueCull();
        }
        return canvas;
    }

    /** Zoom, pan and fit of the drawing; its level survives steps. */
    GraphZoom zoom() {
        return zoom;
    }

    OwnershipGraph shown() {
        return shown;
    }

    void clear(String message) {
        shown = null;
        boxAt = Map.of();
        allCards = Map.of();
        cardAt = Map.of();
        allEdges = Map.of();
        edges.clear();
        cards.clear();
        rootBoxes.clear();
        sources.clear();
        none.setVisible(false);
        empty.setText(message);
        empty.relocate(PAD, PAD);
        empty.setVisible(true);
    }

    /**
     * Draws {@code g}. Only what differs from the graph shown before is rebuilt (see {@link KeptLayer}); a
     * kept box is only moved, and only when the number of columns or roots changed.
     */
    void show(OwnershipGraph g) {
        shown = g;
        empty.setVisible(false);
        Map<Integer, Integer> listIndex = new HashMap<>();
        for (Root r : g.roots()) {
            if (r.kind().equals("list")) {
                for (int i = 0; i < r.members().size(); i++) {
                    listIndex.putIfAbsent(r.members().get(i), i);
                }
            }
        }
        heapY = GraphGrid.heapTop(g.roots().size(), columns);
        double maxY = heapY;
        Map<Integer, Point2D> at = new HashMap<>();
        Map<Integer, CardView> cardViews = new LinkedHashMap<>();
        for (ObjectNode o : g.objects()) {
            at.put(o.id(), cell(o.id()));
            cardViews.put(o.id(), new CardView(o, listIndex.get(o.id()), GraphNodes.changed(g, "object#" + o.id())));
        }
        for (Point2D p : at.values()) {
            maxY = Math.max(maxY, p.getY() + GraphNodes.CARD_H);
        }

        Map<GraphEdges.Edge, GraphEdges.Edge> arrows = new LinkedHashMap<>();
        Map<String, RootView> rootViews = new LinkedHashMap<>();
        Map<String, Point2D> rootAt = new HashMap<>();
        for (int i = 0; i < g.roots().size(); i++) {
            Root r = g.roots().get(i);
            Point2D p = new Point2D(GraphGrid.rootX(i, columns), GraphGrid.rootY(i, columns));
            rootViews.put(r.name(), new RootView(r, GraphNodes.changed(g, "root " + r.name())));
            rootAt.put(r.name(), p);
            GraphEdges.members(r, p, at, arrows);
        }
        rootBoxes.show(rootViews, v -> GraphNodes.root(v.root(), v.changed()));
        rootAt.forEach((name, p) -> rootBoxes.get(name).relocate(p.getX(), p.getY()));

        List<Pointer> pointers = g.pointers().stream().sorted(GraphGrid.SOURCE_ORDER).toList();
        Map<String, SourceView> sourceViews = new LinkedHashMap<>();
        Map<Integer, Integer> arrivals = new HashMap<>();
        for (int i = 0; i < pointers.size(); i++) {
            Pointer p = pointers.get(i);
            double y = GraphGrid.sourceY(i, heapY);
            sourceViews.put(p.frame() + ":" + p.slot(),
                    new SourceView(p, GraphNodes.changed(g, "ptr " + p.frame() + ":" + p.slot())));
            maxY = Math.max(maxY, y + GraphNodes.SRC_H);
            Point2D target = p.target() == null ? null : at.get(p.target());
            if (target != null) {
                int n = arrivals.merge(p.target(), 1, Integer::sum) - 1;
                Point2D from = new Point2D(PAD + GraphNodes.SRC_W, y + GraphNodes.SRC_H / 2);
                Point2D to = new Point2D(target.getX(), target.getY() + 18 + (n % 6) * 12);
                GraphEdges.Edge e = new GraphEdges.Edge(from.getX(), from.getY(), to.getX(), to.getY(), true,
                        "g-edge-" + p.abstractKind(),
                        "ptr-" + p.frame() + "-" + p.slot(), p.abstractKind());
                arrows.put(e, e);
            }
        }
        sources.show(sourceViews, v -> GraphNodes.source(v.pointer(), v.changed()));
        for (int i = 0; i < pointers.size(); i++) {
            Pointer p = pointers.get(i);
            sources.get(p.frame() + ":" + p.slot()).relocate(PAD, GraphGrid.sourceY(i, heapY));
        }
        Map<String, Bounds> boxes = new HashMap<>();
        at.forEach((id, p) -> boxes.put("object#" + id, box(p, GraphNodes.CARD_W, GraphNodes.CARD_H)));
        rootAt.forEach((name, p) -> boxes.put("root " + name, box(p, GraphNodes.ROOT_W, GraphNodes.ROOT_H)));
        for (int i = 0; i < pointers.size(); i++) {
            Pointer p = pointers.get(i);
            boxes.put("ptr " + p.frame() + ":" + p.slot(), box(new Point2D(PAD, GraphGrid.sourceY(i, heapY)),
                    GraphNodes.SRC_W, GraphNodes.SRC_H));
        }
        allCards = cardViews;
        cardAt = at;
        allEdges = arrows;
        boxAt = boxes;
        drawVisible();

        boolean nothing = g.objects().isEmpty() && g.pointers().isEmpty();
        none.setVisible(nothing);
        if (nothing) {
            none.setText(g.abstractOnly() ? "No concrete heap on this path."
                    : "The heap is empty: no object has been allocated yet.");
            none.relocate(HEAP_X, heapY);
        }
        canvas.setPrefSize(GraphGrid.width(columns) + GraphGrid.COL_GAP, maxY + PAD + 20);
        applyTourHighlight();
    }

    // ---- tour highlight (TourPanel); kept apart from the drawing above ----

    /** The keys the current tour stop highlights; they stay outlined across redraws until the next call. */
    private Set<String> tourKeys = Set.of();

    /**
     * Outlines the cards, roots and pointer sources (and the pointers' arrows) whose keys are in {@code keys}
     * ({@code object#ID}, {@code root NAME}, {@code ptr FRAME:SLOT}, as the graph's change sets name them).
     */
    void highlight(Set<String> keys) {
        tourKeys = Set.copyOf(keys);
        applyTourHighlight();
        // the window may still be laying out (a new program, a wider side column): scroll once that is done
        javafx.scene.Scene scene = canvas.getScene();
        if (scene == null || tourKeys.isEmpty()) {
            return;
        }
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            revealTourHighlight();
        };
        scene.addPostLayoutPulseListener(once[0]);
        javafx.application.Platform.requestNextPulse();
    }

    Set<String> highlighted() {
        return tourKeys;
    }

    private void applyTourHighlight() {
        List<Node> boxes = new ArrayList<>(cards.node().getChildren());
        boxes.addAll(rootBoxes.node().getChildren());
        boxes.addAll(sources.node().getChildren());
        for (Node n : boxes) {
            String key = n.getUserData() instanceof ObjectNode o ? "object#" + o.id()
                    : n.getUserData() instanceof Root r ? "root " + r.name()
                    : n.getUserData() instanceof Pointer p ? "ptr " + p.frame() + ":" + p.slot() : null;
            tourMark(n, key != null && tourKeys.contains(key), "g-tour");
        }
        for (Node e : edges.node().getChildren()) {
            // a pointer's arrow has the id ptr-FRAME-SLOT (see show)
            String[] id = e.getId() == null ? new String[0] : e.getId().split("-", 3);
            tourMark(e, id.length == 3 && id[0].equals("ptr") && tourKeys.contains("ptr " + id[1] + ":" + id[2]),
                    "g-tour-edge");
        }
    }

    /** Scrolls the graph so the highlighted boxes are in view (their top first, if they do not all fit). */
    private void revealTourHighlight() {
        ScrollPane scroll = zoom.scroll();
        double top = Double.MAX_VALUE;
        double bottom = 0;
        double left = Double.MAX_VALUE;
        // from where the boxes are laid out, not from their nodes: a card out of view has none
        for (String key : tourKeys) {
            Bounds b = boxAt.get(key);
            if (b != null) {
                top = Math.min(top, b.getMinY());
                bottom = Math.max(bottom, b.getMaxY());
                left = Math.min(left, b.getMinX());
            }
        }
        if (top == Double.MAX_VALUE) {
            return;
        }
        // the drawing is scaled by the zoom; the scroll pane sees the scaled size
        double s = zoom.zoom();
        double viewH = scroll.getViewportBounds().getHeight();
        double viewW = scroll.getViewportBounds().getWidth();
        double contentH = scroll.getContent().getLayoutBounds().getHeight();
        double contentW = scroll.getContent().getLayoutBounds().getWidth();
        if (contentH > viewH) {
            double y = (bottom - top + 2 * PAD) * s <= viewH ? ((top + bottom) * s - viewH) / 2 : (top - PAD) * s;
            scroll.setVvalue(Math.max(0, Math.min(1, y / (contentH - viewH))));
        }
        if (contentW > viewW) {
            scroll.setHvalue(Math.max(0, Math.min(1, (left - PAD) * s / (contentW - viewW))));
        }
    }

    private static void tourMark(Node n, boolean on, String style) {
        n.getStyleClass().remove(style);
        if (on) {
            n.getStyleClass().add(style);
        }
    }

    /**
     * Gives nodes to the cards and arrows near the visible area only. The drawing can hold hundreds of cards
     * and a thousand arrows; JavaFX walks every node of the scene in each pulse (bounds, CSS, rendering), so
     * nodes out of view would slow down every frame. Roots and pointer sources are few and always drawn.
     */
    private void drawVisible() {
        draw(visibleArea());
    }

    /** Gives nodes to the cards and arrows that may show in {@code area} (null: all of them), drops the others. */
    private void draw(Bounds area) {
        Map<Integer, CardView> near = new LinkedHashMap<>();
        for (Map.Entry<Integer, CardView> e : allCards.entrySet()) {
            Point2D p = cardAt.get(e.getKey());
            if (area == null || area.intersects(p.getX(), p.getY(), GraphNodes.CARD_W, GraphNodes.CARD_H)) {
                near.put(e.getKey(), e.getValue());
            }
        }
        Map<Integer, Integer> listIndex = new HashMap<>();
        near.forEach((id, v) -> {
            if (v.listIndex() != null) {
                listIndex.put(id, v.listIndex());
            }
        });
        cards.show(near, v -> GraphNodes.card(v.object(), listIndex, v.changed()));
        near.keySet().forEach(id -> cards.get(id).relocate(cardAt.get(id).getX(), cardAt.get(id).getY()));
        Map<GraphEdges.Edge, GraphEdges.Edge> arrows = new LinkedHashMap<>();
        for (GraphEdges.Edge e : allEdges.keySet()) {
            if (area == null || e.near(area)) {
                arrows.put(e, e);
            }
        }
        edges.show(arrows, GraphEdges::node);
    }

    /**
     * The part of the drawing in view, in its own coordinates, widened by a margin; null while the view has no
     * size yet (then everything is drawn).
     */
    private Bounds visibleArea() {
        ScrollPane scroll = zoom.scroll();
        if (scroll.getScene() == null || scroll.getWidth() <= 0 || scroll.getHeight() <= 0) {
            return null;
        }
        Bounds view = canvas.sceneToLocal(scroll.localToScene(scroll.getLayoutBounds()));
        if (view == null) {
            return null;
        }
        return new BoundingBox(view.getMinX() - VIEW_MARGIN, view.getMinY() - VIEW_MARGIN,
                view.getWidth() + 2 * VIEW_MARGIN, view.getHeight() + 2 * VIEW_MARGIN);
    }

    private void queueCull() {
        if (cullQueued || shown == null) {
            return;
        }
        cullQueued = true;
        Platform.runLater(() -> {
            cullQueued = false;
            if (shown != null) {
                drawVisible();
                applyTourHighlight();
                onRedrawn.run();
            }
        });
    }

    private static Bounds box(Point2D at, double w, double h) {
        return new BoundingBox(at.getX(), at.getY(), w, h);
    }

    /** The grid cell of object {@code id}: a function of the id alone, so a card keeps its place across steps. */
    private Point2D cell(int id) {
        return new Point2D(GraphGrid.cardX(id, columns), GraphGrid.cardY(id, columns, heapY));
    }
}
