package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.CollectionRoot;

import java.util.Set;

/** {@code bpf_list_front} / {@code bpf_list_back} (6.16+). */
public final class ListPeek extends FamilySpec {
    public ListPeek(Kfunc kfunc) {
        super(kfunc, Set.of(Kfunc.LIST_FRONT, Kfunc.LIST_BACK));
    }

    @Override
    public String explain() {
        return "Returns the " + (kfunc == Kfunc.LIST_FRONT ? "first" : "last") + " node of the list as a "
                + "non-owning pointer (valid until unlock), or NULL; the list is unchanged.";
    }

    @Override
    public boolean allowedUnderLock() {
        return true;
    }

    @Override
    public boolean availableIn(Semantics semantics) {
        return semantics.graphPeekKfuncs();
    }

    @Override
    public void execute(RuntimeOps ops) {
        RuntimeOps.RootArg head = ops.rootArg(1, CollectionRoot.Kind.LIST);
        if (head == null) {
            return;
        }
        int node = ops.listEnd(head.id(), kfunc == Kfunc.LIST_BACK);
        if (node == 0 || ops.injectNull()) {
            ops.returnNull();
        } else {
            ops.returnNonOwning(node, head.nodeOffset());
        }
    }

    /** Verifier effect: root with its lock held; R0 is a non-owning, maybe-NULL node pointer. */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        CollectionRoot root = ops.rootArg(1, CollectionRoot.Kind.LIST);
        ops.setR0(ops.nonOwningNode(root, Reg.MAYBE_NULL, ops.newId()));
    }
}
