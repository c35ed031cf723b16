package dev.kptrviz.export;

import dev.kptrviz.program.SourceLine;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Owner;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import dev.kptrviz.session.OwnershipGraph.RefEntry;
import dev.kptrviz.session.OwnershipGraph.Root;
import dev.kptrviz.session.OwnershipGraph.TreeLink;
import dev.kptrviz.session.RegisterRow;
import dev.kptrviz.session.Session;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The state at one step as Markdown (GitHub tables) for teaching notes: where the program stands, the registers
 * (machine beside verifier), the pointers into the heap with the verifier's kind, the reference table, the
 * collections with their members in order and their locks, the heap objects with refcounts, and the verifier's
 * diagnostics, runtime findings and monitor alarms. Every cell is escaped ({@code |}, line breaks, backticks).
 */
public final class MarkdownExport {
    /** What the graph does not say: where it comes from. {@code file}, {@code cLine} and {@code verdict} may be null. */
    public record Header(String program, String file, SourceLine cLine, String verdict) {
    }

    private MarkdownExport() {
    }

    /** The state of {@code s} at its current position; {@code file} (may be null) names the object file. */
    public static String of(Session s, String file) {
        OwnershipGraph g = s.snapshot();
        SourceLine line = s.program().lineAt(g.pc()).orElse(null);
        return render(new Header(s.program().name(), file, line, TraceJson.verdict(s.verdict().accepted())), g,
                RegisterRow.current(s));
    }

    public static String render(Header h, OwnershipGraph g, List<RegisterRow> regs) {
        StringBuilder b = new StringBuilder();
        b.append("## ").append(code(h.program())).append(" at step ").append(g.step()).append("\n\n");
        if (h.file() != null) {
            b.append("- **Object file:** ").append(code(h.file())).append('\n');
        }
        b.append("- **Next instruction:** ").append(code(g.pc() + ": " + g.insn())).append('\n');
        if (h.cLine() != null) {
            b.append("- **C line ").append(h.cLine().line()).append(":** ")
                    .append(code(h.cLine().text().strip().replaceAll("\\s+", " ")))
                    .append('\n');
        } else if (g.line() != null) {
            b.append("- **C line:** ").append(g.line()).append('\n');
        }
        b.append("- **Rules:** ").append(inline(GraphPainter.rulesLabel(g.semantics()))).append('\n');
        if (h.verdict() != null) {
            b.append("- **Verdict:** ").append(h.verdict()).append('\n');
        }
        b.append("- **Lock:** ").append(g.lock().held() ? inline(g.lock().name()) + " held" : "none held").append('\n');
        if (g.abstractOnly()) {
            b.append("- The verifier's failing path: abstract state only, no concrete heap.\n");
        }
        registers(b, regs);
        pointers(b, g);
        refs(b, g);
        collections(b, g);
        objects(b, g);
        notes(b, g);
        return b.toString();
    }

    private static void registers(StringBuilder b, List<RegisterRow> regs) {
        b.append("\n### Registers (current frame)\n\n");
        if (regs.isEmpty()) {
            b.append("_No register values at this step._\n");
            return;
        }
        b.append("| register | machine | verifier | last step |\n|---|---|---|---|\n");
        for (RegisterRow r : regs) {
            row(b, r.name(), code(r.concrete()), code(r.abstractState()), r.written() ? "written" : "");
        }
    }

    private static void pointers(StringBuilder b, OwnershipGraph g) {
        b.append("\n### Pointers to local kptrs\n\n");
        if (g.pointers().isEmpty()) {
            b.append("_No register or stack slot points into the heap._\n");
            return;
        }
        b.append("| where | points to | verifier's kind | verifier state | ref |\n|---|---|---|---|---|\n");
        for (Pointer p : g.pointers()) {
            String where = (p.frame() == 0 ? "" : "frame " + p.frame() + " ") + p.slot();
            String target = p.target() == null ? "—" : "#" + p.target() + (p.offset() == 0 ? "" : " + " + p.offset());
            row(b, code(where), target, kind(p.abstractKind()), p.abstractState() == null ? "—" : code(p.abstractState()),
                    p.refId() == null ? "—" : p.refId().toString());
        }
    }

