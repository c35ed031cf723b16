package dev.kptrviz.export;

import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.RegisterRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state as Markdown: the rows a teacher expects, and tables that stay tables whatever the names contain. */
class MarkdownExportTest {
    private static List<String> lines(String md) {
        return List.of(md.split("\n"));
    }

    @Test
    void afterRbtreeAddTheTablesSayWhatTheSessionShows() {
        String md = MarkdownExport.of(ExportFixtures.motivatingAfter("bpf_rbtree_add"), "motivating.o");
        List<String> l = lines(md);
        assertEquals("## `motivating` at step 29", l.get(0));
        assertTrue(l.contains("- **C line 69:** `bpf_spin_unlock(&glock); /* n, m: invalidated */`"), md);
        assertTrue(l.contains("- **Next instruction:** `34: r1 = map[.data.A]+0`"), md);
        assertTrue(l.contains("- **Lock:** glock held"), md);
        assertTrue(l.contains("| r7 | `&#1 struct node+16 (non_owning)` | `rcu_ptr_node(non_own_ref,off=16)` | written |"),
                md);
        assertTrue(l.contains("| r6 | `&#1 struct node+48 (non_owning)` | `rcu_ptr_node(non_own_ref,off=48)` |  |"), md);
        assertTrue(l.contains("| `r7` | #1 + 16 | non-owning | `rcu_ptr_node(non_own_ref,off=16)` | — |"), md);
        assertTrue(l.contains("_No references held._"), md);
        assertTrue(l.contains("| `ghead` | list | `glock` held | #1 |"), md);
        assertTrue(l.contains("| `groot` | rbtree | `glock` held | #1 (top #1) |"), md);
        assertTrue(l.contains("| #1 | `struct node` | 2 | `key=1, val=100` | `groot` (rbtree), `ghead` (list) | live |"),
                md);
        assertTrue(l.contains("_None at this step._"), md);
    }

    @Test
    void afterRefcountAcquireTheReferenceTableHasBothOwners() {
        List<String> l = lines(MarkdownExport.of(ExportFixtures.motivatingAfter("bpf_refcount_acquire"), null));
        assertTrue(l.contains("| 2 | owning | insn 3, line 57 | #1 |"), l.toString());
        assertTrue(l.contains("| 3 | owning | insn 13, line 64 | #1 |"), l.toString());
        assertTrue(l.contains("| `ghead` | list | `glock` free | empty |"), l.toString());
    }

    @Test
    void aRejectedRunListsTheDiagnosticAndTheFinding() {
        var s = ExportFixtures.open("use_after_unlock.o", "use_after_unlock");
        s.continueAnyway();
        s.runToEnd();
        String md = MarkdownExport.of(s, "use_after_unlock.o");
        assertTrue(md.contains("- **Verdict:** rejected"), md);
        assertTrue(md.contains("- **verifier:** R6 invalid mem access 'scalar'"), md);
        assertTrue(md.contains("- **runtime finding:** NON\\_OWNING\\_AFTER\\_UNLOCK at insn 24"), md);
    }

    /** Cells of a table row, split on the pipes that are not escaped. */
    private static List<String> cells(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int k = 1; k < row.length(); k++) {
            char ch = row.charAt(k);
            if (ch == '\\' && k + 1 < row.length()) {
                cur.append(ch).append(row.charAt(++k));
            } else if (ch == '|') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        return out;
    }

    @Test
    void pipesAndLineBreaksNeverBreakATable() {
        OwnershipGraph g = ExportFixtures.oddNames();
        String md = MarkdownExport.render(new MarkdownExport.Header("p|rog", "a|b.o", null, "accepted"), g,
                List.of(new RegisterRow("r1", "x | y", "`tick`", true)));
        int columns = 0;
        for (String line : lines(md)) {
            if (line.startsWith("|---")) {
                continue;
            }
            if (line.startsWith("|")) {
                int n = cells(line).size();
                if (columns == 0 || !lines(md).get(lines(md).indexOf(line) - 1).startsWith("|")) {
                    columns = n;
                }
                assertEquals(columns, n, "every row of a table has its header's cells: " + line);
            } else {
                columns = 0;
            }
        }
        assertTrue(md.contains("| r1 | `x \\| y` | `` `tick` `` | written |"), md);
        assertTrue(md.contains("| `we\"ird\\|<root>&{x}\\n` | list | `lo\\|ck\"<&>` held | #1 |"), md);
        assertTrue(md.contains("- **verifier:** bad \\| thing second line"), md);
        assertFalse(md.contains("thing\nsecond"), "a line break inside a cell or item is folded");
    }

    @Test
    void codeSpansGrowTheirFenceAroundBackticks() {
        assertEquals("``a`b``", MarkdownExport.code("a`b"));
        assertEquals("``` `` ```", MarkdownExport.code("``"));
        assertEquals("—", MarkdownExport.code(" "));
        assertEquals("a\\*b\\_c \\<d> \\[e\\] \\|", MarkdownExport.inline("a*b_c <d> [e] |"));
    }
}
