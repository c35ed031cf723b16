package dev.kptrviz.export;

import dev.kptrviz.export.Canvas.Anchor;
import dev.kptrviz.export.Canvas.Font;
import dev.kptrviz.export.Canvas.Pen;
import dev.kptrviz.export.GraphLayout.Box;
import dev.kptrviz.export.GraphLayout.CardBox;
import dev.kptrviz.export.GraphLayout.Chip;
import dev.kptrviz.export.GraphLayout.Edge;
import dev.kptrviz.export.GraphLayout.Point;
import dev.kptrviz.export.GraphLayout.RootBox;
import dev.kptrviz.export.GraphLayout.SourceBox;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.session.OwnershipGraph;

import java.util.ArrayList;
import java.util.List;

/**
 * Paints a {@link GraphLayout} the way the app draws its graph (same colours, dashes and marks), with a title band
 * (program, step, next instruction, C line, rules) above and the verifier's diagnostics, findings, alarms and a
 * legend below. One painter for every {@link Canvas}, so the SVG and the PNG are the same picture.
 */
final class GraphPainter {
    static final double TITLE_H = 48;
    private static final double NOTE_H = 16;
    private static final double LEGEND_ROW_H = 18;
    private static final double MIN_WIDTH = 600;
    private static final String CHANGED = "#f59e0b";
    private static final String MUTED = "#6b7280";

    /** A legend entry: a sample line in a style, or only words. */
    private record LegendItem(String style, String text, double width) {
    }

    /** A note under the graph: a diagnostic, finding or alarm, in its colour. */
    private record Note(String text, String color) {
    }

    private final GraphLayout layout;
    private final OwnershipGraph g;
    private final String program;
    private final String source;
    private final double width;
    private final List<Note> notes = new ArrayList<>();
    private final List<List<LegendItem>> legendRows = new ArrayList<>();
    private final double height;

    /**
     * {@code measure} supplies text widths (the target canvas's fonts); {@code program} and {@code source} (the C
     * text of the graph's line) may be null.
     */
    GraphPainter(GraphLayout layout, String program, String source, Canvas measure) {
        this.layout = layout;
        this.g = layout.graph();
        this.program = program;
        this.source = source == null || source.isBlank() ? null : source.strip().replaceAll("\\s+", " ");
        this.width = Math.ceil(Math.max(MIN_WIDTH, layout.width()));
        g.diagnostics().forEach(d -> notes.add(new Note("verifier: " + d, "#b91c1c")));
        g.findings().forEach(f -> notes.add(new Note("finding: " + f, "#b45309")));
        g.alarms().forEach(a -> notes.add(new Note("alarm: " + a, "#9333ea")));
        legend(measure);
        double notesH = notes.isEmpty() ? 0 : notes.size() * NOTE_H + 8;
        this.height = Math.ceil(TITLE_H + layout.height() + notesH + legendRows.size() * LEGEND_ROW_H + 10);
    }

    double width() {
        return width;
    }

    double height() {
        return height;
    }

    void paint(Canvas c) {
        c.origin(0, 0);
        c.rect(0, 0, width, height, 0, "#ffffff", null);
        title(c);
        c.origin(0, TITLE_H);
        c.rect(0, 0, width, layout.height(), 0, "#fbfcfd", null);
        c.begin("edges", "edges");
        for (Edge e : layout.edges()) {
            edge(c, e);
        }
        c.end();
        layout.roots().forEach(r -> root(c, r));
        layout.cards().forEach(k -> card(c, k));
        layout.sources().forEach(s -> source(c, s));
        c.begin("marks", "marks");
        for (Edge e : layout.edges()) {
            mark(c, e);
        }
        c.end();
        if (g.objects().isEmpty() && g.pointers().isEmpty()) {
            c.text(GraphGrid.HEAP_X, layout.heapY() + 14, g.abstractOnly() ? "No concrete heap on this path."
                    : "The heap is empty: no object has been allocated yet.", Font.sans(12).toItalic(), "#9ca3af",
                    Anchor.START);
        }
        double y = layout.height();
        c.origin(0, TITLE_H + y);
        if (!notes.isEmpty()) {
            c.begin("notes", "notes");
            for (int i = 0; i < notes.size(); i++) {
                Note n = notes.get(i);
                Font f = Font.sans(11);
                c.text(GraphGrid.PAD, 4 + (i + 1) * NOTE_H - 4, c.fit(n.text(), f, width - 2 * GraphGrid.PAD), f,
                        n.color(), Anchor.START);
            }
            c.end();
            y += notes.size() * NOTE_H + 8;
        }
        c.origin(0, TITLE_H + y);
        legendBand(c);
        c.origin(0, 0);
    }

