package dev.kptrviz.session;

import java.util.Locale;

/** What a step can do that a user may want to stop at. */
public enum EventKind {
    CALL, ALLOC, REFCOUNT, INSERT_OK, INSERT_FAILED, REMOVE, FREE, DRAINED, LOCK, UNLOCK,
    REF_ACQUIRED, REF_RELEASED, NON_OWNING_INVALIDATED, PRINTK, FINDING, DIAGNOSTIC, ALARM;

    /** The kind in words, as the debugger names it: {@code insert failed}, {@code non-owning invalidated}. */
    public String label() {
        return switch (this) {
            case REFCOUNT -> "refcount change";
            case NON_OWNING_INVALIDATED -> "non-owning invalidated";
            case FINDING -> "runtime finding";
            case DIAGNOSTIC -> "verifier diagnostic";
            case ALARM -> "monitor alarm";
            default -> name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
