package dev.kptrviz.verifier;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;

import dev.kptrviz.btf.BtfType;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.CollectionRoot;

/**
 * Verifier effects of the graph kfuncs (bpf_obj_new/drop, refcount_acquire, list and rbtree
 * operations), following check_kfunc_args and the kfunc-specific code in verifier.c: argument
 * checks in argument order, then the effect on references and registers.
 */
final class GraphKfuncs {
    private GraphKfuncs() {
    }

    static void verify(Calls c, State s, int idx, Kfunc k) throws Rejection {
        Env env = c.env();
        Semantics sem = env.sem;
        Frame f = s.cur();
        switch (k) {
            case OBJ_NEW: {
                Reg r1 = c.transfer().read(s, 1);
                if (env.btf == null) {
                    throw new Rejection("The kernel refused this program's BTF (see the BTF diagnostic), so it "
                            + "cannot allocate program-defined types.",
                            (env.object.btf() != null ? "[prog BTF rejected by kernel: err -22] " : "")
                                    + (sem.resourceLeakWording() ? "bpf_obj_new/bpf_percpu_obj_new requires prog BTF"
                                    : "bpf_obj_new requires prog BTF"));
                }
                if (!r1.isScalar() || !r1.scalar().isConst()) {
                    throw new Rejection("bpf_obj_new needs a constant type id (use the bpf_obj_new(type) macro).",
                            "arg#0 is not a const");
                }
                int typeId = (int) r1.scalar().constValue();
                BtfType ty = typeOrNull(env, typeId);
                if (!(ty instanceof BtfType.Struct st) || st.union()) {
                    throw new Rejection("bpf_obj_new allocates structs only.",
                            sem.resourceLeakWording() ? "bpf_obj_new/bpf_percpu_obj_new type ID argument must be of a struct"
                                    : "bpf_obj_new type ID argument must be of a struct");
                }
                int nullId = env.newId();
                int ref = c.acquire(s, idx);
                f.regs[0] = Reg.alloc(typeId, st.name(), 0, Reg.MAYBE_NULL, nullId > 0 ? ref : ref, ref);
                return;
            }
            case OBJ_DROP: {
                Reg r1 = c.transfer().read(s, 1);
                if (r1.is(Reg.MAYBE_NULL) && sem.releaseArgsMustBeTrusted()) {
                    throw new Rejection("Check the pointer for NULL first.", "Possibly NULL pointer passed to trusted arg0");
                }
                if (sem.releaseArgsMustBeTrusted() && !r1.isOwning() && !r1.isNonOwning()) {
                    throw new Rejection("bpf_obj_drop needs an owning reference; this register holds none "
                            + "(a non-owning reference became a plain number at bpf_spin_unlock).",
                            "R1 must be referenced or trusted");
                }
                if (!r1.isAllocObj() || r1.is(Reg.NON_OWN_REF) || r1.is(Reg.MAYBE_NULL)) {
                    throw new Rejection("This argument must be an object from bpf_obj_new (or a popped/removed one) "
                            + "that you still own.", "arg#0 expected pointer to allocated object");
                }
                if (r1.refObjId() == 0) {
                    throw new Rejection("Drop needs an owning reference.", "allocated object must be referenced");
                }
                if (r1.off() != 0) {
                    throw new Rejection("Pass the start of the object (use container_of on a node pointer).",
                            "R1 must have zero offset when passed to release func or trusted arg to kfunc");
                }
                c.release(s, r1.refObjId());
                f.regs[0] = Reg.NOT_INIT;
                return;
            }
            case REFCOUNT_ACQUIRE: {
                if (!sem.refcountSupported()) {
                    throw new Rejection("bpf_refcount_acquire does not exist before 6.4.",
                            "libbpf: extern (func ksym) 'bpf_refcount_acquire_impl': not found in kernel or module BTFs");
                }
                Reg r1 = c.transfer().read(s, 1);
                if (r1.is(Reg.MAYBE_NULL) && sem.acquireOfNonOwningMayBeNull()) {
                    throw new Rejection("This pointer may be NULL (bpf_refcount_acquire of a non-owning reference "
                            + "can fail): check it first.", "Possibly NULL pointer passed to trusted arg0");
                }
                if (!r1.isAllocObj()) {
                    throw new Rejection("bpf_refcount_acquire needs a pointer to one of your allocated objects.",
                            "arg#0 is neither owning or non-owning ref");
                }
                if (!BtfChecks.hasField(env.btf, r1.btfId(), "bpf_refcount")) {
                    throw new Rejection("Add a struct bpf_refcount member to share ownership of this type.",
                            "arg#0 doesn't point to a type with bpf_refcount field");
                }
                boolean owning = r1.isOwning();
                boolean maybeNull = !owning && sem.acquireOfNonOwningMayBeNull();
                int nullId = maybeNull ? env.newId() : 0;
                int ref = c.acquire(s, idx);
                f.regs[0] = Reg.alloc(r1.btfId(), r1.typeName(), 0, maybeNull ? Reg.MAYBE_NULL : 0,
                        maybeNull ? ref : 0, ref);
                return;
            }
            case LIST_PUSH_FRONT:
            case LIST_PUSH_BACK:
            case RBTREE_ADD: {
                CollectionRoot root = root(c, s, 1, k == Kfunc.RBTREE_ADD ? CollectionRoot.Kind.RBTREE
                        : CollectionRoot.Kind.LIST);
                Reg node = c.transfer().read(s, 2);
                if (!node.isAllocObj() || node.is(Reg.NON_OWN_REF) || node.is(Reg.MAYBE_NULL)) {
                    throw new Rejection("The node must be an owning reference. After a push/add your pointer is "
                            + "non-owning; take a second owning one with bpf_refcount_acquire.",
                            "arg#1 expected pointer to allocated object");
                }
                if (node.refObjId() == 0) {
                    throw new Rejection("Insert needs an owning reference.", "allocated object must be referenced");
                }
                checkNode(root, node, k.kernelName());
                if (k == Kfunc.RBTREE_ADD) {
                    Reg less = c.transfer().read(s, 3);
                    if (less.type() != Reg.Type.PTR_TO_FUNC) {
                        throw new Rejection("The third argument must be a static less() function.",
                                "arg#2 expected pointer to func");
                    }
                    c.verifier().pushCallback(s, idx, less.off(), root);
                }
                int ref = node.refObjId();
                int nonOwn = Reg.NON_OWN_REF | (rcu(env, node.btfId()) ? Reg.MEM_RCU : 0);
                s.forEachReg(r -> r.refObjId() == ref ? r.withIds(0, 0).withFlags(r.flags() | nonOwn) : r);
                s.refs.removeIf(r -> r.id() == ref);
                // 6.3's inserts returned void; the corpus writes 6.3 programs with the same macros, so
                // R0 is an unknown number under every version (it is only meaningful from 6.4 on)
                f.regs[0] = Reg.unknown();
                return;
            }
            case LIST_POP_FRONT:
            case LIST_POP_BACK: {
                CollectionRoot root = root(c, s, 1, CollectionRoot.Kind.LIST);
                int nullId = env.newId();
                int ref = c.acquire(s, idx);
                f.regs[0] = Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(),
                        Reg.MAYBE_NULL, nullId > 0 ? ref : ref, ref);
                return;
            }
            case RBTREE_FIRST:
            case LIST_FRONT:
            case LIST_BACK:
            case RBTREE_ROOT: {
                CollectionRoot root = root(c, s, 1, k == Kfunc.LIST_FRONT || k == Kfunc.LIST_BACK
                        ? CollectionRoot.Kind.LIST : CollectionRoot.Kind.RBTREE);
                f.regs[0] = nonOwning(env, root, Reg.MAYBE_NULL, env.newId());
                return;
            }
            case RBTREE_REMOVE:
            case RBTREE_LEFT:
            case RBTREE_RIGHT: {
                CollectionRoot root = root(c, s, 1, CollectionRoot.Kind.RBTREE);
                Reg node = c.transfer().read(s, 2);
                boolean ok = node.isNonOwning() && node.refObjId() == 0
                        || sem.removeAcceptsOwning() && node.isOwning();
                if (!ok) {
                    throw new Rejection("Pass a pointer obtained under the lock (non-owning), e.g. from "
                            + "bpf_rbtree_first" + (sem.removeAcceptsOwning() ? ", or an owning reference" : "") + ".",
                            k.kernelName() + (sem.removeAcceptsOwning()
                                    ? " can only take non-owning or refcounted bpf_rb_node pointer"
                                    : " can only take non-owning bpf_rb_node pointer"));
                }
                if (s.frames.stream().anyMatch(Frame::isCallback)) {
                    throw new Rejection("The less() callback may only compare; it cannot change or walk the tree.",
                            k.kernelName() + " not allowed in rbtree cb");
                }
                checkNode(root, node, k.kernelName());
                if (k != Kfunc.RBTREE_REMOVE) {
                    f.regs[0] = nonOwning(env, root, Reg.MAYBE_NULL, env.newId());
                    return;
                }
                if (!sem.removeMayReturnNull()) {
                    // 6.3: the non-owning argument and its copies become the new owning reference
                    int ref = c.acquire(s, idx);
                    Reg owning = Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(), 0, 0, ref);
                    Reg arg = node;
                    s.forEachReg(r -> r.equals(arg) ? owning : r);
                    f.regs[0] = owning;
                    return;
                }
                int nullId = env.newId();
                int ref = c.acquire(s, idx);
                f.regs[0] = Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(),
                        Reg.MAYBE_NULL, nullId > 0 ? ref : ref, ref);
                return;
            }
            default:
                f.regs[0] = Reg.unknown();
        }
    }

    private static Reg nonOwning(Env env, CollectionRoot root, int extra, int id) {
        int flags = Reg.NON_OWN_REF | extra | (rcu(env, root.containedTypeId()) ? Reg.MEM_RCU : 0);
        return Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(), flags, id, 0);
    }

    private static boolean rcu(Env env, int btfId) {
        return env.sem.nonOwningRefsAreRcu() && BtfChecks.hasField(env.btf, btfId, "bpf_refcount");
    }

    /** The root argument: a global or an owned object holding a root of the wanted kind, with its lock held. */
    private static CollectionRoot root(Calls c, State s, int regno, CollectionRoot.Kind kind) throws Rejection {
        Reg r = c.transfer().read(s, regno);
        String what = kind.rootStruct();
        if (r.type() != Reg.Type.PTR_TO_MAP_VALUE && !r.isAllocObj()) {
            throw new Rejection("The root must be a global (or an object you own) holding a " + what + ".",
                    "arg#" + (regno - 1) + " expected pointer to map value or allocated object");
        }
        if (r.isAllocObj() && (r.refObjId() == 0 || r.is(Reg.NON_OWN_REF))) {
            throw new Rejection("A root inside an object can only be used through an owning reference.",
                    "allocated object must be referenced");
        }
        CollectionRoot root = c.rootAt(r);
        if (root == null || root.kind() != kind || !root.valid()) {
            throw new Rejection("There is no " + what + " at this address.", what + " not found at offset=" + r.off());
        }
        LockState lock = s.lock;
        String need = "bpf_spin_lock at off=" + root.lockOffset() + " must be held for " + what;
        if (lock == null) {
            throw new Rejection("Take the lock that sits next to this " + (kind == CollectionRoot.Kind.LIST ? "list"
                    : "tree") + " (" + root.lockName() + ") first.", need);
        }
        int regId = r.isAllocObj() ? r.id() : 0;
        if (!lock.allocation().equals(root.container()) || lock.off() != root.lockOffset() || lock.regId() != regId) {
            throw new Rejection("The lock you hold does not protect this root; take the lock in the same "
                    + (root.global() ? "section" : "object") + " (" + root.lockName() + ").",
                    "held lock and object are not in the same allocation", need);
        }
        return root;
    }

    private static void checkNode(CollectionRoot root, Reg node, String kfunc) throws Rejection {
        String nodeStruct = root.kind().nodeStruct();
        if (node.btfId() != root.containedTypeId()) {
            throw new Rejection("This root holds struct " + root.containedType() + "." + root.nodeField()
                    + ", and you passed a different type.",
                    "operation on " + root.kind().rootStruct() + " expects arg#1 " + nodeStruct + " at offset="
                            + root.nodeOffset() + " in struct " + root.containedType() + ", but arg is at offset="
                            + node.off() + " in struct " + node.typeName());
        }
        if (node.off() != root.nodeOffset()) {
            throw new Rejection("This root links struct " + root.containedType() + " through its ."
                    + root.nodeField() + " member; you passed a different member.",
                    "arg#1 offset=" + node.off() + ", but expected " + nodeStruct + " at offset=" + root.nodeOffset()
                            + " in struct " + root.containedType());
        }
    }

    private static BtfType typeOrNull(Env env, int id) {
        try {
            return env.btf.type(id);
        } catch (dev.kptrviz.LoadException e) {
            return null;
        }
    }
}
