package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.runtime.event.Change;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the accepted examples leave in the heap: refcounts, owners, orders and tree shapes. */
class HeapScenarioTest {
    @Test
    void motivatingLeavesOneObjectInBothCollectionsWithRefcountTwo() {
        Machine m = Runs.machine("motivating");
        RunResult r = m.run();
        assertTrue(r.clean(), r.findings().toString());
        HeapReport h = HeapReport.of(m);
        assertEquals(1, h.objects().size());
        HeapReport.ObjectEntry o = h.object(1);
        assertEquals("struct node", o.type());
        assertEquals(2, o.refcount());
        assertEquals(1L, o.fields().get("key"));
        assertEquals(List.of("groot", "ghead"), o.owners().stream().map(HeapReport.Membership::root).toList());
        assertEquals(List.of(1), h.collection("ghead").members());
        assertEquals(List.of(1), h.collection("groot").members());
        HeapObject obj = m.objects().get(0);
        assertEquals(2, obj.readLong(72, 4), "refcount word mirrored at the bpf_refcount offset");
        MemoryObject data = m.globals().stream().filter(g -> g.name().equals(".data.A")).findFirst().orElseThrow();
        assertEquals(obj.base() + 48, data.readLong(8, 8), "ghead.next points at the node's list field");
        assertEquals(obj.base() + 16, data.readLong(24, 8), "groot.rb_node points at the node's rb field");
        assertEquals(data.base() + 8, obj.readLong(48 + 16, 8), "owner word of the list node is &ghead");
        assertEquals(0, data.readLong(0, 4), "glock released");
    }

    @Test
    void doubleInsertFailsTheSecondAddAndDropsItsShare() {
        Machine m = Runs.machine("double_insert");
        List<Change> changes = new ArrayList<>();
        m.setListener(e -> changes.addAll(e.changes()));
        RunResult r = m.run();
        assertTrue(r.clean(), r.findings().toString());
        assertEquals(-22, r.retval(), "first * 1000 + second with first 0 and second -EINVAL");
        HeapReport.ObjectEntry o = HeapReport.of(m).object(1);
        assertEquals(1, o.refcount(), "n and m made 2; the failed add dropped m's share");
        assertEquals(1, o.owners().size());
        assertEquals(List.of(1), HeapReport.of(m).collection("groot").members());
        int failed = indexOf(changes, Change.InsertFailed.class);
        assertTrue(failed >= 0, "an InsertFailed event");
        Change.RefcountChange drop = (Change.RefcountChange) changes.get(indexOf(changes, Change.RefcountChange.class,
                failed));
        assertEquals(2, drop.oldCount());
        assertEquals(1, drop.newCount());
    }

    private static int indexOf(List<Change> changes, Class<?> type) {
        return indexOf(changes, type, 0);
    }

