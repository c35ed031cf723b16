package dev.kptrviz.session;

/**
 * Where {@link Session#runToBreakpoint} stops: after executing an instruction, after any instruction of a C
 * line, after a step with an event of some kind; optionally only when a register of the top frame then
 * compares to a value.
 */
public sealed interface Breakpoint {
    record AtInsn(int pc) implements Breakpoint {
    }

    record AtLine(int line) implements Breakpoint {
    }

    record OnEvent(EventKind kind) implements Breakpoint {
    }

    /** {@code inner}, and register {@code reg} of the top frame after the step {@code op} {@code value}. */
    record When(Breakpoint inner, int reg, Cmp op, long value) implements Breakpoint {
    }

    enum Cmp {
        EQ, NE, LT, LE, GT, GE;

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

    /** True when the step's record matches, ignoring any register condition. */
    default boolean matchesRecord(StepRecord r) {
        if (this instanceof AtInsn a) {
            return r.pc() == a.pc();
        }
        if (this instanceof AtLine l) {
            return r.line() != null && r.line() == l.line();
        }
        if (this instanceof OnEvent e) {
            return r.has(e.kind());
        }
        return ((When) this).inner().matchesRecord(r);
    }
}
