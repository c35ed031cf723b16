package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.kptrviz.kfunc.FindingKind.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run "anyway": every program the verifier rejects (per examples.tsv, under each rule set) shows
 * at runtime the finding that explains the rejection; every accepted one runs clean.
 */
class VerdictFindingsTest {
    /**
     * One rejected (program, rules) pair: the fault plan to apply, the kinds that must be reported
     * (the first one first), the instruction of the first (-1: any) and, for clean runs, the result.
     */
    record Case(String program, Semantics sem, String fault, List<FindingKind> kinds, int insn, Long retval,
                int runs) {
    }

    private static Case c(String program, Semantics sem, int insn, FindingKind... kinds) {
        return new Case(program, sem, null, List.of(kinds), insn, null, 1);
    }

    /** Checked on the second run: the first one inserts into an empty tree, where less() is never called. */
    private static Case secondRun(String program, Semantics sem, int insn, FindingKind... kinds) {
        return new Case(program, sem, null, List.of(kinds), insn, null, 2);
    }

    private static Case faulted(String program, Semantics sem, String fault, int insn, FindingKind... kinds) {
        return new Case(program, sem, fault, List.of(kinds), insn, null, 1);
    }

    private static final Semantics V63 = Semantics.V6_3;
    private static final Semantics V64 = Semantics.V6_4;
    private static final Semantics CUR = Semantics.CURRENT;

    static final List<Case> CASES = new ArrayList<>();

