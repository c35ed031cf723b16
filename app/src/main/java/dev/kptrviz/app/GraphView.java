package dev.kptrviz.app;

import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import dev.kptrviz.session.OwnershipGraph.Root;
import dev.kptrviz.session.OwnershipGraph.TreeLink;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ownership graph of the current step, drawn from the session's {@link OwnershipGraph}: collection roots
 * along the top, heap objects as cards on a grid placed by their stable allocation id (so nothing jumps between
 * steps), pointer sources (registers, stack slots) down the left with arrows styled by the verifier's kind, list
 * chains and tree links between the cards, and what changed in this step outlined. {@link GraphZoom} scales,
 * pans and fits the drawing without touching this layout.
 */
final class GraphView {
    private static final double PAD = 16;
    private static final double HEAP_X = PAD + GraphNodes.SRC_W + 56;
    private static final double HEAP_Y0 = PAD + GraphNodes.ROOT_H + 56;
    private static final double COL_GAP = 26;
    private static final double ROW_GAP = 30;
    /** Room kept for a vertical scroll bar when deciding how many columns fit. */
    private static final double SCROLLBAR_ALLOWANCE = 14;

    private final Pane canvas = new Pane();
    private final Group edges = new Group();
    private final Label empty = GraphNodes.label("", "g-empty");
    private final BorderPane box = new BorderPane();
    private final GraphZoom zoom = new GraphZoom(canvas);
    private OwnershipGraph shown;
    /** Cards per row: from the view's width, so the layout changes only when the window is resized. */
    private int columns = 3;
    /** Where the first row of cards starts: under the roots. */
    private double heapY = HEAP_Y0;

    GraphView() {
        canvas.setId("graph");
        canvas.getStyleClass().add("g-canvas");
        box.setCenter(zoom.node());
        box.setBottom(GraphNodes.legend());
        box.getStyleClass().add("g-view");
        // Columns follow the pane's width (not the viewport's, which loses a scroll bar's width when zooming
        // brings one in, and not the zoom), so zooming never moves a card.
        ScrollPane scroll = zoom.scroll();
        scroll.widthProperty().addListener((o, was, now) -> {
            double usable = now.doubleValue() - SCROLLBAR_ALLOWANCE;
            int fit = (int) Math.max(1, (usable - HEAP_X) / (GraphNodes.CARD_W + COL_GAP));
            if (fit != columns) {
                columns = fit;
                if (shown != null) {
                    show(shown);
                }
            }
        });
        clear("Open a program to step through it.");
    }

    Node node() {
        return box;
    }

    /** The drawing itself (all of it, also what is scrolled out of view), for a snapshot. */
    Node picture() {
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
        empty.setText(message);
        empty.relocate(PAD, PAD);
        canvas.getChildren().setAll(empty);
    }

