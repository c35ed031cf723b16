package dev.kptrviz.session;

import java.util.List;

/**
 * The compact record of one lockstep step: the instruction executed (step {@code step} takes the session
 * from step-1 to step), where it went, registers written, events and alarms. {@code abstractOutcome} says
 * whether the abstract side followed, exited, rejected or diverged.
 */
public record StepRecord(long step, int run, int pc, int depth, int nextPc, Integer line, List<RegWrite> regs,
                         List<Event> events, List<Alarm> alarms, String abstractOutcome) {
    public boolean has(EventKind k) {
        for (Event e : events) {
            if (e.kind() == k) {
                return true;
            }
        }
        return false;
    }
}
