package dev.kptrviz.tour;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The highlight keys a stop may name: the ownership graph's element keys ({@code object#ID}, {@code root NAME},
 * {@code ptr FRAME:SLOT}, as {@link dev.kptrviz.session.OwnershipGraph#elementsByKey()} spells them) and the
 * listing's {@code insn N} and {@code line N}.
 */
final class Highlights {
    static final String FORMS = "object#ID, root NAME, ptr FRAME:SLOT, insn N or line N";
    private static final Pattern GRAPH = Pattern.compile("object#\\d+|root \\S.*|ptr \\d+:(?:r\\d+|fp-\\d+)");
    private static final Pattern LISTING = Pattern.compile("(insn|line) (\\d{1,9})");

    private Highlights() {
    }

    static boolean valid(String key) {
        return isGraphKey(key) || LISTING.matcher(key).matches();
    }

    static boolean isGraphKey(String key) {
        return GRAPH.matcher(key).matches();
    }

    /** The instruction index of {@code insn N}, else -1. */
    static int insn(String key) {
        return number(key, "insn");
    }

    /** The C line of {@code line N}, else -1. */
    static int line(String key) {
        return number(key, "line");
    }

    private static int number(String key, String kind) {
        Matcher m = LISTING.matcher(key);
        return m.matches() && m.group(1).equals(kind) ? Integer.parseInt(m.group(2)) : -1;
    }
}
