package dev.kptrviz.verifier;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;

import dev.kptrviz.isa.Insn;
import dev.kptrviz.isa.JumpOp;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.CollectionRoot;
import dev.kptrviz.program.KfuncCall;
import dev.kptrviz.program.Program;
import dev.kptrviz.verifier.scalar.Scalar;
import dev.kptrviz.verifier.scalar.ScalarBranch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The abstract interpreter: explores every path of a program like the kernel's do_check
 * (follow the fall-through, push the taken branch; callbacks pushed at their call site),
 * applies one transfer function per instruction, prunes a state already seen at a jump target,
 * and stops at the first error with the kernel's message.
 */
public final class Verifier {
    /** The kernel's complexity limit (BPF_COMPLEXITY_LIMIT_INSNS). */
    public static final int COMPLEXITY_LIMIT = 1_000_000;

    private final Env env;
    /** States pushed for later exploration; package-private so {@link PathFollower} can pick its successor. */
    final Deque<State> pending = new ArrayDeque<>();
    private final Transfer transfer;
    private final Calls calls;
    /** States seen at each prune point, by structural hash. */
    private final Map<Integer, Map<Integer, List<State>>> visited = new HashMap<>();
    private final Map<Integer, Integer> seenCount = new HashMap<>();
    private int processed;
    private int states;
    private int peak;
    private final boolean[] prunePoints;
    private final VerifierLog log;

    /** Package-private for {@link PathFollower}, which reuses the per-instruction {@link #step}. */
    Verifier(Env env) {
        this.env = env;
        this.prunePoints = new boolean[env.program.size()];
        for (int i = 0; i < env.program.size(); i++) {
            Insn insn = env.program.insns().get(i);
            var target = insn.jumpTarget(i);
            if (target.isPresent() && !(insn instanceof Insn.Call) && target.getAsInt() >= 0
                    && target.getAsInt() < prunePoints.length) {
                prunePoints[target.getAsInt()] = true;
            }
        }
        this.transfer = new Transfer(env, pending::push);
        this.calls = new Calls(env, transfer, this);
        this.log = new VerifierLog(env);
    }

    public static Verdict verify(BpfObject obj, Program p, Semantics sem) {
        return verify(obj, p, sem, 1);
    }

    public static Verdict verify(BpfObject obj, Program p, Semantics sem, int logLevel) {
        long t0 = System.nanoTime();
        Optional<String> btfRefusal = BtfChecks.refusal(obj.btf(), sem);
        List<Diagnostic> diags = new ArrayList<>();
        Verifier v;
        if (btfRefusal.isPresent() && !sem.resourceLeakWording()) {
            // 6.3 / 6.4: the program BTF (and so the program) fails to load with an errno
            diags.add(new Diagnostic(-1, null, List.of("BTF: " + btfRefusal.get()),
                    "The kernel refuses this program's BTF: " + explainBtf(btfRefusal.get(), sem), List.of()));
            return new Verdict(p.name(), sem, false, diags, 0, 0, 0, micros(t0), "");
        }
        Env env = new Env(obj, p, sem, btfRefusal.isPresent() ? null : obj.btf(), btfRefusal.orElse(null), logLevel,
                false);
        v = new Verifier(env);
        Optional<Diagnostic> missing = v.missingKfunc();
        if (missing.isPresent()) {
            diags.add(missing.get());
            return new Verdict(p.name(), sem, false, diags, 0, 0, 0, micros(t0), "");
        }
        Diagnostic d = v.run();
        if (d != null) {
            diags.add(d);
        }
        return new Verdict(p.name(), sem, d == null, diags, v.processed, v.states, v.peak, micros(t0),
                env.log.toString());
    }

    private static long micros(long t0) {
        return (System.nanoTime() - t0) / 1000;
    }

    private static String explainBtf(String reason, Semantics sem) {
        return reason.contains("without bpf_refcount")
                ? "a struct in both a list and an rbtree needs a struct bpf_refcount member."
                : "before 6.4 one struct cannot have both a bpf_list_node and a bpf_rb_node (exclusive ownership).";
    }

    Optional<Diagnostic> missingKfunc() {
        // libbpf resolves externs sorted by name, so the first one it cannot find is reported
        List<Map.Entry<Integer, KfuncCall>> calls = new ArrayList<>(env.program.kfuncCalls().entrySet());
        calls.sort(Map.Entry.<Integer, KfuncCall>comparingByValue(java.util.Comparator.comparing(KfuncCall::name))
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<Integer, KfuncCall> e : calls) {
            Kfunc k = Kfunc.byName(e.getValue().name()).orElseThrow();
            boolean exists = dev.kptrviz.kfunc.Specs.of(k).availableIn(env.sem);
            if (!exists) {
                return Optional.of(new Diagnostic(e.getKey(), env.program.lineAt(e.getKey()).orElse(null),
                        List.of("libbpf: extern (func ksym) '" + e.getValue().name()
                                + "': not found in kernel or module BTFs"),
                        k.kernelName() + " does not exist in " + env.sem.name() + ".", List.of()));
            }
        }
        return Optional.empty();
    }

