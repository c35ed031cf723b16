package dev.kptrviz.export;

import dev.kptrviz.export.GraphLayout.Point;
import dev.kptrviz.export.GraphLayout.Segment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link Canvas} drawing with Java2D, antialiased, in the DejaVu faces the app uses (the JDK's logical
 * Monospaced / SansSerif fonts where DejaVu is missing). Groups mean nothing to an image and are ignored.
 */
final class Java2dCanvas implements Canvas {
    private static final String MONO_FACE = pick("DejaVu Sans Mono", java.awt.Font.MONOSPACED);
    private static final String SANS_FACE = pick("DejaVu Sans", java.awt.Font.SANS_SERIF);

    private final Graphics2D g;
    private final Map<Font, java.awt.Font> fonts = new HashMap<>();
    private double ox;
    private double oy;

    Java2dCanvas(Graphics2D g) {
        this.g = g;
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    private static String pick(String face, String fallback) {
        try {
            Set<String> have = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
            return have.contains(face) ? face : fallback;
        } catch (RuntimeException | Error e) {
            // no font configuration at all: the logical font is all there is
            return fallback;
        }
    }

    @Override
    public void origin(double x, double y) {
        ox = x;
        oy = y;
    }

    @Override
    public void begin(String id, String cssClass) {
        // an image has no structure
    }

    @Override
    public void end() {
        // an image has no structure
    }

    @Override
    public void rect(double x, double y, double w, double h, double radius, String fill, Pen pen) {
        RoundRectangle2D.Double r = new RoundRectangle2D.Double(x + ox, y + oy, w, h, 2 * radius, 2 * radius);
        if (fill != null) {
            g.setColor(color(fill));
            g.fill(r);
        }
        if (pen != null && pen.color() != null) {
            stroke(pen);
            g.draw(r);
        }
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Pen pen) {
        stroke(pen);
        g.draw(new Line2D.Double(x1 + ox, y1 + oy, x2 + ox, y2 + oy));
    }

    @Override
    public void path(List<Segment> pieces, Pen pen, String cssClass) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(pieces.get(0).from().x() + ox, pieces.get(0).from().y() + oy);
        for (Segment s : pieces) {
            p.curveTo(s.c1().x() + ox, s.c1().y() + oy, s.c2().x() + ox, s.c2().y() + oy, s.to().x() + ox,
                    s.to().y() + oy);
        }
        stroke(pen);
        g.draw(p);
    }

    @Override
    public void polygon(List<Point> corners, String fill) {
        Path2D.Double p = new Path2D.Double();
        for (int i = 0; i < corners.size(); i++) {
            Point c = corners.get(i);
            if (i == 0) {
                p.moveTo(c.x() + ox, c.y() + oy);
            } else {
                p.lineTo(c.x() + ox, c.y() + oy);
            }
        }
        p.closePath();
        g.setColor(color(fill));
        g.fill(p);
    }

    @Override
    public void text(double x, double y, String text, Font font, String color, Anchor anchor) {
        java.awt.Font f = awt(font);
        g.setFont(f);
        g.setColor(color(color));
        double w = anchor == Anchor.START ? 0 : textWidth(text, font);
        double left = anchor == Anchor.MIDDLE ? x - w / 2 : anchor == Anchor.END ? x - w : x;
        g.drawString(text, (float) (left + ox), (float) (y + oy));
    }

    @Override
    public double textWidth(String text, Font font) {
        return awt(font).getStringBounds(text, g.getFontRenderContext()).getWidth();
    }

    private java.awt.Font awt(Font f) {
        return fonts.computeIfAbsent(f, k -> new java.awt.Font(k.mono() ? MONO_FACE : SANS_FACE,
                (k.bold() ? java.awt.Font.BOLD : 0) | (k.italic() ? java.awt.Font.ITALIC : 0), 1)
                .deriveFont((float) k.size()));
    }

    private void stroke(Pen pen) {
        g.setColor(color(pen.color()));
        float[] dash = null;
        if (pen.dash() != null) {
            dash = new float[pen.dash().length];
            for (int i = 0; i < dash.length; i++) {
                dash[i] = (float) pen.dash()[i];
            }
        }
        g.setStroke(new BasicStroke((float) pen.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
    }

    static Color color(String hex) {
        return new Color(Integer.parseInt(hex.substring(1), 16));
    }
}
