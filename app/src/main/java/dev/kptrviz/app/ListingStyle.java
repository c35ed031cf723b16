package dev.kptrviz.app;

import dev.kptrviz.program.ListingLine;
import dev.kptrviz.program.Program;
import org.fxmisc.richtext.model.StyleSpansBuilder;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours one listing line by kind: labels, C source lines, and in instructions the slot,
 * opcode, registers and callee. Which calls are kfunc calls comes from
 * {@link Program#kfuncCalls()}, not from the text.
 */
final class ListingStyle {
    /** {@code "  17: (85) rest"}: slot, opcode byte, the instruction text. */
    private static final Pattern INSN = Pattern.compile("^(\\s*\\d+:)(\\s*\\([0-9a-fA-F]{2}\\))?(.*)$");
    /** A called helper or kfunc name, optionally followed by {@code #id}; not {@code call pc+N}. */
    private static final Pattern CALL = Pattern.compile("\\bcall\\s+(?!pc[+-])([A-Za-z_][A-Za-z0-9_]*)(#-?\\d+)?");
    private static final Pattern REG = Pattern.compile("\\b(?:r|w)(?:10|[0-9])\\b");
    private static final String SOURCE_AT = " @ ";
    /** The log's trailing annotation on an instruction, e.g. {@code ; glock} or {@code ; insert_key}. */
    private static final String COMMENT = " ; ";

    private ListingStyle() {
    }

    /** The name called by an instruction line ({@code call NAME#id}), if it calls a helper or kfunc. */
    static Optional<String> callee(String text) {
        Matcher m = CALL.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    static void style(StyleSpansBuilder<Collection<String>> spans, Program program,
                              ListingLine line, String t) {
        switch (line.kind()) {
            case LABEL -> add(spans, "ls-label", t.length());
            case SOURCE -> {
                int at = t.lastIndexOf(SOURCE_AT);
                if (at < 0) {
                    add(spans, "ls-source", t.length());
                } else {
                    add(spans, "ls-source", at);
                    add(spans, "ls-source-loc", t.length() - at);
                }
            }
            case INSN -> styleInsn(spans, program, line.insnIndex(), t);
        }
    }

    private static void styleInsn(StyleSpansBuilder<Collection<String>> spans, Program program,
                                  int insn, String t) {
        Matcher m = INSN.matcher(t);
        if (!m.matches()) {
            add(spans, "ls-insn", t.length());
            return;
        }
        add(spans, "ls-slot", m.end(1));
        int from = m.end(1);
        if (m.group(2) != null) {
            add(spans, "ls-opcode", m.end(2) - from);
            from = m.end(2);
        }
        int comment = t.indexOf(COMMENT, from);
        int bodyEnd = comment < 0 ? t.length() : comment;
        styleBody(spans, program.kfuncCalls().containsKey(insn), t, from, bodyEnd);
        if (comment >= 0) {
            // The model names a bpf-to-bpf call's target in the trailing comment.
            add(spans, program.callTargets().containsKey(insn) ? "ls-subprog" : "ls-comment", t.length() - comment);
        }
    }

    /** The instruction body: registers, and the callee of a helper or kfunc call. */
    private static void styleBody(StyleSpansBuilder<Collection<String>> spans, boolean kfunc, String t,
                                  int from, int end) {
        Matcher call = CALL.matcher(t).region(from, end);
        int callName = -1;
        int callEnd = -1;
        int idEnd = -1;
        if (call.find()) {
            callName = call.start(1);
            callEnd = call.end(1);
            idEnd = call.group(2) == null ? callEnd : call.end(2);
        }
        int pos = from;
        Matcher reg = REG.matcher(t).region(from, end);
        while (reg.find()) {
            if (callName >= 0 && reg.start() >= callName) {
                break;
            }
            add(spans, "ls-insn", reg.start() - pos);
            add(spans, "ls-reg", reg.end() - reg.start());
            pos = reg.end();
        }
        if (callName >= pos) {
            add(spans, "ls-insn", callName - pos);
            add(spans, kfunc ? "ls-kfunc" : "ls-callee", callEnd - callName);
            add(spans, "ls-call-id", idEnd - callEnd);
            pos = idEnd;
        }
        add(spans, "ls-insn", end - pos);
    }

    private static void add(StyleSpansBuilder<Collection<String>> spans, String style, int length) {
        if (length > 0) {
            spans.add(Set.of(style), length);
        }
    }
}
