package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.RuntimeOps;

/** The part list push and rbtree add share: the runtime owner check and its failure path. */
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
}
