package dev.kptrviz.tour;

import dev.kptrviz.session.Breakpoint;

/** Where a stop puts the lockstep session. */
public sealed interface StopTarget {
    /** Position {@code step}: after that many instructions ({@code "step": N}). */
    record AtStep(long step) implements StopTarget {
    }

    /**
     * Right after the {@code occurrence}-th step that matches {@code breakpoint} (an instruction that ran, any
     * instruction of a C line, a step with an event of some kind), as {@code Session.runToBreakpoint} stops.
     */
    record RunTo(Breakpoint breakpoint, int occurrence) implements StopTarget {
    }

    /** Where the verifier rejects the next instruction on the run ({@code "runTo": "error"}), or before any. */
    record AtError() implements StopTarget {
    }
}
