package dev.kptrviz.app;

import dev.kptrviz.program.ListingLine;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import javafx.scene.Node;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.TwoDimensional;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The program listing in a read-only {@link CodeArea}. Lines arrive formatted from
 * {@code Listing.of}; {@link ListingStyle} colours them by kind. On top of that the view marks
 * what the verifier reported (the error's instruction, the branch decisions on the path to it)
 * and explains a helper or kfunc call when the mouse rests on its name.
 */
final class ListingView {
    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);
    private final Gutter gutter = new Gutter(area);
    private Program program;
    private List<ListingLine> lines = List.of();
    /** Each paragraph's style classes without the current-line mark. */
    private List<List<String>> styles = List.of();
    private int current = -1;
    /** The paragraph of the instruction the stepping session executes next, or -1. */
    private int exec = -1;
    /** The instructions with a breakpoint (toggled by a click in the margin; cleared when another program is shown). */
    private final Set<Integer> breakpoints = new TreeSet<>();
    private Consumer<Set<Integer>> onBreakpoints = b -> { };
    /** The C lines with a breakpoint (dots on their source lines), as the debugger reports them. */
    private final Set<Integer> lineBreakpoints = new TreeSet<>();
    private IntConsumer onLineBreakpoint = line -> { };
    /** A register of the current frame by name (r0..r10), once a stepping session stands somewhere (w1 asks r1). */
    private Function<String, Optional<SessionController.RegRow>> registers = name -> Optional.empty();

    ListingView() {
        area.setId("listing");
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("listing");
        area.setParagraphGraphicFactory(gutter);
        gutter.setOnClick(this::toggleBreakpointAt);
        scroll.getStyleClass().add("listing-scroll");
        new CallHover(area, this::hoverText);
        new RegisterHover(area, offset -> registerAt(offset).flatMap(name ->
                registers.apply("r" + name.substring(1)).map(row -> new RegisterHover.Named(name, row))));
    }

    Node node() {
        return scroll;
    }

    /** Replaces the text with {@code listing} (one paragraph per line), styles it and clears the marks. */
    void show(Program shown, List<ListingLine> listing) {
        program = shown;
        lines = List.copyOf(listing);
        StringBuilder text = new StringBuilder();
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        for (int i = 0; i < lines.size(); i++) {
            ListingLine line = lines.get(i);
            String t = line.text().replace('\n', ' ');
            text.append(t);
            ListingStyle.style(spans, shown, line, t);
            if (i < lines.size() - 1) {
                text.append('\n');
                spans.add(Set.of(), 1);
            }
        }
        area.replaceText(text.toString());
        if (!lines.isEmpty() && text.length() > 0) {
            area.setStyleSpans(0, spans.create());
        }
        current = -1;
        exec = -1;
        tourParagraphs = Set.of();
        breakpoints.clear();
        lineBreakpoints.clear();
        breakpointsChanged();
        mark(-1, null, Map.of());
        area.moveTo(0);
        area.requestFollowCaret();
        area.showParagraphAtTop(0);
    }

    /**
     * Marks the verifier's findings (the current line stays current): {@code errorInsn}'s line in red (none when negative), with
     * {@code errorNote} on its margin marker, and each instruction in {@code branchNotes} (a branch
     * decision on the way to the error) with a subtle mark and its note.
     */
    void mark(int errorInsn, String errorNote, Map<Integer, String> branchNotes) {
        gutter.clear();
        styles = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            ListingLine line = lines.get(i);
            List<String> styles = new ArrayList<>(2);
            styles.add("line-" + line.kind().name().toLowerCase());
            if (line.kind() == ListingLine.Kind.INSN) {
                if (line.insnIndex() == errorInsn) {
                    styles.add("line-error");
                    gutter.mark(i, Gutter.Mark.ERROR, errorNote);
                } else if (branchNotes.containsKey(line.insnIndex())) {
                    styles.add("line-path");
                    gutter.mark(i, Gutter.Mark.PATH, branchNotes.get(line.insnIndex()));
                }
            }
            this.styles.add(styles);
            area.setParagraphStyle(i, styles);
        }
        gutter.setExec(exec);
        setCurrent(current);
        restyle(exec);
        tourParagraphs.forEach(this::restyle);
    }

    /** Marks paragraph {@code line} as the current one (the line Go to error and the tables select). */
    private void setCurrent(int line) {
        int old = current;
        current = line;
        restyle(old);
        restyle(line);
        gutter.setCurrent(line);
        gutter.refresh();
    }

    /** Re-applies paragraph {@code line}'s styles: its kind and markers, then the current and executing marks. */
    private void restyle(int line) {
        if (line < 0 || line >= styles.size()) {
            return;
        }
        List<String> s = new ArrayList<>(styles.get(line));
        if (line == current) {
            s.add("line-current");
        }
        if (line == exec) {
            s.add("line-exec");
        }
        if (tourParagraphs.contains(line)) {
            s.add("line-tour");
        }
        area.setParagraphStyle(line, s);
    }

    // ---- tour highlight (TourPanel) ----

    /** The paragraphs a tour stop highlights. */
    private Set<Integer> tourParagraphs = Set.of();

    /**
     * Highlights the paragraphs of instructions {@code insns} and of C lines {@code cLines} (the source line and
     * every instruction generated from it) for a tour stop, and scrolls the first to the middle; empty sets clear
     * the highlight.
     */
    void highlightTour(Set<Integer> insns, Set<Integer> cLines) {
        Set<Integer> old = tourParagraphs;
        Set<Integer> now = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            ListingLine l = lines.get(i);
            boolean insn = l.kind() == ListingLine.Kind.INSN && insns.contains(l.insnIndex());
            boolean line = l.kind() != ListingLine.Kind.LABEL && program != null && program.lineAt(l.insnIndex())
                    .filter(s -> cLines.contains(s.line())).isPresent();
            if (insn || line) {
                now.add(i);
            }
        }
        tourParagraphs = Set.copyOf(now);
        old.forEach(this::restyle);
        now.forEach(this::restyle);
        if (!now.isEmpty() && area.getScene() != null) {
            // a program shown just now is laid out in the next pulse; scroll after it
            int first = now.iterator().next();
            javafx.scene.Scene scene = area.getScene();
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                if (tourParagraphs.contains(first)) {
                    area.showParagraphAtCenter(first);
                }
            };
            scene.addPostLayoutPulseListener(once[0]);
            javafx.application.Platform.requestNextPulse();
        }
    }

    /** The paragraphs highlighted for the tour (for tests). */
    Set<Integer> tourLines() {
        return tourParagraphs;
    }

    /** Called with the instructions that have a breakpoint whenever they change. */
    void setOnBreakpoints(Consumer<Set<Integer>> listener) {
        onBreakpoints = listener;
    }

    /** Called with a C line number when the margin of one of its source lines is clicked. */
    void setOnLineBreakpoint(IntConsumer listener) {
        onLineBreakpoint = listener;
    }

    /** Where the mouse over text looks up a register's values (r0..r10 of the current frame). */
    void setRegisters(Function<String, Optional<SessionController.RegRow>> lookup) {
        registers = lookup;
    }

    /**
     * A click in paragraph {@code line}'s margin: toggles the breakpoint of its instruction, or of its C line on
     * a source line (labels: nothing).
     */
    void toggleBreakpointAt(int line) {
        if (line >= 0 && line < lines.size() && lines.get(line).kind() == ListingLine.Kind.INSN) {
            int insn = lines.get(line).insnIndex();
            if (!breakpoints.remove(insn)) {
                breakpoints.add(insn);
            }
            breakpointsChanged();
        } else if (sourceLine(line) != null) {
            onLineBreakpoint.accept(sourceLine(line));
        }
    }

    /** The C line number shown by paragraph {@code paragraph} when it is a source line, else null. */
    Integer sourceLine(int paragraph) {
        if (program == null || paragraph < 0 || paragraph >= lines.size()
                || lines.get(paragraph).kind() != ListingLine.Kind.SOURCE) {
            return null;
        }
        return program.lineAt(lines.get(paragraph).insnIndex()).map(SourceLine::line).orElse(null);
    }

    /** The first paragraph showing C line {@code cLine}, or -1. */
    int paragraphOfLine(int cLine) {
        for (int i = 0; i < lines.size(); i++) {
            if (Integer.valueOf(cLine).equals(sourceLine(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Draws the debugger's breakpoints: dots beside instructions {@code insns} and beside every source line of
     * C lines {@code cLines} (no listener is called: this is the debugger telling the listing).
     */
    void showBreakpoints(Set<Integer> insns, Set<Integer> cLines) {
        breakpoints.clear();
        breakpoints.addAll(insns);
        lineBreakpoints.clear();
        lineBreakpoints.addAll(cLines);
        drawBreakpoints();
    }

    Set<Integer> breakpoints() {
        return Set.copyOf(breakpoints);
    }

    private void breakpointsChanged() {
        drawBreakpoints();
        onBreakpoints.accept(Set.copyOf(breakpoints));
    }

    private void drawBreakpoints() {
        Set<Integer> paragraphs = new TreeSet<>();
        for (int insn : breakpoints) {
            paragraphs.add(lineOf(insn));
        }
        if (!lineBreakpoints.isEmpty()) {
            for (int i = 0; i < lines.size(); i++) {
                Integer cLine = sourceLine(i);
                if (cLine != null && lineBreakpoints.contains(cLine)) {
                    paragraphs.add(i);
                }
            }
        }
        gutter.setBreakpoints(paragraphs);
        gutter.refresh();
    }

    /** The paragraph showing instruction {@code insn} itself (not its C line), or -1. */
    int lineOf(int insn) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).kind() == ListingLine.Kind.INSN && lines.get(i).insnIndex() == insn) {
                return i;
            }
        }
        return -1;
    }

    /** Scrolls so the first line belonging to instruction {@code insn} is at the top. */
    void revealInsn(int insn) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).insnIndex() == insn) {
                area.moveTo(i, 0);
                area.showParagraphAtTop(Math.max(0, i - 1));
                return;
            }
        }
    }

    /**
     * Puts the caret on instruction {@code insn}, highlights its line as the current one and
     * scrolls it to the middle of the view; false when the listing has no such instruction.
     */
    boolean goTo(int insn) {
        int line = lineOf(insn);
        if (line < 0) {
            return false;
        }
        area.moveTo(line, 0);
        setCurrent(line);
        area.showParagraphAtCenter(line);
        area.requestFocus();
        return true;
    }

    /**
     * Marks instruction {@code insn} as the one executing next (the stepping debugger's line, with an arrow in
     * the margin) and scrolls it into view if needed ({@code reveal}), without taking the focus or the caret.
     */
    void showExecuting(int insn, boolean reveal) {
        int line = lineOf(insn);
        // Asked before restyling: the listing is still laid out from the last frame, and asking afterwards
        // made it lay itself out again on every step.
        boolean seen = !reveal || line < 0 || comfortablyVisible(line);
        int old = exec;
        exec = line;
        restyle(old);
        restyle(line);
        gutter.moveExec(line);
        if (!seen) {
            area.showParagraphAtCenter(line);
        }
    }

    /** Whether paragraph {@code line} is on screen, not at its very edge. */
    private boolean comfortablyVisible(int line) {
        try {
            return line >= area.firstVisibleParToAllParIndex() + 2 && line <= area.lastVisibleParToAllParIndex() - 2;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The paragraph marked as executing next, or -1 (for tests). */
    int executingLine() {
        return exec;
    }

    /** The paragraph the caret is on (what "Go to error" moves). */
    int caretLine() {
        return area.getCurrentParagraph();
    }

    double scrollY() {
        return area.getEstimatedScrollY();
    }

    void scrollTo(double y, int caretLine) {
        if (caretLine >= 0 && caretLine < area.getParagraphs().size()) {
            area.moveTo(caretLine, 0);
        }
        area.scrollYToPixel(y);
    }

    /** The register named at character {@code offset} of an instruction ({@code r1}, {@code w1}), if any. */
    Optional<String> registerAt(int offset) {
        if (program == null || offset < 0 || offset >= area.getLength()
                || !area.getStyleOfChar(offset).contains("ls-reg")) {
            return Optional.empty();
        }
        TwoDimensional.Position at = area.offsetToPosition(offset, TwoDimensional.Bias.Forward);
        String text = area.getParagraph(at.getMajor()).getText();
        int from = at.getMinor();
        int to = at.getMinor();
        while (from > 0 && Character.isLetterOrDigit(text.charAt(from - 1))) {
            from--;
        }
        while (to < text.length() && Character.isLetterOrDigit(text.charAt(to))) {
            to++;
        }
        return Optional.of(text.substring(from, to));
    }

    /** What the mouse over character {@code offset} explains: the spec of the helper or kfunc named there. */
    Optional<CallDocs.Doc> hoverText(int offset) {
        if (program == null || offset < 0 || offset >= area.getLength()) {
            return Optional.empty();
        }
        TwoDimensional.Position at = area.offsetToPosition(offset, TwoDimensional.Bias.Forward);
        if (at.getMajor() >= lines.size()) {
            return Optional.empty();
        }
        ListingLine line = lines.get(at.getMajor());
        if (line.kind() != ListingLine.Kind.INSN) {
            return Optional.empty();
        }
        Collection<String> style = area.getStyleOfChar(offset);
        if (style.contains("ls-kfunc")) {
            return Optional.ofNullable(program.kfuncCalls().get(line.insnIndex()))
                    .flatMap(call -> CallDocs.kfunc(call.name()));
        }
        if (style.contains("ls-callee")) {
            return ListingStyle.callee(line.text()).flatMap(CallDocs::helper);
        }
        return Optional.empty();
    }
}
