package dev.kptrviz.session;

import dev.kptrviz.runtime.event.Change;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.State;

import java.util.ArrayList;
import java.util.List;

/** Builds a full {@link StepRecord} from the pair right after a recorded advance (live, or replayed). */
final class Records {
    private Records() {
    }

    /** The full record of the step that led to the current position, from the pair's last (recorded) advance. */
    static StepRecord build(Lockstep pair, long rejectAt, Diagnostic rejection, Integer line) {
        var e = pair.lastEvent();
        List<RegWrite> regs = new ArrayList<>();
        State abs = pair.abstractState();
        for (Change c : e.changes()) {
            if (c instanceof Change.RegWrite w) {
                boolean live = w.depth() <= pair.machine.depth() && pair.machine.frame(w.depth()) != null;
                String concrete = live ? pair.machine.register(w.depth(), w.reg()).toString() : Long.toString(w.newBits());
                String a = abs != null && w.depth() < abs.frames().size()
                        ? abs.frames().get(w.depth()).reg(w.reg()).format() : null;
                regs.add(new RegWrite(w.depth(), w.reg(), w.newBits(), concrete, a));
            }
        }
        List<Event> events = new ArrayList<>(pair.events);
        if (rejectAt == pair.position - 1 && rejection != null) {
            events.add(0, new Event(EventKind.DIAGNOSTIC, null, null, rejection.message()));
        }
        for (Alarm a : pair.alarms) {
            events.add(new Event(EventKind.ALARM, null, null, a.toString()));
        }
        String outcome = pair.abstractLive ? (pair.follower.idle() ? "exited" : "followed")
                : rejectAt >= 0 && rejectAt < pair.position ? "not followed (rejected)"
                : pair.divergence != null ? "diverged" : "not followed";
        return new StepRecord(pair.position, e.run(), e.pc(), e.depth(), e.nextPc(), line,
                List.copyOf(regs), List.copyOf(events), List.copyOf(pair.alarms), outcome);
    }
}
