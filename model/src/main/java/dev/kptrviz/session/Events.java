package dev.kptrviz.session;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.runtime.event.Change;
import dev.kptrviz.verifier.RefState;
import dev.kptrviz.verifier.State;

import java.util.List;

/** Translates the runtime's changes and the abstract state's change into session {@link Event}s. */
final class Events {
    private Events() {
    }

    static void concrete(List<Change> changes, List<Event> out) {
        for (Change c : changes) {
            if (c instanceof Change.Call x) {
                out.add(new Event(EventKind.CALL, null, null, x.name()));
            } else if (c instanceof Change.Alloc x) {
                out.add(new Event(EventKind.ALLOC, x.object().id(), null, x.object().typeName()));
            } else if (c instanceof Change.RefcountChange x) {
                out.add(new Event(EventKind.REFCOUNT, x.object().id(), null, x.oldCount() + " -> " + x.newCount()));
            } else if (c instanceof Change.Free x) {
                out.add(new Event(EventKind.FREE, x.object().id(), null, x.linkedIn() == null ? ""
                        : "still linked in " + x.linkedIn().name()));
            } else if (c instanceof Change.InsertOk x) {
                out.add(new Event(EventKind.INSERT_OK, x.object().id(), null, x.collection().name()));
            } else if (c instanceof Change.InsertFailed x) {
                out.add(new Event(EventKind.INSERT_FAILED, x.object().id(), null, x.collection().name()));
            } else if (c instanceof Change.Removed x) {
                out.add(new Event(EventKind.REMOVE, x.object().id(), null, x.collection().name()));
            } else if (c instanceof Change.Drained x) {
                out.add(new Event(EventKind.DRAINED, null, null, x.collection().name()));
            } else if (c instanceof Change.Lock x) {
                out.add(new Event(x.acquired() ? EventKind.LOCK : EventKind.UNLOCK, null, null, x.lock()));
            } else if (c instanceof Change.Printk x) {
                out.add(new Event(EventKind.PRINTK, null, null, x.text()));
            } else if (c instanceof Change.FindingRaised x) {
                out.add(new Event(EventKind.FINDING, null, null, x.kind() + ": " + x.message()));
            }
        }
    }

    /** References acquired and released between two abstract states of the same path. */
    static void refs(List<RefState> before, State after, List<Event> out) {
        if (before.equals(after.refs())) {
            return;
        }
        for (RefState r : after.refs()) {
            if (!before.contains(r)) {
                out.add(new Event(EventKind.REF_ACQUIRED, null, r.id(), "at insn " + r.insn()));
            }
        }
        for (RefState r : before) {
            if (!after.refs().contains(r)) {
                out.add(new Event(EventKind.REF_RELEASED, null, r.id(), "acquired at insn " + r.insn()));
            }
        }
    }

    /** How many registers and spills in the state are non-owning references. */
    static int nonOwning(State s) {
        int n = 0;
        for (var f : s.frames()) {
            for (int r = 0; r < 11; r++) {
                n += f.reg(r).isNonOwning() ? 1 : 0;
            }
            for (int off = -8; off >= -512; off -= 8) {
                Reg a = f.spillAt(off);
                n += a != null && a.isNonOwning() ? 1 : 0;
            }
        }
        return n;
    }
}
