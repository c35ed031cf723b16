package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.program.CollectionRoot;

/** {@code bpf_list_push_front_impl} / {@code bpf_list_push_back_impl}. */
public final class ListPush implements KfuncSpec {
    private final Kfunc kfunc;

    public ListPush(Kfunc kfunc) {
        if (kfunc != Kfunc.LIST_PUSH_FRONT && kfunc != Kfunc.LIST_PUSH_BACK) {
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
        return "Links the node at the " + (kfunc == Kfunc.LIST_PUSH_FRONT ? "head" : "tail") + " of the list; "
                + "the program's owning reference moves into the list (the refcount does not change) and "
                + "the pointer stays usable as a non-owning reference until unlock. A list head the map left "
                + "zeroed is initialised first. If the node already has an owner the kernel drops the "
                + "reference instead and returns -EINVAL (since 6.4).";
    }

    @Override
    public boolean allowedUnderLock() {
        return true;
    }

    @Override
    public void execute(RuntimeOps ops) {
        RuntimeOps.RootArg head = ops.rootArg(1, CollectionRoot.Kind.LIST);
        if (head == null) {
            return;
        }
        RuntimeOps.ObjectArg node = ops.nodeArg(2, head, RuntimeOps.Use.CONSUME);
        if (node == null) {
            return;
        }
        ops.toNonOwning(2);
        Inserts.insert(ops, head, node.object(), () -> ops.listAdd(head.id(), node.object(),
                kfunc == Kfunc.LIST_PUSH_BACK));
    }

    /**
     * Verifier effect: the root (arg1) with its lock held, an owning node (arg2) of the contained
     * type at the node field; then every copy of the node becomes non-owning and the reference
     * is released. R0 is a number (0 or -EINVAL from 6.4 on).
     */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        CollectionRoot root = ops.rootArg(1, CollectionRoot.Kind.LIST);
        Reg node = ops.read(2);
        if (!node.isAllocObj() || node.is(Reg.NON_OWN_REF) || node.is(Reg.MAYBE_NULL)) {
            throw new Rejection("The node must be an owning reference. After a push/add your pointer is non-owning; "
                    + "take a second owning one with bpf_refcount_acquire.", "arg#1 expected pointer to allocated object");
        }
        if (node.refObjId() == 0) {
            throw new Rejection("Insert needs an owning reference.", "allocated object must be referenced");
        }
        ops.checkNode(root, node);
        ops.convertToNonOwning(node.refObjId());
        // 6.3's inserts returned void; the corpus writes 6.3 programs with the same macros, so R0
        // is an unknown number under every version (it only means something from 6.4 on)
        ops.setR0(Reg.unknown());
    }
}
