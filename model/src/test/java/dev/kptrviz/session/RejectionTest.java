package dev.kptrviz.session;

import dev.kptrviz.kfunc.Semantics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session stops before an instruction the verifier rejects; "run anyway" shows what the machine does. */
class RejectionTest {
    @Test
    void stopsAtTheRejectedInstructionThenContinuesAnyway() {
        Session s = Sessions.open("nonowning_to_rbtree_add");
        s.runToEnd();
        assertEquals(Session.Status.REJECTED, s.status());
        assertEquals("arg#1 expected pointer to allocated object", s.rejection().orElseThrow().message());
        assertEquals(s.verdict().error().orElseThrow().message(), s.rejection().orElseThrow().message());
        int pc = s.machine().pc();
        assertEquals(pc, s.rejection().orElseThrow().insn());
        assertTrue(s.snapshot().diagnostics().contains("arg#1 expected pointer to allocated object"));
        assertFalse(s.step(), "stopped until the user continues");
        s.continueAnyway();
        assertTrue(s.step());
        StepRecord r = s.record(s.position());
        assertEquals(pc, r.pc());
        assertTrue(r.has(EventKind.DIAGNOSTIC));
        s.runToEnd();
        assertTrue(s.status() == Session.Status.EXITED || s.status() == Session.Status.HALTED);
        assertTrue(s.alarms().isEmpty(), s.alarms().toString());
    }

    @Test
    void programBtfRefusedStopsBeforeTheFirstInstruction() {
        Session s = Sessions.open("motivating.o", "motivating", Semantics.V6_3);
        assertEquals(Session.Status.REJECTED, s.status());
        assertEquals(0, s.position());
        assertFalse(s.step());
        assertTrue(s.rejection().orElseThrow().message().startsWith("BTF"));
    }
}
