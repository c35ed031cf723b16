package dev.kptrviz.export;

import dev.kptrviz.export.GraphLayout.Box;
import dev.kptrviz.export.GraphLayout.CardBox;
import dev.kptrviz.export.GraphLayout.Edge;
import dev.kptrviz.export.GraphLayout.Point;
import dev.kptrviz.export.GraphLayout.Segment;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.Session;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where things go: places by allocation id, and arrows that never run underneath a card they do not touch. */
class GraphLayoutTest {
    @Test
    void aCardKeepsItsPlaceFromStepToStep() {
        Session s = ExportFixtures.motivatingAfter("bpf_obj_new");
        Box before = GraphLayout.of(s.snapshot(), 3).card(1).orElseThrow().box();
        s.runToEnd();
        GraphLayout after = GraphLayout.of(s.snapshot(), 3);
        assertEquals(before, after.card(1).orElseThrow().box());
        assertEquals(GraphGrid.HEAP_X, before.x(), "object 1 sits in the first column");
    }

    @Test
    void rootsOnTopSourcesOnTheLeftCardsInBetween() {
        GraphLayout l = GraphLayout.of(ExportFixtures.motivatingAfter("bpf_rbtree_add").snapshot());
        double cardsTop = l.cards().stream().mapToDouble(c -> c.box().y()).min().orElseThrow();
        l.roots().forEach(r -> assertTrue(r.box().bottom() < cardsTop, r.root().name() + " above the cards"));
        l.sources().forEach(s -> assertTrue(s.box().right() < GraphGrid.HEAP_X, s.slotText() + " left of the cards"));
        assertEquals(List.of("r6", "r7"), l.sources().stream().map(GraphLayout.SourceBox::slotText).toList());
        assertEquals("glock held", l.roots().get(0).lockText());
    }

    /**
     * For every bundled example, at its end and in grids of 1 to 4 columns: each arrow, sampled along its curve,
     * stays out of every card except those it starts or ends at (a 2-pixel margin inside the border).
     */
    @Test
    void noArrowRunsUnderACardItDoesNotTouch() {
        int checked = 0;
        for (Example ex : Examples.all()) {
            Session s = ExportFixtures.open(ex.objectFile(), ex.program());
            s.continueAnyway();
            s.run(20_000);
            OwnershipGraph g = s.snapshot();
            for (int columns = 1; columns <= 4; columns++) {
                GraphLayout l = GraphLayout.of(g, columns);
                for (Edge e : l.edges()) {
                    List<CardBox> crossed = crossed(l, e);
                    assertTrue(crossed.isEmpty(), ex.program() + " (" + columns + " columns): " + e.id()
                            + " runs under " + crossed.stream().map(CardBox::idText).toList());
                    checked++;
                }
            }
        }
        assertTrue(checked > 200, "arrows checked: " + checked);
    }

    private static List<CardBox> crossed(GraphLayout l, Edge e) {
        List<CardBox> out = new ArrayList<>();
        for (CardBox c : l.cards()) {
            Box b = c.box();
            if (near(b, e.from()) || near(b, e.tip())) {
                continue;
            }
            Box inner = new Box(b.x() + 2, b.y() + 2, b.w() - 4, b.h() - 4);
            boolean under = false;
            for (Segment sg : e.segments()) {
                for (int i = 0; i <= 24 && !under; i++) {
                    Point p = at(sg, i / 24.0);
                    under = inner.contains(p.x(), p.y());
                }
            }
            if (under) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean near(Box b, Point p) {
        return new Box(b.x() - 1, b.y() - 1, b.w() + 2, b.h() + 2).contains(p.x(), p.y());
    }

    private static Point at(Segment s, double t) {
        double u = 1 - t;
        double a = u * u * u;
        double b = 3 * u * u * t;
        double c = 3 * u * t * t;
        double d = t * t * t;
        return new Point(a * s.from().x() + b * s.c1().x() + c * s.c2().x() + d * s.to().x(),
                a * s.from().y() + b * s.c1().y() + c * s.c2().y() + d * s.to().y());
    }

    @Test
    void anEmptyHeapHasNoCardsAndNoArrows() {
        Session s = ExportFixtures.open("motivating.o", "motivating");
        GraphLayout l = GraphLayout.of(s.snapshot());
        assertTrue(l.cards().isEmpty());
        assertTrue(l.edges().isEmpty());
        assertFalse(l.roots().isEmpty(), "the roots exist before anything is allocated");
    }
}
