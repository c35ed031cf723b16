package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.program.CollectionRoot;

import java.util.Set;

/** {@code bpf_list_pop_front} / {@code bpf_list_pop_back}. */
public final class ListPop extends FamilySpec {
    public ListPop(Kfunc kfunc) {
        super(kfunc, Set.of(Kfunc.LIST_POP_FRONT, Kfunc.LIST_POP_BACK));
    }

    @Override
    public String explain() {
        return "Unlinks the " + (kfunc == Kfunc.LIST_POP_FRONT ? "first" : "last") + " node and hands the "
                + "list's reference to the program as an owning pointer to the node field (use container_of); "
                + "the refcount does not change. NULL when the list is empty.";
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
        int node = ops.listEnd(head.id(), kfunc == Kfunc.LIST_POP_BACK);
        if (node == 0 || ops.injectNull()) {
            ops.returnNull();
            return;
        }
        ops.listRemove(head.id(), node);
        ops.returnOwning(node, head.nodeOffset());
    }

    /** Verifier effect: root with its lock held; R0 is an owning, maybe-NULL pointer to the node field. */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        CollectionRoot root = ops.rootArg(1, CollectionRoot.Kind.LIST);
        ops.newId();
        int ref = ops.acquire();
        ops.setR0(Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(), Reg.MAYBE_NULL, ref, ref));
    }
}
