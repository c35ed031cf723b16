package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Ownership;

/**
 * The slow path of every memory access: pointers without provenance are mapped back through the
 * address space, and NULL, out-of-bounds, freed, read-only, expired non-owning and released
 * references are reported. Problems after which the access cannot be performed stop the run;
 * the others (use after free, non-owning after unlock) are reported and the access goes ahead,
 * as it would in the kernel.
 */
final class Access {
    private final Machine m;

    Access(Machine m) {
        this.m = m;
    }

    MemoryObject checked(Ref r, long a, int size, int insn, boolean write) {
        String what = (write ? "write of " : "read of ") + size + " byte" + (size == 1 ? "" : "s");
        MemoryObject o;
        if (r == null) {
            if (AddressSpace.nearNull(a)) {
                throw m.fail(FindingKind.NULL_DEREFERENCE, insn, what + " at address " + a
                        + " (NULL " + (a >= 0 ? "+ " + a : "- " + -a) + "): the kernel would oops");
            }
            o = m.space.resolve(a);
            if (o == null) {
                throw m.fail(FindingKind.INVALID_ACCESS, insn, what + " at 0x" + Long.toHexString(a)
                        + ", which is not a pointer into any memory (a scalar used as a pointer)");
            }
        } else {
            o = r.target;
            if (r.check) {
                ownership(r, o, insn, what);
            }
        }
        long k = a - o.base;
        if (o.kind == MemoryObject.Kind.CODE) {
            throw m.fail(FindingKind.INVALID_ACCESS, insn, what + " through a function pointer (" + o.name + ")");
        }
        if (k < 0 || k > o.size - size) {
            throw m.fail(FindingKind.OUT_OF_BOUNDS, insn, what + " at offset " + k + " of " + describe(o)
                    + " (" + o.size + " bytes)");
        }
        if (o instanceof HeapObject h && h.freed) {
            m.report(FindingKind.USE_AFTER_FREE, insn, what + " at offset " + k + " of " + describe(o)
                    + ", freed at insn " + h.freedInsn);
        }
        if (write && o.readOnly) {
            throw m.fail(FindingKind.INVALID_ACCESS, insn, what + " into read-only " + o.name);
        }
        String field = o.specialAt(k, size, write);
        if (field != null) {
            m.report(FindingKind.SPECIAL_FIELD_ACCESS, insn, what + " at offset " + k + " of " + describe(o)
                    + " touches " + field + ", which only the kernel may " + (write ? "change" : "read")
                    + " (the verifier: \"direct access ... is disallowed\")");
        }
        return o;
    }

    private void ownership(Ref r, MemoryObject o, int insn, String what) {
        Ownership own = r.ownership(m.unlockCount);
        boolean freed = o instanceof HeapObject h && h.freed;
        if (own == Ownership.EXPIRED) {
            m.report(FindingKind.NON_OWNING_AFTER_UNLOCK, insn, what + " through a non-owning reference to "
                    + describe(o) + " obtained at insn " + r.originInsn + " under a lock that has since been "
                    + "released (the verifier made this register a scalar at unlock)");
        } else if (own == Ownership.RELEASED && !freed) {
            m.report(FindingKind.USE_AFTER_RELEASE, insn, what + " through a reference to " + describe(o)
                    + " that the program already gave away");
        }
    }

    String describe(MemoryObject o) {
        return o instanceof HeapObject h ? m.heap.describe(h) : o.name;
    }
}