    // ---- title ----

    private void title(Canvas c) {
        c.rect(0, 0, width, TITLE_H, 0, "#f3f4f6", null);
        c.line(0, TITLE_H - 0.5, width, TITLE_H - 0.5, Pen.solid("#d4d7dc", 1));
        Font rulesFont = Font.sans(11);
        String rules = "rules " + rulesLabel(g.semantics());
        double rulesW = c.textWidth(rules, rulesFont);
        c.text(width - GraphGrid.PAD, 20, rules, rulesFont, MUTED, Anchor.END);
        Font big = Font.sans(14).toBold();
        String head = (program == null ? "" : program + " · ") + "step " + g.step()
                + (g.abstractOnly() ? " of the verifier's failing path (abstract state only)" : "");
        c.text(GraphGrid.PAD, 20, c.fit(head, big, width - 3 * GraphGrid.PAD - rulesW), big, "#111827",
                Anchor.START);
        Font small = Font.mono(11);
        String sub = "next " + g.pc() + ": " + g.insn() + (g.line() == null ? ""
                : "    line " + g.line() + (source == null ? "" : ": " + source));
        c.text(GraphGrid.PAD, 38, c.fit(sub, small, width - 2 * GraphGrid.PAD), small, "#374151", Anchor.START);
    }

    static String rulesLabel(String semantics) {
        try {
            return Semantics.parse(semantics).label();
        } catch (IllegalArgumentException e) {
            return semantics;
        }
    }

    // ---- edges ----

    private static Pen pen(String style) {
        return switch (style) {
            case "owning" -> Pen.solid("#1d4ed8", 2.2);
            case "non_owning" -> Pen.dashed("#0f766e", 1.6, 6, 4);
            case "maybe_null" -> Pen.dashed("#9333ea", 2, 2, 4);
            case "invalidated" -> Pen.dashed("#c0c4cc", 1.6, 3, 4);
            case "list" -> Pen.solid("#2f855a", 1.6);
            case "tree" -> Pen.solid("#b7791f", 1.6);
            default -> Pen.dashed("#d1d5db", 1.6, 1, 4);
        };
    }

    private static void edge(Canvas c, Edge e) {
        Pen pen = pen(e.style());
        String cls = "edge " + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                + (e.kind() == GraphLayout.EdgeKind.POINTER ? " " + e.style() : "");
        c.begin(e.id(), "arrow");
        c.path(e.segments(), pen, cls);
        c.polygon(e.head(), pen.color());
        c.end();
    }

    /** A ? on a maybe-NULL pointer, a red cross on an invalidated one. */
    private static void mark(Canvas c, Edge e) {
        Point m = e.mid();
        if (e.style().equals("maybe_null")) {
            c.rect(m.x() - 7, m.y() - 8, 14, 16, 7, "#ffffff", null);
            c.text(m.x(), m.y() + 4.5, "?", Font.sans(12).toBold(), "#9333ea", Anchor.MIDDLE);
        } else if (e.style().equals("invalidated")) {
            cross(c, m.x(), m.y(), 4.5);
        }
    }

    private static void cross(Canvas c, double x, double y, double r) {
        c.rect(x - r - 3, y - r - 3, 2 * r + 6, 2 * r + 6, r + 3, "#ffffff", null);
        Pen red = Pen.solid("#dc2626", 2);
        c.line(x - r, y - r, x + r, y + r, red);
        c.line(x - r, y + r, x + r, y - r, red);
    }

    // ---- boxes ----

