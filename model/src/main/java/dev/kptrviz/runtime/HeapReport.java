package dev.kptrviz.runtime;

import dev.kptrviz.program.CollectionRoot;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The heap of a machine as plain data (for the CLI's text and JSON and for tests): every object
 * with its plain fields, refcount, memberships (list position / tree links and colour) and
 * stashes, and every collection with its members in order and, for trees, the shape.
 */
public record HeapReport(List<ObjectEntry> objects, List<CollectionEntry> collections) {

    /** One heap object. {@code refcount} is null for a type without bpf_refcount. */
    public record ObjectEntry(int id, String type, Map<String, Long> fields, Integer refcount, boolean freed,
                              int allocInsn, Integer allocLine, List<Membership> owners, List<String> stashedIn) {
    }

    /**
     * The object's place in one collection: list index or in-order index; for trees the ids of the
     * parent and children (null: none) and the colour. {@code stale} marks an owner word left behind
     * by a map drain (the node is no longer linked).
     */
    public record Membership(String root, String kind, String field, int index, Integer parent, Integer left,
                             Integer right, String color, boolean stale) {
    }

    /**
     * One list or tree: member ids in order, and for a tree its shape as {@code (id colour left right)};
     * {@code freed} when the object containing it has been freed.
     */
    public record CollectionEntry(int id, String name, String kind, String container, List<Integer> members,
                                  String shape, boolean freed) {
    }

    public static HeapReport of(Machine m) {
        List<CollectionEntry> cols = new ArrayList<>();
        Map<Collection, Map<GraphNode, Integer>> positions = new IdentityHashMap<>();
        for (Collection c : m.collections()) {
            List<GraphNode> members = c.members();
            positions.put(c, indexes(members));
            List<Integer> ids = members.stream().map(n -> n.object.id).toList();
            String shape = c instanceof TreeCollection t ? t.describeShape(n -> "#" + n.object.id) : null;
            cols.add(new CollectionEntry(c.id, c.name, kind(c.kind()), c.container.name, ids, shape, c.dead));
        }
        Map<HeapObject, List<String>> stashes = stashes(m);
        List<ObjectEntry> objs = new ArrayList<>();
        for (HeapObject o : m.objects()) {
            Map<String, Long> fields = new LinkedHashMap<>();
            for (TypeLayout.Scalar s : o.layout.scalars()) {
                fields.put(s.name(), Heap.scalar(o, s));
            }
            List<Membership> owners = new ArrayList<>();
            for (GraphNode n : o.nodes) {
                if (n.owner != null) {
                    owners.add(membership(n, positions.computeIfAbsent(n.owner, c -> indexes(c.members()))));
                }
            }
            objs.add(new ObjectEntry(o.id, o.typeName, fields, o.refcounted() ? o.refcount : null, o.freed,
                    o.allocInsn, m.line(o.allocInsn), owners, stashes.getOrDefault(o, List.of())));
        }
        return new HeapReport(objs, cols);
    }

    /**
     * Each member's position in its collection. Computed once per collection: looking each node up in the
     * member list made a report of n objects cost n * n (500 objects: a quarter million steps per snapshot).
     */
    private static Map<GraphNode, Integer> indexes(List<GraphNode> members) {
        Map<GraphNode, Integer> at = new IdentityHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            at.putIfAbsent(members.get(i), i);
        }
        return at;
    }

    private static Membership membership(GraphNode n, Map<GraphNode, Integer> positions) {
        Collection c = n.owner;
        int index = n.linked ? positions.getOrDefault(n, -1) : -1;
        boolean tree = c instanceof TreeCollection;
        return new Membership(c.name, kind(c.kind()), n.field.name(), index,
                tree && n.linked ? id(n.parent) : null, tree && n.linked ? id(n.left) : null,
                tree && n.linked ? id(n.right) : null, tree && n.linked ? (n.red ? "red" : "black") : null, !n.linked);
    }

    private static Integer id(GraphNode n) {
        return n == null ? null : n.object.id;
    }

    private static String kind(CollectionRoot.Kind k) {
        return k == CollectionRoot.Kind.LIST ? "list" : "rbtree";
    }

    /**
     * Where each object is stashed as a kptr: global slots first (regions in order), then fields of live
     * objects, as {@code region+offset} / {@code object.field}. One pass over all slots for all objects.
     */
    private static Map<HeapObject, List<String>> stashes(Machine m) {
        Map<HeapObject, List<String>> out = new IdentityHashMap<>();
        for (MemoryObject r : m.space.regions) {
            for (int off : m.kptrSlots(r)) {
                HeapObject o = m.heap.stashedAt(r, off);
                if (o != null) {
                    out.computeIfAbsent(o, k -> new ArrayList<>()).add(r.name + "+" + off);
                }
            }
        }
        for (HeapObject h : m.objects()) {
            if (h.freed) {
                continue;
            }
            for (TypeLayout.Field f : h.layout.fields()) {
                if (f.kind() == TypeLayout.FieldKind.KPTR) {
                    HeapObject o = m.heap.stashedAt(h, f.offset());
                    if (o != null) {
                        out.computeIfAbsent(o, k -> new ArrayList<>()).add(h.name + "." + f.name());
                    }
                }
            }
        }
        return out;
    }

    /** The object with this id, or null. */
    public ObjectEntry object(int id) {
        return objects.stream().filter(o -> o.id == id).findFirst().orElse(null);
    }

    /** The collection with this name, or null. */
    public CollectionEntry collection(String name) {
        return collections.stream().filter(c -> c.name.equals(name)).findFirst().orElse(null);
    }
}
