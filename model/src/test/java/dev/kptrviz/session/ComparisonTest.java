package dev.kptrviz.session;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
import dev.kptrviz.program.Program;
import dev.kptrviz.session.Difference.Category;
import dev.kptrviz.session.Difference.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two sessions on one program under two rule sets: where they part, and moving them together. */
class ComparisonTest {

    static Comparison open(String program, Semantics left, Semantics right) {
        try {
            BpfObject obj = Examples.load(program + ".o");
            return Comparison.open(obj, obj.program(program).orElseThrow(), left, right, SessionInputs.defaults());
        } catch (LoadException e) {
            throw new AssertionError(e);
        }
    }

    /** The instruction that calls {@code k} (the only such call in the example). */
    static int callOf(Program p, Kfunc k) {
        List<Integer> pcs = p.kfuncCalls().entrySet().stream()
                .filter(e -> Kfunc.byName(e.getValue().name()).orElse(null) == k).map(e -> e.getKey()).toList();
        assertEquals(1, pcs.size(), k + " calls in " + p.name());
        return pcs.get(0);
    }

    @Test
    void motivating63Against64PartsAtLoadBecause63RefusesTheNodeType() {
        Comparison c = open("motivating", Semantics.V6_3, Semantics.V6_4);
        Difference d = c.firstDifference().orElseThrow();
        assertEquals(Scope.LOAD, d.scope());
        assertEquals(Category.VERDICT, d.category());
        assertEquals(0, d.position());
        assertEquals(-1, d.pc());
        assertNull(d.line());
        assertEquals("program load", d.where());
        assertEquals("refused at load: BTF: EINVAL (bpf_list_node and bpf_rb_node in one struct)", d.left());
        assertEquals("loads and runs", d.right());
        assertTrue(d.summary().startsWith("Under 6.3 the program is refused at load, before its first instruction. "
                + "The kernel refuses this program's BTF"), d.summary());
        assertTrue(d.summary().endsWith("Under 6.4 the program loads and runs."), d.summary());
        assertEquals(List.of(d), c.differences(), "6.3 never runs an instruction, so nothing else can be compared");

        // the 6.3 side stays at load while the 6.4 side runs through bpf_rbtree_add to the end
        int rbtreeAdd = callOf(c.left().program(), Kfunc.RBTREE_ADD);
        assertEquals(33, rbtreeAdd);
        assertEquals(Session.Status.REJECTED, c.left().status());
        while (c.step()) {
            assertEquals(0, c.left().position(), "the refused side does not move");
        }
        assertEquals(Session.Status.EXITED, c.right().status());
        assertEquals(0, c.right().result().retval());
        assertTrue(c.right().records().stream().anyMatch(r -> r.pc() == rbtreeAdd && r.has(EventKind.INSERT_OK)));
        assertEquals(33, c.position());
        c.goTo(d);
        assertEquals(0, c.position());
        assertEquals(d, c.differenceHere().orElseThrow());
    }

    @Test
    void doubleInsert63Against64PartsAtLoadOnTheMissingKfunc() {
        Comparison c = open("double_insert", Semantics.V6_3, Semantics.V6_4);
        Difference d = c.firstDifference().orElseThrow();
        assertEquals(Scope.LOAD, d.scope());
        assertEquals(Category.VERDICT, d.category());
        assertEquals("refused at load: libbpf: extern (func ksym) 'bpf_refcount_acquire_impl': not found in kernel "
                + "or module BTFs", d.left());
        assertEquals("loads and runs", d.right());
        assertTrue(d.summary().contains("bpf_refcount_acquire_impl does not exist in 6.3"), d.summary());
        c.seek(1_000);
        assertEquals(0, c.left().position());
        assertEquals(-22, c.right().result().retval(), "6.4: the second add fails with -EINVAL");
    }

    @Test
    void removeUnchecked63Against64PartsAtTheRemoveThenAtTheDereference() {
        Comparison c = open("remove_unchecked", Semantics.V6_3, Semantics.V6_4);
        int remove = callOf(c.left().program(), Kfunc.RBTREE_REMOVE);
        List<Difference> all = c.differences();
        assertEquals(2, all.size(), all.toString());

        Difference first = all.get(0);
        assertEquals(Scope.STEP, first.scope());
        assertEquals(Category.REFERENCE_KIND, first.category());
        assertEquals(remove, first.pc());
        assertEquals("call bpf_rbtree_remove#29", first.insn());
        assertEquals(54, first.line());
        assertEquals("r0 is owning (ref from insn " + remove + ")", first.left());
        assertEquals("r0 is owning, maybe NULL (ref from insn " + remove + ")", first.right());
        assertEquals(List.of("ptr 0:r0"), first.leftKeys());
        assertEquals(List.of("ptr 0:r0"), first.rightKeys());
        assertTrue(first.summary().startsWith("After `call bpf_rbtree_remove#29` (line 54) the verifier's view of "
                + "the pointers differs: under 6.3 r0 is owning"), first.summary());

        Difference second = all.get(1);
        assertEquals(Category.VERDICT, second.category());
        assertEquals("r7 = *(u64 *)(r6 +32)", second.insn());
        assertEquals("accepts it and goes on", second.left());
        assertEquals("refuses it: R6 invalid mem access 'ptr_or_null_'", second.right());
        assertTrue(second.position() > first.position());

        // the scan leaves both at the start; going to the first difference puts both after the remove
        assertEquals(0, c.position());
        c.goTo(first);
        assertEquals(first.position(), c.left().position());
        assertEquals(first.position(), c.right().position());
        assertEquals(remove, c.left().record(c.position()).pc());
        assertEquals("maybe_null", pointer(c.right(), "r0").abstractKind());
        assertEquals("owning", pointer(c.left(), "r0").abstractKind());
        assertEquals(first, c.differenceHere().orElseThrow());

        // on to the refusal: 6.4 stops there, 6.3 goes on
        c.goTo(second);
        assertEquals(Session.Status.REJECTED, c.right().status());
        assertEquals(Session.Status.RUNNING, c.left().status());
        assertTrue(c.step());
        assertEquals(second.position() + 1, c.left().position());
        assertEquals(second.position(), c.right().position(), "the refusing side stays");
        assertTrue(c.stepBack());
        assertEquals(second.position(), c.left().position());
    }

