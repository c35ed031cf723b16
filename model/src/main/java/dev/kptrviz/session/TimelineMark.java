package dev.kptrviz.session;

/**
 * A mark on the timeline: a position worth jumping to (as the step bar counts: after that many instructions),
 * what kind of thing happened there, and a label naming it and the step. A mark may stand for several
 * positions when the recording is long (see {@link TimelineMarks}); it then sits at the first of them.
 */
public record TimelineMark(long position, Category category, String label) {
    /** What the mark is about; the UI gives each one colour. */
    public enum Category {
        /** The verifier's rejection, a runtime finding, a monitor alarm. */
        PROBLEM,
        /** An allocation, a free, a refcount change. */
        HEAP,
        /** A list or rbtree insert (succeeded or failed), a remove, a drained collection. */
        COLLECTION,
        /** A lock taken or released (and the non-owning references an unlock invalidates). */
        LOCK,
        /** A position where one of the breakpoints stops. */
        BREAKPOINT
    }
}
