package dev.kptrviz.kfunc;

/** What a pointer value means to the program at runtime, as far as the emulator can tell. */
public enum Ownership {
    /** A pointer to the stack, the context, a global, or code: no reference is involved. */
    PLAIN,
    /** An owning reference (from bpf_obj_new, refcount_acquire, pop, remove, kptr_xchg). */
    OWNING,
    /** A non-owning reference obtained under the lock that is still held. */
    NON_OWNING,
    /** A non-owning reference whose lock has been released since (the verifier made it a scalar). */
    EXPIRED,
    /** A reference the program gave away (dropped, stashed); every copy of it is released. */
    RELEASED,
    /** A pointer stored in a {@code __kptr} slot of a map value or object. */
    STASHED,
    /** An address computed without pointer provenance that happens to point into an object. */
    UNTRACKED
}
