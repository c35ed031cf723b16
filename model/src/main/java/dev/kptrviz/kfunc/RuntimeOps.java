package dev.kptrviz.kfunc;

import dev.kptrviz.program.CollectionRoot;

/**
 * What a kfunc's runtime effect may ask of the machine executing it. Objects and roots are named
 * by small integer ids (heap object ids are allocation indexes, root ids are stable per machine),
 * so the effects never see the emulator's classes. Argument accessors check what can be checked
 * without knowing the call and report findings themselves; when continuing is impossible they
 * stop the run and return {@code null} / {@code -1}, and the effect should simply return.
 */
public interface RuntimeOps {
    /** EINVAL, returned negated by failing inserts. */
    int EINVAL = 22;

    /** How an effect uses an object argument; decides which ownership problems are reported. */
    enum Use {
        /** The reference is given up (drop): needs an owning reference; freed means double free. */
        DROP,
        /** The reference moves into a collection or slot (insert, stash): needs an owning reference. */
        CONSUME,
        /** The object is only looked at or re-referenced (remove, acquire, left/right). */
        BORROW
    }

    /** A pointer argument resolved to a heap object: its id, the offset it points at, its ownership. */
    record ObjectArg(int object, long offset, Ownership ownership) {
    }

    /** A list head / rbtree root argument and what its {@code contains:} tag says it holds. */
    record RootArg(int id, CollectionRoot.Kind kind, String name, int nodeOffset, int containedTypeId,
                   String containedType) {
    }

    /** Receives the return value of one call of an rbtree {@code less()} callback. */
    @FunctionalInterface
    interface LessResult {
        void accept(RuntimeOps ops, long r0);
    }

    Semantics semantics();

    // ---- arguments (registers r1..r5) ----

    long scalarArg(int reg);

    /** True when the register holds no pointer and the value 0. */
    boolean isNull(int reg);

    /** The heap object the register points into; reports NULL, freed and ownership problems for {@code use}. */
    ObjectArg objectArg(int reg, Use use);

    /** Like {@link #objectArg} and also checks that the pointer is {@code root}'s node field in its type. */
    ObjectArg nodeArg(int reg, RootArg root, Use use);

    /** The list head or rbtree root the register points at; reports a missing lock. */
    RootArg rootArg(int reg, CollectionRoot.Kind kind);

    /** The instruction index of the function the register points to, or -1. */
    int callbackArg(int reg);

    /** The id of the bpf_spin_lock the register points at, or -1. */
    int lockArg(int reg);

    // ---- what the verifier does to the argument's reference (all copies) ----

    /** The owning reference in {@code reg} and its copies become non-owning (insert). */
    void toNonOwning(int reg);

    /** The reference in {@code reg} and its copies are given up (drop, stash). */
    void release(int reg);

    // ---- results ----

    void returnScalar(long value);

    void returnNull();

    void returnOwning(int object, long offset);

    void returnNonOwning(int object, long offset);

    // ---- findings and fault injection ----

    void report(FindingKind kind, String message);

    /** Reports and stops the run (continuing is impossible or meaningless). */
    void fail(FindingKind kind, String message);

    /** True when the fault plan makes this call return NULL (e.g. allocation failure). */
    boolean injectNull();

    // ---- heap ----

    /** Allocates a zeroed object of a program-BTF struct with its special fields set up; 0 if refused. */
    int allocate(int btfTypeId, boolean percpu);

    /** {@code #3 struct node}. */
    String describe(int object);

    boolean refcounted(int object);

    int refcount(int object);

    void incrementRefcount(int object);

    /** The kernel's {@code __bpf_obj_drop_impl}: refcount - 1, at zero drain owned roots and free. */
    void dropReference(int object);

    // ---- lists and rbtrees ----

    /** The root that owns the node field at {@code nodeOffset} (may be stale after a drain), or 0. */
    int owner(int object, int nodeOffset);

    /** True when the node field is actually linked into its owner's structure. */
    boolean linked(int object, int nodeOffset);

    /** Head ({@code tail=false}) or tail member of a list, or 0 when empty. */
    int listEnd(int root, boolean tail);

    void listAdd(int root, int object, boolean tail);

    void listRemove(int root, int object);

    /** Records that an insert into {@code root} failed because the node already has an owner. */
    void insertRejected(int root, int object);

    int treeRoot(int root);

    int treeFirst(int root);

    /** Left or right child of a member, or 0. */
    int treeChild(int root, int object, boolean left);

    /** Links a new member below {@code parent} (0 for an empty tree), rebalances, updates leftmost. */
    void treeLink(int root, int object, int parent, boolean left, boolean leftmost);

    void treeErase(int root, int object);

    /** Runs the program's {@code less(new, current)} as BPF code, then hands its r0 to {@code then}. */
    void callLess(int function, int root, int newObject, int currentObject, LessResult then);

    // ---- locks, stashes, misc helpers ----

    /** Locks currently held, innermost last. */
    int[] heldLocks();

    void acquireLock(int lock);

    /** Releases the lock; every non-owning reference obtained before this expires. */
    void releaseLock(int lock);

    String lockName(int lock);

    /** Swaps {@code object} (0 = NULL) into the __kptr slot {@code slotReg} points at; returns the old object or 0. */
    int kptrExchange(int slotReg, int object);

    /** {@code length} bytes at the pointer in {@code reg}, or null after a fault. */
    byte[] readBytes(int reg, int length);

    /** The NUL-terminated string at {@code address}, or null when it does not point into memory. */
    String readCString(long address);

    void printk(String text);

    /** The next value of the machine's seeded generator. */
    int nextRandom();

    void rcuReadLock(boolean lock);
}
