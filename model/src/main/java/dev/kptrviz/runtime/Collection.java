package dev.kptrviz.runtime;

import dev.kptrviz.program.CollectionRoot;

import java.util.List;

/**
 * A {@code bpf_list_head} or {@code bpf_rb_root} with its members: in a global region or inside a
 * heap object. Ids are stable per machine (globals first, in declaration order). Subclasses keep
 * the kernel's structure; {@link #shape()} / {@link #restore} capture and put back every link so
 * a step that changed the collection can be undone.
 */
public abstract class Collection {
    final int id;
    final String name;
    final MemoryObject container;
    final int offset;
    final CollectionRoot decl;
    final int lockId;
    int size;
    /** True once the object containing this root has been freed (drained then). */
    boolean dead;

    Collection(int id, String name, MemoryObject container, int offset, CollectionRoot decl, int lockId) {
        this.id = id;
        this.name = name;
        this.container = container;
        this.offset = offset;
        this.decl = decl;
        this.lockId = lockId;
    }

    /** The links of one member at one moment: prev/next for lists, parent/left/right/colour for trees. */
    public record Links(GraphNode node, GraphNode a, GraphNode b, GraphNode c, boolean red) {
    }

    /** Everything needed to put a collection back as it was. */
    public record Shape(int size, GraphNode first, GraphNode second, boolean initialized, List<Links> links) {
    }

    public int id() {
        return id;
    }

    /** {@code groot}, or {@code #4 struct bag.items} for a root inside an object. */
    public String name() {
        return name;
    }

    public CollectionRoot.Kind kind() {
        return decl.kind();
    }

    public CollectionRoot declaration() {
        return decl;
    }

    public MemoryObject container() {
        return container;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return size;
    }

    /** True once the object containing this root has been freed. */
    public boolean dead() {
        return dead;
    }

    /** Members in order: list order, or in-order (ascending) for a tree. */
    public abstract List<GraphNode> members();

    public abstract Shape shape();

    abstract void restore(Shape s);

    /** Forgets every member without touching their links or owner words (a map drain). */
    abstract void clear();

    long address() {
        return container.base + offset;
    }

    @Override
    public String toString() {
        return name;
    }
}
