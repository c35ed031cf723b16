package dev.kptrviz.verifier;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;

import dev.kptrviz.LoadException;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.program.CollectionRoot;
import dev.kptrviz.program.GlobalVar;
import dev.kptrviz.program.KfuncCall;

/**
 * Verifier effects of calls: helpers (spin lock/unlock, kptr_xchg, the rest), the graph kfuncs
 * and bpf-to-bpf calls. Argument checks run in the kernel's order so the first error matches.
 */
final class Calls {
    private static final int HELPER_SPIN_LOCK = 93;
    private static final int HELPER_SPIN_UNLOCK = 94;
    private static final int HELPER_KPTR_XCHG = 194;

    private final Env env;
    private final Transfer t;
    private final Verifier verifier;

    Calls(Env env, Transfer t, Verifier verifier) {
        this.env = env;
        this.t = t;
        this.verifier = verifier;
    }

    /** Handles the call at {@code idx}; returns the next instruction index. */
    int call(State s, int idx, Insn.Call c) throws Rejection {
        KfuncCall k = env.program.kfuncCalls().get(idx);
        Integer target = env.program.callTargets().get(idx);
        if (s.lock != null) {
            boolean allowed = k != null ? graphApi(Kfunc.byName(k.name()).orElseThrow())
                    : target != null ? env.sem.staticCallsUnderLock() && !isGlobal(target)
                    : c.imm() == HELPER_SPIN_UNLOCK;
            if (!allowed) {
                if (target != null && env.sem.staticCallsUnderLock()) {
                    throw new Rejection("Only static functions may be called while the lock is held.",
                            "global function calls are not allowed while holding a lock,",
                            "use static function instead");
                }
                throw new Rejection("Only list/rbtree kfuncs, bpf_refcount_acquire and bpf_spin_unlock"
                        + (env.sem.staticCallsUnderLock() ? " (and static functions)" : "")
                        + " may be called inside the critical section; move other calls outside the lock.",
                        "function calls are not allowed while holding a lock");
            }
        }
        if (target != null) {
            if (isGlobal(target)) {
                GlobalArgs.check(env, s, target);
            }
            return subprog(s, idx, target);
        }
        if (k != null) {
            kfunc(s, idx, Kfunc.byName(k.name()).orElseThrow());
        } else {
            helper(s, idx, c.imm());
        }
        Frame f = s.cur();
        for (int r = 1; r <= 5; r++) {
            f.regs[r] = Reg.NOT_INIT;
        }
        return idx + 1;
    }

    private boolean isGlobal(int target) {
        return env.program.functionStartingAt(target).map(dev.kptrviz.program.Function::global).orElse(false);
    }

    private static boolean graphApi(Kfunc k) {
        switch (k) {
            case OBJ_NEW:
            case OBJ_DROP:
            case PERCPU_OBJ_NEW:
            case PERCPU_OBJ_DROP:
            case RCU_READ_LOCK:
            case RCU_READ_UNLOCK:
                return false;
            default:
                return true;
        }
    }

    private int subprog(State s, int idx, int target) {
        Frame caller = s.cur();
        Frame callee = new Frame(s.frames.size(), idx, target, false);
        for (int r = 1; r <= 5; r++) {
            callee.regs[r] = caller.regs[r];
        }
        s.frames.add(callee);
        return target;
    }

    private void helper(State s, int idx, int id) throws Rejection {
        Frame f = s.cur();
        if (id == HELPER_SPIN_LOCK || id == HELPER_SPIN_UNLOCK) {
            Reg r1 = t.read(s, 1);
            String allocation;
            int lockOff;
            int regId = 0;
            if (r1.type() == Reg.Type.PTR_TO_MAP_VALUE) {
                GlobalVar lockVar = r1.region().varAt(r1.off()).filter(v -> "bpf_spin_lock".equals(
                        BtfChecks.structName(env.btf, v.btfTypeId()))).orElseThrow(() -> new Rejection(
                        "There is no bpf_spin_lock at this address.",
                        "map '" + r1.region().name() + "' has no valid bpf_spin_lock"));
                allocation = r1.region().name();
                lockOff = lockVar.offset();
            } else if (r1.isAllocObj() && !r1.is(Reg.MAYBE_NULL)) {
                lockOff = BtfChecks.fieldOffset(env.btf, r1.btfId(), "bpf_spin_lock");
                if (lockOff < 0 || lockOff != r1.off()) {
                    throw new Rejection("There is no bpf_spin_lock at this address.",
                            r1.typeName() + " has no valid bpf_spin_lock");
                }
                allocation = "struct " + r1.typeName();
                regId = r1.id();
            } else {
                throw new Rejection("bpf_spin_lock takes a pointer to a struct bpf_spin_lock in global data or "
                        + "in an object you own.", "R1 type=" + r1.typeNameForMessage() + " expected=map_value");
            }
            if (id == HELPER_SPIN_LOCK) {
                s.lock = new LockState(allocation, regId, lockOff, idx);
            } else {
                if (s.lock == null) {
                    throw new Rejection("Unlock without a matching lock.", "bpf_spin_unlock without taking a lock");
                }
                if (!s.lock.allocation().equals(allocation) || s.lock.off() != lockOff || s.lock.regId() != regId) {
                    throw new Rejection("This is not the lock you hold.", "bpf_spin_unlock of different lock");
                }
                s.lock = null;
                // invalidate_non_owning_refs: every non-owning reference dies with the lock
                s.forEachReg(r -> r.isNonOwning() ? Reg.unknown() : r);
            }
            f.regs[0] = Reg.NOT_INIT; // both return void
            return;
        }
        if (id == HELPER_KPTR_XCHG) {
            kptrXchg(s, idx);
            return;
        }
        f.regs[0] = Reg.unknown();
    }

