package dev.kptrviz.export;

import dev.kptrviz.session.OwnershipGraph;

/**
 * The ownership graph of one step in Graphviz DOT: objects as record nodes with their refcount (freed ones
 * dashed), collection roots as boxes with membership edges (list position as the label), pointer sources as plain
 * text nodes with edges solid for owning, dashed for non-owning and maybe-NULL, dotted for invalidated. Node ids
 * are generated ({@code o1}, {@code root0}, {@code p0_r6}); every name from the program only ever appears in a
 * quoted label, escaped for DOT (and, in record labels, for the record syntax).
 */
public final class DotExport {
    private DotExport() {
    }

    public static String of(OwnershipGraph g) {
        StringBuilder b = new StringBuilder("digraph ownership {\n  rankdir=LR;\n  label=\"step " + g.step() + ": "
                + esc(g.insn()) + "\";\n");
        for (OwnershipGraph.ObjectNode o : g.objects()) {
            b.append("  o").append(o.id()).append(" [shape=record,label=\"#").append(o.id()).append(' ')
                    .append(record(o.type())).append(o.refcount() == null ? "" : "\\nrefcount " + o.refcount())
                    .append(o.freed() ? "\\nFREED" : "").append('"').append(o.freed() ? ",style=dashed" : "")
                    .append("];\n");
        }
        int i = 0;
        for (OwnershipGraph.Root r : g.roots()) {
            String id = "root" + i++;
            b.append("  ").append(id).append(" [shape=box,label=\"").append(esc(r.name())).append(" (")
                    .append(esc(r.kind())).append(r.lock().name() == null ? "" : ", " + esc(r.lock().name())
                            + (r.lock().held() ? " held" : "")).append(")\"];\n");
            for (int k = 0; k < r.members().size(); k++) {
                b.append("  ").append(id).append(" -> o").append(r.members().get(k)).append(" [color=blue,label=\"")
                        .append(r.kind().equals("list") ? "[" + k + "]" : "").append("\"];\n");
            }
        }
        for (OwnershipGraph.Pointer p : g.pointers()) {
            if (p.target() == null) {
                continue;
            }
            String id = "p" + p.frame() + "_" + identifier(p.slot());
            b.append("  ").append(id).append(" [shape=plaintext,label=\"").append(p.frame() > 0 ? p.frame() + ":" : "")
                    .append(esc(p.slot())).append("\"];\n");
            String style = switch (p.abstractKind()) {
                case "owning" -> "solid";
                case "non_owning", "maybe_null" -> "dashed";
                default -> "dotted";
            };
            b.append("  ").append(id).append(" -> o").append(p.target()).append(" [style=").append(style)
                    .append(",label=\"").append(esc(p.abstractKind())).append(p.offset() == 0 ? "" : " +" + p.offset())
                    .append("\"];\n");
        }
        return b.append("}\n").toString();
    }

    /**
     * A DOT double-quoted string's content: backslash and quote escaped, line breaks as DOT's {@code \n} (a raw
     * line break would end up in the picture as is, and a backslash would start an escape such as {@code \N}).
     */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r\n", "\\n").replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** Text inside a record label, where {@code { } | < >} and spaces around them are the record's own syntax. */
    static String record(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : esc(s).toCharArray()) {
            if ("{}|<>".indexOf(ch) >= 0) {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }

    /** A slot name as part of a node id: letters, digits and underscores only. */
    static String identifier(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            b.append(ch < 128 && Character.isLetterOrDigit(ch) ? ch : '_');
        }
        return b.toString();
    }
}
