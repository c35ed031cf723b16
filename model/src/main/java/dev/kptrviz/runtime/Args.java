package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Ownership;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.program.CollectionRoot;

/**
 * Resolves and checks kfunc/helper arguments: what the register points into, whether the program
 * owns that reference, whether a root's lock is held. Problems that make the call meaningless
 * stop the run; ownership and locking problems are reported and the call goes ahead, since that
 * is what the kernel would do with a program the verifier had let through.
 */
final class Args {
    private final Machine m;
    private final KfuncBridge b;

    Args(Machine m, KfuncBridge b) {
        this.m = m;
        this.b = b;
    }

    private String call() {
        return b.spec.name();
    }

    private MemoryObject target(int reg) {
        Frame f = m.frames[m.depth];
        if (f.p[reg] != null) {
            return f.p[reg].target;
        }
        long a = f.v[reg];
        if (AddressSpace.nearNull(a)) {
            throw m.fail(FindingKind.NULL_DEREFERENCE, b.insn, call() + " gets NULL" + (a == 0 ? "" : (a > 0 ? "+" : "")
                    + (a == 0 ? "" : a)) + " in R" + reg + " and dereferences it: the kernel would oops");
        }
        MemoryObject o = m.space.resolve(a);
        if (o == null) {
            throw m.fail(FindingKind.INVALID_ARGUMENT, b.insn, call() + ": R" + reg + " = " + a + " is not a pointer");
        }
        return o;
    }

    private long offset(int reg, MemoryObject o) {
        return m.frames[m.depth].v[reg] - o.base;
    }

    RuntimeOps.ObjectArg object(int reg, RuntimeOps.Use use) {
        MemoryObject t = target(reg);
        if (!(t instanceof HeapObject o)) {
            throw m.fail(FindingKind.INVALID_ARGUMENT, b.insn, call() + " expects a pointer to an allocated object in R"
                    + reg + ", not into " + t.name);
        }
        long off = offset(reg, o);
        if (off < 0 || off >= o.size) {
            throw m.fail(FindingKind.OUT_OF_BOUNDS, b.insn, call() + ": R" + reg + " points " + off + " bytes from the "
                    + "start of " + m.heap.describe(o) + " (" + o.size + " bytes)");
        }
        Ref r = m.frames[m.depth].p[reg];
        Ownership own = r == null ? Ownership.UNTRACKED : r.ownership(m.unlockCount);
        String who = m.heap.describe(o);
        boolean notOwning = own == Ownership.NON_OWNING || own == Ownership.EXPIRED;
        if (use != RuntimeOps.Use.DROP && o.freed) {
            m.report(FindingKind.USE_AFTER_FREE, b.insn, call() + " uses " + who + ", freed at insn " + o.freedInsn);
        } else if (use != RuntimeOps.Use.BORROW && notOwning) {
            m.report(FindingKind.NOT_OWNED, b.insn, call() + " consumes an owning reference, but R" + reg + " is a "
                    + "non-owning reference to " + who + " (obtained at insn " + r.originInsn + "; "
                    + (own == Ownership.EXPIRED ? "its lock has since been released; " : "")
                    + "a collection owns the object)");
        } else if (own == Ownership.RELEASED && !o.freed) {
            m.report(use == RuntimeOps.Use.BORROW ? FindingKind.USE_AFTER_RELEASE : FindingKind.NOT_OWNED, b.insn,
                    call() + ": R" + reg + " is a reference to " + who + " that the program already gave away");
        } else if (use == RuntimeOps.Use.BORROW && own == Ownership.EXPIRED) {
            m.report(FindingKind.NON_OWNING_AFTER_UNLOCK, b.insn, call() + " uses a non-owning reference to " + who
                    + " obtained at insn " + r.originInsn + " under a lock that has since been released");
        }
        return new RuntimeOps.ObjectArg(o.id, off, own);
    }

