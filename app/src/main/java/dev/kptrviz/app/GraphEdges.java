package dev.kptrviz.app;

import dev.kptrviz.session.OwnershipGraph.Root;
import dev.kptrviz.session.OwnershipGraph.TreeLink;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurveTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.Polygon;

import java.util.Map;
import java.util.Set;

/**
 * The arrows of the ownership graph: list chains, tree links and pointer arrows, first as plain values (so
 * {@link GraphView} can tell which ones a step changed, and which ones are in view), then as nodes.
 */
final class GraphEdges {
    /** How far an arrow's curve and head can reach beyond the box of its two ends. */
    private static final double EDGE_SLACK = 40;

    private GraphEdges() {
    }

    /** One arrow: its geometry and style, and for a pointer's arrow its node id and the verifier's kind. */
    record Edge(double x1, double y1, double x2, double y2, boolean horizontal, String style, String id,
                String kind) {
        Edge(Point2D from, Point2D to, boolean horizontal, String style) {
            this(from.getX(), from.getY(), to.getX(), to.getY(), horizontal, style, null, null);
        }

        /** Whether the arrow may show in {@code area}: its ends, control points and head lie within this box. */
        boolean near(Bounds area) {
            return area.intersects(Math.min(x1, x2) - EDGE_SLACK, Math.min(y1, y2) - EDGE_SLACK,
                    Math.abs(x2 - x1) + 2 * EDGE_SLACK, Math.abs(y2 - y1) + 2 * EDGE_SLACK);
        }
    }

    /** A list as a chain root → first → second …; a tree as root → top node, and parent → child links. */
    static void members(Root r, Point2D root, Map<Integer, Point2D> at, Map<Edge, Edge> out) {
        String style = r.kind().equals("list") ? "g-edge-list" : "g-edge-tree";
        Point2D rootOut = new Point2D(root.getX() + GraphNodes.ROOT_W / 2, root.getY() + GraphNodes.ROOT_H);
        if (r.kind().equals("list")) {
            Point2D prev = null;
            for (Integer m : r.members()) {
                Point2D p = at.get(m);
                if (p == null) {
                    continue;
                }
                Edge e = prev == null ? new Edge(rootOut, top(p, 0.35), false, style) : link(prev, p, style);
                out.put(e, e);
                prev = p;
            }
            return;
        }
        Set<Integer> children = r.treeChildren();
        for (TreeLink t : r.tree()) {
            Point2D p = at.get(t.objectId());
            if (p == null) {
                continue;
            }
            if (!children.contains(t.objectId())) {
                Edge e = new Edge(rootOut, top(p, 0.65), false, style);
                out.put(e, e);
            }
            for (Integer c : new Integer[] {t.left(), t.right()}) {
                if (c != null && at.get(c) != null) {
                    Edge e = link(p, at.get(c), style);
                    out.put(e, e);
                }
            }
        }
    }

    private static Point2D top(Point2D card, double along) {
        return new Point2D(card.getX() + GraphNodes.CARD_W * along, card.getY());
    }

    /** A link between two cards, leaving and entering by the sides that face each other. */
    private static Edge link(Point2D a, Point2D b, String style) {
        if (Math.abs(a.getY() - b.getY()) < 1) {
            boolean right = b.getX() > a.getX();
            double y = a.getY() + GraphNodes.CARD_H * 0.7;
            return new Edge(new Point2D(a.getX() + (right ? GraphNodes.CARD_W : 0), y),
                    new Point2D(b.getX() + (right ? 0 : GraphNodes.CARD_W), y), true, style);
        }
        boolean down = b.getY() > a.getY();
        return new Edge(new Point2D(a.getX() + GraphNodes.CARD_W / 2, a.getY() + (down ? GraphNodes.CARD_H : 0)),
                new Point2D(b.getX() + GraphNodes.CARD_W / 2, b.getY() + (down ? 0 : GraphNodes.CARD_H)), false, style);
    }

    /** The node of one arrow: a curve with an arrowhead (and a mark for maybe-NULL and invalidated pointers). */
    static Node node(Edge spec) {
        Node g = edge(new Point2D(spec.x1(), spec.y1()), new Point2D(spec.x2(), spec.y2()), spec.horizontal(),
                spec.style());
        if (spec.id() != null) {
            g.setId(spec.id());
            g.setUserData(spec.kind());
        }
        return g;
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
}