    private void kptrXchg(State s, int idx) throws Rejection {
        Reg r1 = t.read(s, 1);
        Reg r2 = t.read(s, 2);
        if (r1.type() != Reg.Type.PTR_TO_MAP_VALUE) {
            throw new Rejection("bpf_kptr_xchg takes the address of a __kptr field in a map value.",
                    "R1 type=" + r1.typeNameForMessage() + " expected=map_value");
        }
        GlobalVar slot = r1.region().varAt(r1.off()).orElseThrow(() -> new Rejection(
                "There is no __kptr field at this address.", "R1 doesn't have kptr field at off=" + r1.off()));
        int pointee = kptrTarget(slot.btfTypeId());
        if (pointee < 0) {
            throw new Rejection("There is no __kptr field at this address.",
                    "R1 doesn't have kptr field at off=" + r1.off());
        }
        if (!(r2.isScalar() && r2.scalar().isConst() && r2.scalar().constValue() == 0)) {
            if (!r2.isOwning()) {
                throw new Rejection("Only an owning reference (or NULL) can be stashed.",
                        "R2 type=" + r2.typeNameForMessage() + " expected=ptr_, trusted_ptr_, rcu_ptr_");
            }
            release(s, r2.refObjId());
        }
        String name = env.btf == null ? "?" : env.btf.cName(pointee).replace("struct ", "");
        int nullId = env.newId();
        int ref = acquire(s, idx);
        s.cur().regs[0] = Reg.alloc(pointee, name, 0, Reg.MAYBE_NULL, nullId == 0 ? ref : ref, ref);
    }

    private int kptrTarget(int varType) {
        try {
            BtfType ty = env.btf.resolve(varType);
            if (ty instanceof BtfType.Ptr p) {
                BtfType tag = env.btf.type(p.type());
                if (tag instanceof BtfType.TypeTag tt && tt.name().equals("kptr")) {
                    BtfType target = env.btf.resolve(tt.type());
                    return target instanceof BtfType.Struct ? target.id() : -1;
                }
            }
        } catch (LoadException e) {
            return -1;
        }
        return -1;
    }

    private void kfunc(State s, int idx, Kfunc k) throws Rejection {
        GraphKfuncs.verify(this, s, idx, k);
    }

    int acquire(State s, int idx) {
        int id = env.newId();
        s.refs.add(new RefState(id, idx));
        return id;
    }

    void release(State s, int refObjId) throws Rejection {
        boolean found = s.refs.removeIf(r -> r.id() == refObjId);
        if (!found) {
            throw new Rejection("Released a reference that is not held.",
                    "kfunc reference has not been acquired before");
        }
        s.forEachReg(r -> r.refObjId() == refObjId ? Reg.unknown() : r);
    }

    Env env() {
        return env;
    }

    Transfer transfer() {
        return t;
    }

    Verifier verifier() {
        return verifier;
    }

    /** The root a register points at (a global or an allocated object at a root's offset), or null. */
    CollectionRoot rootAt(Reg r) {
        for (CollectionRoot root : env.object.roots()) {
            if (r.type() == Reg.Type.PTR_TO_MAP_VALUE && root.global()
                    && root.container().equals(r.region().name()) && root.offset() == r.off()) {
                return root;
            }
            if (r.isAllocObj() && !root.global() && root.container().equals("struct " + r.typeName())
                    && root.offset() == r.off()) {
                return root;
            }
        }
        return null;
    }
}
