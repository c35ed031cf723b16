package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;
import dev.kptrviz.kfunc.RuntimeOps;

/** {@code bpf_obj_new_impl} / {@code bpf_percpu_obj_new_impl}: allocate a program-defined object. */
public final class ObjNew implements KfuncSpec {
    private final Kfunc kfunc;

    public ObjNew(Kfunc kfunc) {
        if (kfunc != Kfunc.OBJ_NEW && kfunc != Kfunc.PERCPU_OBJ_NEW) {
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
        return "Allocates a fresh object of the program's own struct type (the verifier passes its size and "
                + "field record). The special fields are set up as the kernel's bpf_obj_init does: list and "
                + "rbtree nodes empty and unowned, roots empty, the refcount 1. The program gets the only, "
                + "owning reference; NULL when the allocator is out of memory.";
    }

    @Override
    public void execute(RuntimeOps ops) {
        long typeId = ops.scalarArg(1);
        if (ops.injectNull()) {
            ops.returnNull();
            return;
        }
        int object = ops.allocate((int) typeId, kfunc == Kfunc.PERCPU_OBJ_NEW);
        if (object == 0) {
            ops.returnNull();
        } else {
            ops.returnOwning(object, 0);
        }
    }
}
