package dev.kptrviz.kfunc.spec;

import dev.kptrviz.btf.BtfType;
import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.RuntimeOps;

import java.util.Set;

/** {@code bpf_obj_new_impl} / {@code bpf_percpu_obj_new_impl}: allocate a program-defined object. */
public final class ObjNew extends FamilySpec {
    public ObjNew(Kfunc kfunc) {
        super(kfunc, Set.of(Kfunc.OBJ_NEW, Kfunc.PERCPU_OBJ_NEW));
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

    /**
     * Verifier effect: arg1 must be a constant struct type id of the program BTF; R0 becomes an
     * owning reference that may be NULL (one id for the NULL check, one for the reference).
     */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        Reg r1 = ops.read(1);
        boolean modern = ops.semantics().resourceLeakWording();
        if (ops.btf() == null) {
            String why = ops.btfRefusalReason() == null ? "" : " (" + ops.btfRefusalReason() + ": "
                    + (ops.btfRefusalReason().contains("without bpf_refcount")
                    ? "a struct in both a list and an rbtree needs a struct bpf_refcount member" : "see the BTF rules") + ")";
            throw new Rejection("The kernel refused this program's BTF" + why + "; libbpf then loads the program "
                    + "without BTF, so bpf_obj_new has no program types to allocate.", (ops.programBtfRefused() ? "[prog BTF rejected by kernel: err -22] "
                    : "") + (modern ? "bpf_obj_new/bpf_percpu_obj_new requires prog BTF" : "bpf_obj_new requires prog BTF"));
        }
        if (!r1.isScalar() || !r1.scalar().isConst()) {
            throw new Rejection("bpf_obj_new needs a constant type id (use the bpf_obj_new(type) macro).",
                    "arg#0 is not a const");
        }
        int typeId = (int) r1.scalar().constValue();
        BtfType ty = ops.btf().types().size() > typeId && typeId > 0 ? ops.btf().types().get(typeId) : null;
        if (!(ty instanceof BtfType.Struct st) || st.union()) {
            throw new Rejection("bpf_obj_new allocates structs only.", modern
                    ? "bpf_obj_new/bpf_percpu_obj_new type ID argument must be of a struct"
                    : "bpf_obj_new type ID argument must be of a struct");
        }
        ops.newId(); // the id of the NULL check, overwritten by the reference id as in the kernel
        int ref = ops.acquire();
        ops.setR0(Reg.alloc(typeId, st.name(), 0, Reg.MAYBE_NULL, ref, ref));
    }
}
