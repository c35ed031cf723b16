/**
 * The lockstep session: the concrete machine drives, the verifier's abstract state follows the same path
 * (one step function for both), a monitor checks concrete ∈ abstract after every step, and snapshots
 * ({@link dev.kptrviz.session.OwnershipGraph}) serve the CLI and the UI. Decision: time travel replays
 * deterministically from the start (the runtime cannot be restored from outside its package), with
 * abstract checkpoints every {@link dev.kptrviz.session.Session#CHECKPOINT_EVERY} steps. A second drive mode,
 * {@link dev.kptrviz.session.FailingPathWalk}, has no concrete side: it walks the verifier's own branch
 * decisions to its first error and shows abstract-only snapshots. {@link dev.kptrviz.session.Comparison} moves two
 * sessions on one program under two rule sets together and reports where they part
 * ({@link dev.kptrviz.session.Difference}): positions correspond because both machines run the same code.
 * The debugger's runs and the timeline's marks
 * ({@link dev.kptrviz.session.Stops}, {@link dev.kptrviz.session.TimelineMarks}) read the compact trace (pc and
 * event mask per step) and replay only where a register condition must be tested.
 */
package dev.kptrviz.session;