    private static void root(Canvas c, RootBox r) {
        Box b = r.box();
        String color = r.root().kind().equals("list") ? "#2f855a" : "#b7791f";
        c.begin("root-" + r.root().name(), "root " + r.root().kind() + (r.changed() ? " changed" : ""));
        c.rect(b.x(), b.y(), b.w(), b.h(), 4, "#f8fafc", Pen.solid(r.changed() ? CHANGED : color, r.changed() ? 2 : 1));
        c.rect(b.x(), b.y(), 4, b.h(), 0, r.changed() ? CHANGED : color, null);
        Font name = Font.monoBold(12);
        String shown = c.fit(r.root().name(), name, b.w() - 80);
        c.text(b.x() + 10, b.y() + 17, shown, name, "#0f172a", Anchor.START);
        Font badge = Font.sans(10).toBold();
        double bx = b.x() + 10 + c.textWidth(shown, name) + 6;
        double bw = c.textWidth(r.badge(), badge) + 10;
        c.rect(bx, b.y() + 6, bw, 14, 7, color, null);
        c.text(bx + bw / 2, b.y() + 17, r.badge(), badge, "#ffffff", Anchor.MIDDLE);
        boolean held = r.lockHeld();
        String lockColor = held ? "#b45309" : MUTED;
        c.rect(b.x() + 10, b.y() + 29, 8, 8, 1, held ? lockColor : null, held ? null : Pen.solid(lockColor, 1));
        Font lock = held ? Font.monoBold(10) : Font.mono(10);
        c.text(b.x() + 22, b.y() + 37, c.fit(r.lockText(), lock, b.w() - 80), lock, lockColor, Anchor.START);
        c.text(b.right() - 8, b.y() + 37, r.count(), Font.sans(10), MUTED, Anchor.END);
        c.end();
    }

    private static void card(Canvas c, CardBox k) {
        Box b = k.box();
        boolean freed = k.object().freed();
        c.begin("obj-" + k.object().id(), "card " + (freed ? "tombstone" : "live") + (k.changed() ? " changed" : ""));
        if (!freed) {
            c.rect(b.x() + 1, b.y() + 2.5, b.w(), b.h(), 6, "#e8ebf0", null);
        }
        Pen border = k.changed() ? Pen.solid(CHANGED, 2)
                : freed ? Pen.dashed("#b6bcc6", 1.2, 5, 3) : Pen.solid("#94a3b8", 1.2);
        c.rect(b.x(), b.y(), b.w(), b.h(), 6, freed ? "#f1f2f4" : "#ffffff", border);
        Font idFont = Font.monoBold(12);
        c.text(b.x() + 8, b.y() + 18, k.idText(), idFont, freed ? "#9ca3af" : "#64748b", Anchor.START);
        double typeX = b.x() + 8 + c.textWidth(k.idText(), idFont) + 6;
        double right = b.right() - 8;
        String rc = k.refcountText();
        if (rc != null) {
            Font rcFont = Font.monoBold(10);
            double w = c.textWidth(rc, rcFont) + 12;
            c.rect(right - w, b.y() + 7, w, 15, 7.5, freed ? "#9ca3af" : "#2563eb", null);
            c.text(right - w / 2, b.y() + 18, rc, rcFont, "#ffffff", Anchor.MIDDLE);
            right -= w + 6;
        }
        c.text(typeX, b.y() + 18, c.fit(k.typeText(), idFont, right - typeX), idFont, freed ? "#9ca3af" : "#0f172a",
                Anchor.START);
        Font fields = Font.mono(11);
        c.text(b.x() + 8, b.y() + 37, c.fit(k.fieldsText(), fields, b.w() - 16), fields,
                freed ? "#9ca3af" : "#334155", Anchor.START);
        chips(c, k, b);
        c.end();
    }

    /** Membership chips left to right, wrapping once; what does not fit becomes "+N". */
    private static void chips(Canvas c, CardBox k, Box b) {
        Font f = Font.mono(10);
        double x = b.x() + 8;
        double y = b.y() + 45;
        List<Chip> chips = k.chips();
        for (int i = 0; i < chips.size(); i++) {
            Chip chip = chips.get(i);
            if (chip.kind().equals("none")) {
                c.text(x, y + 11, chip.text(), Font.sans(10).toItalic(), "#9ca3af", Anchor.START);
                continue;
            }
            String text = chip.kind().equals("freed") ? "† freed" : chip.text();
            double w = Math.min(b.w() - 16, c.textWidth(text, f) + 10);
            if (x + w > b.right() - 8 && x > b.x() + 8) {
                if (y + 16 + 14 > b.bottom()) {
                    c.text(x, y + 11, "+" + (chips.size() - i), f, MUTED, Anchor.START);
                    return;
                }
                x = b.x() + 8;
                y += 16;
            }
            String[] colors = switch (chip.kind()) {
                case "list" -> new String[] {"#e3f3e8", "#23683f"};
                case "rbtree" -> new String[] {"#fbf0d9", "#8a5a12"};
                default -> new String[] {"#e5e7eb", "#4b5563"};
            };
            c.rect(x, y, w, 14, 3, colors[0], null);
            c.text(x + 5, y + 10.5, c.fit(text, f, w - 10), f, colors[1], Anchor.START);
            x += w + 4;
        }
    }

