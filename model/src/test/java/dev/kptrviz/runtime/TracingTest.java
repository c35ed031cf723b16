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
            m.undo(e);
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

    @ParameterizedTest
    @ValueSource(strings = {"motivating", "double_insert", "fill_list_and_tree", "drain_loop", "stash_in_tree",
        "less_and_subprog", "rbtree_shape"})
    void restoringACheckpointReproducesTheRun(String program) {
        Machine m = Runs.machine(program);
        m.startRun();
        for (int i = 0; i < 7 && m.step(); i++) {
            // a few steps in
        }
        MachineCheckpoint c = m.checkpoint();
        RunResult first = m.run();
        String heap = HeapReport.of(m).toString();
        m.restore(c);
        assertEquals(c.steps(), m.steps());
        RunResult again = m.run();
        assertEquals(first, again);
        assertEquals(heap, HeapReport.of(m).toString());
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
