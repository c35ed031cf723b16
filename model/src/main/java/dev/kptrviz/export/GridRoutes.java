package dev.kptrviz.export;

import dev.kptrviz.export.GraphLayout.Box;
import dev.kptrviz.export.GraphLayout.Edge;
import dev.kptrviz.export.GraphLayout.EdgeKind;
import dev.kptrviz.export.GraphLayout.Point;

import java.util.List;

import static dev.kptrviz.export.GraphGrid.CARD_H;
import static dev.kptrviz.export.GraphGrid.CARD_W;
import static dev.kptrviz.export.GraphGrid.COL_GAP;
import static dev.kptrviz.export.GraphGrid.HEAP_X;
import static dev.kptrviz.export.GraphGrid.ROOT_W;
import static dev.kptrviz.export.GraphGrid.ROW_GAP;
import static dev.kptrviz.export.GraphGrid.SRC_H;

/**
 * Which shape each arrow of the card grid takes ({@link Routes} draws it): short hops as curves, long hauls through
 * the gaps between rows and columns. Each routed arrow gets its own lane in a gap (a few pixels apart), so parallel
 * runs stay distinguishable.
 */
final class GridRoutes {
    private final double heapY;
    /** Routed arrows so far. */
    private int routed;

    GridRoutes(double heapY) {
        this.heapY = heapY;
    }

    private static String style(EdgeKind kind) {
        return kind == EdgeKind.LIST ? "list" : "tree";
    }

    int row(Box card) {
        return (int) Math.round((card.y() - heapY) / (CARD_H + ROW_GAP));
    }

    int col(Box card) {
        return (int) Math.round((card.x() - HEAP_X) / (CARD_W + COL_GAP));
    }

    /** The next lane offset in a gap: -6, -3, 0, 3, 6, -6, … */
    private double lane() {
        return ((routed++ % 5) - 2) * 3;
    }

    /**
     * A pointer: into the card's left side when the card is in the first column (the lane between the sources
     * and the cards is free); else down the lane, along the gap above the card's row and into its top.
     */
    Edge pointer(String id, String style, Box src, Box card, int n) {
        Point from = new Point(src.right(), src.y() + SRC_H / 2);
        if (col(card) == 0) {
            return Routes.sideways(id, EdgeKind.POINTER, style, from,
                    new Point(card.x(), card.y() + 18 + (n % 6) * 10));
        }
        double lane = lane();
        double laneX = HEAP_X - 28 + lane;
        double gy = card.y() - ROW_GAP / 2 + lane * 0.6;
        double tx = card.x() + 16 + (n % 6) * 12;
        return Routes.orthogonal(id, EdgeKind.POINTER, style, List.of(from, new Point(laneX, from.y()),
                new Point(laneX, gy), new Point(tx, gy), new Point(tx, card.y())));
    }

    /** From a root down to a member: a curve to the first row, a route through the gaps to rows below it. */
    Edge fromRoot(String id, EdgeKind kind, Box root, Box card, double along) {
        Point out = new Point(root.x() + ROOT_W / 2, root.bottom());
        Point in = new Point(card.x() + CARD_W * along, card.y());
        if (row(card) == 0) {
            return Routes.upright(id, kind, style(kind), out, in);
        }
        double lane = lane();
        double g1 = heapY - 22 + lane;
        double cx = card.x() - COL_GAP / 2 + lane;
        double g2 = card.y() - ROW_GAP / 2 + lane;
        return Routes.orthogonal(id, kind, style(kind), List.of(out, new Point(out.x(), g1), new Point(cx, g1),
                new Point(cx, g2), new Point(in.x(), g2), in));
    }

    /**
     * A link between two cards: neighbours in a row join side to side, cards in neighbouring rows by a curve through
     * the gap between the rows; farther pairs by a route along the gaps, so the link never runs under a card.
     */
    Edge link(String id, EdgeKind kind, Box a, Box b) {
        String style = style(kind);
        double off = kind == EdgeKind.LIST ? 0.4 : 0.6;
        int rows = row(b) - row(a);
        int cols = col(b) - col(a);
        if (rows == 0 && Math.abs(cols) == 1) {
            double y = a.y() + CARD_H * (kind == EdgeKind.LIST ? 0.7 : 0.45);
            boolean right = cols > 0;
            return Routes.sideways(id, kind, style, new Point(right ? a.right() : a.x(), y),
                    new Point(right ? b.x() : b.right(), y));
        }
        boolean down = rows > 0;
        Point from = new Point(a.x() + CARD_W * off, down ? a.bottom() : a.y());
        Point to = new Point(b.x() + CARD_W * (rows == 0 ? 1 - off : off), down || rows == 0 ? b.y() : b.bottom());
        if (Math.abs(rows) == 1) {
            return Routes.upright(id, kind, style, from, to);
        }
        double lane = lane();
        if (rows == 0) {
            double gy = a.y() - ROW_GAP / 2 + lane;
            return Routes.orthogonal(id, kind, style, List.of(from, new Point(from.x(), gy), new Point(to.x(), gy), to));
        }
        double g1 = down ? a.bottom() + ROW_GAP / 2 + lane : a.y() - ROW_GAP / 2 + lane;
        double g2 = down ? b.y() - ROW_GAP / 2 + lane : b.bottom() + ROW_GAP / 2 + lane;
        double cx = cols > 0 ? b.x() - COL_GAP / 2 + lane : cols < 0 ? b.right() + COL_GAP / 2 + lane
                : a.right() + COL_GAP / 2 + lane;
        return Routes.orthogonal(id, kind, style, List.of(from, new Point(from.x(), g1), new Point(cx, g1),
                new Point(cx, g2), new Point(to.x(), g2), to));
    }
}
