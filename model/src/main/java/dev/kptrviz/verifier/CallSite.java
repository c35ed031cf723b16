package dev.kptrviz.verifier;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.CollectionRoot;

import java.util.function.UnaryOperator;

/**
 * The verifier's side of one call: what a kfunc or helper spec may ask while its verifier
 * effect runs (read arguments, acquire and release references, check roots and nodes, lock).
 */
final class CallSite implements VerifierOps {
    private final Env env;
    private final State state;
    private final int insn;
    private final Calls calls;

    CallSite(Env env, State state, int insn, Calls calls) {
        this.env = env;
        this.state = state;
        this.insn = insn;
        this.calls = calls;
    }

    @Override
    public Semantics semantics() {
        return env.sem;
    }

    @Override
    public int insn() {
        return insn;
    }

    @Override
    public Btf btf() {
        return env.btf;
    }

    @Override
    public boolean programBtfRefused() {
        return env.btf == null && env.object.btf() != null;
    }

    @Override
    public String btfRefusalReason() {
        return env.btfRefusal;
    }

    @Override
    public Reg read(int regno) throws Rejection {
        return calls.transfer().read(state, regno);
    }

    @Override
    public void setR0(Reg value) {
        state.cur().regs[0] = value;
    }

    @Override
    public int newId() {
        return env.newId();
    }

    @Override
    public int acquire() {
        int id = env.newId();
        state.refs.add(new RefState(id, insn));
        return id;
    }

    @Override
    public void release(int refObjId) throws Rejection {
        boolean found = state.refs.removeIf(r -> r.id() == refObjId);
        if (!found) {
            throw new Rejection("Released a reference that is not held.", "kfunc reference has not been acquired before");
        }
        state.forEachReg(r -> r.refObjId() == refObjId ? Reg.unknown() : r);
    }

    @Override
    public void convertToNonOwning(int refObjId) {
        state.forEachReg(r -> {
            if (r.refObjId() != refObjId) {
                return r;
            }
            int flags = Reg.NON_OWN_REF | (rcu(r.btfId()) ? Reg.MEM_RCU : 0);
            return r.withIds(0, 0).withFlags(r.flags() | flags);
        });
        state.refs.removeIf(r -> r.id() == refObjId);
    }

    @Override
    public void replaceRegs(UnaryOperator<Reg> f) {
        state.forEachReg(f);
    }

    @Override
    public boolean hasField(int btfId, SpecialField special) {
        return BtfChecks.hasField(env.btf, btfId, special);
    }

    @Override
    public int fieldOffset(int btfId, SpecialField special) {
        return BtfChecks.fieldOffset(env.btf, btfId, special);
    }

    @Override
    public Reg nonOwningNode(CollectionRoot root, int extraFlags, int id) {
        int flags = Reg.NON_OWN_REF | extraFlags | (rcu(root.containedTypeId()) ? Reg.MEM_RCU : 0);
        return Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(), flags, id, 0);
    }

    /** Non-owning refs to refcounted types are RCU-protected from 6.6 on. */
    private boolean rcu(int btfId) {
        return env.sem.nonOwningRefsAreRcu() && BtfChecks.hasField(env.btf, btfId, SpecialField.REFCOUNT);
    }

    @Override
    public boolean inCallback() {
        return state.frames.stream().anyMatch(Frame::isCallback);
    }

    @Override
    public void pushLessCallback(int target, CollectionRoot root) {
        calls.verifier().pushCallback(state, insn, target, root);
    }

    @Override
    public void takeLock(String allocation, int regId, int off) {
        state.lock = new LockState(allocation, regId, off, insn);
    }

    @Override
    public void dropLock(String allocation, int regId, int off) throws Rejection {
        if (state.lock == null) {
            throw new Rejection("Unlock without a matching lock.", "bpf_spin_unlock without taking a lock");
        }
        if (!state.lock.allocation().equals(allocation) || state.lock.off() != off || state.lock.regId() != regId) {
            throw new Rejection("This is not the lock you hold.", "bpf_spin_unlock of different lock");
        }
        state.lock = null;
        // invalidate_non_owning_refs: every non-owning reference dies with the lock
        state.forEachReg(r -> r.isNonOwning() ? Reg.unknown() : r);
    }

    @Override
    public CollectionRoot rootArg(int regno, CollectionRoot.Kind kind) throws Rejection {
        Reg r = read(regno);
        String what = kind.rootStruct();
        if (r.type() != Reg.Type.PTR_TO_MAP_VALUE && !r.isAllocObj()) {
            throw new Rejection("The root must be a global (or an object you own) holding a " + what + ".",
                    "arg#" + (regno - 1) + " expected pointer to map value or allocated object");
        }
        if (r.isAllocObj() && (r.refObjId() == 0 || r.is(Reg.NON_OWN_REF))) {
            throw new Rejection("A root inside an object can only be used through an owning reference.",
                    "allocated object must be referenced");
        }
        CollectionRoot root = calls.rootAt(r);
        if (root == null || root.kind() != kind || !root.valid()) {
            throw new Rejection("There is no " + what + " at this address.", what + " not found at offset=" + r.off());
        }
        LockState lock = state.lock;
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

    @Override
    public void checkNode(CollectionRoot root, Reg node) throws Rejection {
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

}