    private static OwnershipGraph.Pointer pointer(Session s, String slot) {
        return s.snapshot().pointers().stream().filter(p -> p.frame() == 0 && p.slot().equals(slot)).findFirst()
                .orElseThrow(() -> new AssertionError("no pointer in " + slot));
    }

    @Test
    void drainLoopAgreesUnder64AndCurrent() {
        Comparison c = open("drain_loop", Semantics.V6_4, Semantics.CURRENT);
        assertTrue(c.differences().isEmpty(), c.differences().toString());
        assertFalse(c.firstDifference().isPresent());
        assertFalse(c.truncated());
        c.seek(Long.MAX_VALUE);
        assertEquals(Session.Status.EXITED, c.left().status());
        assertEquals(Session.Status.EXITED, c.right().status());
        assertEquals(515, c.left().result().retval());
        assertEquals(515, c.right().result().retval());
        assertEquals(c.left().position(), c.right().position());
    }

    @Test
    void stepAndStepBackMoveBothSides() {
        Comparison c = open("drain_loop", Semantics.V6_3, Semantics.V6_4);
        for (int i = 1; i <= 5; i++) {
            assertTrue(c.step());
            assertEquals(i, c.left().position());
            assertEquals(i, c.right().position());
        }
        assertTrue(c.stepBack());
        assertEquals(4, c.left().position());
        assertEquals(4, c.right().position());
        c.seek(0);
        assertFalse(c.stepBack());
    }

    @Test
    void aRuleThatAppearedLaterIsAVerdictDifferenceAtTheCall() {
        Comparison c = open("remove_unadded", Semantics.V6_4, Semantics.CURRENT);
        Difference d = c.firstDifference().orElseThrow();
        assertEquals(Category.VERDICT, d.category());
        assertEquals(callOf(c.left().program(), Kfunc.RBTREE_REMOVE), d.pc());
        assertEquals("refuses it: bpf_rbtree_remove can only take non-owning bpf_rb_node pointer", d.left());
        assertEquals("accepts it and goes on", d.right());
        assertTrue(d.summary().startsWith("Under 6.4 the verifier refuses `call bpf_rbtree_remove#21` (line 48). "),
                d.summary());
    }

    @Test
    void aLayoutDifferenceIsRuntimeAndMarkedOnce() {
        // 6.3 has no bpf_refcount: the field is plain data there, so the object's layout differs from the start
        Comparison c = open("remove_unadded", Semantics.V6_3, Semantics.V6_4);
        Difference d = c.firstDifference().orElseThrow();
        assertEquals(Category.RUNTIME, d.category());
        assertEquals(callOf(c.left().program(), Kfunc.OBJ_NEW), d.pc());
        assertTrue(d.left().startsWith("#1 is live, no refcount"), d.left());
        assertTrue(d.right().startsWith("#1 is live, refcount 1"), d.right());
        assertEquals(List.of("object#1"), d.leftKeys());
        assertEquals(1, c.differences().size(), "the field stays different but is marked where it starts");
    }

    @Test
    void bothRefusingWithDifferentMessagesIsADiagnosticDifference() {
        Comparison c = open("drop_nonowning", Semantics.V6_4, Semantics.CURRENT);
        Difference d = c.firstDifference().orElseThrow();
        assertEquals(Category.DIAGNOSTIC, d.category());
        assertEquals("refuses it: arg#0 expected pointer to allocated object", d.left());
        assertEquals("refuses it: R1 must be referenced or trusted", d.right());
        assertEquals(1, c.differences().size());
    }

    @Test
    void aVerdictOffThePathIsNamedLast() {
        Comparison c = open("less_bad_ret", Semantics.V6_4, Semantics.CURRENT);
        Difference d = c.firstDifference().orElseThrow();
        assertEquals(Scope.ELSEWHERE, d.scope());
        assertEquals(-1, d.position());
        assertEquals(Category.DIAGNOSTIC, d.category());
        assertTrue(d.where().endsWith("off this run's path"), d.where());
        assertTrue(d.right().contains("smin=2 smax=2 should have been in [0, 1]"), d.right());
        c.goTo(d);
        assertEquals(0, c.position(), "nothing to go to");
    }
}
