package dev.kptrviz.runtime;

import dev.kptrviz.program.CollectionRoot;

import java.util.ArrayList;
import java.util.List;

/** A doubly linked list in the order the kernel's {@code list_add} / {@code list_add_tail} build. */
public final class ListCollection extends Collection {
    GraphNode head;
    GraphNode tail;
    /** False while the map-zeroed head has never been touched ({@code next == NULL}). */
    boolean initialized;

    ListCollection(int id, String name, MemoryObject container, int offset, CollectionRoot decl, int lockId,
                   boolean initialized) {
        super(id, name, container, offset, decl, lockId);
        this.initialized = initialized;
    }

    public boolean initialized() {
        return initialized;
    }

    void add(GraphNode n, boolean atTail) {
        initialized = true;
        if (head == null) {
            head = tail = n;
            n.prev = n.next = null;
        } else if (atTail) {
            n.prev = tail;
            n.next = null;
            tail.next = n;
            tail = n;
        } else {
            n.next = head;
            n.prev = null;
            head.prev = n;
            head = n;
        }
        size++;
    }

    void remove(GraphNode n) {
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = n.next = null;
        size--;
    }

    GraphNode end(boolean atTail) {
        return atTail ? tail : head;
    }

    @Override
    public List<GraphNode> members() {
        List<GraphNode> out = new ArrayList<>(size);
        for (GraphNode n = head; n != null && out.size() <= size; n = n.next) {
            out.add(n);
        }
        return out;
    }

    @Override
    public Shape shape() {
        List<Links> links = new ArrayList<>(size);
        for (GraphNode n : members()) {
            links.add(new Links(n, n.prev, n.next, null, false));
        }
        return new Shape(size, head, tail, initialized, links);
    }

    @Override
    void restore(Shape s) {
        size = s.size();
        head = s.first();
        tail = s.second();
        initialized = s.initialized();
        for (Links l : s.links()) {
            l.node().prev = l.a();
            l.node().next = l.b();
        }
    }

    @Override
    void clear() {
        head = tail = null;
        size = 0;
        initialized = true;
    }
}
