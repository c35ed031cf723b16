package dev.kptrviz.kfunc.spec;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.program.CollectionRoot;

/** What list push and rbtree add share: the verifier's argument rules, the runtime owner check and its failure path. */
final class Inserts {
    private Inserts() {
    }

    /**
     * Fails the insert (drop + -EINVAL) when the node already has an owner, else runs {@code link}.
     * Returns true when the node may be linked.
     */
    static boolean ownerCheck(RuntimeOps ops, RuntimeOps.RootArg root, int object) {
        int owner = ops.owner(object, root.nodeOffset());
        if (owner == 0) {
            return true;
        }
        if (!ops.semantics().insertMayFail()) {
            ops.fail(FindingKind.COLLECTION_CORRUPTION, ops.describe(object) + " is already in a collection; "
                    + "under " + ops.semantics() + " rules the insert does not check and would corrupt both "
                    + "collections (the verifier's exclusive ownership is what prevents this)");
            return false;
        }
        ops.insertRejected(root.id(), object);
        ops.dropReference(object);
        ops.returnScalar(-RuntimeOps.EINVAL);
        return false;
    }

    static void insert(RuntimeOps ops, RuntimeOps.RootArg root, int object, Runnable link) {
        if (ownerCheck(ops, root, object)) {
            link.run();
            ops.returnScalar(0);
        }
    }

    /**
     * Verifier effect of an insert: the root (arg1) with its lock held, an owning node (arg2) of
     * the contained type at the node field, for rbtree_add a less() function (arg3, verified at
     * this call site); then every copy of the node becomes non-owning and the reference is
     * released. R0 is a number (0 or -EINVAL from 6.4 on).
     */
    static void verify(VerifierOps ops, CollectionRoot.Kind kind) throws Rejection {
        CollectionRoot root = ops.rootArg(1, kind);
        Reg node = ops.read(2);
        if (!node.isAllocObj() || node.is(Reg.NON_OWN_REF) || node.is(Reg.MAYBE_NULL)) {
            throw new Rejection("The node must be an owning reference. After a push/add your pointer is non-owning; "
                    + "take a second owning one with bpf_refcount_acquire.", "arg#1 expected pointer to allocated object");
        }
        if (node.refObjId() == 0) {
            throw new Rejection("Insert needs an owning reference.", "allocated object must be referenced");
        }
        ops.checkNode(root, node);
        if (kind == CollectionRoot.Kind.RBTREE) {
            Reg less = ops.read(3);
            if (less.type() != Reg.Type.PTR_TO_FUNC) {
                throw new Rejection("The third argument must be a static less() function.",
                        "arg#2 expected pointer to func");
            }
            ops.pushLessCallback(less.off(), root);
        }
        ops.convertToNonOwning(node.refObjId());
        // 6.3's inserts returned void; the corpus writes 6.3 programs with the same macros, so R0
        // is an unknown number under every version (it only means something from 6.4 on)
        ops.setR0(Reg.unknown());
    }
}
