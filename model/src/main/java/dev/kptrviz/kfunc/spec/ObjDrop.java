package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;
import dev.kptrviz.kfunc.RuntimeOps;

/** {@code bpf_obj_drop_impl} / {@code bpf_percpu_obj_drop_impl}: give one reference back. */
public final class ObjDrop implements KfuncSpec {
    private final Kfunc kfunc;

    public ObjDrop(Kfunc kfunc) {
        if (kfunc != Kfunc.OBJ_DROP && kfunc != Kfunc.PERCPU_OBJ_DROP) {
            throw new IllegalArgumentException(kfunc.name());
        }
        this.kfunc = kfunc;
    }

    @Override
    public Kfunc kfunc() {
        return kfunc;
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
}
