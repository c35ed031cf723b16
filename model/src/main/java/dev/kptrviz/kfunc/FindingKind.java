package dev.kptrviz.kfunc;

/**
 * What can go wrong when a program runs, as the emulator reports it. The kfunc effects report
 * these through {@link RuntimeOps#report} / {@link RuntimeOps#fail}; the interpreter reports the
 * memory-access ones. {@link #explanation()} is the sentence a teacher would add.
 */
public enum FindingKind {
    USE_AFTER_FREE("the object was already freed; the kernel frees local objects through RCU, so the read "
            + "still \"works\" but sees memory the allocator may hand out again"),
    DOUBLE_FREE("an object was given back twice: its last reference was already dropped"),
    FREE_WHILE_LINKED("the object was freed while a list or rbtree still links it: the collection now "
            + "holds a dangling node, and freeing the map drops it a second time"),
    NON_OWNING_AFTER_UNLOCK("a non-owning reference (from an insert or a peek) was used after the lock it "
            + "was obtained under had been released; the verifier turns such pointers into scalars at unlock"),
    NOT_OWNED("an operation that consumes an owning reference (insert, drop, stash) was given a reference "
            + "the program does not own"),
    USE_AFTER_RELEASE("a reference was used after the program had dropped, inserted or stashed it"),
    NO_REFCOUNT("bpf_refcount_acquire on a type without struct bpf_refcount"),
    REFCOUNT_MISMATCH("the object has more owners (collections, stashes) than its refcount counts"),
    LEAK("an object is still referenced only by the program when it exits: nothing will ever free it"),
    NULL_DEREFERENCE("a NULL (or NULL-based) pointer was dereferenced: the kernel would oops"),
    OUT_OF_BOUNDS("an access falls outside the object it points into"),
    INVALID_ACCESS("a memory access through something that is not a pointer to live memory"),
    INVALID_ARGUMENT("a kfunc or helper got an argument of the wrong kind, type or offset"),
    SPECIAL_FIELD_ACCESS("program code read or wrote the kernel's hidden words of a list/rbtree node or root, a "
            + "refcount or a lock; the verifier forbids it: reads see raw kernel pointers, writes corrupt them"),
    NOT_ALLOWED_IN_CALLBACK("a graph kfunc that takes a node was called inside an rbtree less() callback, while "
            + "bpf_rbtree_add is walking the tree"),
    BAD_RETURN("a callback returned a value outside the range the verifier requires (less(): 0 or 1)"),
    BAD_TYPE("the kernel refuses this type (its program BTF) before the program runs"),
    LOCK_NOT_HELD("a list or rbtree operation without holding the bpf_spin_lock that guards the root"),
    CALL_UNDER_LOCK("a call that is not allowed while a bpf_spin_lock is held"),
    DEADLOCK("bpf_spin_lock of a lock that is already held: the kernel would spin forever"),
    UNLOCK_NOT_HELD("bpf_spin_unlock of a lock that is not held"),
    LOCK_HELD_AT_EXIT("the program returned while still holding a bpf_spin_lock"),
    COLLECTION_CORRUPTION("an operation the kernel performs without a check would corrupt a list or tree"),
    UNAVAILABLE("the kfunc or helper does not exist under the chosen kernel rules"),
    UNSUPPORTED("an instruction or call the emulator does not model"),
    STACK_OVERFLOW("too many nested calls (the kernel allows 8 frames)"),
    STEP_LIMIT("the run exceeded its step limit"),
    FELL_OFF_END("execution ran past the program's last instruction (the verifier requires every path to end "
            + "in exit)"),
    REJECTED("the verifier refuses the program, so the kernel never runs it (run it anyway to see what it would do)"),
    INTERNAL_ERROR("the emulator hit a bug of its own; the run was stopped");

    private final String explanation;

    FindingKind(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}
