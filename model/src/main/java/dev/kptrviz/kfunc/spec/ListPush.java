package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.program.CollectionRoot;

import java.util.Set;

/** {@code bpf_list_push_front_impl} / {@code bpf_list_push_back_impl}. */
public final class ListPush extends FamilySpec {
    public ListPush(Kfunc kfunc) {
        super(kfunc, Set.of(Kfunc.LIST_PUSH_FRONT, Kfunc.LIST_PUSH_BACK));
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

    /** Verifier effect: see {@link Inserts#verify}. */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        Inserts.verify(ops, CollectionRoot.Kind.LIST);
    }
}
