package dev.kptrviz.runtime;

import dev.kptrviz.LoadException;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.GlobalVar;
import dev.kptrviz.program.Region;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a machine learns from its object's BTF once: struct layouts (cached by type id), the
 * {@code __kptr} slots of each global region, and the spin locks among the globals (registered
 * first so global lock ids are stable).
 */
final class Layouts {
    private static final java.util.Set<String> SPECIAL_GLOBALS = java.util.Set.of("struct bpf_spin_lock",
            "struct bpf_list_head", "struct bpf_rb_root");

    private final BpfObject object;
    private final Semantics semantics;
    private final Map<Integer, TypeLayout> layouts = new HashMap<>();
    private final Map<MemoryObject, Map<Integer, Integer>> kptrSlots = new IdentityHashMap<>();

    Layouts(BpfObject object, Semantics semantics, AddressSpace space, Locks locks) {
        this.object = object;
        this.semantics = semantics;
        for (Region r : object.regions()) {
            MemoryObject o = space.regionsByName.get(r.name());
            for (GlobalVar v : r.vars()) {
                if ("struct bpf_spin_lock".equals(v.cType())) {
                    locks.id(o, v.offset(), v.name());
                }
                if (SPECIAL_GLOBALS.contains(v.cType())) {
                    o.special(v.offset(), v.size(), v.name() + " (" + v.cType() + ")", false);
                }
                int target = kptrOf(v.btfTypeId());
                if (target > 0) {
                    kptrSlots.computeIfAbsent(o, x -> new HashMap<>()).put(v.offset(), target);
                    o.special(v.offset(), 8, v.name() + " (__kptr)", true);
                }
            }
        }
    }

    private int kptrOf(int varType) {
        if (object.btf() == null) {
            return -1;
        }
        try {
            BtfType t = object.btf().resolve(varType);
            return t instanceof BtfType.Ptr ptr ? TypeLayout.kptrTarget(object.btf(), ptr.type()) : -1;
        } catch (LoadException e) {
            return -1;
        }
    }

    TypeLayout layout(int typeId) {
        return layouts.computeIfAbsent(typeId, id -> TypeLayout.of(object.btf(), id, semantics));
    }

    /** Offsets of the __kptr slots of a global region. */
    List<Integer> kptrSlots(MemoryObject region) {
        Map<Integer, Integer> mp = kptrSlots.get(region);
        return mp == null ? List.of() : List.copyOf(mp.keySet());
    }

    /** The struct a __kptr slot at {@code off} of {@code o} holds, or -1 when there is no slot there. */
    int kptrSlotType(MemoryObject o, long off) {
        if (o instanceof HeapObject h) {
            for (TypeLayout.Field f : h.layout.fields()) {
                if (f.kind() == TypeLayout.FieldKind.KPTR && f.offset() == off) {
                    return f.targetTypeId();
                }
            }
            return -1;
        }
        Map<Integer, Integer> mp = kptrSlots.get(o);
        Integer t = mp == null ? null : mp.get((int) off);
        return t == null ? -1 : t;
    }
}