    void show(OwnershipGraph g) {
        shown = g;
        edges.getChildren().clear();
        canvas.getChildren().setAll(edges);
        Map<Integer, Point2D> at = new HashMap<>();
        Map<Integer, Integer> listIndex = new HashMap<>();
        for (Root r : g.roots()) {
            if (r.kind().equals("list")) {
                for (int i = 0; i < r.members().size(); i++) {
                    listIndex.putIfAbsent(r.members().get(i), i);
                }
            }
        }
        heapY = HEAP_Y0 + ((g.roots().size() - 1) / columns) * (GraphNodes.ROOT_H + 10);
        double maxY = heapY;
        for (ObjectNode o : g.objects()) {
            Point2D p = cell(o.id());
            at.put(o.id(), p);
            Node card = GraphNodes.card(o, listIndex, GraphNodes.changed(g, "object#" + o.id()));
            card.relocate(p.getX(), p.getY());
            canvas.getChildren().add(card);
            maxY = Math.max(maxY, p.getY() + GraphNodes.CARD_H);
        }
        for (int i = 0; i < g.roots().size(); i++) {
            Root r = g.roots().get(i);
            double x = HEAP_X + (i % columns) * (GraphNodes.CARD_W + COL_GAP);
            double y = PAD + (i / columns) * (GraphNodes.ROOT_H + 10);
            Node node = GraphNodes.root(r, GraphNodes.changed(g, "root " + r.name()));
            node.relocate(x, y);
            canvas.getChildren().add(node);
            drawMembers(r, new Point2D(x, y), at);
        }
        List<Pointer> pointers = g.pointers().stream()
                .sorted(Comparator.comparingInt(Pointer::frame).thenComparingInt(p -> slotOrder(p.slot()))).toList();
        Map<Integer, Integer> arrivals = new HashMap<>();
        for (int i = 0; i < pointers.size(); i++) {
            Pointer p = pointers.get(i);
            double y = heapY + i * (GraphNodes.SRC_H + 12);
            Node src = GraphNodes.source(p, GraphNodes.changed(g, "ptr " + p.frame() + ":" + p.slot()));
            src.relocate(PAD, y);
            canvas.getChildren().add(src);
            maxY = Math.max(maxY, y + GraphNodes.SRC_H);
            Point2D target = p.target() == null ? null : at.get(p.target());
            if (target != null) {
                int n = arrivals.merge(p.target(), 1, Integer::sum) - 1;
                Point2D from = new Point2D(PAD + GraphNodes.SRC_W, y + GraphNodes.SRC_H / 2);
                Point2D to = new Point2D(target.getX(), target.getY() + 18 + (n % 6) * 12);
                Node edge = edge(from, to, true, "g-edge-" + p.abstractKind());
                edge.setId("ptr-" + p.frame() + "-" + p.slot());
                edge.setUserData(p.abstractKind());
                edges.getChildren().add(edge);
            }
        }
        if (g.objects().isEmpty() && g.pointers().isEmpty()) {
            Label none = GraphNodes.label(g.abstractOnly() ? "No concrete heap on this path."
                    : "The heap is empty: no object has been allocated yet.", "g-empty");
            none.relocate(HEAP_X, heapY);
            canvas.getChildren().add(none);
        }
        canvas.setPrefSize(HEAP_X + columns * (GraphNodes.CARD_W + COL_GAP) + PAD, maxY + PAD + 20);
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
        for (Node n : canvas.getChildren()) {
            String key = n.getUserData() instanceof ObjectNode o ? "object#" + o.id()
                    : n.getUserData() instanceof Root r ? "root " + r.name()
                    : n.getUserData() instanceof Pointer p ? "ptr " + p.frame() + ":" + p.slot() : null;
            tourMark(n, key != null && tourKeys.contains(key), "g-tour");
        }
        for (Node e : edges.getChildren()) {
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
        for (Node n : canvas.getChildren()) {
            if (n.getStyleClass().contains("g-tour")) {
                top = Math.min(top, n.getLayoutY());
                bottom = Math.max(bottom, n.getLayoutY() + n.prefHeight(-1));
                left = Math.min(left, n.getLayoutX());
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

    /** The grid cell of object {@code id}: a function of the id alone, so a card keeps its place across steps. */
    private Point2D cell(int id) {
        int k = Math.max(0, id - 1);
        return new Point2D(HEAP_X + (k % columns) * (GraphNodes.CARD_W + COL_GAP),
                heapY + (k / columns) * (GraphNodes.CARD_H + ROW_GAP));
    }

    /** A list as a chain root → first → second …; a tree as root → top node, and parent → child links. */
    private void drawMembers(Root r, Point2D root, Map<Integer, Point2D> at) {
        String style = r.kind().equals("list") ? "g-edge-list" : "g-edge-tree";
        Point2D rootOut = new Point2D(root.getX() + GraphNodes.ROOT_W / 2, root.getY() + GraphNodes.ROOT_H);
        if (r.kind().equals("list")) {
            Point2D prev = null;
            for (Integer m : r.members()) {
                Point2D p = at.get(m);
                if (p == null) {
                    continue;
                }
                edges.getChildren().add(prev == null ? edge(rootOut, top(p, 0.35), false, style)
                        : link(prev, p, style));
                prev = p;
            }
            return;
        }
        Set<Integer> children = new HashSet<>();
        for (TreeLink t : r.tree()) {
            if (t.left() != null) {
                children.add(t.left());
            }
            if (t.right() != null) {
                children.add(t.right());
            }
        }
        for (TreeLink t : r.tree()) {
            Point2D p = at.get(t.objectId());
            if (p == null) {
                continue;
            }
            if (!children.contains(t.objectId())) {
                edges.getChildren().add(edge(rootOut, top(p, 0.65), false, style));
            }
            for (Integer c : new Integer[] {t.left(), t.right()}) {
                if (c != null && at.get(c) != null) {
                    edges.getChildren().add(link(p, at.get(c), style));
                }
            }
        }
    }

    private static Point2D top(Point2D card, double along) {
        return new Point2D(card.getX() + GraphNodes.CARD_W * along, card.getY());
    }

    /** A link between two cards, leaving and entering by the sides that face each other. */
    private Node link(Point2D a, Point2D b, String style) {
        if (Math.abs(a.getY() - b.getY()) < 1) {
            boolean right = b.getX() > a.getX();
            double y = a.getY() + GraphNodes.CARD_H * 0.7;
            return edge(new Point2D(a.getX() + (right ? GraphNodes.CARD_W : 0), y),
                    new Point2D(b.getX() + (right ? 0 : GraphNodes.CARD_W), y), true, style);
        }
        boolean down = b.getY() > a.getY();
        return edge(new Point2D(a.getX() + GraphNodes.CARD_W / 2, a.getY() + (down ? GraphNodes.CARD_H : 0)),
                new Point2D(b.getX() + GraphNodes.CARD_W / 2, b.getY() + (down ? 0 : GraphNodes.CARD_H)), false, style);
    }

    /** A curve with an arrowhead; {@code horizontal}: it leaves and arrives sideways, else vertically. */
    private static Node edge(Point2D from, Point2D to, boolean horizontal, String style) {
        double dx = horizontal ? Math.max(30, Math.abs(to.getX() - from.getX()) / 2) * Math.signum(to.getX() - from.getX() + 0.1) : 0;
        double dy = horizontal ? 0 : Math.max(20, Math.abs(to.getY() - from.getY()) / 2) * Math.signum(to.getY() - from.getY() + 0.1);
        Path path = new Path(new MoveTo(from.getX(), from.getY()), new CubicCurveTo(from.getX() + dx, from.getY() + dy,
                to.getX() - dx, to.getY() - dy, to.getX(), to.getY()));
        path.getStyleClass().addAll("g-edge", style);
        double ux = horizontal ? Math.signum(dx) : 0;
        double uy = horizontal ? 0 : Math.signum(dy);
        Polygon head = new Polygon(to.getX(), to.getY(),
                to.getX() - 9 * ux - 4.5 * uy, to.getY() - 9 * uy - 4.5 * ux,
                to.getX() - 9 * ux + 4.5 * uy, to.getY() - 9 * uy + 4.5 * ux);
        head.getStyleClass().addAll("g-arrow", style + "-head");
        Group g = new Group(path, head);
        g.getStyleClass().add(style);
        double mx = (from.getX() + to.getX()) / 2;
        double my = (from.getY() + to.getY()) / 2;
        if (style.endsWith("maybe_null") || style.endsWith("invalidated")) {
            Label mark = GraphNodes.label(style.endsWith("maybe_null") ? "?" : "✕", "g-edge-mark", style + "-mark");
            mark.relocate(mx - 6, my - 10);
            g.getChildren().add(mark);
        }
        return g;
    }

    /** r0..r10 in register order, then stack slots by offset. */
    private static int slotOrder(String slot) {
        try {
            if (slot.startsWith("r")) {
                return Integer.parseInt(slot.substring(1));
            }
            if (slot.startsWith("fp-")) {
                return 100 + Integer.parseInt(slot.substring(3));
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        return 10_000;
    }
}
