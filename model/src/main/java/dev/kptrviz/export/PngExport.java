package dev.kptrviz.export;

import dev.kptrviz.session.OwnershipGraph;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ownership graph of one step as a PNG: the same picture as {@link SvgExport}, painted with Java2D into an
 * image at {@link #SCALE} pixels per layout pixel (sharp on high-density screens and in slides). Headless: no
 * window or display is needed.
 */
public final class PngExport {
    /** Image pixels per layout pixel. */
    public static final double SCALE = 2;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private PngExport() {
    }

    /** The picture of {@code g} at {@link #SCALE}; {@code program} (may be null) heads the title. */
    public static BufferedImage image(OwnershipGraph g, String program) {
        return image(GraphLayout.of(g), program, null, SCALE);
    }

    /**
     * The picture at {@code scale} image pixels per layout pixel; its size is the painter's size times scale.
     * {@code program} and {@code source}, the C text of the graph's line, may be null.
     */
    public static BufferedImage image(GraphLayout layout, String program, String source, double scale) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        GraphPainter painter;
        try {
            painter = new GraphPainter(layout, program, source, new Java2dCanvas(pg));
        } finally {
            pg.dispose();
        }
        int w = (int) Math.ceil(painter.width() * scale);
        int h = (int) Math.ceil(painter.height() * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = img.createGraphics();
        try {
            g2.scale(scale, scale);
            painter.paint(new Java2dCanvas(g2));
        } finally {
            g2.dispose();
        }
        return img;
    }

    /** The PNG bytes of an image. */
    public static byte[] bytes(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(img, out);
        return out.toByteArray();
    }

    /** Writes an image as PNG to {@code file}. */
    public static void write(BufferedImage img, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(img, out);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void write(BufferedImage img, OutputStream out) {
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
