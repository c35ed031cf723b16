package dev.kptrviz.session;

/** What a step can do that a user may want to stop at. */
public enum EventKind {
    CALL, ALLOC, REFCOUNT, INSERT_OK, INSERT_FAILED, REMOVE, FREE, DRAINED, LOCK, UNLOCK,
    REF_ACQUIRED, REF_RELEASED, NON_OWNING_INVALIDATED, PRINTK, FINDING, DIAGNOSTIC, ALARM
}
