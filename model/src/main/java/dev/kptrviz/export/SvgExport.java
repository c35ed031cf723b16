package dev.kptrviz.export;

import dev.kptrviz.session.OwnershipGraph;

/**
 * The ownership graph of one step as a self-contained SVG document, drawn as the app draws it ({@link GraphLayout},
 * {@link GraphPainter}). Groups carry ids and classes a reader or a test can find: {@code obj-1} (class
 * {@code card}), {@code root-ghead}, {@code src-0-r6}, and per arrow {@code ptr-0-r6} with a path of class
 * {@code edge pointer non_owning}.
 */
public final class SvgExport {
    private SvgExport() {
    }

    /** The graph in the layout {@link GraphLayout#of(OwnershipGraph)}; {@code program} (may be null) heads the title. */
    public static String of(OwnershipGraph g, String program) {
        return of(GraphLayout.of(g), program, null);
    }

    /** {@code program} and {@code source}, the C text of the graph's line, may be null. */
    public static String of(GraphLayout layout, String program, String source) {
        SvgCanvas canvas = new SvgCanvas();
        GraphPainter painter = new GraphPainter(layout, program, source, canvas);
        painter.paint(canvas);
        OwnershipGraph g = layout.graph();
        String title = (program == null ? "" : program + ": ") + "ownership graph at step " + g.step();
        String desc = "KptrViz: heap objects, collections and pointers after step " + g.step() + ", next instruction "
                + g.pc() + " (" + g.insn() + "), " + GraphPainter.rulesLabel(g.semantics()) + " rules";
        return canvas.document(painter.width(), painter.height(), title, desc);
    }
}
