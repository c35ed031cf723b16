package dev.kptrviz.export;

import dev.kptrviz.export.GraphLayout.Point;
import dev.kptrviz.export.GraphLayout.Segment;

import java.util.List;
import java.util.Locale;

/**
 * A {@link Canvas} writing SVG 1.1 elements with presentation attributes only (no stylesheet, no external
 * references), so the document renders the same anywhere. Text widths are estimated from the fonts' average
 * advance (0.6 em for a monospaced face, 0.58 em for DejaVu Sans), which is why every tight box uses monospace.
 */
final class SvgCanvas implements Canvas {
    static final String MONO = "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace";
    static final String SANS = "'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif";

    private final StringBuilder body = new StringBuilder();
    private double ox;
    private double oy;
    private int depth = 1;

    @Override
    public void origin(double x, double y) {
        ox = x;
        oy = y;
    }

    @Override
    public void begin(String id, String cssClass) {
        indent().append("<g");
        if (id != null) {
            body.append(" id=\"").append(Xml.attr(Xml.id(id))).append('"');
        }
        if (cssClass != null) {
            body.append(" class=\"").append(Xml.attr(cssClass)).append('"');
        }
        body.append(">\n");
        depth++;
    }

    @Override
    public void end() {
        depth--;
        indent().append("</g>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, String fill, Pen pen) {
        indent().append("<rect x=\"").append(n(x + ox)).append("\" y=\"").append(n(y + oy)).append("\" width=\"")
                .append(n(w)).append("\" height=\"").append(n(h)).append('"');
        if (radius > 0) {
            body.append(" rx=\"").append(n(radius)).append('"');
        }
        body.append(" fill=\"").append(fill == null ? "none" : fill).append('"');
        pen(pen);
        body.append("/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Pen pen) {
        indent().append("<line x1=\"").append(n(x1 + ox)).append("\" y1=\"").append(n(y1 + oy)).append("\" x2=\"")
                .append(n(x2 + ox)).append("\" y2=\"").append(n(y2 + oy)).append('"');
        pen(pen);
        body.append("/>\n");
    }

    @Override
    public void path(List<Segment> pieces, Pen pen, String cssClass) {
        indent().append("<path");
        if (cssClass != null) {
            body.append(" class=\"").append(Xml.attr(cssClass)).append('"');
        }
        body.append(" d=\"M").append(p(pieces.get(0).from()));
        for (Segment s : pieces) {
            body.append(" C").append(p(s.c1())).append(' ').append(p(s.c2())).append(' ').append(p(s.to()));
        }
        body.append("\" fill=\"none\"");
        pen(pen);
        body.append("/>\n");
    }

    @Override
    public void polygon(List<Point> corners, String fill) {
        indent().append("<polygon points=\"");
        for (int i = 0; i < corners.size(); i++) {
            body.append(i == 0 ? "" : " ").append(p(corners.get(i)));
        }
        body.append("\" fill=\"").append(fill == null ? "none" : fill).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, Font font, String color, Anchor anchor) {
        indent().append("<text x=\"").append(n(x + ox)).append("\" y=\"").append(n(y + oy))
                .append("\" font-family=\"").append(Xml.attr(font.mono() ? MONO : SANS)).append("\" font-size=\"")
                .append(n(font.size())).append('"');
        if (font.bold()) {
            body.append(" font-weight=\"bold\"");
        }
        if (font.italic()) {
            body.append(" font-style=\"italic\"");
        }
        if (anchor != Anchor.START) {
            body.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        body.append(" fill=\"").append(color).append("\" xml:space=\"preserve\">").append(Xml.text(text))
                .append("</text>\n");
    }

    @Override
    public double textWidth(String text, Font font) {
        double em = font.mono() ? 0.602 : font.bold() ? 0.64 : 0.58;
        return text.codePointCount(0, text.length()) * em * font.size();
    }

    /** The whole document: {@code <svg>} with a title and a description, then what was drawn. */
    String document(double width, double height, String title, String description) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + n(width) + "\" height=\""
                + n(height) + "\" viewBox=\"0 0 " + n(width) + " " + n(height) + "\">\n"
                + "  <title>" + Xml.text(title) + "</title>\n"
                + "  <desc>" + Xml.text(description) + "</desc>\n"
                + body + "</svg>\n";
    }

    private void pen(Pen pen) {
        if (pen == null || pen.color() == null) {
            return;
        }
        body.append(" stroke=\"").append(pen.color()).append("\" stroke-width=\"").append(n(pen.width())).append('"');
        if (pen.dash() != null) {
            body.append(" stroke-dasharray=\"");
            for (int i = 0; i < pen.dash().length; i++) {
                body.append(i == 0 ? "" : " ").append(n(pen.dash()[i]));
            }
            body.append('"');
        }
    }

    private StringBuilder indent() {
        return body.append("  ".repeat(depth));
    }

    private String p(Point pt) {
        return n(pt.x() + ox) + "," + n(pt.y() + oy);
    }

    /** A coordinate with at most two decimals, without a trailing ".0". */
    static String n(double v) {
        double r = Math.round(v * 100) / 100.0;
        if (r == Math.rint(r)) {
            return Long.toString((long) r);
        }
        return String.format(Locale.ROOT, "%.2f", r).replaceFirst("0$", "");
    }
}