    RuntimeOps.ObjectArg node(int reg, RuntimeOps.RootArg root, RuntimeOps.Use use) {
        RuntimeOps.ObjectArg a = object(reg, use);
        HeapObject o = b.object(a.object());
        if ((root.containedTypeId() > 0 && o.btfTypeId != root.containedTypeId()) || a.offset() != root.nodeOffset()) {
            throw m.fail(FindingKind.INVALID_ARGUMENT, b.insn, call() + " on " + root.name() + " expects struct "
                    + root.containedType() + "'s node at offset " + root.nodeOffset() + ", but R" + reg + " points "
                    + a.offset() + " bytes into " + m.heap.describe(o));
        }
        return a;
    }

    RuntimeOps.RootArg root(int reg, CollectionRoot.Kind kind) {
        MemoryObject t = target(reg);
        long off = offset(reg, t);
        Collection c = m.graph.find(t, off);
        if (c == null || c.kind() != kind) {
            throw m.fail(FindingKind.INVALID_ARGUMENT, b.insn, call() + " expects a " + kind.rootStruct() + " in R" + reg
                    + ", but it points to " + t.name + "+" + off + (c == null ? "" : " (a " + c.kind().rootStruct() + ")"));
        }
        if (t instanceof HeapObject h && h.freed) {
            m.report(FindingKind.USE_AFTER_FREE, b.insn, call() + " on " + c.name + " inside freed " + m.heap.describe(h));
        }
        if (c.lockId < 0) {
            m.report(FindingKind.LOCK_NOT_HELD, b.insn, call() + " on " + c.name + ", which has no bpf_spin_lock beside it");
        } else if (!m.locks.isHeld(c.lockId)) {
            String lock = m.locks.get(c.lockId).name();
            m.report(FindingKind.LOCK_NOT_HELD, b.insn, call() + " on " + c.name + " without holding " + lock
                    + (m.locks.held() == 0 ? "" : "; the lock held (" + m.locks.heldNames() + ") is in another allocation "
                    + "and does not protect it"));
        }
        CollectionRoot d = c.decl;
        return new RuntimeOps.RootArg(c.id, kind, c.name, d.nodeOffset(), d.containedTypeId(), d.containedType());
    }

    int callback(int reg) {
        MemoryObject t = target(reg);
        if (t.kind != MemoryObject.Kind.CODE || offset(reg, t) != 0) {
            throw m.fail(FindingKind.INVALID_ARGUMENT, b.insn, call() + " expects a function in R" + reg + ", not "
                    + t.name);
        }
        return (int) ((t.base - AddressSpace.CODE_BASE) / 8);
    }

    int lock(int reg) {
        MemoryObject t = target(reg);
        long off = offset(reg, t);
        int id = m.locks.find(t, off);
        if (id < 0) {
            throw m.fail(FindingKind.INVALID_ARGUMENT, b.insn, call() + ": R" + reg + " points to " + t.name + "+" + off
                    + ", which is not a bpf_spin_lock");
        }
        return id;
    }

    int kptrExchange(int reg, int object) {
        MemoryObject t = target(reg);
        long off = offset(reg, t);
        int targetType = m.kptrSlotType(t, off);
        if (targetType < 0) {
            throw m.fail(FindingKind.INVALID_ARGUMENT, b.insn, call() + ": R" + reg + " points to " + t.name + "+" + off
                    + ", which is not a __kptr field");
        }
        HeapObject incoming = object == 0 ? null : b.object(object);
        if (incoming != null && incoming.btfTypeId != targetType) {
            m.report(FindingKind.INVALID_ARGUMENT, b.insn, call() + " stores " + m.heap.describe(incoming)
                    + " into a slot declared for another type");
        }
        HeapObject old = m.heap.stashedAt(t, (int) off);
        Ref ref = incoming == null ? null : new Ref(incoming, Ownership.STASHED, 0, -1, b.insn);
        Interpreter.store(t, (int) off, 8, incoming == null ? 0 : incoming.base, ref, m.tracer);
        return old == null ? 0 : old.id;
    }
}
