package dev.kptrviz.export;

import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.Session;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SVG drawing, read back with a DOM parser: cards, refcounts, arrow kinds, roots and escaping. */
class SvgExportTest {
    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static List<Element> elements(Document d, String tag) {
        NodeList nodes = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    static List<String> texts(Element e) {
        NodeList nodes = e.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    private static boolean hasClass(Element e, String c) {
        return List.of(e.getAttribute("class").split(" ")).contains(c);
    }

    /** The pointer arrows' paths of one abstract kind. */
    private static List<Element> pointerPaths(Document d, String kind) {
        return elements(d, "path").stream().filter(p -> hasClass(p, "pointer") && hasClass(p, kind)).toList();
    }

    @Test
    void afterRbtreeAddOneCardWithRefcountTwoAndTwoDashedNonOwningArrows() throws Exception {
        Session s = ExportFixtures.motivatingAfter("bpf_rbtree_add");
        OwnershipGraph g = s.snapshot();
        Document d = parse(SvgExport.of(g, "motivating"));
        assertEquals("svg", d.getDocumentElement().getLocalName());

        List<Element> cards = elements(d, "g").stream().filter(e -> hasClass(e, "card")).toList();
        assertEquals(g.objects().size(), cards.size(), "a card per object");
        assertEquals(1, cards.size());
        Element card = cards.get(0);
        assertEquals("obj-" + g.objects().get(0).id(), card.getAttribute("id"));
        assertTrue(texts(card).contains("rc 2"), "refcount badge: " + texts(card));
        assertTrue(texts(card).contains("groot") && texts(card).contains("ghead[0]"), "memberships: " + texts(card));
        assertTrue(texts(card).contains("key=1  val=100"), texts(card).toString());

        assertEquals(0, pointerPaths(d, "owning").size(), "no owning reference is left after bpf_rbtree_add");
        List<Element> nonOwning = pointerPaths(d, "non_owning");
        assertEquals(2, nonOwning.size(), "r6 and r7 are non-owning");
        for (Element p : nonOwning) {
            assertFalse(p.getAttribute("stroke-dasharray").isEmpty(), "non-owning arrows are dashed");
        }
        for (String slot : List.of("r6", "r7")) {
            Element arrow = find(d, "ptr-0-" + slot);
            Element path = (Element) arrow.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").item(0);
            assertTrue(hasClass(path, "non_owning"), slot + " is drawn non-owning");
            assertTrue(texts(find(d, "src-0-" + slot)).contains("non-owning ref"));
        }

        Element groot = find(d, "root-groot");
        assertTrue(texts(groot).contains("glock held"), texts(groot).toString());
        assertTrue(texts(groot).contains("1 node"), texts(groot).toString());
        assertEquals(2, elements(d, "path").stream().filter(p -> hasClass(p, "list") || hasClass(p, "tree")).count(),
                "ghead and groot each link to the one node");
        String title = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent();
        assertTrue(title.contains("step " + g.step()), title);
    }

    @Test
    void afterRefcountAcquireTwoSolidOwningArrows() throws Exception {
        Document d = parse(SvgExport.of(ExportFixtures.motivatingAfter("bpf_refcount_acquire").snapshot(), null));
        List<Element> owning = pointerPaths(d, "owning");
        assertEquals(2, owning.size(), "n and m both own the object");
        owning.forEach(p -> assertTrue(p.getAttribute("stroke-dasharray").isEmpty(), "owning arrows are solid"));
        assertEquals(0, pointerPaths(d, "non_owning").size());
        Element card = elements(d, "g").stream().filter(e -> hasClass(e, "card")).findFirst().orElseThrow();
        assertTrue(texts(card).contains("rc 2"));
        assertTrue(texts(card).contains("in no collection"), texts(card).toString());
    }

    @Test
    void afterUnlockTheArrowsAreInvalidatedAndCrossed() throws Exception {
        Session s = ExportFixtures.motivatingAfter("bpf_spin_unlock");
        Document d = parse(SvgExport.of(s.snapshot(), "motivating"));
        assertEquals(2, pointerPaths(d, "invalidated").size());
        Element marks = find(d, "marks");
        NodeList lines = marks.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line");
        assertEquals(4, lines.getLength(), "a cross (two strokes) on each invalidated arrow");
        assertTrue(texts(find(d, "root-ghead")).contains("glock free"));
    }

    @Test
    void everyNameIsEscapedAndSurvivesTheParser() throws Exception {
        OwnershipGraph g = ExportFixtures.oddNames();
        String svg = SvgExport.of(g, "pro<g>&\"ram\"");
        Document d = parse(svg);
        List<String> all = texts(d.getDocumentElement());
        String root = g.roots().get(0).name();
        assertTrue(all.stream().anyMatch(t -> t.startsWith("we\"ird|<root>&")), all.toString());
        assertTrue(all.stream().anyMatch(t -> t.startsWith("pro<g>&\"ram\" · step 3")), all.toString());
        assertTrue(all.stream().anyMatch(t -> t.contains("r1 = \"x\" | <y> & \\z")), all.toString());
        assertFalse(svg.contains("\u0001"), "a control character XML cannot carry is replaced");
        assertNotNull(find(d, "root-" + root.replaceAll("[^A-Za-z0-9_.-]", "_")));
    }

    /** The element whose id attribute is {@code id} (the SVG has no DTD declaring ids). */
    static Element find(Document d, String id) {
        for (Element e : elements(d, "g")) {
            if (e.getAttribute("id").equals(id)) {
                return e;
            }
        }
        throw new AssertionError("no element " + id);
    }
}
