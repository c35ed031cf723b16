package dev.kptrviz.app;

import dev.kptrviz.verifier.Verdict;
import javafx.scene.Node;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The verifier's log as the kernel prints it at log level 2, read-only and lightly coloured:
 * C lines, instructions, the register state after them, the error and the summary. A log too
 * long to read (a loop verified many times) keeps its beginning and its end, where the error is.
 */
final class VerifierLogView {
    static final int HEAD_LINES = 2_000;
    static final int TAIL_LINES = 8_000;
    private static final Pattern INSN = Pattern.compile("^\\d+: \\([0-9a-f]{2}\\).*");
    private static final Pattern STATE = Pattern.compile("^\\d+: (R\\d|frame|refs).*");
    private static final String COMMENT = " ; ";

    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> scroll = new VirtualizedScrollPane<>(area);

    VerifierLogView() {
        area.setId("verifierLog");
        area.setEditable(false);
        area.setWrapText(false);
        area.getStyleClass().add("verifier-log");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    }

    Node node() {
        return scroll;
    }

    String text() {
        return area.getText();
    }

    void show(Verdict verdict) {
        List<String> all = verdict.log().isEmpty() ? List.of() : List.of(verdict.log().split("\n", -1));
        if (!all.isEmpty() && all.get(all.size() - 1).isEmpty()) {
            all = all.subList(0, all.size() - 1);
        }
        if (all.isEmpty()) {
            String why = verdict.error().map(d -> d.message()).orElse("no log");
            set(List.of("; The kernel printed no verifier log: the program was refused before verification.",
                    "; " + why), Set.of());
            return;
        }
        Set<String> errors = new HashSet<>();
        verdict.error().ifPresent(d -> errors.addAll(d.kernelLines()));
        set(shorten(all), errors);
        if (!verdict.accepted()) {
            area.moveTo(area.getParagraphs().size() - 1, 0);
            area.showParagraphAtBottom(area.getParagraphs().size() - 1);
        }
    }

    void clear() {
        area.replaceText("");
    }

    private static List<String> shorten(List<String> all) {
        if (all.size() <= HEAD_LINES + TAIL_LINES) {
            return all;
        }
        List<String> out = new ArrayList<>(all.subList(0, HEAD_LINES));
        out.add("… " + (all.size() - HEAD_LINES - TAIL_LINES) + " lines of " + all.size()
                + " not shown (the beginning and the end of the log are kept) …");
        out.addAll(all.subList(all.size() - TAIL_LINES, all.size()));
        return out;
    }

    private void set(List<String> lines, Set<String> errors) {
        StringBuilder text = new StringBuilder();
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            text.append(l);
            style(spans, l, errors);
            if (i < lines.size() - 1) {
                text.append('\n');
                spans.add(Set.of(), 1);
            }
        }
        area.replaceText(text.toString());
        if (text.length() > 0) {
            area.setStyleSpans(0, spans.create());
        }
        area.moveTo(0);
        area.showParagraphAtTop(0);
    }

    private static void style(StyleSpansBuilder<Collection<String>> spans, String l, Set<String> errors) {
        if (l.isEmpty()) {
            return;
        }
        if (errors.contains(l)) {
            spans.add(Set.of("log-error"), l.length());
        } else if (l.startsWith(";")) {
            spans.add(Set.of("log-source"), l.length());
        } else if (l.startsWith("processed ") || l.startsWith("… ")) {
            spans.add(Set.of("log-summary"), l.length());
        } else if (INSN.matcher(l).matches()) {
            int c = l.indexOf(COMMENT);
            spans.add(Set.of("log-insn"), c < 0 ? l.length() : c);
            if (c >= 0) {
                spans.add(Set.of("log-state"), l.length() - c);
            }
        } else if (STATE.matcher(l).matches()) {
            spans.add(Set.of("log-state"), l.length());
        } else {
            spans.add(Set.of("log-other"), l.length());
        }
    }
}
