package dev.kptrviz.export;

import dev.kptrviz.export.GraphLayout.Point;
import dev.kptrviz.export.GraphLayout.Segment;

import java.util.List;

/**
 * The few drawing operations the graph picture needs, so that one {@link GraphPainter} serves SVG text and a
 * Java2D image alike. Colours are {@code #rrggbb}; a null fill or pen draws nothing; {@code y} of a text is its
 * baseline. Groups and classes name what is drawn (an SVG keeps them, an image ignores them).
 */
interface Canvas {
    /** A typeface: monospaced (DejaVu Sans Mono and the like) or proportional, in pixels. */
    record Font(boolean mono, double size, boolean bold, boolean italic) {
        static Font mono(double size) {
            return new Font(true, size, false, false);
        }

        static Font monoBold(double size) {
            return new Font(true, size, true, false);
        }

        static Font sans(double size) {
            return new Font(false, size, false, false);
        }

        Font toBold() {
            return new Font(mono, size, true, italic);
        }

        Font toItalic() {
            return new Font(mono, size, bold, true);
        }
    }

    /** A line: colour, width and dash pattern (null for solid). */
    record Pen(String color, double width, double[] dash) {
        static Pen solid(String color, double width) {
            return new Pen(color, width, null);
        }

        static Pen dashed(String color, double width, double... dash) {
            return new Pen(color, width, dash);
        }
    }

    enum Anchor { START, MIDDLE, END }

    /** Where (0, 0) of the operations that follow lies on the page. */
    void origin(double x, double y);

    /** Opens a named group ({@code id} may be null); every {@code begin} is closed by one {@link #end}. */
    void begin(String id, String cssClass);

    void end();

    void rect(double x, double y, double w, double h, double radius, String fill, Pen pen);

    void line(double x1, double y1, double x2, double y2, Pen pen);

    /** Joined cubic pieces, each starting where the one before ended. */
    void path(List<Segment> pieces, Pen pen, String cssClass);

    void polygon(List<Point> corners, String fill);

    void text(double x, double y, String text, Font font, String color, Anchor anchor);

    /** The advance width of {@code text} in {@code font}. */
    double textWidth(String text, Font font);

    /** {@code text} cut with an ellipsis to fit {@code width}. */
    default String fit(String text, Font font, double width) {
        if (textWidth(text, font) <= width + 0.01) {
            return text;
        }
        String t = text;
        while (!t.isEmpty() && textWidth(t + "…", font) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }
}
