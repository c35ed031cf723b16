package dev.kptrviz.session;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second drive mode: the verifier's own failing path, walked abstractly. It reaches the verifier's first
 * error even where the concrete run never goes, and over the whole corpus it ends where the verdict does.
 */
class FailingPathWalkTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Example e : Examples.all()) {
            for (Semantics s : List.of(Semantics.V6_3, Semantics.V6_4, Semantics.CURRENT)) {
                out.add(Arguments.of(e.objectFile(), e.program(), s));
            }
        }
        return out.stream();
    }

    static FailingPathWalk walk(String file, String program, Semantics sem) {
        try {
            BpfObject obj = Examples.load(file);
            return Session.openOnFailingPath(obj, obj.program(program).orElseThrow(), sem);
        } catch (LoadException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * less_bad_ret: the tree is empty, so the concrete bpf_rbtree_add never calls less() and the lockstep
     * run exits without meeting the rejection; the walk follows the verifier into the callback instead.
     */
    @Test
    void reachesAnErrorTheConcreteRunNeverMeets() {
        Session s = Sessions.open("less_bad_ret");
        s.runToEnd();
        assertEquals(Session.Status.EXITED, s.status());
        assertTrue(s.rejection().isEmpty());
        Diagnostic want = s.verdict().error().orElseThrow();

        FailingPathWalk w = walk("less_bad_ret.o", "less_bad_ret", Semantics.CURRENT);
        assertTrue(w.reachedError(), w.lostReason());
        Diagnostic got = w.rejection().orElseThrow();
        assertEquals(want.insn(), got.insn());
        assertEquals(want.message(), got.message());
        assertEquals(want.path(), got.path());
        // the path's instructions: main up to the rbtree_add call (ld_imm64 counts once), then less() to its exit
        List<Integer> pcs = w.steps().stream().map(st -> st.record().pc()).toList();
        assertEquals(List.of(0, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 18, 19, 20, 26, 27), pcs);
        assertEquals(pcs.size(), w.steps().size());
        assertEquals(new State.Branch(20, 26, true), got.path().get(got.path().size() - 1));

        StepRecord last = w.steps().get(w.steps().size() - 1).record();
        assertEquals(27, last.pc());
        assertTrue(last.has(EventKind.DIAGNOSTIC));
        assertEquals("rejected", last.abstractOutcome());
        OwnershipGraph end = w.steps().get(w.steps().size() - 1).graph();
        assertTrue(end.abstractOnly());
        assertTrue(end.objects().isEmpty() && end.roots().isEmpty());
        assertEquals(List.of(want.message()), end.diagnostics());
        assertTrue(end.lock().held(), "less() runs under the caller's lock");
        assertTrue(end.pointers().stream().anyMatch(p -> p.frame() == 1 && p.slot().equals("r1")
                && p.abstractKind().equals("non_owning")), end.pointers().toString());
    }

    /** Abstract state along the way: maybe-NULL after bpf_obj_new, owning after the NULL check, one reference. */
    @Test
    void snapshotsShowTheAbstractSideOnly() {
        FailingPathWalk w = walk("less_bad_ret.o", "less_bad_ret", Semantics.CURRENT);
        assertTrue(w.start().abstractOnly());
        assertTrue(w.start().refs().isEmpty());
        FailingPathWalk.Step alloc = w.steps().get(2);
        assertTrue(alloc.record().has(EventKind.REF_ACQUIRED));
        assertNull(alloc.record().regs().get(0).concrete());
        OwnershipGraph g = alloc.graph();
        assertEquals(1, g.refs().size());
        assertTrue(g.pointers().stream().anyMatch(p -> p.slot().equals("r0") && p.abstractKind().equals("maybe_null")
                && p.target() == null && p.concrete() == null));
        assertTrue(g.changes().appeared().contains("ref " + g.refs().get(0).id()), g.changes().toString());
        OwnershipGraph checked = w.steps().get(5).graph();
        assertTrue(checked.pointers().stream().anyMatch(p -> p.slot().equals("r6") && p.abstractKind().equals("owning")));
        assertTrue(w.steps().get(9).record().has(EventKind.LOCK));
    }

    @Test
    void anAcceptedProgramHasNoFailingPath() {
        FailingPathWalk w = walk(Examples.MOTIVATING, "motivating", Semantics.CURRENT);
        assertTrue(w.verdict().accepted());
        assertFalse(w.reachedError());
        assertTrue(w.steps().isEmpty());
    }

    /**
     * Every rejected example under every preset: the walk ends at the verdict's error instruction with the
     * same message, the steps chain (each goes where the next starts), and the branch decisions used are the
     * verifier's. Load-time refusals (insn -1, a missing kfunc) have no path to walk.
     */
    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("cases")
    void endsAtTheVerdictsFirstError(String file, String program, Semantics sem) {
        FailingPathWalk w = walk(file, program, sem);
        if (w.verdict().accepted()) {
            return;
        }
        Diagnostic want = w.verdict().error().orElseThrow();
        assertTrue(w.reachedError(), w.lostReason());
        Diagnostic got = w.rejection().orElseThrow();
        assertEquals(want.insn(), got.insn());
        assertEquals(want.message(), got.message());
        if (want.insn() < 0 || w.steps().isEmpty()) {
            return;
        }
        assertEquals(want.path(), got.path());
        List<FailingPathWalk.Step> steps = w.steps();
        for (int i = 0; i < steps.size(); i++) {
            StepRecord r = steps.get(i).record();
            assertEquals(i + 1L, r.step());
            assertTrue(steps.get(i).graph().abstractOnly());
            if (i + 1 < steps.size()) {
                assertEquals(r.nextPc(), steps.get(i + 1).record().pc(), "step " + r.step());
            }
        }
        assertEquals(want.insn(), steps.get(steps.size() - 1).record().pc());
    }

    @Test
    void traceFailingPathPrintsTheWalk() {
        Path src = Path.of(System.getProperty("kptrviz.repo", ".."), "src");
        String[] r = TraceCliTest.run("trace", "--failing-path", src.resolve("less_bad_ret.o").toString());
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].contains("    19    27: exit"), r[1]);
        assertTrue(r[1].contains("1:r1 [ptr_elem(non_own_ref"), r[1]);
        assertTrue(r[1].contains("verifier rejects insn 27: At callback return the register R0 has smin=2 smax=2"),
                r[1]);
        assertTrue(r[1].contains("summary: 19 steps on the verifier's failing path"), r[1]);
        r = TraceCliTest.run("trace", "--failing-path", "--json", src.resolve("less_bad_ret.o").toString());
        String[] lines = r[1].strip().split("\n");
        assertEquals(21, lines.length, r[1]);
        assertTrue(lines[0].startsWith("{\"step\":1,\"pc\":0,"), lines[0]);
        assertTrue(lines[20].contains("\"steps\":19"), lines[20]);
    }
}
