package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.runtime.event.Change;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local objects: allocation with the kernel's field initialisation, refcounts, the kernel's drop
 * ({@code __bpf_obj_drop_impl}: count down, at zero drain owned roots, release stashed kptrs,
 * free), and the ownership audit at program exit (leaks, owners a refcount does not cover).
 */
final class Heap {
    /** bpf_mem_alloc serves at most 4096 bytes; bigger allocations return NULL. */
    static final int MAX_OBJECT = 4096;

    private final Machine m;

    Heap(Machine m) {
        this.m = m;
    }

    HeapObject allocate(TypeLayout layout, boolean percpu, int insn) {
        HeapObject o = new HeapObject(m.space.heap.size(), layout, percpu, insn, m.run);
        m.space.heap.add(o);
        for (TypeLayout.Field f : layout.fields()) {
            long self = o.base + f.offset();
            switch (f.kind()) {
                case LIST_NODE, LIST_HEAD -> {
                    Interpreter.I64.set(o.bytes, f.offset(), self);
                    Interpreter.I64.set(o.bytes, f.offset() + 8, self);
                }
                case RB_NODE -> Interpreter.I64.set(o.bytes, f.offset(), self);
                case REFCOUNT -> Interpreter.I32.set(o.bytes, f.offset(), 1);
                default -> {
                }
            }
        }
        for (TypeLayout.Field f : layout.fields()) {
            if (f.kind() == TypeLayout.FieldKind.SPIN_LOCK) {
                m.locks.id(o, f.offset(), o.name + "." + f.name());
            }
        }
        o.roots = m.graph.createFor(o);
        if (m.tracer != null) {
            m.tracer.add(new Change.Alloc(o));
        }
        return o;
    }

    void setRefcount(HeapObject o, int count) {
        if (m.tracer != null) {
            m.tracer.add(new Change.RefcountChange(o, o.refcount, count));
        }
        o.refcount = count;
        int off = o.layout.refcountOffset();
        if (off >= 0) {
            m.poke(o, off, count, 4);
        }
    }

    /** The kernel's {@code __bpf_obj_drop_impl}. */
    void drop(HeapObject o, int insn) {
        if (o.freed || o.refcount <= 0) {
            m.report(FindingKind.DOUBLE_FREE, insn, describe(o) + " is dropped again after it was "
                    + (o.freed ? "freed at insn " + o.freedInsn : "already being freed")
                    + (o.refcounted() ? " (refcount_t warns \"underflow; use-after-free\" and saturates)"
                    : " (the allocator gets the same memory back twice)"));
            return;
        }
        setRefcount(o, o.refcount - 1);
        if (o.refcount > 0) {
            return;
        }
        free(o, insn);
    }

    /** {@code bpf_obj_free_fields} then free: drains owned roots, drops stashed kptrs, frees. */
    void free(HeapObject o, int insn) {
        for (Collection c : o.roots) {
            for (GraphNode n : m.graph.drain(c)) {
                drop(n.object, insn);
            }
            c.dead = true;
        }
        for (TypeLayout.Field f : o.layout.fields()) {
            if (f.kind() == TypeLayout.FieldKind.KPTR) {
                HeapObject stashed = stashedAt(o, f.offset());
                m.poke(o, f.offset(), 0, 8);
                if (stashed != null) {
                    drop(stashed, insn);
                }
            }
        }
        Collection linkedIn = null;
        for (GraphNode n : o.nodes) {
            if (n.linked && linkedIn == null) {
                linkedIn = n.owner;
            }
        }
        if (linkedIn != null) {
            m.report(FindingKind.FREE_WHILE_LINKED, insn, describe(o) + " is freed while " + linkedIn.name
                    + " still links it: the collection now holds a dangling node");
        }
        o.markFreed(insn);
        if (m.tracer != null) {
            m.tracer.add(new Change.Free(o, linkedIn));
        }
    }

    /** The object a kptr slot holds, by remembered provenance or by address. */
    HeapObject stashedAt(MemoryObject container, int offset) {
        Ref r = container.slot(offset);
        MemoryObject t = r != null ? r.target : m.space.resolve(container.readLong(offset, 8));
        return t instanceof HeapObject h ? h : null;
    }

    /** At program exit: objects only the program still holds (leaks) and refcounts below the owner count. */
    void audit(int insn) {
        Map<HeapObject, Integer> stashes = new IdentityHashMap<>();
        for (MemoryObject region : m.space.regions) {
            for (int off : m.kptrSlots(region)) {
                count(stashes, stashedAt(region, off));
            }
        }
        for (HeapObject o : objects()) {
            if (!o.freed) {
                for (TypeLayout.Field f : o.layout.fields()) {
                    if (f.kind() == TypeLayout.FieldKind.KPTR) {
                        count(stashes, stashedAt(o, f.offset()));
                    }
                }
            }
        }
        for (HeapObject o : objects()) {
            if (o.freed || o.leakReported) {
                continue;
            }
            int members = memberships(o);
            int stashed = stashes.getOrDefault(o, 0);
            int held = o.refcount - members - stashed;
            String counts = "refcount " + o.refcount + ", in " + members + " collection(s), " + stashed + " stash(es)";
            if (held > 0) {
                o.leakReported = true;
                m.report(FindingKind.LEAK, o.allocInsn, describe(o) + " allocated at insn " + o.allocInsn
                        + m.lineSuffix(o.allocInsn) + " is still held only by the program at exit (" + counts
                        + "): nothing can free it now");
            } else if (held < 0) {
                o.leakReported = true;
                m.report(FindingKind.REFCOUNT_MISMATCH, insn, describe(o) + " has more owners than references ("
                        + counts + "): freeing the owners will drop it more often than it was acquired");
            }
        }
    }

    private static void count(Map<HeapObject, Integer> m, HeapObject o) {
        if (o != null && !o.freed) {
            m.merge(o, 1, Integer::sum);
        }
    }

    static int memberships(HeapObject o) {
        int n = 0;
        for (GraphNode g : o.nodes) {
            n += g.linked ? 1 : 0;
        }
        return n;
    }

    List<HeapObject> objects() {
        List<HeapObject> out = new ArrayList<>(m.space.heap.size());
        for (HeapObject o : m.space.heap) {
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    /** {@code #1 struct node (key=1)}. */
    String describe(HeapObject o) {
        StringBuilder sb = new StringBuilder(o.name);
        List<TypeLayout.Scalar> scalars = o.layout.scalars();
        if (!scalars.isEmpty()) {
            TypeLayout.Scalar s = scalars.get(0);
            sb.append(" (").append(s.name()).append('=').append(scalar(o, s)).append(')');
        }
        return sb.toString();
    }

    static long scalar(MemoryObject o, TypeLayout.Scalar s) {
        long v = o.readLong(s.offset(), s.size());
        if (s.signed() && s.size() < 8) {
            int shift = 64 - 8 * s.size();
            v = v << shift >> shift;
        }
        return v;
    }
}
