package dev.kptrviz.runtime;

import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.CollectionRoot;
import dev.kptrviz.runtime.event.Change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every list and rbtree of a machine, found by (container, offset), and every change to them:
 * each change records owner and shape events when traced and mirrors the kernel's hidden words
 * (list next/prev, rb parent|colour/right/left, owner since 6.6, root and leftmost) into the
 * container's and members' bytes, so a memory view shows what the kernel would hold there.
 */
final class Graph {
    private final Machine m;
    private final BpfObject object;
    final List<Collection> all = new ArrayList<>();
    private final Map<MemoryObject, Map<Integer, Collection>> byPlace = new IdentityHashMap<>();

    Graph(Machine m, BpfObject object) {
        this.m = m;
        this.object = object;
        all.add(null); // ids start at 1
        for (CollectionRoot r : object.roots()) {
            MemoryObject region = m.space.regionsByName.get(r.container());
            if (r.global() && r.valid() && region != null) {
                int lock = r.lockOffset() >= 0 ? m.locks.id(region, r.lockOffset(), r.lockName()) : -1;
                create(r, r.name(), region, r.offset(), lock, false);
            }
        }
    }

    private Collection create(CollectionRoot r, String name, MemoryObject container, int offset, int lock,
                              boolean initialized) {
        Collection c = r.kind() == CollectionRoot.Kind.LIST
                ? new ListCollection(all.size(), name, container, offset, r, lock, initialized)
                : new TreeCollection(all.size(), name, container, offset, r, lock);
        all.add(c);
        byPlace.computeIfAbsent(container, x -> new HashMap<>()).put(offset, c);
        return c;
    }

    /** The roots inside a newly allocated object, with the lock that guards them. */
    List<Collection> createFor(HeapObject o) {
        List<Collection> out = new ArrayList<>();
        for (CollectionRoot r : object.roots()) {
            if (!r.global() && r.valid() && r.container().equals(o.typeName)) {
                int lock = r.lockOffset() >= 0 ? m.locks.id(o, r.lockOffset(), o.name + "." + r.lockName()) : -1;
                out.add(create(r, o.name + "." + r.name(), o, r.offset(), lock, true));
            }
        }
        return List.copyOf(out);
    }

    Collection find(MemoryObject container, long offset) {
        Map<Integer, Collection> mp = byPlace.get(container);
        return mp == null || offset < 0 || offset > Integer.MAX_VALUE ? null : mp.get((int) offset);
    }

    Collection get(int id) {
        return all.get(id);
    }

    // ---- changes ----

    void listAdd(ListCollection l, GraphNode n, boolean tail) {
        Collection.Shape before = shape(l);
        l.add(n, tail);
        setOwner(n, l, true);
        changed(l, before, n.object, true);
    }

    void listRemove(ListCollection l, GraphNode n) {
        Collection.Shape before = shape(l);
        l.remove(n);
        setOwner(n, null, false);
        changed(l, before, n.object, false);
        detach(n);
    }

    void treeLink(TreeCollection t, GraphNode n, GraphNode parent, boolean left, boolean leftmost) {
        Collection.Shape before = shape(t);
        t.link(n, parent, left, leftmost);
        setOwner(n, t, true);
        changed(t, before, n.object, true);
    }

    void treeErase(TreeCollection t, GraphNode n) {
        Collection.Shape before = shape(t);
        t.erase(n);
        setOwner(n, null, false);
        changed(t, before, n.object, false);
        detach(n);
    }

    /** Empties {@code c} the way a map/object free does: members keep their (now stale) owner word. */
    List<GraphNode> drain(Collection c) {
        List<GraphNode> members = c instanceof TreeCollection t ? t.postOrder() : c.members();
        Collection.Shape before = shape(c);
        c.clear();
        for (GraphNode n : members) {
            if (m.tracer != null) {
                m.tracer.add(new Change.NodeOwner(n, n.owner, true, n.owner, false));
            }
            n.linked = false;
        }
        if (m.tracer != null) {
            m.tracer.add(new Change.Drained(c));
            m.tracer.add(new Change.Shape(c, before, c.shape()));
        }
        mirror(c);
        return members;
    }

    private Collection.Shape shape(Collection c) {
        return m.tracer == null ? null : c.shape();
    }

    private void setOwner(GraphNode n, Collection owner, boolean linked) {
        if (m.tracer != null) {
            m.tracer.add(new Change.NodeOwner(n, n.owner, n.linked, owner, linked));
        }
        n.owner = owner;
        n.linked = linked;
    }

    private void changed(Collection c, Collection.Shape before, HeapObject o, boolean inserted) {
        if (m.tracer != null) {
            m.tracer.add(new Change.Shape(c, before, c.shape()));
            m.tracer.add(inserted ? new Change.InsertOk(c, o) : new Change.Removed(c, o));
        }
        mirror(c);
    }

    // ---- the kernel's hidden words ----

    private boolean ownerWord(GraphNode n) {
        int needed = n.field.kind() == TypeLayout.FieldKind.LIST_NODE ? 24 : 32;
        return m.semantics.ownerField() && n.field.size() >= needed;
    }

    /** A node that left its collection: list_del_init / RB_CLEAR_NODE, owner NULL. */
    private void detach(GraphNode n) {
        long self = n.address();
        int off = n.field.offset();
        if (n.field.kind() == TypeLayout.FieldKind.LIST_NODE) {
            m.poke(n.object, off, self, 8);
            m.poke(n.object, off + 8, self, 8);
            if (ownerWord(n)) {
                m.poke(n.object, off + 16, 0, 8);
            }
        } else {
            m.poke(n.object, off, self, 8);
            if (ownerWord(n)) {
                m.poke(n.object, off + 24, 0, 8);
            }
        }
    }

    void mirror(Collection c) {
        long head = c.address();
        if (c instanceof ListCollection l) {
            if (l.initialized) {
                m.poke(c.container, c.offset, l.head == null ? head : l.head.address(), 8);
                m.poke(c.container, c.offset + 8, l.tail == null ? head : l.tail.address(), 8);
            }
            for (GraphNode n = l.head; n != null; n = n.next) {
                int off = n.field.offset();
                m.poke(n.object, off, n.next == null ? head : n.next.address(), 8);
                m.poke(n.object, off + 8, n.prev == null ? head : n.prev.address(), 8);
                if (ownerWord(n)) {
                    m.poke(n.object, off + 16, head, 8);
                }
            }
        } else if (c instanceof TreeCollection t) {
            m.poke(c.container, c.offset, t.root == null ? 0 : t.root.address(), 8);
            m.poke(c.container, c.offset + 8, t.leftmost == null ? 0 : t.leftmost.address(), 8);
            for (GraphNode n : t.members()) {
                int off = n.field.offset();
                m.poke(n.object, off, (n.parent == null ? 0 : n.parent.address()) | (n.red ? 0 : 1), 8);
                m.poke(n.object, off + 8, n.right == null ? 0 : n.right.address(), 8);
                m.poke(n.object, off + 16, n.left == null ? 0 : n.left.address(), 8);
                if (ownerWord(n)) {
                    m.poke(n.object, off + 24, head, 8);
                }
            }
        }
    }

    /** Back to exactly the collections {@code known} (index = id), e.g. from a checkpoint. */
    void restore(List<Collection> known) {
        all.clear();
        all.addAll(known);
        byPlace.clear();
        for (Collection c : known) {
            if (c != null) {
                byPlace.computeIfAbsent(c.container, x -> new HashMap<>()).put(c.offset, c);
            }
        }
    }
}
