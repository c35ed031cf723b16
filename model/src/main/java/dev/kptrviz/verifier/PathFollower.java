package dev.kptrviz.verifier;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntToLongFunction;

/**
 * The verifier's abstract state along one path that someone else chooses: the lockstep
 * session's concrete machine ({@link #settle}), or the branch decisions the verifier recorded on
 * its way to an error ({@link #settleAlong}). Each {@link #follow} applies the verifier's own per-instruction
 * step ({@link Verifier#step}, so the rules and messages are the verifier's) and then keeps, of
 * the successors the verifier would explore, the one on the concrete side: the branch the
 * machine took, or for a value split the half that contains the concrete value.
 *
 * <p>Callbacks: when the verifier meets an rbtree {@code less()} it records the callback's
 * entry state (R1/R2 non-owning nodes); each time the concrete machine enters {@code less()},
 * a fresh copy of that entry state is followed, and at its exit the caller's state resumes.
 */
public final class PathFollower {
    /** What one followed step did to the abstract side. */
    public enum Outcome {
        /** The abstract state moved to the concrete machine's next instruction. */
        FOLLOWED,
        /** The main program exited abstractly (the verifier's exit checks passed). */
        EXITED,
        /** A rule failed at this instruction: see {@link #rejection()}. */
        REJECTED,
        /** The verifier deems the concrete successor impossible, or the paths disagree: see {@link #lostReason()}. */
        DIVERGED,
        /** Nothing to follow any more (after an exit, a rejection or a divergence). */
        IDLE
    }

    /** An opaque copy of the follower's position, for time travel. */
    public static final class Mark {
        private final State active;
        private final State suspended;
        private final Map<Integer, State> callbackEntries;
        private final boolean idle;
        private final int idGen;

        private Mark(State active, State suspended, Map<Integer, State> callbackEntries, boolean idle, int idGen) {
            this.active = active;
            this.suspended = suspended;
            this.callbackEntries = callbackEntries;
            this.idle = idle;
            this.idGen = idGen;
        }

        /** A rough size in bytes: per state its frames' register, slot-type and spill arrays. */
        public long approximateBytes() {
            long n = 64 + size(active) + size(suspended);
            for (State s : callbackEntries.values()) {
                n += size(s) + 32;
            }
            return n;
        }

        private static long size(State s) {
            return s == null ? 0 : 96 + s.frames.size() * (Frame.STACK_SIZE + 64 * 4 + 11 * 4 + 96L) + s.refs.size() * 40L;
        }
    }

    private final Env env;
    private final Verifier verifier;
    private State active;
    /** The caller's state while a callback is being followed. */
    private State suspended;
    /** Callback entry states recorded at their call sites, by the callback's first instruction. */
    private Map<Integer, State> callbackEntries = new HashMap<>();
    private boolean idle;
    private Rejection rejection;
    private String lostReason;
    /** Between {@link #apply} and {@link #settle}: the instruction, whether its path ended, the other successors. */
    private Insn pendingInsn;
    private boolean ended;
    private final List<State> others = new ArrayList<>();
    /** The entry of a callback the last {@link #apply} recorded, or -1. */
    private int callbackPushed = -1;

    private PathFollower(Env env) {
        this.env = env;
        this.verifier = new Verifier(env);
        State init = new State();
        Frame main = new Frame(0, -1, 0, false);
        main.regs[1] = Reg.ctx();
        init.frames.add(main);
        this.active = init;
    }

    /**
     * A follower at the program's entry state, or empty when the verifier refuses the program
     * before looking at any instruction (program BTF refused before 6.5, a kfunc the kernel lacks).
     */
    public static Optional<PathFollower> start(BpfObject obj, Program p, Semantics sem) {
        Optional<String> btfRefusal = BtfChecks.refusal(obj.btf(), sem);
        if (btfRefusal.isPresent() && !sem.resourceLeakWording()) {
            return Optional.empty();
        }
        Btf btf = btfRefusal.isPresent() ? null : obj.btf();
        PathFollower f = new PathFollower(new Env(obj, p, sem, btf, 0));
        return f.verifier.missingKfunc().isPresent() ? Optional.empty() : Optional.of(f);
    }

