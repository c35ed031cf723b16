package dev.kptrviz.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader for the DOT subset the exports write: {@code digraph NAME { … }} with graph attributes
 * ({@code rankdir=LR;}), node statements ({@code ID [k=v,…];}) and edge statements ({@code ID -> ID [k=v,…];}),
 * IDs bare or quoted. Quoted strings are read as Graphviz reads them: {@code \"} is a quote, every other
 * backslash stays. Anything else is a parse error naming the offset, so a malformed export fails the test.
 */
final class DotParser {
    record Node(String id, Map<String, String> attrs) {
    }

    record EdgeStmt(String from, String to, Map<String, String> attrs) {
    }

    record Graph(String name, Map<String, String> attrs, Map<String, Node> nodes, List<EdgeStmt> edges) {
        List<EdgeStmt> edgesFrom(String id) {
            return edges.stream().filter(e -> e.from().equals(id)).toList();
        }
    }

    private final String s;
    private int i;

    private DotParser(String s) {
        this.s = s;
    }

    static Graph parse(String text) {
        return new DotParser(text).graph();
    }

    /** A label's text as drawn: DOT's escString ({@code \\ \n \l \r}) and record escapes ({@code \{ \| …}) undone. */
    static String labelText(String label) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < label.length(); k++) {
            char ch = label.charAt(k);
            if (ch == '\\' && k + 1 < label.length()) {
                char next = label.charAt(++k);
                b.append(next == 'n' || next == 'l' || next == 'r' ? '\n' : next);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private Graph graph() {
        expectWord("digraph");
        String name = id();
        expect("{");
        Map<String, String> attrs = new LinkedHashMap<>();
        Map<String, Node> nodes = new LinkedHashMap<>();
        List<EdgeStmt> edges = new ArrayList<>();
        while (!peek("}")) {
            String a = id();
            if (peek("=")) {
                expect("=");
                attrs.put(a, id());
            } else if (peek("->")) {
                expect("->");
                String b = id();
                edges.add(new EdgeStmt(a, b, attrList()));
                nodes.putIfAbsent(a, new Node(a, Map.of()));
                nodes.putIfAbsent(b, new Node(b, Map.of()));
            } else {
                Map<String, String> na = attrList();
                if (nodes.containsKey(a) && !nodes.get(a).attrs().isEmpty()) {
                    throw error("node " + a + " declared twice");
                }
                nodes.put(a, new Node(a, na));
            }
            expect(";");
        }
        expect("}");
        skipSpace();
        if (i != s.length()) {
            throw error("text after the graph");
        }
        return new Graph(name, attrs, nodes, edges);
    }

    private Map<String, String> attrList() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!peek("[")) {
            return out;
        }
        expect("[");
        while (!peek("]")) {
            String k = id();
            expect("=");
            out.put(k, id());
            if (peek(",")) {
                expect(",");
            }
        }
        expect("]");
        return out;
    }

    private String id() {
        skipSpace();
        if (i < s.length() && s.charAt(i) == '"') {
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char ch = s.charAt(i++);
                if (ch == '"') {
                    return b.toString();
                }
                if (ch == '\\' && i < s.length() && s.charAt(i) == '"') {
                    b.append('"');
                    i++;
                } else if (ch == '\n') {
                    throw error("raw line break in a string");
                } else {
                    b.append(ch);
                }
            }
        }
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
            i++;
        }
        if (start == i) {
            throw error("expected an ID");
        }
        return s.substring(start, i);
    }

    private void expectWord(String w) {
        if (!id().equals(w)) {
            throw error("expected " + w);
        }
    }

    private boolean peek(String tok) {
        skipSpace();
        return s.startsWith(tok, i);
    }

    private void expect(String tok) {
        if (!peek(tok)) {
            throw error("expected '" + tok + "'");
        }
        i += tok.length();
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private IllegalArgumentException error(String why) {
        return new IllegalArgumentException("DOT offset " + i + ": " + why + " near '"
                + s.substring(i, Math.min(s.length(), i + 30)) + "'");
    }
}
