package dev.kptrviz.absint;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.CollectionRoot;
import dev.kptrviz.program.Region;

import java.util.function.UnaryOperator;

/**
 * What a call's verifier effect may ask of the verifier at one call site: read argument
 * registers, create and release references, check root and node arguments the kernel's way,
 * take and drop the lock, and set r0. The verifier implements it; kfunc specs use it, so each
 * kfunc's verifier rules sit beside its runtime effect.
 */
public interface VerifierOps {
    Semantics semantics();

    /** The call instruction's index. */
    int insn();

    /** The program BTF as the kernel sees it, or null when the kernel refused it. */
    Btf btf();

    /** True when the object has BTF but the kernel refused it (so bpf_obj_new has none to use). */
    boolean programBtfRefused();

    /** Why the kernel refused the program BTF (e.g. "EINVAL (bpf_list_node and bpf_rb_node without bpf_refcount)"), or null. */
    String btfRefusalReason();

    /** Argument register {@code regno}, or "R%d !read_ok" when it was never written. */
    Reg read(int regno) throws Rejection;

    void setR0(Reg value);

    /** A fresh id from the verifier's id counter (the kernel's env->id_gen). */
    int newId();

    /** Records a new acquired reference at this call and returns its id. */
    int acquire();

    /** release_reference: removes the reference and turns every copy into an unknown scalar. */
    void release(int refObjId) throws Rejection;

    /** ref_convert_owning_non_owning + release: every copy becomes non-owning, the reference goes. */
    void convertToNonOwning(int refObjId);

    /** Applies {@code f} to every register and spilled slot of every frame. */
    void replaceRegs(UnaryOperator<Reg> f);

    /** Whether struct {@code btfId} has a member of the special kind {@code special}. */
    boolean hasField(int btfId, SpecialField special);

    /** Offset of that member, or -1. */
    int fieldOffset(int btfId, SpecialField special);

    /**
     * The root argument in {@code regno}: a global or owned object holding a root of
     * {@code kind}, with the lock of the same allocation held (E4/E5 otherwise).
     */
    CollectionRoot rootArg(int regno, CollectionRoot.Kind kind) throws Rejection;

    /** The node argument matches the root's {@code contains:} type and field (E17/E18 otherwise). */
    void checkNode(CollectionRoot root, Reg node) throws Rejection;

    /** A non-owning reference to a node of {@code root} (MEM_RCU where the rules say so). */
    Reg nonOwningNode(CollectionRoot root, int extraFlags, int id);

    /** True while verifying an rbtree less() callback. */
    boolean inCallback();

    /** Schedules verification of the less() callback at {@code target} for this root. */
    void pushLessCallback(int target, CollectionRoot root);

    /** Takes the lock at {@code off} in {@code allocation} ("map name" or "struct T" with its register id). */
    void takeLock(String allocation, int regId, int off);

    /** Drops the held lock (which must be this one) and invalidates every non-owning reference. */
    void dropLock(String allocation, int regId, int off) throws Rejection;

    /** The global region and variable an address register points into, for helpers such as kptr_xchg. */
    default Region region(Reg r) {
        return r.region();
    }
}
