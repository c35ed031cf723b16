package dev.kptrviz.session;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.Ownership;
import dev.kptrviz.runtime.Frame;
import dev.kptrviz.runtime.HeapObject;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.MemoryObject;
import dev.kptrviz.runtime.Ref;
import dev.kptrviz.runtime.Value;
import dev.kptrviz.verifier.State;

import java.util.ArrayList;
import java.util.List;

/**
 * The soundness monitor: after a step, every register and spilled slot of every frame is checked
 * against its abstract value: a scalar's value lies within its tnum and bounds; a local kptr points at a
 * live heap object of its BTF type at its offset (or is NULL where the verifier allows it); an owning
 * reference is one the program really holds; a non-owning one points at an object a collection (or a
 * held reference) keeps alive.
 */
final class Monitor {
    private Monitor() {
    }

    static void check(Machine m, State abs, long step, int pc, List<Alarm> out) {
        int frames = Math.min(abs.frames().size(), m.depth() + 1);
        boolean inCallback = false;
        for (dev.kptrviz.verifier.Frame f : abs.frames()) {
            inCallback |= f.isCallback();
        }
        // inside a callback the abstract caller frames are the call site's snapshot (as in the kernel, which
        // verifies less() once, from the state at the call): only the callback's own frames are compared
        int first = 0;
        while (inCallback && first < frames - 1 && !abs.frames().get(first).isCallback()) {
            first++;
        }
        for (int d = first; d < frames; d++) {
            dev.kptrviz.verifier.Frame af = abs.frames().get(d);
            Frame cf = m.frame(d);
            for (int r = 0; r < 10; r++) {
                Reg a = af.reg(r);
                if (a.isScalar() ? !a.scalar().contains(cf.bits(r)) : a.isAllocObj()) {
                    check(m, a, m.register(d, r), d, r, inCallback, step, pc, out);
                }
            }
            MemoryObject stack = cf.stack();
            for (int off = -8; off >= -Frame.STACK_SIZE; off -= 8) {
                Reg a = af.spillAt(off);
                if (a == null) {
                    continue;
                }
                int idx = Frame.STACK_SIZE + off;
                long bits = stack.readLong(idx, 8);
                if (a.isScalar() ? !a.scalar().contains(bits) : a.isAllocObj()) {
                    check(m, a, value(m, bits, stack.slot(idx)), d, off, inCallback, step, pc, out);
                }
            }
        }
    }

    /** {@code r3} for 0..10, {@code fp-8} for a (negative) stack offset. */
    private static String where(int slot) {
        return slot >= 0 ? "r" + slot : "fp" + slot;
    }

    static Value value(Machine m, long bits, Ref ref) {
        if (ref == null) {
            return new Value(bits, null, 0, null, 0);
        }
        return new Value(bits, ref.target(), bits - ref.target().base(), ref.ownership(m.unlockCount()), ref.refId());
    }

    private static void check(Machine m, Reg a, Value v, int d, int slot, boolean inCallback, long step, int pc,
                              List<Alarm> out) {
        String where = where(slot);
        if (a.isScalar()) {
            if (!a.scalar().contains(v.bits())) {
                out.add(new Alarm(step, pc, d, where, "value outside the verifier's bounds", v.toString(), a.format()));
            }
            return;
        }
        if (!a.isAllocObj()) {
            return;
        }
        if (v.bits() == 0 && v.target() == null) {
            if (!a.is(Reg.MAYBE_NULL)) {
                out.add(new Alarm(step, pc, d, where, "NULL where the verifier knows a non-NULL pointer", "0",
                        a.format()));
            }
            return;
        }
        if (!(v.target() instanceof HeapObject h)) {
            out.add(new Alarm(step, pc, d, where, "local kptr that does not point into a heap object", v.toString(),
                    a.format()));
            return;
        }
        String why = null;
        if (h.freed()) {
            why = "local kptr to a freed object";
        } else if (!h.typeName().equals(a.typeName()) && !h.typeName().equals("struct " + a.typeName())) {
            why = "local kptr to an object of another type";
        } else if (v.offset() != a.off()) {
            why = "local kptr at another offset";
        } else if (a.isOwning() && v.ownership() != Ownership.OWNING) {
            why = "owning reference the program does not hold";
        } else if (a.isNonOwning() && !inCallback && !keptAlive(m, h)) {
            why = "non-owning reference to an object no collection or reference keeps";
        }
        if (why != null) {
            out.add(new Alarm(step, pc, d, where, why, v.toString() + (h.freed() ? " (freed)" : ""), a.format()));
        }
    }

    /** In some collection, or held through an owning reference in some register. */
    private static boolean keptAlive(Machine m, HeapObject h) {
        for (var n : h.nodes()) {
            if (n.linked()) {
                return true;
            }
        }
        for (int d = 0; d <= m.depth(); d++) {
            for (int r = 0; r < 11; r++) {
                Value v = m.register(d, r);
                if (v.target() == h && v.ownership() == Ownership.OWNING) {
                    return true;
                }
            }
        }
        return false;
    }
}
