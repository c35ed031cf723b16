package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.CollectionRoot;

import java.util.Set;

/** {@code bpf_rbtree_first}, and (6.16+) {@code bpf_rbtree_root/left/right}: look without taking. */
public final class RbtreePeek extends FamilySpec {
    public RbtreePeek(Kfunc kfunc) {
        super(kfunc, Set.of(Kfunc.RBTREE_FIRST, Kfunc.RBTREE_ROOT, Kfunc.RBTREE_LEFT, Kfunc.RBTREE_RIGHT));
    }

    @Override
    public String explain() {
        String what = switch (kfunc) {
            case RBTREE_FIRST -> "the leftmost (smallest) node, from the tree's cached leftmost pointer";
            case RBTREE_ROOT -> "the tree's root node";
            case RBTREE_LEFT -> "the left child of a node of this tree (NULL if the node is not in this tree)";
            default -> "the right child of a node of this tree (NULL if the node is not in this tree)";
        };
        return "Returns " + what + " as a non-owning pointer to the node field, valid until unlock, or NULL. "
                + "Nothing changes in the tree.";
    }

    @Override
    public boolean allowedUnderLock() {
        return true;
    }

    @Override
    public boolean availableIn(Semantics semantics) {
        return kfunc == Kfunc.RBTREE_FIRST || semantics.graphPeekKfuncs();
    }

    @Override
    public void execute(RuntimeOps ops) {
        RuntimeOps.RootArg root = ops.rootArg(1, CollectionRoot.Kind.RBTREE);
        if (root == null) {
            return;
        }
        int result;
        if (kfunc == Kfunc.RBTREE_FIRST) {
            result = ops.treeFirst(root.id());
        } else if (kfunc == Kfunc.RBTREE_ROOT) {
            result = ops.treeRoot(root.id());
        } else {
            RuntimeOps.ObjectArg node = ops.nodeArg(2, root, RuntimeOps.Use.BORROW);
            if (node == null) {
                return;
            }
            boolean mine = ops.owner(node.object(), root.nodeOffset()) == root.id()
                    && ops.linked(node.object(), root.nodeOffset());
            result = mine ? ops.treeChild(root.id(), node.object(), kfunc == Kfunc.RBTREE_LEFT) : 0;
        }
        if (result == 0 || ops.injectNull()) {
            ops.returnNull();
        } else {
            ops.returnNonOwning(result, root.nodeOffset());
        }
    }

    /**
     * Verifier effect: root with its lock held (and for left/right a non-owning or, 6.16+, owning
     * node of this tree, not inside less()); R0 is a non-owning, maybe-NULL node pointer.
     */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        CollectionRoot root = ops.rootArg(1, CollectionRoot.Kind.RBTREE);
        if (kfunc == Kfunc.RBTREE_LEFT || kfunc == Kfunc.RBTREE_RIGHT) {
            RbtreeRemove.nodeArg(ops, root, kfunc);
        }
        ops.setR0(ops.nonOwningNode(root, Reg.MAYBE_NULL, ops.newId()));
    }
}
