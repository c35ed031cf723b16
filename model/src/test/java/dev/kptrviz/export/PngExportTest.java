package dev.kptrviz.export;

import dev.kptrviz.export.GraphLayout.Box;
import dev.kptrviz.session.OwnershipGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PNG, read back with ImageIO: its size, and ink where the card is, background where nothing is. */
class PngExportTest {
    private static final int WHITE = 0xffffff;
    private static final int CANVAS = 0xfbfcfd;

    private static int rgb(BufferedImage img, double x, double y) {
        return img.getRGB((int) Math.round(x), (int) Math.round(y)) & 0xffffff;
    }

    /** Pixels in the layout box (image scaled by {@code s}, graph area below the title) that are not {@code bg}. */
    private static int ink(BufferedImage img, Box b, double s, int bg) {
        int n = 0;
        for (int y = (int) ((GraphPainter.TITLE_H + b.y()) * s); y < (GraphPainter.TITLE_H + b.bottom()) * s; y++) {
            for (int x = (int) (b.x() * s); x < b.right() * s; x++) {
                if ((img.getRGB(x, y) & 0xffffff) != bg) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean near(int rgb, int want, int tolerance) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >> shift & 0xff) - (want >> shift & 0xff)) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Test
    void motivatingAfterRbtreeAddHasTheSizeOfItsLayoutAndTheCardIsDrawn(@TempDir Path dir) throws Exception {
        OwnershipGraph g = ExportFixtures.motivatingAfter("bpf_rbtree_add").snapshot();
        GraphLayout layout = GraphLayout.of(g);
        Path file = dir.resolve("g.png");
        PngExport.write(PngExport.image(layout, "motivating", "bpf_rbtree_add(&groot, &m->rb, node_less);",
                PngExport.SCALE), file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertNotNull(img, "a PNG ImageIO can read");

        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        GraphPainter painter = new GraphPainter(layout, "motivating", null, new Java2dCanvas(pg));
        pg.dispose();
        assertEquals(1200, img.getWidth(), "600 layout pixels (the narrowest picture) at scale 2");
        assertEquals((int) Math.ceil(painter.height() * 2), img.getHeight());

        Box card = layout.card(g.objects().get(0).id()).orElseThrow().box();
        int cardInk = ink(img, new Box(card.x() + 6, card.y() + 6, card.w() - 12, card.h() - 12), 2, WHITE);
        assertTrue(cardInk > 500, "the card's words are drawn: " + cardInk + " non-white pixels");
        assertTrue(near(rgb(img, card.x() * 2 + 20, (GraphPainter.TITLE_H + card.y()) * 2), 0xf59e0b, 40),
                "the changed card has an orange border");
        // the refcount badge is blue, at the card's top right
        int blue = 0;
        for (int x = (int) ((card.right() - 50) * 2); x < (card.right() - 8) * 2; x++) {
            blue += near(rgb(img, x, (GraphPainter.TITLE_H + card.y() + 9) * 2), 0x2563eb, 20) ? 1 : 0;
        }
        assertTrue(blue > 20, "blue refcount badge pixels: " + blue);

        // under the first row of cards, right of the last pointer source, nothing is drawn
        Box empty = new Box(GraphGrid.HEAP_X, card.bottom() + 6, card.w(), 16);
        assertEquals(0, ink(img, empty, 2, CANVAS), "background below the card");
    }

    @Test
    void bytesAreAPng() throws Exception {
        byte[] png = PngExport.bytes(PngExport.image(ExportFixtures.oddNames(), "odd"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertTrue(img.getWidth() >= 1200 && img.getHeight() > 300, img.getWidth() + "x" + img.getHeight());
    }
}
