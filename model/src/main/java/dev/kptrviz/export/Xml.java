package dev.kptrviz.export;

/** Escaping for XML 1.0 text and attribute values, and a safe element id. */
final class Xml {
    private Xml() {
    }

    /**
     * Character data: {@code & < >} escaped; characters XML 1.0 cannot carry at all (controls other than tab, line
     * feed and carriage return, lone surrogates, U+FFFE/U+FFFF) become U+FFFD.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    if (allowed(cp)) {
                        b.appendCodePoint(cp);
                    } else {
                        b.append('\uFFFD');
                    }
                }
            }
        }
        return b.toString();
    }

    /**
     * An attribute value in double quotes (as every attribute here is written): text escaping plus the double
     * quote and the whitespace a parser would fold into spaces.
     */
    static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;");
    }

    /** An id made of letters, digits, {@code - _ .} only (others become {@code _}), starting with a letter. */
    static String id(String s) {
        StringBuilder b = new StringBuilder();
        for (char ch : s.toCharArray()) {
            b.append(ch < 128 && (Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.') ? ch : '_');
        }
        return b.length() == 0 || !Character.isLetter(b.charAt(0)) ? "x" + b : b.toString();
    }

    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD
                || cp >= 0x10000 && cp <= 0x10FFFF;
    }
}
