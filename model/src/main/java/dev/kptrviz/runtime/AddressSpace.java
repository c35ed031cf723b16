package dev.kptrviz.runtime;

import dev.kptrviz.program.Function;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.Region;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic address map: heap object N at {@code 0xffff888000000000 + N*0x1000}, the context
 * at {@code 0xffff888100000000}, global region i at {@code 0xffff888200000000 + i*16MiB}, the
 * stack of frame depth d at {@code 0xffffc90000000000 + d*0x1000}, functions at
 * {@code 0xffffffffa0000000 + 8*insn}. Any address can be mapped back to the object it falls in.
 */
final class AddressSpace {
    static final long CTX_BASE = 0xffff888100000000L;
    static final int CTX_SIZE = 192;
    static final long REGION_BASE = 0xffff888200000000L;
    static final long REGION_STRIDE = 0x1000000L;
    static final long STACK_BASE = 0xffffc90000000000L;
    static final long STACK_STRIDE = 0x1000L;
    static final long CODE_BASE = 0xffffffffa0000000L;
    /** Addresses this close to 0 (either side) are a NULL pointer plus or minus a field offset. */
    static final long NULL_GUARD = 0x10000L;

    final List<MemoryObject> regions = new ArrayList<>();
    final Map<String, MemoryObject> regionsByName = new HashMap<>();
    final List<HeapObject> heap = new ArrayList<>();
    final Map<Integer, MemoryObject> functions = new HashMap<>();
    MemoryObject ctx;
    /** Live stacks by frame depth (null above the current depth). */
    final MemoryObject[] stacks = new MemoryObject[Machine.MAX_FRAMES];

    AddressSpace(List<Region> regionList, Program program) {
        for (Region r : regionList) {
            MemoryObject o = new MemoryObject(MemoryObject.Kind.GLOBAL, r.name(),
                    REGION_BASE + r.index() * REGION_STRIDE, r.size(), r.readOnly());
            System.arraycopy(r.initial(), 0, o.bytes, 0, Math.min(r.size(), r.initial().length));
            regions.add(o);
            regionsByName.put(r.name(), o);
        }
        for (Function f : program.functions()) {
            functions.put(f.start(), new MemoryObject(MemoryObject.Kind.CODE, f.name() + "()",
                    CODE_BASE + 8L * f.start(), 0, true));
        }
        heap.add(null); // ids start at 1
    }

    MemoryObject newContext() {
        ctx = new MemoryObject(MemoryObject.Kind.CONTEXT, "ctx", CTX_BASE, CTX_SIZE, false);
        return ctx;
    }

    MemoryObject newStack(int depth) {
        MemoryObject s = new MemoryObject(MemoryObject.Kind.STACK, "fp[" + depth + "]",
                STACK_BASE + depth * STACK_STRIDE, Frame.STACK_SIZE, false);
        stacks[depth] = s;
        return s;
    }

    MemoryObject function(int insn) {
        return functions.computeIfAbsent(insn, i -> new MemoryObject(MemoryObject.Kind.CODE, "insn " + i,
                CODE_BASE + 8L * i, 0, true));
    }

    static boolean nearNull(long addr) {
        return addr > -NULL_GUARD && addr < NULL_GUARD;
    }

    /** The object {@code addr} falls in (by its base range), or null. */
    MemoryObject resolve(long addr) {
        if (addr - HeapObject.HEAP_BASE >= 0 && addr - HeapObject.HEAP_BASE < heap.size() * HeapObject.HEAP_STRIDE) {
            int id = (int) ((addr - HeapObject.HEAP_BASE) / HeapObject.HEAP_STRIDE);
            return id == 0 ? null : heap.get(id);
        }
        if (ctx != null && addr - CTX_BASE >= 0 && addr - CTX_BASE < 0x1000) {
            return ctx;
        }
        long r = addr - REGION_BASE;
        if (r >= 0 && r < regions.size() * REGION_STRIDE) {
            return regions.get((int) (r / REGION_STRIDE));
        }
        long s = addr - STACK_BASE;
        if (s >= 0 && s < Machine.MAX_FRAMES * STACK_STRIDE) {
            return stacks[(int) (s / STACK_STRIDE)];
        }
        long c = addr - CODE_BASE;
        if (c >= 0 && c % 8 == 0 && c < 8L * Integer.MAX_VALUE) {
            return functions.get((int) (c / 8));
        }
        return null;
    }
}
