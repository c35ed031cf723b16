package dev.kptrviz.runtime;

import dev.kptrviz.runtime.event.Change;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The bpf_spin_locks: one id per lock location (globals first, then locks inside heap objects as
 * they are allocated), which are held, and the lock word (1 held, 0 free) mirrored into memory.
 * Every release advances the machine's unlock count, which expires all non-owning references.
 */
final class Locks {
    /** A lock location and its display name. */
    record Lock(int id, MemoryObject container, int offset, String name) {
    }

    private final Machine m;
    private final List<Lock> all = new ArrayList<>();
    private final Map<MemoryObject, Map<Integer, Lock>> byPlace = new IdentityHashMap<>();
    private final List<Lock> held = new ArrayList<>();

    Locks(Machine m) {
        this.m = m;
        all.add(null); // ids start at 1
    }

    int id(MemoryObject container, int offset, String name) {
        Lock l = byPlace.computeIfAbsent(container, c -> new HashMap<>()).get(offset);
        if (l == null) {
            l = new Lock(all.size(), container, offset, name);
            all.add(l);
            byPlace.get(container).put(offset, l);
        }
        return l.id();
    }

    /** The lock at this place, or -1. */
    int find(MemoryObject container, long offset) {
        Map<Integer, Lock> mp = byPlace.get(container);
        Lock l = mp == null || offset < 0 || offset > Integer.MAX_VALUE ? null : mp.get((int) offset);
        return l == null ? -1 : l.id();
    }

    Lock get(int id) {
        return all.get(id);
    }

    int held() {
        return held.size();
    }

    boolean isHeld(int id) {
        return held.stream().anyMatch(l -> l.id() == id);
    }

    int[] heldIds() {
        return held.stream().mapToInt(Lock::id).toArray();
    }

    List<String> heldList() {
        return held.stream().map(Lock::name).toList();
    }

    String heldNames() {
        return held.stream().map(Lock::name).collect(Collectors.joining(", "));
    }

    void acquire(int id) {
        Lock l = all.get(id);
        held.add(l);
        m.poke(l.container(), l.offset(), 1, 4);
        if (m.tracer != null) {
            m.tracer.add(new Change.Lock(l.name(), true, m.unlockCount));
        }
    }

    void release(int id) {
        Lock l = all.get(id);
        held.remove(l);
        m.unlockCount++;
        m.poke(l.container(), l.offset(), 0, 4);
        if (m.tracer != null) {
            m.tracer.add(new Change.Lock(l.name(), false, m.unlockCount));
        }
    }

    // ---- checkpoints ----

    List<Lock> allCopy() {
        return new ArrayList<>(all);
    }

    List<Lock> heldCopy() {
        return List.copyOf(held);
    }

    /** Back to the locks known then ({@code known}, index = id) and held then. */
    void restore(List<Lock> known, List<Lock> wasHeld) {
        all.clear();
        all.addAll(known);
        byPlace.clear();
        for (Lock l : known) {
            if (l != null) {
                byPlace.computeIfAbsent(l.container(), c -> new HashMap<>()).put(l.offset(), l);
            }
        }
        held.clear();
        held.addAll(wasHeld);
    }
}
