package dev.kptrviz.runtime;

import java.util.List;

/**
 * An object from {@code bpf_obj_new}: its program-BTF type, bytes, refcount (a type without
 * {@code struct bpf_refcount} behaves as if it were always 1), one {@link GraphNode} per list/rb
 * node field, the collections rooted inside it, and whether it has been freed. The id is the
 * allocation index (1, 2, ...) and stays the object's name in every view.
 */
public final class HeapObject extends MemoryObject {
    /** Synthetic address of object 0; object N lives at {@code HEAP_BASE + N * HEAP_STRIDE}. */
    public static final long HEAP_BASE = 0xffff888000000000L;
    public static final long HEAP_STRIDE = 0x1000;

    final int id;
    final int btfTypeId;
    final String typeName;
    final TypeLayout layout;
    final boolean percpu;
    final int allocInsn;
    final int allocRun;
    final GraphNode[] nodes;
    List<Collection> roots = List.of();
    int refcount = 1;
    boolean freed;
    int freedInsn = -1;
    boolean leakReported;

    HeapObject(int id, TypeLayout layout, boolean percpu, int allocInsn, int allocRun) {
        super(Kind.HEAP, "#" + id + " " + layout.typeName(), HEAP_BASE + id * HEAP_STRIDE, layout.size(), false);
        this.id = id;
        this.btfTypeId = layout.typeId();
        this.typeName = layout.typeName();
        this.layout = layout;
        this.percpu = percpu;
        this.allocInsn = allocInsn;
        this.allocRun = allocRun;
        List<TypeLayout.Field> nodeFields = layout.nodeFields();
        this.nodes = new GraphNode[nodeFields.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new GraphNode(this, nodeFields.get(i));
        }
        for (TypeLayout.Field f : layout.fields()) {
            special(f.offset(), f.size(), f.name() + " (" + f.kind().name().toLowerCase() + ")",
                    f.kind() == TypeLayout.FieldKind.KPTR);
        }
    }

    public int id() {
        return id;
    }

    public int btfTypeId() {
        return btfTypeId;
    }

    /** {@code struct node}. */
    public String typeName() {
        return typeName;
    }

    public TypeLayout layout() {
        return layout;
    }

    /** The refcount; for types without bpf_refcount, 1 while alive. */
    public int refcount() {
        return refcount;
    }

    public boolean refcounted() {
        return layout.refcountOffset() >= 0;
    }

    public boolean freed() {
        return freed;
    }

    public int allocInsn() {
        return allocInsn;
    }

    public List<GraphNode> nodes() {
        return List.of(nodes);
    }

    /** The collections (list heads, rb roots) inside this object. */
    public List<Collection> roots() {
        return roots;
    }

    /** The node at field offset {@code offset}, or null. */
    public GraphNode nodeAt(long offset) {
        for (GraphNode n : nodes) {
            if (n.field.offset() == offset) {
                return n;
            }
        }
        return null;
    }

    void markFreed(int insn) {
        freed = true;
        freedInsn = insn;
        guarded = true;
    }
}