    private static void source(Canvas c, SourceBox s) {
        Box b = s.box();
        String kind = s.pointer().abstractKind();
        boolean dead = kind.equals("invalidated");
        c.begin("src-" + s.pointer().frame() + "-" + s.pointer().slot(), "source " + kind
                + (s.changed() ? " changed" : ""));
        c.rect(b.x(), b.y(), b.w(), b.h(), 4, dead ? "#f3f4f6" : "#eef2ff",
                Pen.solid(s.changed() ? CHANGED : dead ? "#d1d5db" : "#a5b4fc", s.changed() ? 2 : 1));
        Font slot = Font.monoBold(12);
        c.text(b.x() + 7, b.y() + 15, s.slotText(), slot, dead ? "#9ca3af" : "#0b5cad", Anchor.START);
        c.text(b.right() - 7, b.y() + 15, s.targetText(), Font.mono(10), "#64748b", Anchor.END);
        Font kf = kind.equals("owning") ? Font.sans(10).toBold() : Font.sans(10);
        String color = switch (kind) {
            case "owning" -> "#1d4ed8";
            case "non_owning" -> "#0f766e";
            case "maybe_null" -> "#9333ea";
            default -> "#9ca3af";
        };
        String text = s.kindText();
        c.text(b.x() + 7, b.y() + 30, text, kf, color, Anchor.START);
        if (dead) {
            double w = c.textWidth(text, kf);
            c.line(b.x() + 7, b.y() + 26.5, b.x() + 7 + w, b.y() + 26.5, Pen.solid("#9ca3af", 1));
            cross(c, b.x() + 7 + w + 10, b.y() + 26.5, 3);
        }
        c.end();
    }

    // ---- legend ----

    private void legend(Canvas measure) {
        Font f = Font.sans(10);
        List<LegendItem> items = new ArrayList<>();
        String[][] entries = {{"owning", "owning"}, {"non_owning", "non-owning"}, {"maybe_null", "maybe NULL (?)"},
                {"invalidated", "invalidated (×)"}, {"list", "list link"}, {"tree", "tree link"},
                {null, "rc = refcount"}, {"changed", "orange = changed this step"}};
        for (String[] e : entries) {
            double sample = e[0] == null || e[0].equals("changed") ? 0 : 26;
            items.add(new LegendItem(e[0], e[1], sample + measure.textWidth(e[1], f)));
        }
        double x = GraphGrid.PAD;
        List<LegendItem> row = new ArrayList<>();
        for (LegendItem it : items) {
            if (x + it.width() > width - GraphGrid.PAD && !row.isEmpty()) {
                legendRows.add(row);
                row = new ArrayList<>();
                x = GraphGrid.PAD;
            }
            row.add(it);
            x += it.width() + 16;
        }
        legendRows.add(row);
    }

    private void legendBand(Canvas c) {
        double h = legendRows.size() * LEGEND_ROW_H + 10;
        c.begin("legend", "legend");
        c.rect(0, 0, width, h, 0, "#f3f4f6", null);
        c.line(0, 0.5, width, 0.5, Pen.solid("#d4d7dc", 1));
        Font f = Font.sans(10);
        for (int r = 0; r < legendRows.size(); r++) {
            double x = GraphGrid.PAD;
            double y = 5 + r * LEGEND_ROW_H + LEGEND_ROW_H / 2;
            for (LegendItem it : legendRows.get(r)) {
                double tx = x;
                if (it.style() != null && !it.style().equals("changed")) {
                    Pen pen = pen(it.style());
                    c.line(x, y, x + 22, y, pen);
                    tx += 26;
                }
                boolean changed = "changed".equals(it.style());
                c.text(tx, y + 3.5, it.text(), changed ? f.toBold() : f, changed ? "#b45309" : "#4b5563", Anchor.START);
                x += it.width() + 16;
            }
        }
        c.end();
    }
}
