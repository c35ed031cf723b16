package dev.kptrviz.runtime;

/**
 * The hidden state of one {@code bpf_list_node} / {@code bpf_rb_node} field of a heap object: its
 * owner (the kernel's owner word since 6.6; may stay set, stale, after a map drain), whether it
 * is really linked, and its links: prev/next in a list, parent/left/right/colour in a tree.
 */
public final class GraphNode {
    final HeapObject object;
    final TypeLayout.Field field;
    Collection owner;
    boolean linked;
    GraphNode prev;
    GraphNode next;
    GraphNode parent;
    GraphNode left;
    GraphNode right;
    boolean red;

    GraphNode(HeapObject object, TypeLayout.Field field) {
        this.object = object;
        this.field = field;
    }

    public HeapObject object() {
        return object;
    }

    public TypeLayout.Field field() {
        return field;
    }

    /** The collection whose owner word this node carries, or null. */
    public Collection owner() {
        return owner;
    }

    public boolean linked() {
        return linked;
    }

    public GraphNode parent() {
        return parent;
    }

    public GraphNode left() {
        return left;
    }

    public GraphNode right() {
        return right;
    }

    public boolean red() {
        return red;
    }

    /** Synthetic address of the node field. */
    long address() {
        return object.base + field.offset();
    }

    @Override
    public String toString() {
        return object.name() + "." + field.name();
    }
}
