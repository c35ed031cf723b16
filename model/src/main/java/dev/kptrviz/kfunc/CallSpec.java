package dev.kptrviz.kfunc;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.VerifierOps;

/**
 * One kernel function or helper, in one place: its name, the sentence that explains it, its
 * verifier effect (argument checks in the kernel's order and messages, effect on references and
 * registers, through {@link VerifierOps}) and its runtime effect on a machine reached only through
 * {@link RuntimeOps}.
 */
public interface CallSpec {
    /** The name the program calls it by, e.g. {@code bpf_rbtree_add_impl} or {@code bpf_spin_lock}. */
    String name();

    /** What the call does at runtime, in plain English. */
    String explain();

    /** Performs the call: reads arguments, changes state, sets r0 (possibly after running callbacks). */
    void execute(RuntimeOps ops);

    /**
     * The verifier's effect of the call: checks the arguments in the kernel's order, throwing the
     * kernel's message for the first that fails, then updates references and registers and sets
     * r0. By default r0 becomes an unknown number.
     */
    default void verify(VerifierOps ops) throws Rejection {
        ops.setR0(Reg.unknown());
    }

    /** True when the verifier lets the program call this while holding a bpf_spin_lock. */
    default boolean allowedUnderLock() {
        return false;
    }

    /** False when the call does not exist under these rules (e.g. bpf_list_front before 6.16). */
    default boolean availableIn(Semantics semantics) {
        return true;
    }
}