    private Diagnostic run() {
        State init = new State();
        Frame main = new Frame(0, -1, 0, false);
        main.regs[1] = Reg.ctx();
        init.frames.add(main);
        Diagnostic d = explore(init);
        // do_check_subprogs: each global function that was called is verified once, on its own,
        // from its BTF prototype (the call sites assumed it valid)
        for (int g : new ArrayList<>(env.calledGlobals)) {
            if (d != null) {
                break;
            }
            if (log.on()) {
                env.log.append("Validating ").append(functionName(g)).append("() func#").append(functionIndex(g))
                        .append("...\n");
            }
            d = explore(globalEntry(g));
        }
        log.summary(processed, states, peak);
        return d;
    }

    /** Explores every path from {@code start}; the first failed rule, or null. */
    private Diagnostic explore(State start) {
        log.start(start);
        pending.push(start);
        while (!pending.isEmpty()) {
            State s = pending.pop();
            try {
                follow(s);
            } catch (Rejection e) {
                log.error(e);
                return new Diagnostic(s.insn, env.program.lineAt(s.insn).orElse(null), e.kernelLines(),
                        e.explanation(), List.copyOf(s.path));
            }
        }
        return null;
    }

    /** The entry state of a global function: scalar arguments unknown, as its prototype allows. */
    private State globalEntry(int start) {
        State s = new State();
        Frame f = new Frame(0, -1, start, false);
        int params = GlobalArgs.paramCount(env, start);
        for (int r = 1; r <= params && r <= 5; r++) {
            f.regs[r] = Reg.unknown();
        }
        s.frames.add(f);
        s.insn = start;
        return s;
    }

    String functionName(int start) {
        return env.program.functionStartingAt(start).map(dev.kptrviz.program.Function::name).orElse("?");
    }

    int functionIndex(int start) {
        List<dev.kptrviz.program.Function> fns = env.program.functions();
        for (int i = 0; i < fns.size(); i++) {
            if (fns.get(i).start() == start) {
                return i;
            }
        }
        return -1;
    }

    /** Follows one path until it exits, is pruned, or fails. */
    private void follow(State s) throws Rejection {
        states++;
        if (!s.path.isEmpty()) {
            log.branchStart(s, s.path.get(s.path.size() - 1).from());
        }
        while (true) {
            if (++processed > COMPLEXITY_LIMIT) {
                throw new Rejection("The verifier gave up: too many instructions to explore (unbounded loop or "
                        + "too many paths).", "BPF program is too large. Processed " + processed + " insn");
            }
            int idx = s.insn;
            if (idx < 0 || idx >= env.program.size()) {
                throw new Rejection("Execution falls off the end of the program.", "invalid insn idx " + idx);
            }
            if (isPruned(s, idx)) {
                return;
            }
            Insn insn = env.program.insns().get(idx);
            if (log.on()) {
                log.before(idx);
            }
            int pendingBefore = pending.size();
            boolean done = step(s, idx, insn);
            if (log.on()) {
                int scratched = insn instanceof Insn.Call
                        ? (pending.size() > pendingBefore ? 0x7ff : 1)
                        : insn.readsRegisters() | insn.writesRegisters() | baseReg(insn);
                log.after(scratched, s, insn instanceof Insn.Exit, insn instanceof Insn.Call
                        && env.program.kfuncCalls().containsKey(idx)
                        && env.program.kfuncCalls().get(idx).name().startsWith("bpf_obj_new"));
            }
            if (done) {
                return;
            }
        }
    }

    /** The base register of a memory access, which the kernel's log also shows. */
    private static int baseReg(Insn insn) {
        if (insn instanceof Insn.Store st) {
            return 1 << st.dst() | (st.fromRegister() ? 1 << st.src() : 0);
        }
        if (insn instanceof Insn.Load l) {
            return 1 << l.src();
        }
        return 0;
    }