    private static int indexOf(List<Change> changes, Class<?> type, int from) {
        for (int i = from; i < changes.size(); i++) {
            if (type.isInstance(changes.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void drainLoopPopsInPushOrderAndFreesEverything() {
        Machine m = Runs.machine("drain_loop");
        RunResult r = m.run();
        assertEquals(515, r.retval());
        assertTrue(r.clean());
        assertEquals(5, m.objects().size());
        assertTrue(m.objects().stream().allMatch(HeapObject::freed));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), m.objects().stream()
                .map(o -> o.readLong(0, 8)).toList());
        assertEquals(List.of(), HeapReport.of(m).collection("ghead").members());
    }

    @Test
    void fillListAndTreeHasTheKernelsShapeAndOrder() {
        Machine m = Runs.machine("fill_list_and_tree");
        RunResult r = m.run();
        assertEquals(10306, r.retval());
        assertTrue(r.clean());
        HeapReport h = HeapReport.of(m);
        // keys by object id: #1=3 #2=8 #3=2 #4=7 #5=1 #6=6; front (3) and back (6) were popped and dropped
        assertEquals(List.of(2, 3, 4, 5), h.collection("ghead").members());
        assertEquals(List.of(5, 3, 1, 6, 4, 2), h.collection("groot").members(), "ascending keys 1 2 3 6 7 8");
        assertEquals("(#1 B (#3 B (#5 R . .) .) (#4 B (#6 R . .) (#2 R . .)))", h.collection("groot").shape());
        assertEquals(List.of(1, 2, 2, 2, 2, 1), h.objects().stream().map(HeapReport.ObjectEntry::refcount).toList());
    }

    @Test
    void stashInTreeCountsTheKptrSlotAsAnOwner() {
        Machine m = Runs.machine("stash_in_tree");
        RunResult r = m.run();
        assertEquals(42, r.retval());
        assertTrue(r.clean(), "no leak: refcount 2 = tree + stash");
        HeapReport.ObjectEntry o = HeapReport.of(m).object(1);
        assertEquals(2, o.refcount());
        assertEquals(List.of(".data.stash+0"), o.stashedIn());
        MemoryObject stash = m.globals().stream().filter(g -> g.name().equals(".data.stash")).findFirst().orElseThrow();
        assertEquals(m.objects().get(0).base(), stash.readLong(0, 8), "the slot holds the object's address");
        assertEquals(m.objects().get(0), stash.slot(0).target());
    }

    @Test
    void secondRunOfStashInTreeGetsTheOldObjectBackAndDropsIt() {
        Machine m = Runs.machine("stash_in_tree");
        m.run();
        RunResult second = m.run();
        assertEquals(1042, second.retval(), "had_old * 1000 + the first key (42 again, the older node)");
        assertTrue(second.clean(), second.findings().toString());
        HeapReport h = HeapReport.of(m);
        assertEquals(1, h.object(1).refcount(), "the stash's share of #1 came back and was dropped");
        assertEquals(2, h.object(2).refcount());
        assertEquals(List.of(1, 2), h.collection("sroot").members(), "equal keys: the later node goes right");
    }

    @Test
    void lessCallbackRunsAsBpfAndOrdersTheTree() {
        Machine m = Runs.machine("less_and_subprog");
        List<Integer> callbackEntries = new ArrayList<>();
        m.setListener(e -> e.changes().stream().filter(c -> c instanceof Change.FramePush)
                .forEach(c -> callbackEntries.add(((Change.FramePush) c).frame().entry())));
        RunResult r = m.run();
        assertEquals(310, r.retval());
        assertEquals("(#3 B (#2 R . .) (#1 R . .))", HeapReport.of(m).collection("groot").shape());
        int less = m.program().functions().stream().filter(f -> f.name().equals("elem_less")).findFirst()
                .orElseThrow().start();
        assertEquals(3, callbackEntries.stream().filter(x -> x == less).count(), "less(10,30), less(20,30), less(20,10)");
    }

    @Test
    void teardownDrainsTheMapsAndFreesSharedObjectsOnce() {
        Machine m = Runs.machine("motivating");
        m.run();
        m.teardown();
        HeapReport.ObjectEntry o = HeapReport.of(m).object(1);
        assertTrue(o.freed());
        assertEquals(0, o.refcount());
        assertTrue(m.findings().isEmpty(), m.findings().toString());
        assertTrue(o.owners().stream().allMatch(HeapReport.Membership::stale), "drains leave the owner words");
    }

    @Test
    void removeUnaddedGetsNullBackUnderCurrentRules() {
        RunResult r = Runs.machine("remove_unadded").run();
        assertEquals(50, r.retval());
        assertTrue(r.clean());
    }

    @Test
    void globalsPersistAcrossRuns() {
        Machine m = Runs.machine("motivating");
        m.run();
        RunResult second = m.run();
        assertEquals(2, second.run());
        assertTrue(second.clean());
        HeapReport h = HeapReport.of(m);
        assertEquals(List.of(1, 2), h.collection("ghead").members());
        assertEquals(List.of(1, 2), h.collection("groot").members(), "equal keys go right");
    }

    @Test
    void stepByStepEqualsRun() {
        Machine a = Runs.machine("fill_list_and_tree");
        RunResult ra = a.run();
        Machine b = Runs.machine("fill_list_and_tree");
        long n = 0;
        while (b.step()) {
            n++;
        }
        RunResult rb = b.result();
        assertEquals(ra.r0(), rb.r0());
        assertEquals(ra.steps(), rb.steps());
        assertEquals(ra.steps(), n + 1);
        assertEquals(HeapReport.of(a), HeapReport.of(b));
    }

    @Test
    void stepLimitIsAFindingNotAHang() {
        Machine m = Runs.machine("arith_loop", RunOptions.defaults().withStepLimit(1000));
        RunResult r = m.run();
        assertEquals(Status.STEP_LIMIT, r.status());
        assertEquals(List.of(FindingKind.STEP_LIMIT), Runs.kinds(r));
        assertEquals(1000, r.steps());
        assertFalse(r.clean());
    }

    @Test
    void pointersHaveFixedSyntheticAddressesAndKeepTheirProvenance() {
        Machine m = Runs.machine("motivating");
        m.run();
        Value r6 = m.register(0, 6);
        assertEquals(0xffff888000001000L + 48, r6.bits(), "object #1 lives at HEAP_BASE + 1 * 0x1000");
        assertEquals(m.objects().get(0), r6.target());
        assertEquals(48, r6.offset(), "n->ll");
        assertEquals(dev.kptrviz.kfunc.Ownership.EXPIRED, r6.ownership(), "non-owning since the push, expired at unlock");
        assertEquals(dev.kptrviz.kfunc.Ownership.EXPIRED, m.register(0, 7).ownership(), "m, since the rbtree add");
    }

    @Test
    void droppingAnObjectDrainsTheListInsideIt() {
        Machine m = Runs.machine("nested_list");
        List<Change> changes = new ArrayList<>();
        m.setListener(e -> changes.addAll(e.changes()));
        RunResult r = m.run();
        assertEquals(12, r.retval());
        assertTrue(r.clean(), r.findings().toString());
        assertTrue(m.objects().stream().allMatch(HeapObject::freed));
        HeapReport.CollectionEntry items = HeapReport.of(m).collection("#1 struct bag.items");
        assertTrue(items.freed());
        assertEquals(1, changes.stream().filter(c -> c instanceof Change.Drained).count());
        assertEquals(List.of(1, 2, 3, 4), changes.stream().filter(c -> c instanceof Change.Free)
                .map(c -> ((Change.Free) c).object().id()).sorted().toList(), "each object freed exactly once");
        List<String> locks = changes.stream().filter(c -> c instanceof Change.Lock).map(c -> ((Change.Lock) c).lock())
                .distinct().toList();
        assertEquals(List.of("#1 struct bag.lock"), locks, "the lock inside the bag guards its list");
    }
}
