package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.RuntimeOps;

import java.util.Set;

/** {@code bpf_obj_drop_impl} / {@code bpf_percpu_obj_drop_impl}: give one reference back. */
public final class ObjDrop extends FamilySpec {
    public ObjDrop(Kfunc kfunc) {
        super(kfunc, Set.of(Kfunc.OBJ_DROP, Kfunc.PERCPU_OBJ_DROP));
    }

    @Override
    public String explain() {
        return "Gives one owning reference back. For a refcounted type the count goes down by one and the "
                + "object lives on while it is above zero; at zero (or at once for a type without "
                + "bpf_refcount) the kernel drains any lists and trees inside the object, dropping their "
                + "members, releases stashed kptrs and frees the memory.";
    }

    @Override
    public void execute(RuntimeOps ops) {
        if (ops.isNull(1)) {
            // The kernel reads the refcount (or drains roots) at NULL + offset: an oops for every type
            // with such fields. Without the verifier's static type we cannot tell the harmless case apart.
            ops.fail(FindingKind.NULL_DEREFERENCE, name() + "(NULL): the kernel dereferences the pointer to "
                    + "decrement its refcount or drain its roots (an oops); only a type without special fields "
                    + "would get away with it");
            return;
        }
        RuntimeOps.ObjectArg a = ops.objectArg(1, RuntimeOps.Use.DROP);
        if (a == null) {
            return;
        }
        if (a.offset() != 0) {
            ops.fail(FindingKind.INVALID_ARGUMENT, name() + " got a pointer " + a.offset() + " bytes into "
                    + ops.describe(a.object()) + "; it needs the start of the object (use container_of): the "
                    + "kernel would free the wrong address");
            return;
        }
        ops.release(1);
        ops.dropReference(a.object());
    }

    /**
     * Verifier effect: arg1 must be an owning reference to the start of an object (release args
     * are trusted on current kernels); the reference is released and every copy invalidated.
     */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        Reg r1 = ops.read(1);
        boolean trusted = ops.semantics().releaseArgsMustBeTrusted();
        if (r1.is(Reg.MAYBE_NULL) && trusted) {
            throw new Rejection("Check the pointer for NULL first.", "Possibly NULL pointer passed to trusted arg0");
        }
        if (trusted && !r1.isOwning() && !r1.isNonOwning()) {
            throw new Rejection("bpf_obj_drop needs an owning reference; this register holds none (a non-owning "
                    + "reference became a plain number at bpf_spin_unlock).", "R1 must be referenced or trusted");
        }
        if (!r1.isAllocObj() || r1.is(Reg.NON_OWN_REF) || r1.is(Reg.MAYBE_NULL)) {
            throw new Rejection("This argument must be an object from bpf_obj_new (or a popped/removed one) that you "
                    + "still own.", "arg#0 expected pointer to allocated object");
        }
        if (r1.refObjId() == 0) {
            throw new Rejection("Drop needs an owning reference.", "allocated object must be referenced");
        }
        if (r1.off() != 0) {
            throw new Rejection("Pass the start of the object (use container_of on a node pointer).",
                    "R1 must have zero offset when passed to release func or trusted arg to kfunc");
        }
        ops.release(r1.refObjId());
        ops.setR0(Reg.NOT_INIT);
    }
}