    static {
        for (Semantics s : List.of(V63, V64, CUR)) {
            // The program BTF is refused (list node + rb node, no bpf_refcount / any under 6.3): reported
            // where bpf_obj_new first allocates the type. Nothing else goes wrong at runtime.
            CASES.add(c("no_refcount", s, 3, BAD_TYPE));
            // A non-owning pointer is read after unlock: the object is still in the tree, so the read
            // "works", but it is exactly the access the verifier forbids.
            CASES.add(c("use_after_unlock", s, 24, NON_OWNING_AFTER_UNLOCK));
            // bpf_obj_drop of a pointer the tree owns. struct elem has no bpf_refcount, so the kernel's
            // __bpf_obj_drop_impl frees it at once while groot still links it: a dangling tree node
            // (and a double free when the map is freed, see the teardown test below).
            CASES.add(c("drop_nonowning", s, 26, NOT_OWNED, FREE_WHILE_LINKED));
            // Nothing drops, inserts or stashes the object: reported at its allocation instruction.
            CASES.add(c("leak_owning", s, 3, LEAK));
            // The allocation only fails when memory runs out: injected, the unchecked store oopses.
            CASES.add(faulted("obj_new_no_null_check", s, "bpf_obj_new_impl:1", 5, NULL_DEREFERENCE));
            // The tree is changed without its lock (a data race in the kernel).
            CASES.add(c("insert_without_lock", s, 16, LOCK_NOT_HELD));
            // The lock held is lock_b, but root_a is guarded by lock_a in .data.A.
            CASES.add(c("wrong_lock", s, 20, LOCK_NOT_HELD));
            // The unmasked index sends the read far past the 64-byte .bss (seeded prandom).
            CASES.add(c("var_index_unbounded", s, 6, OUT_OF_BOUNDS));
            // glock is still held at exit (the next run's bpf_spin_lock would spin forever).
            CASES.add(c("lock_not_released", s, 22, LOCK_HELD_AT_EXIT));
            // bpf_obj_drop inside the critical section.
            CASES.add(c("drop_under_lock", s, 27, CALL_UNDER_LOCK));
            // The list is popped without its lock.
            CASES.add(c("pop_without_lock", s, 24, LOCK_NOT_HELD));
            // A struct pear pushed to a list of struct apple: the kernel would link a node at the wrong
            // offset of the wrong type; the emulator refuses to pretend and stops.
            CASES.add(c("push_wrong_type", s, 37, INVALID_ARGUMENT));
            // The wrong node field of the right type (offset 32 instead of 8): the same, stop.
            CASES.add(c("push_wrong_field", s, 18, INVALID_ARGUMENT));
            // Program code reads the hidden "next" word of a bpf_list_node (a raw kernel pointer).
            CASES.add(c("direct_node_access", s, 9, SPECIAL_FIELD_ACCESS));
            // bpf_obj_drop of &e->ll instead of e: the kernel would free an address 8 bytes into the object.
            CASES.add(c("drop_node_ptr", s, 30, INVALID_ARGUMENT));
            // less() calls bpf_rbtree_remove while the add walks the tree (less() only runs once the tree
            // is not empty: second run). At runtime the new node has no owner yet, so remove returns NULL.
            CASES.add(secondRun("remove_in_less", s, 29, NOT_ALLOWED_IN_CALLBACK));
            // less() returns 2: the kernel takes it as true, the verifier wants 0 or 1 (second run again).
            CASES.add(secondRun("less_bad_ret", s, 20, BAD_RETURN));
            // The only owning pointer is spilled to the stack and never given back: a leak.
            CASES.add(c("spill_leak", s, 3, LEAK));
            // Unlocks lock_b while holding lock_a: lock_b was not held, lock_a stays held at exit.
            CASES.add(c("unlock_different_lock", s, 19, UNLOCK_NOT_HELD, LOCK_HELD_AT_EXIT));
            // A pointer to a struct with a bpf_list_node passed to a global (separately verified) function.
            CASES.add(c("global_subprog_node", s, 10, INVALID_ARGUMENT));
        }
        for (Semantics s : List.of(V64, CUR)) {
            // The second push of the same (non-refcounted) node: the first push made the pointer non-owning;
            // at runtime the owner check fails, the kernel drops the reference - freeing the node the
            // list still links - and returns -EINVAL.
            CASES.add(c("push_twice", s, 24, NOT_OWNED, FREE_WHILE_LINKED));
        }
        // Under 6.3 inserts cannot fail: the second push would corrupt the list.
        CASES.add(c("push_twice", V63, 24, NOT_OWNED, COLLECTION_CORRUPTION));
        // bpf_refcount_acquire and bpf_list_front/back do not exist yet under these rules.
        CASES.add(c("acquire_nonowning_checked", V63, 23, UNAVAILABLE));
        CASES.add(c("list_front_back", V63, 69, UNAVAILABLE));
        CASES.add(c("list_front_back", V64, 69, UNAVAILABLE));
        for (Semantics s : List.of(V64, CUR)) {
            // After the push, n is non-owning; the add consumes it anyway. At runtime the rb node is
            // free, so the add succeeds: the object ends up in two collections with refcount 1.
            CASES.add(c("nonowning_to_rbtree_add", s, 27, NOT_OWNED, REFCOUNT_MISMATCH));
            // bpf_rbtree_remove is fallible since 6.4; here it cannot fail (the node is first in the
            // tree under the lock), so a NULL result is injected: container_of(NULL)->key oopses.
            CASES.add(faulted("remove_unchecked", s, "bpf_rbtree_remove:1", 37, NULL_DEREFERENCE));
            // struct elem has no bpf_refcount: refcount_off is -1, so the kernel bumps 4 bytes at
            // offset -1 and hands out a second "owning" pointer; its drop frees the tree's node.
            CASES.add(c("acquire_no_refcount", s, 11, NO_REFCOUNT, FREE_WHILE_LINKED));
        }
        // Since 6.5 acquiring from a non-owning ref may fail (the count may already be 0); injected,
        // the unchecked bpf_obj_drop(NULL) dereferences NULL to decrement the refcount.
        CASES.add(faulted("acquire_nonowning_unchecked", CUR, "bpf_refcount_acquire_impl:1", 30, NULL_DEREFERENCE));
        // Before 6.16 bpf_rbtree_remove refused owning refs; at runtime the never-added node simply
        // gives NULL back (6.4: its rb links are empty) - nothing goes wrong, which is why 6.16 relaxed it.
        CASES.add(new Case("remove_unadded", V64, null, List.of(), -1, 50L, 1));
        // Under 6.3 remove cannot fail: the kernel would rb_erase a node that is in no tree.
        CASES.add(c("remove_unadded", V63, 16, COLLECTION_CORRUPTION));
        // Static subprogram calls under a lock are allowed only since 6.9.
        CASES.add(c("subprog_under_lock", V64, 21, CALL_UNDER_LOCK));
        CASES.add(c("subprog_under_lock", V63, 21, CALL_UNDER_LOCK));
        // bpf_rbtree_root/left/right exist only since 6.16.
        CASES.add(c("rbtree_shape", V64, -1, UNAVAILABLE));
        CASES.add(c("rbtree_shape", V63, -1, UNAVAILABLE));
        // 6.3: a struct with both node kinds is refused at BTF load (bpf_refcount means nothing yet).
        CASES.add(c("motivating", V63, 3, BAD_TYPE, UNAVAILABLE, REFCOUNT_MISMATCH));
        CASES.add(c("nonowning_to_rbtree_add", V63, 3, BAD_TYPE, NOT_OWNED));
        CASES.add(c("fill_list_and_tree", V63, 4, BAD_TYPE));
        CASES.add(c("pop_then_add", V63, 3, BAD_TYPE));
        // The same type 500 times (allocated in the global stress_add); bpf_refcount_acquire does not exist
        // yet, and with bpf_refcount meaning nothing under 6.3 every acquire bumps an uncounted word.
        CASES.add(c("stress_500", V63, 44, BAD_TYPE, UNAVAILABLE, NO_REFCOUNT));
        // 6.3 has no bpf_refcount_acquire; with it, the second add of the same node would not be
        // checked (inserts cannot fail under exclusive ownership) and corrupt the tree.
        CASES.add(c("double_insert", V63, 11, UNAVAILABLE, COLLECTION_CORRUPTION));
        CASES.add(c("stash_in_tree", V63, 12, UNAVAILABLE));
        CASES.add(c("acquire_no_refcount", V63, 11, UNAVAILABLE, NO_REFCOUNT));
        CASES.add(c("acquire_nonowning_unchecked", V63, 23, UNAVAILABLE));
    }