    /**
     * Applies instruction {@code pc} and keeps the successor that goes to {@code nextPc}: both
     * phases, {@link #apply} then {@link #settle}.
     */
    public Outcome follow(int pc, int nextPc, IntToLongFunction concreteAfter) {
        Outcome o = apply(pc);
        return o == Outcome.FOLLOWED ? settle(nextPc, concreteAfter) : o;
    }

    /**
     * Phase one: the verifier's transfer for instruction {@code pc}, before the concrete machine
     * executes it. {@link Outcome#REJECTED} means the kernel would refuse the program here.
     */
    public Outcome apply(int pc) {
        if (idle) {
            return Outcome.IDLE;
        }
        if (active.insn != pc) {
            return diverge("the abstract path is at insn " + active.insn + " but the machine executed " + pc);
        }
        pendingInsn = env.program.insns().get(pc);
        verifier.pending.clear();
        try {
            ended = verifier.step(active, pc, pendingInsn);
        } catch (Rejection r) {
            rejection = r;
            idle = true;
            return Outcome.REJECTED;
        }
        others.clear();
        callbackPushed = -1;
        while (!verifier.pending.isEmpty()) {
            State st = verifier.pending.pollLast();
            if (st.cur().callback && st.frames.size() > active.frames.size()) {
                callbackEntries.put(st.insn, st);
                callbackPushed = st.insn;
            } else {
                others.add(st);
            }
        }
        active.path.clear();
        return Outcome.FOLLOWED;
    }

    /**
     * Phase two, after the machine executed the instruction: keep the successor on the concrete
     * side. {@code nextPc} is the machine's next instruction; {@code concreteAfter} gives a
     * register of its top frame, used to choose between two successors at the same instruction
     * (the verifier's value split).
     */
    public Outcome settle(int nextPc, IntToLongFunction concreteAfter) {
        if (idle) {
            return Outcome.IDLE;
        }
        Insn insn = pendingInsn;
        if (insn instanceof Insn.Exit && ended) {
            return exited(nextPc);
        }
        State chosen;
        if (others.isEmpty()) {
            // the common case, one successor: no candidate list to build
            chosen = !ended && active.insn == nextPc ? active : null;
        } else {
            List<State> candidates = new ArrayList<>(others.size() + 1);
            if (!ended) {
                candidates.add(active);
            }
            candidates.addAll(others);
            chosen = choose(candidates, nextPc, insn, concreteAfter);
        }
        if (chosen == null) {
            State entry = callbackEntries.get(nextPc);
            if (insn instanceof Insn.Call && !ended && entry != null) {
                suspended = active;
                active = entry.copy();
                return Outcome.FOLLOWED;
            }
            return diverge("the verifier considers the step from insn " + active.insn + " to " + nextPc
                    + " impossible");
        }
        chosen.path.clear();
        active = chosen;
        return Outcome.FOLLOWED;
    }

    /**
     * True when the last {@link #apply} left the verifier more than one way on: a split it explores on
     * both sides, or a callback it will check as a path of its own. The verifier records its decision
     * at such a step in {@link State#path()} (except for a value split of one ALU result).
     */
    public boolean forked() {
        return !others.isEmpty() || callbackPushed >= 0;
    }

