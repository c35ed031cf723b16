package dev.kptrviz.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The debugger's runs (F9 / Shift+F9): where instruction, line, event and conditional breakpoints stop. */
class StopsTest {
    /** double_insert: the second bpf_rbtree_add_impl (the one that fails), and the instruction after it. */
    private static final int SECOND_ADD = 34;

    @Test
    void anEventBreakpointStopsRightAfterTheStepThatFailedTheInsert() {
        Session s = Sessions.open("double_insert");
        s.addBreakpoint(new Breakpoint.OnEvent(EventKind.INSERT_FAILED));
        Stop stop = s.runToStop();
        assertNotNull(stop);
        assertEquals(29, stop.position());
        assertEquals(29, s.position());
        assertEquals(SECOND_ADD, s.record(29).pc(), "the step that led here is the failing add");
        assertEquals(SECOND_ADD + 1, s.snapshot().pc());
        assertEquals("breakpoint: insert failed at step 29", stop.reason());
        OwnershipGraph g = s.snapshot();
        assertEquals(1, g.objects().size());
        assertEquals(1, g.objects().get(0).refcount(), "the failed add dropped m's share");
        assertEquals(List.of(1), g.roots().stream().filter(r -> r.name().equals("groot")).findFirst()
                .orElseThrow().members());

        assertNull(s.runToStop(), "one failed insert only");
        assertEquals(Session.Status.EXITED, s.status());
        assertEquals(41, s.position());
        Stop back = s.reverseToStop();
        assertEquals(29, back.position());
        assertEquals(29, s.position());
        assertNull(s.reverseToStop());
        assertEquals(0, s.position());
    }

    @Test
    void anInstructionBreakpointStopsBeforeItsInstruction() {
        Session s = Sessions.open("double_insert");
        s.addBreakpoint(new Breakpoint.AtInsn(SECOND_ADD));
        Stop stop = s.runToStop();
        assertEquals(28, stop.position());
        assertEquals(SECOND_ADD, s.snapshot().pc(), "the add is the next instruction");
        assertEquals(2, s.snapshot().objects().get(0).refcount(), "not run yet");
        assertEquals("breakpoint: insn 34 at step 28", stop.reason());
        // F9 again does not stop at the same place
        assertNull(s.runToStop());
        assertEquals(Session.Status.EXITED, s.status());
    }

    @Test
    void aLineBreakpointStopsBeforeEachBlockOfTheLine() {
        Session s = Sessions.open("double_insert");
        // line 58: second = bpf_rbtree_add(...) begins at 26, and its result is sign-extended again at 43
        assertEquals(List.of(26, 43), s.lineStarts(58));
        assertEquals(List.of(0), s.lineStarts(50));
        s.addBreakpoint(new Breakpoint.AtLine(58));
        assertEquals(22, s.runToStop().position());
        assertEquals(26, s.snapshot().pc());
        Stop again = s.runToStop();
        assertEquals(43, s.snapshot().pc());
        assertEquals("breakpoint: line 58 at step " + again.position(), again.reason());
        assertNull(s.runToStop());
        assertEquals(again.position(), s.reverseToStop().position());
        assertEquals(22, s.reverseToStop().position());
        assertNull(s.reverseToStop());
    }

    @Test
    void aLineBreakpointDoesNotStopAgainWhenACallbackReturnsIntoTheLine() {
        Session s = Sessions.open("less_and_subprog");
        s.runToEnd();
        // the line of some bpf_rbtree_add call whose less() callback ran within it
        StepRecord call = null;
        for (StepRecord r : s.records()) {
            if (r.events().stream().anyMatch(e -> e.kind() == EventKind.CALL && e.detail().startsWith("bpf_rbtree_add"))
                    && r.step() < s.recorded() && s.record(r.step() + 1).depth() > r.depth()) {
                call = r;
                break;
            }
        }
        assertNotNull(call, "some bpf_rbtree_add ran its callback");
        int line = call.line();
        List<Integer> starts = s.lineStarts(line);
        assertTrue(!starts.contains(call.pc() + 1) || s.line(call.pc()) != line,
                "the instruction after the call is inside the line's block");
        s.seek(0);
        s.addBreakpoint(new Breakpoint.AtLine(line));
        int stopsCounted = 0;
        for (Stop st = s.runToStop(); st != null; st = s.runToStop()) {
            assertTrue(starts.contains(s.snapshot().pc()), "stopped before a block start: " + s.snapshot().pc());
            stopsCounted++;
        }
        long blockEntries = s.records().stream().filter(r -> starts.contains(r.pc())).count();
        assertEquals(blockEntries, stopsCounted, "one stop per block entered, none on returning from less()");
    }

