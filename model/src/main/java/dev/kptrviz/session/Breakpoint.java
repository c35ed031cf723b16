package dev.kptrviz.session;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@link Session#runToBreakpoint} stops: after executing an instruction, after any instruction of a C
 * line, after a step with an event of some kind; optionally only when a register of the top frame then
 * compares to a value.
 *
 * <p>The debugger's runs ({@link Session#runToStop}, {@link Session#reverseToStop}) place the same
 * breakpoints the way a source debugger does (see {@link Stops}): an instruction breakpoint stops before its
 * instruction runs, a line breakpoint before the first instruction of each block of that line, an event
 * breakpoint right after the step that produced the event; a condition is tested where the run stops.
 */
public sealed interface Breakpoint {
    record AtInsn(int pc) implements Breakpoint {
    }

    record AtLine(int line) implements Breakpoint {
    }

    record OnEvent(EventKind kind) implements Breakpoint {
    }

    /**
     * {@code inner}, and register {@code reg} of the top frame {@code op} {@code value}: after the step for
     * {@link Session#runToBreakpoint}, at the stop position for the debugger's runs.
     */
    record When(Breakpoint inner, int reg, Cmp op, long value) implements Breakpoint {
        /** {@code rN OP value}: OP one of == != < <= > >=, value decimal or 0x hex, optionally negative. */
        private static final Pattern CONDITION = Pattern.compile(
                "\\s*[rR](\\d{1,2})\\s*(==|!=|<=|>=|<|>)\\s*(-?)(0[xX][0-9a-fA-F]+|\\d+)\\s*");

        /** {@code r0 == 0}. */
        public String condition() {
            return "r" + reg + " " + op.symbol() + " " + value;
        }

        /**
         * {@code inner} with the condition written as {@code r0 == 0} (signed 64-bit comparison on the top frame).
         *
         * @throws IllegalArgumentException naming the text and what was expected
         */
        public static When parse(Breakpoint inner, String condition) {
            Matcher m = CONDITION.matcher(condition == null ? "" : condition);
            if (!m.matches()) {
                throw new IllegalArgumentException("condition \"" + condition + "\": expected a register, a comparison "
                        + "and a number, e.g. r0 == 0 or r1 != -22");
            }
            int reg = Integer.parseInt(m.group(1));
            if (reg > 10) {
                throw new IllegalArgumentException("condition \"" + condition + "\": there is no register r" + reg
                        + " (r0 to r10)");
            }
            Cmp op = switch (m.group(2)) {
                case "==" -> Cmp.EQ;
                case "!=" -> Cmp.NE;
                case "<" -> Cmp.LT;
                case "<=" -> Cmp.LE;
                case ">" -> Cmp.GT;
                default -> Cmp.GE;
            };
            String digits = m.group(4);
            long value;
            try {
                value = digits.length() > 2 && (digits.charAt(1) == 'x' || digits.charAt(1) == 'X')
                        ? Long.parseUnsignedLong(digits.substring(2), 16) : Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("condition \"" + condition + "\": " + digits
                        + " does not fit in 64 bits");
            }
            return new When(inner, reg, op, m.group(3).isEmpty() ? value : -value);
        }
    }

    /** Comparisons of a register's 64 bits as a signed number. */
    enum Cmp {
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Cmp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        boolean test(long a, long b) {
            return switch (this) {
                case EQ -> a == b;
                case NE -> a != b;
                case LT -> a < b;
                case LE -> a <= b;
                case GT -> a > b;
                case GE -> a >= b;
            };
        }
    }

    /** The breakpoint in words: {@code insn 33}, {@code line 58}, {@code insert failed}, {@code insn 33 when r0 == 0}. */
    default String label() {
        if (this instanceof AtInsn a) {
            return "insn " + a.pc();
        }
        if (this instanceof AtLine l) {
            return "line " + l.line();
        }
        if (this instanceof OnEvent e) {
            return e.kind().label();
        }
        When w = (When) this;
        return w.inner().label() + " when " + w.condition();
    }

    /** The breakpoint without its register conditions. */
    default Breakpoint location() {
        return this instanceof When w ? w.inner().location() : this;
    }
}