    /**
     * Phase two driven by the verifier's own decisions instead of a concrete machine (walking the path
     * of a {@link Diagnostic}): {@code decision} is the path's branch taken at this instruction, or null
     * where the path made none (keep this path's own successor). A decision that enters a callback
     * continues in the callback's entry state: the verifier checks a callback as a path of its own,
     * which ends at the callback's exit.
     */
    public Outcome settleAlong(State.Branch decision) {
        if (idle) {
            return Outcome.IDLE;
        }
        if (decision == null) {
            if (!ended) {
                return Outcome.FOLLOWED;
            }
            if (pendingInsn instanceof Insn.Exit) {
                idle = true;
                return Outcome.EXITED;
            }
            return diverge("the path ends at insn " + active.insn + " without reaching an exit");
        }
        if (decision.to() == callbackPushed) {
            active = callbackEntries.get(callbackPushed).copy();
            active.path.clear();
            suspended = null;
            return Outcome.FOLLOWED;
        }
        State chosen = null;
        if (!decision.taken() && !ended && active.insn == decision.to()) {
            chosen = active;
        } else {
            for (State o : others) {
                if (o.insn == decision.to()) {
                    chosen = o;
                    break;
                }
            }
        }
        if (chosen == null) {
            return diverge("the verifier's path goes from insn " + decision.from() + " to " + decision.to()
                    + ", which this step does not lead to");
        }
        chosen.path.clear();
        active = chosen;
        return Outcome.FOLLOWED;
    }

    private Outcome exited(int nextPc) {
        if (active.cur().callback) {
            State entry = callbackEntries.get(nextPc);
            if (entry != null && (suspended == null || suspended.insn != nextPc)) {
                active = entry.copy(); // the kfunc calls less() again
                return Outcome.FOLLOWED;
            }
            if (suspended == null) {
                return diverge("a callback returned but no caller state is suspended");
            }
            active = suspended;
            suspended = null;
            if (active.insn != nextPc) {
                return diverge("after the callback the abstract caller is at insn " + active.insn
                        + " but the machine continues at " + nextPc);
            }
            return Outcome.FOLLOWED;
        }
        idle = true;
        return Outcome.EXITED;
    }

    private static State choose(List<State> candidates, int nextPc, Insn insn, IntToLongFunction concreteAfter) {
        List<State> at = new ArrayList<>(candidates.size());
        for (State c : candidates) {
            if (c.insn == nextPc) {
                at.add(c);
            }
        }
        if (at.size() <= 1) {
            return at.isEmpty() ? null : at.get(0);
        }
        if (insn instanceof Insn.Alu a) {
            long v = concreteAfter.applyAsLong(a.dst());
            for (State c : at) {
                Reg r = c.cur().regs[a.dst()];
                if (r.isScalar() && r.scalar().contains(v)) {
                    return c;
                }
            }
        }
        return at.get(0); // a jump to the next instruction: both sides are the same place
    }

    private Outcome diverge(String why) {
        lostReason = why;
        idle = true;
        return Outcome.DIVERGED;
    }

    /** The abstract state being followed (the callback's while the machine is inside one); do not modify. */
    public State state() {
        return active;
    }

    /** The instruction the followed path executes next. */
    public int nextInsn() {
        return active.insn;
    }

    /** The caller's state while a callback is followed, else null. */
    public State suspendedCaller() {
        return suspended;
    }

    public boolean idle() {
        return idle;
    }

    /** The rule that failed, after {@link Outcome#REJECTED}. */
    public Rejection rejection() {
        return rejection;
    }

    /** Why the follower stopped following, after {@link Outcome#DIVERGED}. */
    public String lostReason() {
        return lostReason;
    }

    /** The program's BTF as the verifier sees it (null when the kernel refused it). */
    public Btf btf() {
        return env.btf;
    }

    /** A copy of the current position; {@link #reset} returns to it. */
    public Mark mark() {
        Map<Integer, State> cbs = new HashMap<>();
        callbackEntries.forEach((k, v) -> cbs.put(k, v.copy()));
        return new Mark(active.copy(), suspended == null ? null : suspended.copy(), cbs, idle, env.idGen);
    }

    public void reset(Mark m) {
        active = m.active.copy();
        suspended = m.suspended == null ? null : m.suspended.copy();
        callbackEntries = new HashMap<>();
        m.callbackEntries.forEach((k, v) -> callbackEntries.put(k, v.copy()));
        idle = m.idle;
        env.idGen = m.idGen;
        rejection = null;
        lostReason = null;
    }
}
