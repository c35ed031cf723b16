package dev.kptrviz.runtime;

import dev.kptrviz.isa.HelperNames;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.kfunc.CallSpec;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.kfunc.Specs;
import dev.kptrviz.program.Function;
import dev.kptrviz.program.KfuncCall;
import dev.kptrviz.runtime.event.Change;

import java.util.Optional;

/**
 * Calls and returns: bpf-to-bpf calls push a frame with its own registers and 512-byte stack
 * (r1..r5 copied, r6..r9 of the caller untouched); helpers and kfuncs run their {@link CallSpec}
 * through the {@link KfuncBridge}; a kfunc's callback (rbtree {@code less()}) runs in a frame of
 * its own, and its exit hands r0 to the kfunc's continuation. Exit of frame 0 ends the run.
 */
final class Calls {
    /** Graph kfuncs that take a node; the verifier refuses them in an rbtree callback (observed on 6.18). */
    private static final java.util.Set<Kfunc> NOT_IN_LESS = java.util.EnumSet.of(Kfunc.RBTREE_ADD,
            Kfunc.RBTREE_REMOVE, Kfunc.RBTREE_LEFT, Kfunc.RBTREE_RIGHT);

    private final Machine m;

    Calls(Machine m) {
        this.m = m;
    }

    void call(int i) {
        Insn.Call c = (Insn.Call) m.code.insn[i];
        switch (c.kind()) {
            case SUBPROG -> subprog(i);
            case HELPER -> {
                Optional<? extends CallSpec> spec = Specs.helper(c.imm());
                if (spec.isEmpty()) {
                    String name = HelperNames.name(c.imm());
                    throw m.fail(FindingKind.UNSUPPORTED, i, "helper " + (name == null ? "#" + c.imm() : name)
                            + " is not modelled by the emulator");
                }
                invoke(i, spec.get(), null);
            }
            case KFUNC -> {
                KfuncCall kc = m.program.kfuncCalls().get(i);
                Optional<Kfunc> k = kc == null ? Optional.empty() : Kfunc.byName(kc.name());
                if (k.isEmpty()) {
                    throw m.fail(FindingKind.UNSUPPORTED, i, "kfunc " + (kc == null ? "?" : kc.name())
                            + " is not modelled");
                }
                invoke(i, Specs.of(k.get()), k.get());
            }
        }
    }

    private void subprog(int i) {
        Integer target = m.program.callTargets().get(i);
        int entry = target != null ? target : m.code.target[i];
        if (m.locks.held() > 0) {
            Optional<Function> fn = m.program.functionStartingAt(entry);
            boolean global = fn.map(Function::global).orElse(false);
            if (global || !m.semantics.staticCallsUnderLock()) {
                m.report(FindingKind.CALL_UNDER_LOCK, i, "call of " + fn.map(Function::name).orElse("insn " + entry)
                        + " while holding " + m.locks.heldNames() + (global ? " (a global function)"
                        : " (static calls under a lock are allowed only since 6.9)"));
            }
        }
        Frame caller = m.frames[m.depth];
        Optional<Function> callee = m.program.functionStartingAt(entry);
        if (callee.isPresent() && callee.get().global()) {
            for (int r = 1; r <= 5; r++) {
                if (caller.p[r] != null && caller.p[r].target instanceof HeapObject h && h.layout.special()) {
                    m.report(FindingKind.INVALID_ARGUMENT, i, "R" + r + " passes " + m.heap.describe(h) + ", a type "
                            + "with special fields, to the global function " + callee.get().name() + ": global "
                            + "functions are verified on their own from their BTF prototype, where such a struct "
                            + "is refused");
                }
            }
        }
        Frame f = push(i, entry, i + 1, -1, null, null);
        System.arraycopy(caller.v, 1, f.v, 1, 5);
        System.arraycopy(caller.p, 1, f.p, 1, 5);
        m.pc = entry;
    }

    /** Pushes a frame (a subprogram or a callback); the caller's registers stay as they are. */
    Frame push(int insn, int entry, int returnPc, int callInsn, CallSpec spec, RuntimeOps.LessResult then) {
        int depth = m.depth + 1;
        if (depth >= Machine.MAX_FRAMES) {
            throw m.fail(FindingKind.STACK_OVERFLOW, insn, "call depth " + (depth + 1) + " exceeds the kernel's "
                    + Machine.MAX_FRAMES + " frames");
        }
        Frame f = new Frame(depth, entry, returnPc, m.space.newStack(depth), callInsn, spec, then);
        m.frames[depth] = f;
        m.depth = depth;
        if (m.tracer != null) {
            m.tracer.add(new Change.FramePush(f));
        }
        return f;
    }

    private void invoke(int i, CallSpec spec, Kfunc kfunc) {
        if (m.tracer != null) {
            m.tracer.add(new Change.Call(spec.name(), i));
        }
        long callNumber = kfunc == null ? 0 : ++m.kfuncCalls[kfunc.ordinal()];
        if (m.locks.held() > 0 && !spec.allowedUnderLock()) {
            m.report(FindingKind.CALL_UNDER_LOCK, i, spec.name() + " while holding " + m.locks.heldNames()
                    + ": only list/rbtree kfuncs, bpf_refcount_acquire and bpf_spin_unlock may be called there");
        }
        if (kfunc != null && NOT_IN_LESS.contains(kfunc) && inCallback()) {
            m.report(FindingKind.NOT_ALLOWED_IN_CALLBACK, i, spec.name() + " inside an rbtree less() callback: "
                    + "bpf_rbtree_add is in the middle of walking the tree");
        }
        if (!spec.availableIn(m.semantics)) {
            m.report(FindingKind.UNAVAILABLE, i, spec.name() + " does not exist under " + m.semantics
                    + " rules; running it with the current kernel's effect");
        }
        m.bridge.begin(i, spec, kfunc, callNumber);
        spec.execute(m.bridge);
        if (!m.bridge.pushedCallback()) {
            m.pc = i + 1;
        }
    }

    /** True while some frame on the stack is a kfunc's callback (an rbtree less()). */
    boolean inCallback() {
        for (int d = 1; d <= m.depth; d++) {
            if (m.frames[d].then != null) {
                return true;
            }
        }
        return false;
    }

    void exit(int i) {
        Frame f = m.frames[m.depth];
        if (m.depth == 0) {
            finishRun(i);
            return;
        }
        m.frames[m.depth] = null;
        m.space.stacks[m.depth] = null;
        m.depth--;
        if (m.tracer != null) {
            m.tracer.add(new Change.FramePop(f));
        }
        Frame caller = m.frames[m.depth];
        if (f.then == null) {
            caller.v[0] = f.v[0];
            caller.p[0] = f.p[0];
            m.pc = f.returnPc;
            return;
        }
        m.bridge.resume(f.callInsn, f.callSpec);
        f.then.accept(m.bridge, f.v[0]);
        if (!m.bridge.pushedCallback()) {
            m.pc = f.returnPc;
        }
    }

    /** Frame 0 returned: r0 is the result; report a held lock and leaked objects. */
    void finishRun(int i) {
        m.r0 = m.frames[0].v[0];
        if (m.locks.held() > 0) {
            m.report(FindingKind.LOCK_HELD_AT_EXIT, i, "the program returns while holding " + m.locks.heldNames()
                    + ": it stays locked, and the next bpf_spin_lock of it spins forever");
        }
        m.heap.audit(i);
        m.status = Status.EXITED;
    }
}
