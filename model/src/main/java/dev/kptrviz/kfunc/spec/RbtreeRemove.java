package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.CollectionRoot;

/** {@code bpf_rbtree_remove}. */
public final class RbtreeRemove implements KfuncSpec {
    @Override
    public Kfunc kfunc() {
        return Kfunc.RBTREE_REMOVE;
    }

    @Override
    public String explain() {
        return "Unlinks the node from this tree (rebalancing it) and hands the tree's reference to the program "
                + "as an owning pointer to the node field; the refcount does not change. Since 6.4 it returns "
                + "NULL when the node is not in this tree (6.6+: its owner is not this root; 6.4: its links "
                + "are empty).";
    }

    @Override
    public boolean allowedUnderLock() {
        return true;
    }

    @Override
    public void execute(RuntimeOps ops) {
        RuntimeOps.RootArg root = ops.rootArg(1, CollectionRoot.Kind.RBTREE);
        if (root == null) {
            return;
        }
        RuntimeOps.ObjectArg node = ops.nodeArg(2, root, RuntimeOps.Use.BORROW);
        if (node == null) {
            return;
        }
        int obj = node.object();
        Semantics sem = ops.semantics();
        int owner = ops.owner(obj, root.nodeOffset());
        boolean linked = ops.linked(obj, root.nodeOffset());
        boolean inThisTree = owner == root.id() && linked;
        if (!inThisTree) {
            // 6.6+: owner != root -> NULL. 6.4/6.5: only an empty node gives NULL.
            boolean nullByRule = sem.removeMayReturnNull() && (sem.ownerField() ? owner != root.id() : !linked);
            if (nullByRule) {
                ops.returnNull();
                return;
            }
            ops.fail(FindingKind.COLLECTION_CORRUPTION, ops.describe(obj) + " is not linked in " + root.name()
                    + " but the kernel would rb_erase it from there anyway under " + sem + " rules");
            return;
        }
        if (sem.removeMayReturnNull() && ops.injectNull()) {
            ops.returnNull();
            return;
        }
        ops.treeErase(root.id(), obj);
        ops.returnOwning(obj, root.nodeOffset());
    }
}
