package dev.kptrviz.session;

import dev.kptrviz.runtime.MachineCheckpoint;
import dev.kptrviz.verifier.PathFollower;

/**
 * Both sides of the lockstep pair at one position: the concrete machine's copy and the follower's mark
 * (null when the verifier refused the program before any instruction).
 */
record Checkpoint(long position, MachineCheckpoint concrete, PathFollower.Mark mark, boolean abstractLive) {
    /** Approximate size in bytes (the concrete copy; the abstract mark is estimated). */
    long approximateBytes() {
        return concrete.approximateBytes() + (mark == null ? 0 : mark.approximateBytes());
    }
}
