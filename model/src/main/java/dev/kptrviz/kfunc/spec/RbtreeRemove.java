package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
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

    /**
     * Verifier effect: root with its lock held; the node must be non-owning (6.16+: or owning),
     * not inside less(). R0 is an owning reference to the node field, maybe NULL from 6.4 on; in
     * 6.3 the argument and its copies themselves became that owning reference.
     */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        CollectionRoot root = ops.rootArg(1, CollectionRoot.Kind.RBTREE);
        Reg node = nodeArg(ops, root, Kfunc.RBTREE_REMOVE);
        int ref;
        if (!ops.semantics().removeMayReturnNull()) {
            // 6.3: remove cannot fail and R0 is the node as an owning reference. The kernel also
            // turned the argument's copies into that reference; non-owning copies carry no id we
            // could tell them apart by (every non-owning ref has id 0), so we leave them as they are
            // rather than claim ownership of other objects (the lockstep monitor caught that).
            ref = ops.acquire();
            ops.setR0(Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(), 0, 0, ref));
            return;
        }
        ops.newId();
        ref = ops.acquire();
        ops.setR0(Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(), Reg.MAYBE_NULL, ref, ref));
    }

    /** The node argument of remove/left/right: ownership rule by version, no use inside less(). */
    static Reg nodeArg(VerifierOps ops, CollectionRoot root, Kfunc k) throws Rejection {
        Reg node = ops.read(2);
        boolean owningOk = ops.semantics().removeAcceptsOwning();
        boolean ok = node.isNonOwning() && node.refObjId() == 0 || owningOk && node.isOwning();
        if (!ok) {
            throw new Rejection("Pass a pointer obtained under the lock (non-owning), e.g. from bpf_rbtree_first"
                    + (owningOk ? ", or an owning reference" : "") + ".", k.kernelName()
                    + (owningOk ? " can only take non-owning or refcounted bpf_rb_node pointer"
                    : " can only take non-owning bpf_rb_node pointer"));
        }
        if (ops.inCallback()) {
            throw new Rejection("The less() callback may only compare; it cannot change or walk the tree.",
                    k.kernelName() + " not allowed in rbtree cb");
        }
        ops.checkNode(root, node);
        return node;
    }
}