    private static void refs(StringBuilder b, OwnershipGraph g) {
        b.append("\n### Verifier references\n\n");
        if (g.refs().isEmpty()) {
            b.append("_No references held._\n");
            return;
        }
        b.append("| id | kind | acquired at | object |\n|---|---|---|---|\n");
        for (RefEntry r : g.refs()) {
            row(b, Integer.toString(r.id()), kind(r.kind()), "insn " + r.acquiredPc()
                    + (r.acquiredLine() == null ? "" : ", line " + r.acquiredLine()),
                    r.objectId() == null ? "—" : "#" + r.objectId());
        }
    }

    private static void collections(StringBuilder b, OwnershipGraph g) {
        b.append("\n### Collections\n\n");
        if (g.roots().isEmpty()) {
            b.append(g.abstractOnly() ? "_Not known on this path._\n" : "_The program has no list or rbtree root._\n");
            return;
        }
        b.append("| root | kind | lock | members in order |\n|---|---|---|---|\n");
        for (Root r : g.roots()) {
            String lock = r.lock() == null || r.lock().name() == null ? "—"
                    : code(r.lock().name()) + (r.lock().held() ? " held" : " free");
            String members = r.members().isEmpty() ? "empty"
                    : r.members().stream().map(m -> "#" + m).collect(Collectors.joining(", "));
            if (r.kind().equals("rbtree") && !r.tree().isEmpty()) {
                members += " (top " + top(r) + ")";
            }
            row(b, code(r.name()), r.kind(), lock, members);
        }
    }

    /** The tree's topmost node: the member no other member links to. */
    private static String top(Root r) {
        Set<Integer> children = r.treeChildren();
        return r.tree().stream().map(TreeLink::objectId).filter(id -> !children.contains(id)).findFirst()
                .map(id -> "#" + id).orElse("?");
    }

    private static void objects(StringBuilder b, OwnershipGraph g) {
        b.append("\n### Heap objects\n\n");
        if (g.objects().isEmpty()) {
            b.append("_No object allocated._\n");
            return;
        }
        b.append("| object | type | refcount | fields | held by | state |\n|---|---|---|---|---|---|\n");
        for (ObjectNode o : g.objects()) {
            String fields = o.fields().isEmpty() ? "—" : code(o.fields().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
            String owners = o.owners().isEmpty() ? "—" : o.owners().stream().map(MarkdownExport::owner)
                    .collect(Collectors.joining(", "));
            row(b, "#" + o.id(), code(o.type()), o.refcount() == null ? "—" : o.refcount().toString(), fields, owners,
                    o.freed() ? "freed" : "live");
        }
    }

    private static String owner(Owner w) {
        return code(w.root()) + " (" + w.kind() + (w.stale() ? ", stale" : "") + ")";
    }

    private static void notes(StringBuilder b, OwnershipGraph g) {
        b.append("\n### Diagnostics and findings\n\n");
        if (g.diagnostics().isEmpty() && g.findings().isEmpty() && g.alarms().isEmpty()) {
            b.append("_None at this step._\n");
            return;
        }
        g.diagnostics().forEach(d -> b.append("- **verifier:** ").append(inline(d)).append('\n'));
        g.findings().forEach(f -> b.append("- **runtime finding:** ").append(inline(f)).append('\n'));
        g.alarms().forEach(a -> b.append("- **monitor alarm:** ").append(inline(a)).append('\n'));
    }

    private static String kind(String k) {
        return switch (k) {
            case "owning" -> "owning";
            case "non_owning" -> "non-owning";
            case "maybe_null" -> "owning, maybe NULL";
            case "invalidated" -> "invalidated";
            default -> k;
        };
    }

    private static void row(StringBuilder b, String... cells) {
        b.append('|');
        for (String c : cells) {
            b.append(' ').append(c).append(" |");
        }
        b.append('\n');
    }

    /**
     * Text inside a table cell or a list item: on one line, with {@code |} escaped (GitHub tables split on it even
     * inside code) and the marks that would start emphasis, code, links or HTML ({@code * _ ` [ ] < \})
     * escaped so they show as written.
     */
    static String inline(String s) {
        if (s == null) {
            return "—";
        }
        StringBuilder b = new StringBuilder();
        for (char ch : oneLine(s).toCharArray()) {
            if ("\\`*_[]<|".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    /**
     * A code span: fenced with one more backtick than the longest run inside it (padded when it starts or ends
     * with one), on one line, with {@code |} escaped for the table.
     */
    static String code(String s) {
        if (s == null) {
            return "—";
        }
        String t = oneLine(s);
        if (t.isBlank()) {
            return "—";
        }
        int longest = 0;
        int run = 0;
        for (char ch : t.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return fence + pad + t.replace("|", "\\|") + pad + fence;
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
