package dev.kptrviz.tour;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tour shipped with KptrViz loads, every stop resolves, and each stop shows what its text says. */
class SharedOwnershipTourTest {
    private static Tour tour;
    private static List<ResolvedStop> stops;

    @BeforeAll
    static void resolve() throws TourLoadException {
        tour = TourLoader.bundled(TourLoader.SHARED_OWNERSHIP);
        Resolution r = TourResolver.resolve(tour);
        if (r instanceof Resolution.Failed f) {
            throw new AssertionError("the shipped tour does not resolve:\n" + String.join("\n", f.problems()));
        }
        stops = ((Resolution.Resolved) r).stops();
    }

    private static ResolvedStop stop(int n) {
        return stops.get(n - 1);
    }

    private static ObjectNode object(OwnershipGraph g, int id) {
        return g.objects().stream().filter(o -> o.id() == id).findFirst().orElseThrow();
    }

    private static Pointer pointer(OwnershipGraph g, String slot) {
        return g.pointers().stream().filter(p -> p.frame() == 0 && p.slot().equals(slot)).findFirst().orElseThrow();
    }

    @Test
    void everyStopResolvesAndItsHighlightsExist() {
        assertEquals("Shared ownership for local kptrs (Linux 6.4)", tour.title());
        assertEquals(10, stops.size());
        for (ResolvedStop s : stops) {
            assertTrue(s.position() >= 0 && s.position() == s.graph().step(), "stop " + s.number());
            assertEquals(s.stop().highlight().size(), s.graphKeys().size() + s.insns().size() + s.lines().size(),
                    "stop " + s.number() + ": every highlight key resolved");
            for (String key : s.graphKeys()) {
                assertTrue(s.graph().elementsByKey().containsKey(key), "stop " + s.number() + ": " + key);
            }
            assertFalse(s.stop().text().isBlank());
            assertTrue(s.stop().text().length() < 600, "stop " + s.number() + " text is short");
        }
    }

    @Test
    void firstStopIsTheMotivatingExampleRefusedAtBtfLoadUnder63() {
        ResolvedStop s = stop(1);
        assertEquals(Semantics.V6_3, s.stop().semantics());
        assertEquals(0, s.position());
        assertEquals(List.of("BTF: EINVAL (bpf_list_node and bpf_rb_node in one struct)"), s.graph().diagnostics());
        assertEquals(List.of("root ghead", "root groot"), s.graphKeys());
    }

    @Test
    void refcountStopsShowOneThenTwoThenOne() {
        ResolvedStop alloc = stop(2);
        assertEquals(3, alloc.position());
        assertEquals(1, object(alloc.graph(), 1).refcount());
        assertEquals("maybe_null", pointer(alloc.graph(), "r0").abstractKind());
        assertEquals(List.of(57), alloc.lines());

        ResolvedStop acquire = stop(3);
        assertEquals(2, object(acquire.graph(), 1).refcount());
        assertEquals("owning", pointer(acquire.graph(), "r6").abstractKind());
        assertEquals("owning", pointer(acquire.graph(), "r7").abstractKind());
        assertTrue(pointer(acquire.graph(), "r6").refId() != null
                && !pointer(acquire.graph(), "r6").refId().equals(pointer(acquire.graph(), "r7").refId()));

        ResolvedStop drop = stop(4);
        ObjectNode survivor = object(drop.graph(), 1);
        assertEquals(1, survivor.refcount());
        assertFalse(survivor.freed());
        assertEquals("groot", survivor.owners().get(0).root());
        assertEquals(33, drop.graph().pc() - 1, "stopped right after the bpf_obj_drop call at insn 33");
    }

    @Test
    void nonOwningStopsAndTheUnlock() {
        OwnershipGraph push = stop(5).graph();
        assertEquals("non_owning", pointer(push, "r6").abstractKind());
        assertEquals("owning", pointer(push, "r7").abstractKind());
        assertEquals(2, object(push, 1).refcount());

        OwnershipGraph unlock = stop(6).graph();
        assertEquals(List.of("R6 invalid mem access 'scalar'"), unlock.diagnostics());
        assertEquals("invalidated", pointer(unlock, "r6").abstractKind());
        assertEquals(24, unlock.pc());
    }

    @Test
    void failedInsertRemoveNullBtfRuleAndStash() {
        OwnershipGraph failed = stop(7).graph();
        assertEquals(1, object(failed, 1).refcount());
        assertEquals("non_owning", pointer(failed, "r7").abstractKind());

        OwnershipGraph removed = stop(8).graph();
        assertNull(pointer(removed, "r0").target(), "bpf_rbtree_remove returned NULL");
        assertEquals("maybe_null", pointer(removed, "r0").abstractKind());
        assertTrue(removed.roots().get(0).members().isEmpty());

        ResolvedStop btf = stop(9);
        assertEquals(0, btf.position());
        assertEquals(List.of("BTF: EINVAL (bpf_list_node and bpf_rb_node without bpf_refcount)"),
                btf.graph().diagnostics());

        OwnershipGraph stash = stop(10).graph();
        assertEquals(2, object(stash, 1).refcount());
        assertEquals(1, object(stash, 1).owners().size(), "the tree is drawn, the stash slot is not a collection");
        assertEquals("invalidated", pointer(stash, "r7").abstractKind());
    }

    @Test
    void bundledStopsNameBundledExamples() {
        for (TourStop s : tour.stops()) {
            assertInstanceOf(ExampleRef.Bundled.class, s.example());
        }
    }
}