    /** One transfer function application; returns true when the path ends here (shared with {@link PathFollower}). */
    boolean step(State s, int idx, Insn insn) throws Rejection {
        {
            if (insn instanceof Insn.Alu a) {
                transfer.alu(s, a);
                s.insn = idx + 1;
            } else if (insn instanceof Insn.LdImm64 l) {
                transfer.ldImm64(s, idx, l);
                s.insn = idx + 2;
            } else if (insn instanceof Insn.Load l) {
                transfer.load(s, l);
                s.insn = idx + 1;
            } else if (insn instanceof Insn.Store st) {
                transfer.store(s, st);
                s.insn = idx + 1;
            } else if (insn instanceof Insn.Goto g) {
                s.insn = idx + g.delta() + 1;
            } else if (insn instanceof Insn.Jump j) {
                return !jump(s, idx, j);
            } else if (insn instanceof Insn.Call c) {
                s.insn = calls.call(s, idx, c);
            } else if (insn instanceof Insn.Exit) {
                return exit(s, idx);
            } else {
                throw new Rejection("KptrViz does not model this instruction yet.",
                        "unsupported instruction " + insn.getClass().getSimpleName());
            }
            return false;
        }
    }

    private boolean isPruned(State s, int idx) {
        if (!isPrunePoint(idx)) {
            return false;
        }
        Map<Integer, List<State>> atInsn = visited.computeIfAbsent(idx, k -> new HashMap<>());
        List<State> seen = atInsn.computeIfAbsent(s.shapeHash(), k -> new ArrayList<>());
        for (State old : seen) {
            if (old.sameAs(s)) {
                return true;
            }
        }
        seen.add(s.copy());
        peak = Math.max(peak, seenCount.merge(idx, 1, Integer::sum));
        return false;
    }

    private boolean isPrunePoint(int idx) {
        return prunePoints[idx];
    }

    /** Conditional jump: returns false when the path ends (both sides impossible cannot happen). */
    private boolean jump(State s, int idx, Insn.Jump j) throws Rejection {
        Reg a = transfer.read(s, j.dst());
        Reg b = j.usesRegister() ? transfer.read(s, j.src()) : Reg.constant(j.is32() ? j.imm() & 0xffffffffL : j.imm());
        int target = idx + j.off() + 1;
        int fall = idx + 1;
        if (a.isScalar() && b.isScalar()) {
            ScalarBranch.Outcome o = ScalarBranch.isBranchTaken(j.op(), j.is32(), a.scalar(), b.scalar());
            if (o == ScalarBranch.Outcome.TAKEN) {
                s.insn = target;
                return true;
            }
            if (o == ScalarBranch.Outcome.NOT_TAKEN) {
                s.insn = fall;
                return true;
            }
            State other = s.copy();
            Scalar[] taken = ScalarBranch.refine(j.op(), j.is32(), a.scalar(), b.scalar(), true);
            Scalar[] notTaken = ScalarBranch.refine(j.op(), j.is32(), a.scalar(), b.scalar(), false);
            if (taken != null) {
                setScalars(other, j, taken);
                other.insn = target;
                other.path.add(new State.Branch(idx, target, true));
                pending.push(other);
            }
            if (notTaken == null) {
                return false;
            }
            setScalars(s, j, notTaken);
            s.insn = fall;
            s.path.add(new State.Branch(idx, fall, false));
            return true;
        }
        boolean nullCheck = (j.op() == JumpOp.JEQ || j.op() == JumpOp.JNE) && !j.usesRegister() && j.imm() == 0
                && a.isPointer();
        if (!nullCheck) {
            // comparisons involving pointers the kernel cannot decide: explore both sides unchanged
            State other = s.copy();
            other.insn = target;
            other.path.add(new State.Branch(idx, target, true));
            pending.push(other);
            s.insn = fall;
            s.path.add(new State.Branch(idx, fall, false));
            return true;
        }
        boolean eq = j.op() == JumpOp.JEQ;
        if (!a.is(Reg.MAYBE_NULL)) {
            s.insn = eq ? fall : target; // a non-NULL pointer is never equal to 0
            return true;
        }
        State other = s.copy();
        // the side where the pointer is NULL and the side where it is not
        State nullSide = eq ? other : s;
        State nonNull = eq ? s : other;
        markNull(nullSide, a, true);
        markNull(nonNull, a, false);
        other.insn = target;
        other.path.add(new State.Branch(idx, target, true));
        pending.push(other);
        s.insn = fall;
        s.path.add(new State.Branch(idx, fall, false));
        return true;
    }

    private void setScalars(State s, Insn.Jump j, Scalar[] pair) {
        setLinked(s, j.dst(), pair[0]);
        if (j.usesRegister()) {
            setLinked(s, j.src(), pair[1]);
        }
    }

    /** sync_linked_regs: a refined scalar updates every register that shares its id. */
    private static void setLinked(State s, int r, Scalar v) {
        int id = s.cur().regs[r].id();
        s.cur().regs[r] = Reg.scalar(v).withIds(id, 0);
        if (id != 0) {
            s.forEachReg(x -> x.isScalar() && x.id() == id ? Reg.scalar(v).withIds(id, 0) : x);
        }
    }

