package dev.kptrviz.verifier;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.kfunc.CallSpec;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.Specs;
import dev.kptrviz.program.CollectionRoot;
import dev.kptrviz.program.Function;
import dev.kptrviz.program.KfuncCall;

/**
 * Calls: the lock rule for calls inside a critical section, bpf-to-bpf calls, and dispatch of
 * helpers and kfuncs to their {@link CallSpec} (whose verifier effect sits beside its runtime
 * effect in dev.kptrviz.kfunc.spec).
 */
final class Calls {
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
        CallSpec spec = k != null ? Specs.of(Kfunc.byName(k.name()).orElseThrow())
                : target == null ? Specs.helper(c.imm()).orElse(null) : null;
        if (s.lock != null) {
            boolean allowed = target != null ? env.sem.staticCallsUnderLock() && !isGlobal(target)
                    : spec != null && spec.allowedUnderLock();
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
                if (!env.inlineGlobals) {
                    // the kernel assumes a global function valid at its call site and checks it on its own later
                    env.calledGlobals.add(target);
                    if (env.logLevel > 0) {
                        env.log.append("\nFunc#").append(verifier.functionIndex(target)).append(" ('")
                                .append(verifier.functionName(target)).append("') is global and assumed valid.\n");
                    }
                    Frame f = s.cur();
                    f.regs[0] = Reg.unknown();
                    for (int r = 1; r <= 5; r++) {
                        f.regs[r] = Reg.NOT_INIT;
                    }
                    return idx + 1;
                }
            }
            return subprog(s, idx, target);
        }
        if (spec != null) {
            spec.verify(new CallSite(env, s, idx, this));
        } else {
            s.cur().regs[0] = Reg.unknown(); // a helper KptrViz does not model: returns a number
        }
        Frame f = s.cur();
        for (int r = 1; r <= 5; r++) {
            f.regs[r] = Reg.NOT_INIT;
        }
        return idx + 1;
    }

    private boolean isGlobal(int target) {
        return env.program.functionStartingAt(target).map(Function::global).orElse(false);
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
