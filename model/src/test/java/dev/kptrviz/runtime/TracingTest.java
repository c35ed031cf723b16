package dev.kptrviz.runtime;

import dev.kptrviz.program.Region;
import dev.kptrviz.runtime.event.Change;
import dev.kptrviz.runtime.event.StepEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One event per instruction, and every event carries old values: undoing all of a run's events
 * from the last to the first brings registers, frames, memory, refcounts, owners, collections and
 * locks back to where the run started.
 */
class TracingTest {
    @ParameterizedTest
    @ValueSource(strings = {"motivating", "double_insert", "fill_list_and_tree", "drain_loop", "stash_in_tree",
        "less_and_subprog", "rbtree_shape"})
    void undoingEveryEventRestoresTheStartState(String program) {
        Machine m = Runs.machine(program);
        List<StepEvent> events = new ArrayList<>();
        m.setListener(events::add);
        m.startRun();
        long[] startRegs = m.frames[0].v.clone();
        Ref[] startRefs = m.frames[0].p.clone();
        RunResult r = m.run();
        assertTrue(r.clean(), r.findings().toString());
        assertEquals(r.steps(), events.size(), "one event per instruction");
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).step() - events.get(0).step() + 1);
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            StepEvent e = events.get(i);
            List<Change> cs = e.changes();
            for (int k = cs.size() - 1; k >= 0; k--) {
                undo(m, cs.get(k));
            }
            m.pc = e.pc();
            assertEquals(e.depth(), m.depth, "frame depth before step " + e.step());
        }
        assertEquals(0, m.depth);
        assertEquals(m.program.main().start(), m.pc);
        assertArrayEquals(startRegs, m.frames[0].v);
        assertArrayEquals(startRefs, m.frames[0].p);
        for (Region reg : m.object.regions()) {
            MemoryObject o = m.space.regionsByName.get(reg.name());
            assertArrayEquals(reg.initial(), o.bytes, reg.name() + " back to its initial bytes");
            for (Ref s : o.slots) {
                assertNull(s);
            }
        }
        for (Collection c : m.collections()) {
            assertEquals(0, c.size(), c.name());
            assertTrue(c.members().isEmpty());
        }
        for (HeapObject o : m.objects()) {
            assertFalse(o.freed, o.name());
            assertEquals(1, o.refcount, "as allocated: " + o.name());
            for (GraphNode n : o.nodes) {
                assertNull(n.owner);
                assertFalse(n.linked);
            }
        }
        assertEquals(0, m.unlockCount);
        assertTrue(m.heldLocks().isEmpty());
    }

    private static void undo(Machine m, Change c) {
        if (c instanceof Change.RegWrite w) {
            m.frames[w.depth()].v[w.reg()] = w.oldBits();
            m.frames[w.depth()].p[w.reg()] = w.oldRef();
        } else if (c instanceof Change.MemWrite w) {
            System.arraycopy(w.oldBytes(), 0, w.object().bytes, w.offset(), w.oldBytes().length);
            System.arraycopy(w.oldSlots(), 0, w.object().slots, w.offset() >> 3, w.oldSlots().length);
        } else if (c instanceof Change.FramePush p) {
            m.frames[p.frame().depth] = null;
            m.depth = p.frame().depth - 1;
        } else if (c instanceof Change.FramePop p) {
            m.frames[p.frame().depth] = p.frame();
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

    @Test
    void eventsNameTheCallsAndHeapChangesInOrder() {
        Machine m = Runs.machine("motivating");
        List<Change> all = new ArrayList<>();
        m.setListener(e -> all.addAll(e.changes()));
        m.run();
        List<String> calls = all.stream().filter(c -> c instanceof Change.Call).map(c -> ((Change.Call) c).name())
                .toList();
        assertEquals(List.of("bpf_obj_new_impl", "bpf_refcount_acquire_impl", "bpf_spin_lock",
                "bpf_list_push_back_impl", "bpf_rbtree_add_impl", "bpf_spin_unlock"), calls);
        assertEquals(2, all.stream().filter(c -> c instanceof Change.InsertOk).count());
        assertEquals(1, all.stream().filter(c -> c instanceof Change.Alloc).count());
        assertEquals(List.of(true, false), all.stream().filter(c -> c instanceof Change.Lock)
                .map(c -> ((Change.Lock) c).acquired()).toList());
    }

    @Test
    void untracedAndTracedRunsAgree() {
        Machine a = Runs.machine("rbtree_shape");
        Machine b = Runs.machine("rbtree_shape");
        b.setListener(e -> { });
        assertEquals(a.run().r0(), b.run().r0());
        assertEquals(HeapReport.of(a), HeapReport.of(b));
    }
}
