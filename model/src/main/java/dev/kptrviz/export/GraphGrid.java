package dev.kptrviz.export;

import dev.kptrviz.session.OwnershipGraph.Pointer;

import java.util.Comparator;

/**
 * Where things sit in an ownership-graph picture, in one place for the app's live graph and for the SVG/PNG
 * exports: collection roots in a row along the top, heap objects on a grid whose cell is a function of the
 * allocation id alone (so a card never moves between steps), pointer sources (registers, then stack slots) in a
 * column on the left. Pure geometry: no drawing, no semantics.
 */
public final class GraphGrid {
    public static final double PAD = 16;
    public static final double CARD_W = 172;
    public static final double CARD_H = 76;
    public static final double ROOT_W = 172;
    public static final double ROOT_H = 46;
    public static final double SRC_W = 124;
    public static final double SRC_H = 38;
    public static final double COL_GAP = 26;
    public static final double ROW_GAP = 30;
    public static final double ROOT_GAP = 10;
    public static final double SRC_GAP = 12;
    /** Left edge of the roots and the card grid: right of the sources, with room for the arrows. */
    public static final double HEAP_X = PAD + SRC_W + 56;
    static final double HEAP_Y0 = PAD + ROOT_H + 56;

    /** Registers in number order, then stack slots by offset, frame by frame. */
    public static final Comparator<Pointer> SOURCE_ORDER =
            Comparator.comparingInt(Pointer::frame).thenComparingInt(p -> slotOrder(p.slot()));

    private GraphGrid() {
    }

    /** The top of the card grid and of the sources: under as many rows of roots as {@code roots} needs. */
    public static double heapTop(int roots, int columns) {
        return HEAP_Y0 + (Math.max(0, roots - 1) / columns) * (ROOT_H + ROOT_GAP);
    }

    public static double rootX(int index, int columns) {
        return HEAP_X + (index % columns) * (CARD_W + COL_GAP);
    }

    public static double rootY(int index, int columns) {
        return PAD + (index / columns) * (ROOT_H + ROOT_GAP);
    }

    /** The card of object {@code id}: a function of the id alone, so a card keeps its place across steps. */
    public static double cardX(int id, int columns) {
        return HEAP_X + (Math.max(0, id - 1) % columns) * (CARD_W + COL_GAP);
    }

    public static double cardY(int id, int columns, double heapTop) {
        return heapTop + (Math.max(0, id - 1) / columns) * (CARD_H + ROW_GAP);
    }

    /** The {@code index}-th source in {@link #SOURCE_ORDER}. */
    public static double sourceY(int index, double heapTop) {
        return heapTop + index * (SRC_H + SRC_GAP);
    }

    /** The width of a grid of {@code columns} columns, with the padding on both sides. */
    public static double width(int columns) {
        return HEAP_X + columns * (CARD_W + COL_GAP) - COL_GAP + PAD;
    }

    /** How many columns fit in {@code width}, at least one. */
    public static int columnsIn(double width) {
        return (int) Math.max(1, (width - HEAP_X) / (CARD_W + COL_GAP));
    }

    static int slotOrder(String slot) {
        try {
            if (slot.startsWith("r")) {
                return Integer.parseInt(slot.substring(1));
            }
            if (slot.startsWith("fp-")) {
                return 100 + Integer.parseInt(slot.substring(3));
            }
        } catch (NumberFormatException e) {
            // an unusual name sorts last
        }
        return 10_000;
    }
}