    private static String verdict(Example e, Semantics s) {
        return s == V63 ? e.verdictV63() : s == V64 ? e.verdictV64() : e.verdictCurrent();
    }

    @TestFactory
    Stream<DynamicTest> rejectedProgramsShowWhatGoesWrong() {
        return CASES.stream().map(k -> DynamicTest.dynamicTest(k.program + " under " + k.sem
                + (k.fault == null ? "" : " failing " + k.fault), () -> {
            RunOptions o = RunOptions.defaults().withSemantics(k.sem);
            if (k.fault != null) {
                o = o.withFaults(FaultPlan.NONE.failing(k.fault));
            }
            Machine m = Runs.machine(k.program, o);
            RunResult first = m.run();
            RunResult r = k.runs == 1 ? first : m.run();
            List<FindingKind> got = Runs.kinds(r);
            if (k.kinds.isEmpty()) {
                assertTrue(r.clean(), r.findings().toString());
                assertEquals(k.retval.intValue(), r.retval());
                return;
            }
            assertEquals(k.kinds.get(0), got.get(0), () -> "first finding: " + r.findings());
            assertTrue(got.containsAll(k.kinds), () -> "expected " + k.kinds + " in " + r.findings());
            if (k.insn >= 0) {
                assertEquals(k.insn, r.findings().get(0).insn(), () -> r.findings().toString());
            }
            assertTrue(r.findings().get(0).line() != null || k.insn < 0, "findings carry the C line");
        }));
    }

    @Test
    void everyRejectedExampleHasACase() {
        Set<String> covered = new HashSet<>();
        CASES.forEach(k -> covered.add(k.program + "@" + k.sem));
        List<String> missing = new ArrayList<>();
        for (Example e : Examples.all()) {
            for (Semantics s : List.of(V63, V64, CUR)) {
                if (verdict(e, s).equals("rejected") && !covered.contains(e.program() + "@" + s)) {
                    missing.add(e.program() + "@" + s);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @TestFactory
    Stream<DynamicTest> acceptedProgramsRunCleanUnderTheirRules() {
        List<DynamicTest> out = new ArrayList<>();
        for (Example e : Examples.all()) {
            for (Semantics s : List.of(V63, V64, CUR)) {
                if (verdict(e, s).equals("accepted")) {
                    out.add(DynamicTest.dynamicTest(e.program() + " under " + s, () -> {
                        RunResult r = Runs.machine(e.program(), s).run();
                        assertTrue(r.clean(), () -> r.findings().toString());
                        if (e.retval() != null) {
                            assertEquals(e.retval().intValue(), r.retval());
                        }
                    }));
                }
            }
        }
        return out.stream();
    }

    @Test
    void injectedNullsOnlyWhereTheCallMayReturnNull() {
        // without the fault the unchecked programs happen to be fine at runtime
        assertTrue(Runs.machine("obj_new_no_null_check").run().clean());
        assertEquals(4, Runs.machine("remove_unchecked").run().retval());
        assertEquals(60, Runs.machine("acquire_nonowning_unchecked").run().retval());
        // 6.4's bpf_refcount_acquire cannot fail, so the injection has no effect there
        RunOptions o = RunOptions.defaults().withSemantics(V64)
                .withFaults(FaultPlan.NONE.failing("bpf_refcount_acquire_impl:1"));
        assertTrue(Runs.machine("acquire_nonowning_unchecked", o).run().clean());
        // an allocation failure in the middle of drain_loop: it returns 1, the list keeps the first two
        RunOptions third = RunOptions.defaults().withFaults(FaultPlan.NONE.failing("bpf_obj_new:3"));
        Machine m = Runs.machine("drain_loop", third);
        RunResult r = m.run();
        assertEquals(1, r.retval());
        assertTrue(r.clean(), "objects in a global list are owned by the map, not leaked");
        assertEquals(List.of(1, 2), HeapReport.of(m).collection("ghead").members());
    }

    @Test
    void freeingTheMapsAfterDropNonowningFreesTheDanglingNodeAgain() {
        Machine m = Runs.machine("drop_nonowning");
        m.run();
        int before = m.findings().size();
        m.teardown();
        List<Finding> after = m.findings().subList(before, m.findings().size());
        assertEquals(List.of(DOUBLE_FREE), after.stream().map(Finding::kind).toList());
    }

    @Test
    void lockHeldAtExitDeadlocksTheNextRun() {
        Machine m = Runs.machine("lock_not_released");
        m.run();
        RunResult second = m.run();
        assertEquals(Status.HALTED, second.status());
        assertTrue(Runs.kinds(second).contains(DEADLOCK), second.findings().toString());
    }
}