    @Test
    void aConditionIsTestedWhereTheRunStops() {
        Session s = Sessions.open("double_insert");
        // before insn 35 (w7 = w0) r0 holds the failed add's -22; before insn 25 it holds the first add's 0
        s.addBreakpoint(Breakpoint.When.parse(new Breakpoint.AtInsn(25), "r0 == -22"));
        assertNull(s.runToStop());
        s.clearBreakpoints();
        s.seek(0);
        s.addBreakpoint(Breakpoint.When.parse(new Breakpoint.AtInsn(35), "r0 == -0x16"));
        Stop stop = s.runToStop();
        assertEquals(29, stop.position());
        assertEquals(-22, s.machine().register(0, 0).bits());
        assertEquals("breakpoint: insn 35 when r0 == -22 at step 29", stop.reason());
    }

    @Test
    void aConditionalRunFindsTheRightIterationOfALongLoop() {
        Session s = Sessions.open("arith_loop");
        s.addBreakpoint(Breakpoint.When.parse(new Breakpoint.AtInsn(22), "r1 == 4000"));
        Stop stop = s.runToStop();
        assertNotNull(stop);
        assertEquals(4000, s.machine().register(0, 1).bits());
        assertEquals(22, s.snapshot().pc());
        s.runToEnd();
        assertEquals(stop.position(), s.reverseToStop().position());
    }

    @Test
    void conditionsParseOrSayWhatIsWrong() {
        Breakpoint at = new Breakpoint.AtInsn(3);
        assertEquals(new Breakpoint.When(at, 0, Breakpoint.Cmp.EQ, 0), Breakpoint.When.parse(at, "r0 == 0"));
        assertEquals(new Breakpoint.When(at, 10, Breakpoint.Cmp.GE, 255), Breakpoint.When.parse(at, " R10>=0xff "));
        assertEquals(new Breakpoint.When(at, 1, Breakpoint.Cmp.NE, -22), Breakpoint.When.parse(at, "r1 != -22"));
        assertEquals(-1L, Breakpoint.When.parse(at, "r2 < 0xffffffffffffffff").value());
        assertEquals("insn 3 when r1 != -22", Breakpoint.When.parse(at, "r1 != -22").label());
        var noReg = assertThrows(IllegalArgumentException.class, () -> Breakpoint.When.parse(at, "r11 == 0"));
        assertEquals("condition \"r11 == 0\": there is no register r11 (r0 to r10)", noReg.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> Breakpoint.When.parse(at, "x = 1"));
        assertTrue(bad.getMessage().startsWith("condition \"x = 1\": expected"), bad.getMessage());
        var big = assertThrows(IllegalArgumentException.class, () -> Breakpoint.When.parse(at, "r0 == 99999999999999999999"));
        assertTrue(big.getMessage().contains("does not fit in 64 bits"), big.getMessage());
    }

    @Test
    void eventKindsHaveTheDebuggersWords() {
        assertEquals("insert failed", EventKind.INSERT_FAILED.label());
        assertEquals("refcount change", EventKind.REFCOUNT.label());
        assertEquals("non-owning invalidated", EventKind.NON_OWNING_INVALIDATED.label());
        assertEquals("line 58", new Breakpoint.AtLine(58).label());
    }
}
