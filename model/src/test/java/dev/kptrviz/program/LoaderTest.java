package dev.kptrviz.program;

import dev.kptrviz.LoadException;
import dev.kptrviz.TestObjects;
import dev.kptrviz.isa.Insn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoaderTest {

    @Test
    void motivatingExampleLinksLikeLibbpf() throws LoadException {
        BpfObject obj = Examples.load(Examples.MOTIVATING);
        assertEquals("GPL", obj.license());
        assertEquals(1, obj.programs().size());
        Program p = obj.programs().get(0);
        assertEquals("motivating", p.name());
        assertEquals("tc", p.section());
        // entry function first, then the callback appended after it: the kernel log says func#1 @39
        assertEquals(List.of(new Function("motivating", 0, 39, Function.Kind.MAIN, true, p.main().btfFuncId()),
                new Function("node_less", 39, 6, Function.Kind.CALLBACK, false, p.functions().get(1).btfFuncId())),
                p.functions());
        assertEquals(45, p.size());
        assertEquals(Map.of(3, "bpf_obj_new_impl", 13, "bpf_refcount_acquire_impl", 24, "bpf_list_push_back_impl",
                33, "bpf_rbtree_add_impl"), names(p.kfuncCalls()));
    }

    @Test
    void ldImm64TargetsAreResolved() throws LoadException {
        Program p = Examples.load(Examples.MOTIVATING).programs().get(0);
        var typeId = assertInstanceOf(LdImm64Target.LocalTypeId.class, p.ldImm64Targets().get(0));
        assertEquals("struct node", typeId.typeName());
        var lock = assertInstanceOf(LdImm64Target.GlobalAddress.class, p.ldImm64Targets().get(15));
        assertEquals(".data.A", lock.region().name());
        assertEquals(0, lock.offset());
        var head = assertInstanceOf(LdImm64Target.GlobalAddress.class, p.ldImm64Targets().get(19));
        assertEquals("ghead", head.region().describe(head.offset()));
        var root = assertInstanceOf(LdImm64Target.GlobalAddress.class, p.ldImm64Targets().get(26));
        assertEquals("groot", root.region().describe(root.offset()));
        var less = assertInstanceOf(LdImm64Target.FunctionAddress.class, p.ldImm64Targets().get(29));
        assertEquals(39, less.target());
        assertEquals("node_less", less.function());
        // the linked code carries the relative offset, as libbpf patches it (29 + 9 + 1 = 39)
        assertEquals(9L, ((Insn.LdImm64) p.insns().get(29)).value());
    }

    @Test
    void rootsKnowTheirNodeAndLock() throws LoadException {
        List<CollectionRoot> roots = Examples.load(Examples.MOTIVATING).roots();
        CollectionRoot head = roots.stream().filter(r -> r.name().equals("ghead")).findFirst().orElseThrow();
        CollectionRoot tree = roots.stream().filter(r -> r.name().equals("groot")).findFirst().orElseThrow();
        assertEquals(new CollectionRoot("ghead", ".data.A", true, 8, CollectionRoot.Kind.LIST, "node",
                head.containedTypeId(), "ll", 48, "glock", 0, null, null), head);
        assertEquals(new CollectionRoot("groot", ".data.A", true, 24, CollectionRoot.Kind.RBTREE, "node",
                tree.containedTypeId(), "rb", 16, "glock", 0, null, null), tree);
        assertTrue(head.containedTypeId() > 0);
    }

    @Test
    void sourceLinesComeFromLineInfo() throws LoadException {
        Program p = Examples.load(Examples.MOTIVATING).programs().get(0);
        SourceLine add = p.lineAt(33).orElseThrow();
        assertEquals("motivating.c", add.file());
        assertEquals(68, add.line());
        assertTrue(add.text().contains("bpf_rbtree_add(&groot, &m->rb, node_less);"), add.text());
        assertTrue(p.lines().startsAt(25));
        assertFalse(p.lines().startsAt(26));
        assertEquals(49, p.lineAt(39).orElseThrow().line());
    }

    @Test
    void subprogramsFollowInFirstCallOrder() throws LoadException {
        Program p = Examples.load("less_and_subprog.o").programs().get(0);
        assertEquals(List.of("less_and_subprog@0:MAIN", "insert_key@36:SUBPROG", "elem_less@63:CALLBACK"),
                p.functions().stream().map(f -> f.name() + "@" + f.start() + ":" + f.kind()).toList());
        assertEquals(36, p.callTargets().get(1));
        assertEquals(36, p.callTargets().get(4));
    }

    @Test
    void stashSlotIsAGlobalVariable() throws LoadException {
        BpfObject obj = Examples.load("stash_in_tree.o");
        Region stash = obj.region(".data.stash").orElseThrow();
        GlobalVar slot = stash.vars().get(0);
        assertEquals(8, slot.size());
        assertTrue(slot.cType().contains("__kptr"), slot.cType());
    }

    @Test
    void everyExampleLoads() throws LoadException {
        for (var e : TestObjects.all().entrySet()) {
            BpfObject obj = Loader.load(e.getValue(), e.getKey());
            assertFalse(obj.programs().isEmpty(), e.getKey());
            for (Program p : obj.programs()) {
                assertTrue(Listing.of(p).stream().anyMatch(l -> l.kind() == ListingLine.Kind.SOURCE), p.name());
            }
        }
    }

    @Test
    void aRootWithoutALockIsReportedNotRefused() throws LoadException {
        // insert_without_lock keeps its lock elsewhere; every root still names its problem or lock
        for (CollectionRoot r : Examples.load("wrong_lock.o").roots()) {
            assertTrue(r.valid() || r.problem() != null);
        }
        assertNull(Examples.load(Examples.MOTIVATING).roots().get(0).problem());
    }

    @Test
    void unknownKfuncIsALoadError() {
        byte[] b = TestObjects.bytes(Examples.MOTIVATING).clone();
        String from = "bpf_list_push_back_impl";
        String to = "bpf_list_push_bark_impl";
        // rename it everywhere (symbol table and BTF strings): a kfunc the kernel does not have
        String text = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + 1)) {
            System.arraycopy(to.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, b, at, to.length());
        }
        LoadException e = assertThrows(LoadException.class, () -> Loader.load(b, "renamed.o"));
        assertTrue(e.getMessage().startsWith("renamed.o, section 3 (tc), insn 24"), e.getMessage());
        assertTrue(e.reason().contains("unknown kfunc 'bpf_list_push_bark_impl'"), e.reason());
    }

    private static Map<Integer, String> names(Map<Integer, KfuncCall> calls) {
        Map<Integer, String> out = new java.util.HashMap<>();
        calls.forEach((k, v) -> out.put(k, v.name()));
        return out;
    }
}
