package dev.kptrviz.runtime;

/** Where a machine's current run is. */
public enum Status {
    /** Not started yet (the next step starts a run). */
    READY,
    RUNNING,
    /** Frame 0 executed exit; r0 is the return value. */
    EXITED,
    /** A fatal finding stopped the run. */
    HALTED,
    /** The step limit was reached. */
    STEP_LIMIT
}
