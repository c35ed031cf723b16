package dev.kptrviz.export;

import dev.kptrviz.export.GraphLayout.Edge;
import dev.kptrviz.export.GraphLayout.EdgeKind;
import dev.kptrviz.export.GraphLayout.Point;
import dev.kptrviz.export.GraphLayout.Segment;

import java.util.ArrayList;
import java.util.List;

/**
 * The shapes of arrows: a smooth S-curve for a short hop (sideways or upright, as the app draws them), and for a
 * long haul an axis-parallel route through the gaps between the cards, with rounded corners, so that no arrow runs
 * underneath a card it does not belong to. Every arrow ends at the base of its arrowhead.
 */
final class Routes {
    static final double ARROW = 9;
    private static final double CORNER = 7;
    /** The circle's control-point factor for a quarter turn drawn as one cubic. */
    private static final double KAPPA = 0.5523;

    private Routes() {
    }

    /** A curve leaving and arriving sideways. */
    static Edge sideways(String id, EdgeKind kind, String style, Point from, Point to) {
        double dx = Math.max(30, Math.abs(to.x() - from.x()) / 2) * Math.signum(to.x() - from.x() + 0.1);
        return curve(id, kind, style, from, new Point(from.x() + dx, from.y()), new Point(to.x() - dx, to.y()), to);
    }

    /** A curve leaving and arriving vertically. */
    static Edge upright(String id, EdgeKind kind, String style, Point from, Point to) {
        double dy = Math.max(20, Math.abs(to.y() - from.y()) / 2) * Math.signum(to.y() - from.y() + 0.1);
        return curve(id, kind, style, from, new Point(from.x(), from.y() + dy), new Point(to.x(), to.y() - dy), to);
    }

    private static Edge curve(String id, EdgeKind kind, String style, Point from, Point c1, Point c2, Point tip) {
        double[] u = unit(c2, tip);
        Point base = new Point(tip.x() - ARROW * u[0], tip.y() - ARROW * u[1]);
        Point c2b = new Point(c2.x() - ARROW * u[0], c2.y() - ARROW * u[1]);
        return new Edge(id, kind, style, List.of(new Segment(from, c1, c2b, base)), head(tip, u));
    }

    /**
     * An axis-parallel route through {@code points} (each leg horizontal or vertical; the last one enters the
     * target), its corners rounded.
     */
    static Edge orthogonal(String id, EdgeKind kind, String style, List<Point> points) {
        List<Point> pts = dedupe(points);
        int n = pts.size();
        if (n < 2) {
            throw new IllegalArgumentException("a route needs two points");
        }
        Point tip = pts.get(n - 1);
        double[] last = unit(pts.get(n - 2), tip);
        Point base = new Point(tip.x() - ARROW * last[0], tip.y() - ARROW * last[1]);
        List<Segment> segs = new ArrayList<>();
        Point at = pts.get(0);
        for (int i = 1; i < n - 1; i++) {
            Point p = pts.get(i);
            double in = dist(pts.get(i - 1), p);
            double out = dist(p, pts.get(i + 1));
            double inRoom = i == 1 ? in : in / 2;
            double outRoom = i == n - 2 ? out - ARROW : out / 2;
            double r = Math.max(0, Math.min(CORNER, Math.min(inRoom, outRoom)));
            double[] u = unit(pts.get(i - 1), p);
            double[] v = unit(p, pts.get(i + 1));
            Point enter = new Point(p.x() - r * u[0], p.y() - r * u[1]);
            Point leave = new Point(p.x() + r * v[0], p.y() + r * v[1]);
            segs.add(straight(at, enter));
            if (r > 0) {
                double k = r * (1 - KAPPA);
                segs.add(new Segment(enter, new Point(p.x() - k * u[0], p.y() - k * u[1]),
                        new Point(p.x() + k * v[0], p.y() + k * v[1]), leave));
            }
            at = leave;
        }
        segs.add(straight(at, base));
        return new Edge(id, kind, style, List.copyOf(segs), head(tip, last));
    }

    private static Segment straight(Point a, Point b) {
        return new Segment(a, new Point(a.x() + (b.x() - a.x()) / 3, a.y() + (b.y() - a.y()) / 3),
                new Point(a.x() + 2 * (b.x() - a.x()) / 3, a.y() + 2 * (b.y() - a.y()) / 3), b);
    }

    /** The arrowhead's corners, tip first, for an arrow arriving along {@code u}. */
    private static List<Point> head(Point tip, double[] u) {
        Point base = new Point(tip.x() - ARROW * u[0], tip.y() - ARROW * u[1]);
        return List.of(tip, new Point(base.x() - 4.5 * u[1], base.y() + 4.5 * u[0]),
                new Point(base.x() + 4.5 * u[1], base.y() - 4.5 * u[0]));
    }

    /** Drops repeated points and points in the middle of a straight run. */
    private static List<Point> dedupe(List<Point> points) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (!out.isEmpty() && dist(out.get(out.size() - 1), p) < 0.5) {
                continue;
            }
            if (out.size() >= 2) {
                Point a = out.get(out.size() - 2);
                Point b = out.get(out.size() - 1);
                boolean straight = Math.abs(a.x() - b.x()) < 0.5 && Math.abs(b.x() - p.x()) < 0.5
                        || Math.abs(a.y() - b.y()) < 0.5 && Math.abs(b.y() - p.y()) < 0.5;
                if (straight) {
                    out.remove(out.size() - 1);
                }
            }
            out.add(p);
        }
        return out;
    }

    private static double dist(Point a, Point b) {
        return Math.hypot(b.x() - a.x(), b.y() - a.y());
    }

    private static double[] unit(Point a, Point b) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double len = Math.hypot(dx, dy);
        return len == 0 ? new double[] {1, 0} : new double[] {dx / len, dy / len};
    }
}
