package dev.kptrviz.runtime;

import dev.kptrviz.runtime.event.Change;
import dev.kptrviz.runtime.event.StepEvent;

import java.util.List;

/**
 * Undoing one traced step from its {@link StepEvent}: every change is reverted from the last to the
 * first with the old values it carries (registers, memory bytes and pointer slots, frames, refcounts,
 * frees, node owners, collection shapes, the unlock count), then pc and depth go back. Allocations,
 * findings, printk output and counters are not reverted: use a {@link MachineCheckpoint} for those.
 */
final class Undo {
    private Undo() {
    }

    static void apply(Machine m, StepEvent e) {
        List<Change> cs = e.changes();
        for (int k = cs.size() - 1; k >= 0; k--) {
            revert(m, cs.get(k));
        }
        m.pc = e.pc();
        m.depth = e.depth();
        m.status = Status.RUNNING;
    }

    private static void revert(Machine m, Change c) {
        if (c instanceof Change.RegWrite w) {
            m.frames[w.depth()].v[w.reg()] = w.oldBits();
            m.frames[w.depth()].p[w.reg()] = w.oldRef();
        } else if (c instanceof Change.MemWrite w) {
            System.arraycopy(w.oldBytes(), 0, w.object().bytes, w.offset(), w.oldBytes().length);
            System.arraycopy(w.oldSlots(), 0, w.object().slots, w.offset() >> 3, w.oldSlots().length);
        } else if (c instanceof Change.FramePush p) {
            m.frames[p.frame().depth] = null;
            m.space.stacks[p.frame().depth] = null;
            m.depth = p.frame().depth - 1;
        } else if (c instanceof Change.FramePop p) {
            m.frames[p.frame().depth] = p.frame();
            m.space.stacks[p.frame().depth] = p.frame().stack;
            m.depth = p.frame().depth;
        } else if (c instanceof Change.RefcountChange rc) {
            rc.object().refcount = rc.oldCount();
        } else if (c instanceof Change.Free f) {
            f.object().freed = false;
            f.object().guarded = f.object().specialStart != null;
        } else if (c instanceof Change.NodeOwner n) {
            n.node().owner = n.oldOwner();
            n.node().linked = n.oldLinked();
        } else if (c instanceof Change.Shape s) {
            s.collection().restore(s.before());
        } else if (c instanceof Change.Lock l) {
            if (!l.acquired()) {
                m.unlockCount = l.unlockCount() - 1;
            }
        }
    }
}