    /** mark_ptr_or_null_regs: every copy (same id) becomes NULL or loses MAYBE_NULL. */
    private void markNull(State s, Reg ptr, boolean isNull) {
        int id = ptr.id();
        if (id == 0) {
            return;
        }
        if (isNull) {
            if (ptr.refObjId() != 0) {
                s.refs.removeIf(r -> r.id() == ptr.refObjId());
            }
            s.forEachReg(r -> r.id() == id && r.isPointer() ? Reg.constant(0) : r);
        } else {
            // the id is kept only where it names a lock's allocation (reg_may_point_to_spin_lock)
            boolean lockHolder = ptr.isAllocObj() && BtfChecks.hasField(env.btf, ptr.btfId(), SpecialField.SPIN_LOCK);
            s.forEachReg(r -> r.id() == id && r.isPointer() ? r.withFlags(r.flags() & ~Reg.MAYBE_NULL).withIds(
                    lockHolder ? id : 0, r.refObjId()) : r);
        }
    }

    /** Returns true when this path is finished. */
    private boolean exit(State s, int idx) throws Rejection {
        Frame f = s.cur();
        if (f.callback) {
            Reg r0 = transfer.read(s, 0);
            if (!r0.isScalar()) {
                throw new Rejection("less() must return a bool.", "At callback return the register R0 is not a known value (ptr)");
            }
            Scalar v = r0.scalar();
            if (v.smin() < 0 || v.smax() > 1) {
                String why = "less() must return 0 or 1 (a bool); this path can return something else.";
                throw env.sem.resourceLeakWording()
                        ? new Rejection(why, "At callback return the register R0 has"
                                + (v.smin() > Long.MIN_VALUE ? " smin=" + v.smin() : "")
                                + (v.smax() < Long.MAX_VALUE ? " smax=" + v.smax() : "")
                                + " should have been in [0, 1]")
                        // before 6.8 the kernel printed both sides as tnums
                        : new Rejection(why, "At callback return the register R0 has value " + v.varOff()
                                + " should have been in (0x0; 0x1)");
            }
            if (!s.refs.equals(s.callbackEntryRefs)) {
                RefState leaked = s.refs.stream().filter(r -> !s.callbackEntryRefs.contains(r)).findFirst()
                        .orElse(s.refs.isEmpty() ? new RefState(0, idx) : s.refs.get(0));
                throw new Rejection("A callback must not keep references it acquired.",
                        "Unreleased reference id=" + leaked.id() + " alloc_insn=" + leaked.insn());
            }
            return true;
        }
        if (s.frames.size() > 1) {
            Reg r0 = transfer.read(s, 0);
            s.frames.remove(s.frames.size() - 1);
            Frame caller = s.cur();
            caller.regs[0] = r0;
            for (int r = 1; r <= 5; r++) {
                caller.regs[r] = Reg.NOT_INIT;
            }
            s.insn = f.callsite + 1;
            return false;
        }
        if (s.lock != null) {
            throw new Rejection("You returned while still holding the lock.", env.sem.resourceLeakWording()
                    ? "BPF_EXIT instruction in main prog cannot be used inside bpf_spin_lock-ed region"
                    : "bpf_spin_unlock is missing");
        }
        if (!s.refs.isEmpty()) {
            RefState r = s.refs.get(0);
            String first = "Unreleased reference id=" + r.id() + " alloc_insn=" + r.insn();
            String why = "You got an object (from bpf_obj_new, pop, remove, refcount_acquire or kptr_xchg) at insn "
                    + r.insn() + " and never gave it back: drop it, insert it, or stash it.";
            throw env.sem.resourceLeakWording()
                    ? new Rejection(why, first, "BPF_EXIT instruction in main prog would lead to reference leak")
                    : new Rejection(why, first);
        }
        Reg r0 = transfer.read(s, 0);
        if (!r0.isScalar()) {
            throw new Rejection("A program must return a number, not a pointer.", "R0 leaks addr as return value");
        }
        return true;
    }

    /** push_callback_call for bpf_rbtree_add's less(): verified later, as its own frame. */
    void pushCallback(State s, int callsite, int target, CollectionRoot root) {
        State cb = s.copy();
        Frame frame = new Frame(cb.frames.size(), callsite, target, true);
        int flags = Reg.NON_OWN_REF | (env.sem.nonOwningRefsAreRcu()
                && BtfChecks.hasField(env.btf, root.containedTypeId(), SpecialField.REFCOUNT) ? Reg.MEM_RCU : 0);
        Reg arg = Reg.alloc(root.containedTypeId(), root.containedType(), root.nodeOffset(), flags, 0, 0);
        frame.regs[1] = arg;
        frame.regs[2] = arg;
        cb.frames.add(frame);
        cb.insn = target;
        cb.callbackEntryRefs = List.copyOf(cb.refs);
        cb.path.add(new State.Branch(callsite, target, true));
        pending.push(cb);
    }
}
