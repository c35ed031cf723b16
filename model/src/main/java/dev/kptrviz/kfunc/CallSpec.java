package dev.kptrviz.kfunc;

/**
 * One kernel function or helper: its name, the sentence that explains it, and its runtime
 * effect on a machine reached only through {@link RuntimeOps}. The verifier's effect of the same
 * call will be a second method here (one kfunc, one place).
 */
public interface CallSpec {
    /** The name the program calls it by, e.g. {@code bpf_rbtree_add_impl} or {@code bpf_spin_lock}. */
    String name();

    /** What the call does at runtime, in plain English. */
    String explain();

    /** Performs the call: reads arguments, changes state, sets r0 (possibly after running callbacks). */
    void execute(RuntimeOps ops);

    /** True when the verifier lets the program call this while holding a bpf_spin_lock. */
    default boolean allowedUnderLock() {
        return false;
    }

    /** False when the call does not exist under these rules (e.g. bpf_list_front before 6.16). */
    default boolean availableIn(Semantics semantics) {
        return true;
    }
}
