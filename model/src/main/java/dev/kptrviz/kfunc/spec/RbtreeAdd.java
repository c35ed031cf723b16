package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.KfuncSpec;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.program.CollectionRoot;

/**
 * {@code bpf_rbtree_add_impl}: the tree walk calls the program's {@code less(new, current)} as BPF
 * code at every level, so it is written as a continuation: each answer moves one level down, and
 * the node is linked (and the tree rebalanced) when the walk falls off a leaf.
 */
public final class RbtreeAdd implements KfuncSpec {
    @Override
    public Kfunc kfunc() {
        return Kfunc.RBTREE_ADD;
    }

    @Override
    public String explain() {
        return "Inserts the node into the red-black tree: starting at the root it calls your less(new, current) "
                + "and goes left when it returns true, right otherwise (equal keys go right, after earlier "
                + "ones), then links the node and rebalances. The program's owning reference moves into the "
                + "tree; the pointer stays usable as a non-owning reference until unlock. If the node already "
                + "has an owner the kernel drops the reference instead and returns -EINVAL (since 6.4).";
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
        RuntimeOps.ObjectArg node = ops.nodeArg(2, root, RuntimeOps.Use.CONSUME);
        if (node == null) {
            return;
        }
        int less = ops.callbackArg(3);
        if (less < 0) {
            return;
        }
        ops.toNonOwning(2);
        if (!Inserts.ownerCheck(ops, root, node.object())) {
            return;
        }
        int top = ops.treeRoot(root.id());
        if (top == 0) {
            link(ops, root, node.object(), 0, false, true);
        } else {
            new Walk(root, node.object(), less).visit(ops, top);
        }
    }

    private static void link(RuntimeOps ops, RuntimeOps.RootArg root, int object, int parent, boolean left,
                             boolean leftmost) {
        ops.treeLink(root.id(), object, parent, left, leftmost);
        ops.returnScalar(0);
    }

    /** One pending insertion: where the walk is and whether it has only gone left so far. */
    private static final class Walk {
        private final RuntimeOps.RootArg root;
        private final int object;
        private final int less;
        private boolean leftmost = true;

        Walk(RuntimeOps.RootArg root, int object, int less) {
            this.root = root;
            this.object = object;
            this.less = less;
        }

        void visit(RuntimeOps ops, int current) {
            ops.callLess(less, root.id(), object, current, (o, r0) -> {
                if (r0 != 0 && r0 != 1) {
                    o.report(FindingKind.BAD_RETURN, "less() returned " + r0 + "; the verifier requires 0 or 1, "
                            + "the kernel takes any non-zero value as \"less\" (go left)");
                }
                answered(o, current, r0 != 0);
            });
        }

        private void answered(RuntimeOps ops, int current, boolean goLeft) {
            if (!goLeft) {
                leftmost = false;
            }
            int next = ops.treeChild(root.id(), current, goLeft);
            if (next == 0) {
                link(ops, root, object, current, goLeft, leftmost);
            } else {
                visit(ops, next);
            }
        }
    }

    /** Verifier effect: see {@link Inserts#verify}; the less() callback is verified at this call site. */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        Inserts.verify(ops, CollectionRoot.Kind.RBTREE);
    }
}
