package dev.kptrviz.export;

import dev.kptrviz.session.OwnershipGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DOT export, read back with {@link DotParser}: nodes, the edges expected, attributes, escaping. */
class DotExportTest {
    @Test
    void afterRbtreeAddBothRootsHoldTheNodeAndTwoDashedPointersReachIt() {
        OwnershipGraph g = ExportFixtures.motivatingAfter("bpf_rbtree_add").snapshot();
        DotParser.Graph d = DotParser.parse(DotExport.of(g));
        assertEquals("ownership", d.name());
        assertEquals("LR", d.attrs().get("rankdir"));
        assertEquals("step " + g.step() + ": " + g.insn(), d.attrs().get("label"));

        DotParser.Node o1 = d.nodes().get("o1");
        assertEquals("record", o1.attrs().get("shape"));
        assertEquals("#1 struct node\nrefcount 2", DotParser.labelText(o1.attrs().get("label")));

        assertEquals("ghead (list, glock held)", DotParser.labelText(d.nodes().get("root0").attrs().get("label")));
        assertEquals("groot (rbtree, glock held)", DotParser.labelText(d.nodes().get("root1").attrs().get("label")));
        assertEquals(List.of(new DotParser.EdgeStmt("root0", "o1", Map.of("color", "blue", "label", "[0]"))),
                d.edgesFrom("root0"));
        assertEquals(List.of(new DotParser.EdgeStmt("root1", "o1", Map.of("color", "blue", "label", ""))),
                d.edgesFrom("root1"));
        assertEquals(List.of(new DotParser.EdgeStmt("p0_r6", "o1", Map.of("style", "dashed", "label", "non_owning +48"))),
                d.edgesFrom("p0_r6"));
        assertEquals(List.of(new DotParser.EdgeStmt("p0_r7", "o1", Map.of("style", "dashed", "label", "non_owning +16"))),
                d.edgesFrom("p0_r7"));
        assertEquals(4, d.edges().size());
        assertEquals("r7", d.nodes().get("p0_r7").attrs().get("label"));
    }

    @Test
    void ownedPointersAreSolidInvalidatedOnesDotted() {
        DotParser.Graph acquired = DotParser.parse(DotExport.of(
                ExportFixtures.motivatingAfter("bpf_refcount_acquire").snapshot()));
        long solid = acquired.edges().stream().filter(e -> "solid".equals(e.attrs().get("style"))).count();
        assertEquals(2, solid, "n and m own the object");
        DotParser.Graph unlocked = DotParser.parse(DotExport.of(
                ExportFixtures.motivatingAfter("bpf_spin_unlock").snapshot()));
        assertEquals(2, unlocked.edges().stream().filter(e -> "dotted".equals(e.attrs().get("style"))
                && e.attrs().get("label").startsWith("invalidated")).count());
    }

    @Test
    void namesOnlyEverAppearInEscapedLabels() {
        OwnershipGraph g = ExportFixtures.oddNames();
        DotParser.Graph d = DotParser.parse(DotExport.of(g));
        for (String id : d.nodes().keySet()) {
            assertTrue(id.matches("o\\d+|root\\d+|p\\d+_\\w+"), "generated node id: " + id);
        }
        assertEquals("p0_fp_8", d.edgesFrom("p0_fp_8").get(0).from());
        String type = g.objects().get(0).type();
        String recordLabel = d.nodes().get("o1").attrs().get("label");
        assertEquals("#1 " + type + "\nrefcount 2", DotParser.labelText(recordLabel));
        assertTrue(oneRecordField(recordLabel), "{ } | < > of the type name are escaped in the record: " + recordLabel);
        String root = g.roots().get(0).name();
        assertEquals(root + " (list, " + g.roots().get(0).lock().name() + " held)",
                DotParser.labelText(d.nodes().get("root0").attrs().get("label")));
        assertEquals("step 3: " + g.insn(), DotParser.labelText(d.attrs().get("label")));
    }

    /** No unescaped { } | < >: the record has a single field whose text is the whole label. */
    private static boolean oneRecordField(String label) {
        for (int k = 0; k < label.length(); k++) {
            char ch = label.charAt(k);
            if (ch == '\\') {
                k++;
            } else if ("{}|<>".indexOf(ch) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theTestParserRefusesBrokenDot() {
        assertThrows(IllegalArgumentException.class, () -> DotParser.parse("digraph g { a -> ; }"));
        assertThrows(IllegalArgumentException.class, () -> DotParser.parse("digraph g { a [label=\"x]; }"));
    }
}
