package dev.kptrviz.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** semantics.md section 7, step by step, on the lockstep session's snapshots. */
class MotivatingTest {
    private static StepRecord runToCall(Session s, String kfunc) {
        s.clearBreakpoints();
        s.addBreakpoint(new Breakpoint.OnEvent(EventKind.CALL));
        StepRecord r;
        do {
            Stop stop = s.runToStop();
            assertNotNull(stop, "no call of " + kfunc);
            r = s.record(stop.position());
        } while (r.events().stream().noneMatch(e -> e.kind() == EventKind.CALL && e.detail().startsWith(kfunc)));
        return r;
    }

    private static List<Pointer> kinds(OwnershipGraph g, String kind) {
        return g.pointers().stream().filter(p -> p.abstractKind().equals(kind)).toList();
    }

    @Test
    void section7StepByStep() {
        for (Semantics sem : List.of(Semantics.V6_4, Semantics.CURRENT)) {
            Session s = Sessions.open("motivating.o", "motivating", sem);

            runToCall(s, "bpf_obj_new");
            OwnershipGraph g = s.snapshot();
            assertEquals(1, g.objects().size());
            ObjectNode x = g.objects().get(0);
            assertEquals(1, x.refcount());
            assertTrue(x.owners().isEmpty());
            assertEquals(List.of("r0"), kinds(g, "maybe_null").stream().map(Pointer::slot).toList(),
                    "S1: R0 is an owning ref that may be NULL");
            assertEquals(1, g.refs().size());
            assertEquals(x.id(), g.refs().get(0).objectId());

            runToCall(s, "bpf_refcount_acquire");
            g = s.snapshot();
            assertEquals(2, g.objects().get(0).refcount());
            assertEquals(2, g.refs().size());
            assertEquals(2, kinds(g, "owning").stream().map(Pointer::refId).distinct().count(),
                    "S3: two owning registers with different ref ids");

            runToCall(s, "bpf_spin_lock");
            assertTrue(s.snapshot().lock().held());

            runToCall(s, "bpf_list_push_back");
            OwnershipGraph g5 = s.snapshot();
            assertEquals(List.of(x.id()), root(g5, "ghead").members());
            assertEquals(1, g5.refs().size(), "S5: A released");
            assertFalse(kinds(g5, "non_owning").isEmpty(), "S5: the pushed register is non-owning");
            assertTrue(g5.pointers().stream().filter(p -> p.abstractKind().equals("owning")).allMatch(
                    p -> p.refId().equals(g5.refs().get(0).id())), "S5: m is still owning");
            assertTrue(g5.changes().changed().contains("object#" + x.id()));

            runToCall(s, "bpf_rbtree_add");
            OwnershipGraph g6 = s.snapshot();
            assertEquals(List.of(x.id()), root(g6, "groot").members());
            assertEquals(List.of(x.id()), root(g6, "ghead").members());
            assertEquals(2, g6.objects().get(0).refcount());
            assertEquals(2, g6.objects().get(0).owners().size());
            assertTrue(g6.refs().isEmpty(), "S6: the reference table is empty");
            assertTrue(kinds(g6, "owning").isEmpty(), "S6: no owning reference left");
            assertEquals(2, kinds(g6, "non_owning").size());

            runToCall(s, "bpf_spin_unlock");
            OwnershipGraph g7 = s.snapshot();
            assertFalse(g7.lock().held());
            assertTrue(kinds(g7, "non_owning").isEmpty(), "S7: no non-owning ref survives the unlock");
            assertEquals(2, kinds(g7, "invalidated").size());
            assertTrue(s.record(s.position()).has(EventKind.NON_OWNING_INVALIDATED));

            s.runToEnd();
            assertEquals(Session.Status.EXITED, s.status());
            assertEquals(0, s.result().retval());
            assertTrue(s.alarms().isEmpty());
        }
    }

    /** The reference table empties exactly when the kernel's does: at the rbtree_add, never before. */
    @Test
    void referenceTableEmptiesAtTheRbtreeAdd() {
        Session s = Sessions.open("motivating");
        long firstEmptyAfterAlloc = -1;
        boolean allocated = false;
        while (s.step()) {
            StepRecord r = s.record(s.position());
            allocated |= r.has(EventKind.ALLOC);
            if (allocated && firstEmptyAfterAlloc < 0 && s.abstractState().refs().isEmpty()) {
                firstEmptyAfterAlloc = s.position();
                assertTrue(r.events().stream().anyMatch(e -> e.kind() == EventKind.CALL
                        && e.detail().startsWith("bpf_rbtree_add")), r.toString());
            }
        }
        assertTrue(firstEmptyAfterAlloc > 0);
    }

    @Test
    void snapshotsSerializeToJsonWithTheSchemaKeys() throws Exception {
        Session s = Sessions.open("motivating");
        runToCall(s, "bpf_rbtree_add");
        String json = new ObjectMapper().writeValueAsString(s.snapshot());
        for (String key : List.of("\"step\"", "\"pc\"", "\"insn\"", "\"line\"", "\"objects\"", "\"roots\"",
                "\"pointers\"", "\"refs\"", "\"lock\"", "\"diagnostics\"", "\"findings\"", "\"alarms\"",
                "\"changes\"", "\"appeared\"", "\"refcount\"", "\"abstractKind\"", "\"members\"")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
    }

    @Test
    void breakpointsByInsnLineAndConditionForwardAndBackward() {
        Session s = Sessions.open("motivating");
        s.runToEnd();
        long end = s.position();
        StepRecord unlock = s.records().stream().filter(r -> r.has(EventKind.UNLOCK)).findFirst().orElseThrow();
        s.seek(0);
        s.addBreakpoint(new Breakpoint.AtInsn(unlock.pc()));
        // an instruction breakpoint stops before its instruction runs
        assertEquals(unlock.step() - 1, s.runToStop().position());
        assertEquals(unlock.pc(), s.snapshot().pc());
        s.clearBreakpoints();
        s.addBreakpoint(new Breakpoint.OnEvent(EventKind.REFCOUNT));
        Stop back = s.reverseToStop();
        assertNotNull(back);
        assertTrue(s.record(back.position()).has(EventKind.REFCOUNT), "an event stops right after its step");
        assertEquals(back.position(), s.position());
        assertNull(s.reverseToStop(), "only one refcount change before");
        assertEquals(0, s.position());
        s.clearBreakpoints();
        s.addBreakpoint(new Breakpoint.AtLine(unlock.line()));
        s.runToStop();
        assertEquals(unlock.line(), s.line(s.snapshot().pc()));
        s.clearBreakpoints();
        // r0 = 0 is written only at the end (the return value)
        s.seek(0);
        s.addBreakpoint(new Breakpoint.When(new Breakpoint.OnEvent(EventKind.CALL), 0, Breakpoint.Cmp.EQ, 0));
        assertNotNull(s.runToStop());
        assertEquals(0, s.machine().register(0, 0).bits());
        s.clearBreakpoints();
        s.seek(end);
        assertEquals(Session.Status.EXITED, s.status());
    }

    private static OwnershipGraph.Root root(OwnershipGraph g, String name) {
        return g.roots().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
