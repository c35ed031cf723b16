package dev.kptrviz.kfunc.spec;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.kfunc.Semantics;

/** {@code bpf_refcount_acquire_impl}: one more owning reference to a refcounted object. */
public final class RefcountAcquire implements KfuncSpec {
    @Override
    public Kfunc kfunc() {
        return Kfunc.REFCOUNT_ACQUIRE;
    }

    @Override
    public String explain() {
        return "Increments the object's bpf_refcount and returns the same pointer as a new owning reference, "
                + "so the object can be owned by the program and by collections at once. Since 6.5 the "
                + "increment refuses a count that already reached zero (the object is being freed) and "
                + "returns NULL instead.";
    }

    @Override
    public boolean allowedUnderLock() {
        return true;
    }

    @Override
    public boolean availableIn(Semantics semantics) {
        return semantics.refcountSupported();
    }

    @Override
    public void execute(RuntimeOps ops) {
        if (ops.isNull(1)) {
            ops.fail(FindingKind.NULL_DEREFERENCE, name() + "(NULL): the kernel increments the refcount at "
                    + "NULL + offset (an oops)");
            return;
        }
        RuntimeOps.ObjectArg a = ops.objectArg(1, RuntimeOps.Use.BORROW);
        if (a == null) {
            return;
        }
        int obj = a.object();
        if (!ops.refcounted(obj)) {
            ops.report(FindingKind.NO_REFCOUNT, ops.describe(obj) + " has no struct bpf_refcount: the kernel's "
                    + "refcount offset is -1, so it increments the 4 bytes at offset -1 (the allocator's header "
                    + "and the first bytes of the object) and returns the pointer as a second 'owning' reference "
                    + "that nothing counts; one drop will free the object under the other owner");
            ops.returnOwning(obj, a.offset());
            return;
        }
        boolean fallible = ops.semantics().acquireOfNonOwningMayBeNull();
        if (fallible && ops.injectNull()) {
            ops.returnNull();
            return;
        }
        if (ops.refcount(obj) == 0) {
            if (fallible) {
                ops.returnNull();
                return;
            }
            ops.report(FindingKind.USE_AFTER_FREE, "refcount_inc on " + ops.describe(obj) + " whose count is 0 "
                    + "(refcount_t warns \"addition on 0; use-after-free\")");
        }
        ops.incrementRefcount(obj);
        ops.returnOwning(obj, a.offset());
    }

    /**
     * Verifier effect: arg1 must be an owning or non-owning reference to a refcounted type; R0 is
     * a new owning reference, possibly NULL (6.5+) when the argument was non-owning.
     */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        Semantics sem = ops.semantics();
        Reg r1 = ops.read(1);
        if (r1.is(Reg.MAYBE_NULL) && sem.acquireOfNonOwningMayBeNull()) {
            throw new Rejection("This pointer may be NULL (bpf_refcount_acquire of a non-owning reference can fail): "
                    + "check it first.", "Possibly NULL pointer passed to trusted arg0");
        }
        if (!r1.isAllocObj()) {
            throw new Rejection("bpf_refcount_acquire needs a pointer to one of your allocated objects.",
                    "arg#0 is neither owning or non-owning ref");
        }
        if (!ops.hasField(r1.btfId(), SpecialField.REFCOUNT)) {
            throw new Rejection("Add a struct bpf_refcount member to share ownership of this type.",
                    "arg#0 doesn't point to a type with bpf_refcount field");
        }
        boolean maybeNull = !r1.isOwning() && sem.acquireOfNonOwningMayBeNull();
        if (maybeNull) {
            ops.newId();
        }
        int ref = ops.acquire();
        ops.setR0(Reg.alloc(r1.btfId(), r1.typeName(), 0, maybeNull ? Reg.MAYBE_NULL : 0, maybeNull ? ref : 0, ref));
    }
}
