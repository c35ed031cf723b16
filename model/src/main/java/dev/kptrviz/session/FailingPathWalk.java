package dev.kptrviz.session;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.KfuncCall;
import dev.kptrviz.program.Program;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Frame;
import dev.kptrviz.verifier.LockState;
import dev.kptrviz.verifier.PathFollower;
import dev.kptrviz.verifier.RefState;
import dev.kptrviz.verifier.State;
import dev.kptrviz.verifier.Verdict;
import dev.kptrviz.verifier.Verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The session's second drive mode: the verifier's own failing path, walked abstractly to its first error.
 * A {@link PathFollower} applies the verifier's transfer one instruction at a time, and where the verifier
 * split (a branch it explores on both sides, a callback it checks on its own) the next decision of
 * {@link Diagnostic#path()} picks the successor instead of a concrete machine. This shows the abstract
 * state on paths the concrete inputs never take (an allocation that fails, a branch the data never
 * satisfies). There is no concrete side: each step's registers carry only their abstract state and each
 * graph is {@link OwnershipGraph#abstractOnly()}. Built eagerly: a failing path is short.
 */
public final class FailingPathWalk {
    /** Guards against a path that does not end (the verifier's complexity limit is of this order). */
    static final int MAX_STEPS = 1_000_000;

    /** One instruction of the path: its record (abstract register states, reference and lock events) and the graph after it. */
    public record Step(StepRecord record, OwnershipGraph graph) {
    }

    private final Program program;
    private final Semantics sem;
    private final Verdict verdict;
    private final ProgramText text;
    private final List<Step> steps = new ArrayList<>();
    private OwnershipGraph start;
    private Diagnostic reached;
    private String lostReason;

    private FailingPathWalk(BpfObject obj, Program program, Semantics sem, Verdict verdict) {
        this.program = program;
        this.sem = sem;
        this.verdict = verdict;
        this.text = new ProgramText(program);
        Diagnostic target = verdict.error().orElse(null);
        if (target == null) {
            lostReason = "the verifier accepts the program: there is no failing path";
            return;
        }
        Optional<PathFollower> f = PathFollower.start(obj, program, sem);
        if (f.isEmpty() || target.insn() < 0) {
            // refused at load time (program BTF, a missing kfunc): the path has no instruction
            reached = target;
            return;
        }
        walk(f.get(), target.path());
    }

    /** Verifies the program and walks its first error's path (nothing to walk when it is accepted). */
    public static FailingPathWalk of(BpfObject obj, Program program, Semantics sem) {
        return new FailingPathWalk(obj, program, sem, Verifier.verify(obj, program, sem));
    }

    private void walk(PathFollower f, List<State.Branch> path) {
        int next = 0;
        OwnershipGraph before = graph(f.state(), f.nextInsn(), 0, List.of(), null);
        start = before;
        while (steps.size() < MAX_STEPS) {
            State s = f.state();
            int pc = f.nextInsn();
            long n = steps.size() + 1L;
            if (pc < 0 || pc >= program.size()) {
                lostReason = "the path leaves the program at insn " + pc;
                return;
            }
            Reg[][] regsBefore = regs(s);
            List<RefState> refsBefore = List.copyOf(s.refs());
            LockState lockBefore = s.lock();
            int nonOwnBefore = Events.nonOwning(s);
            int depth = s.frames().size() - 1;
            PathFollower.Outcome o = f.apply(pc);
            if (o == PathFollower.Outcome.REJECTED) {
                Rejection r = f.rejection();
                reached = new Diagnostic(pc, program.lineAt(pc).orElse(null), r.kernelLines(), r.explanation(),
                        path.subList(0, next));
                Event diag = new Event(EventKind.DIAGNOSTIC, null, null, reached.message());
                StepRecord rec = new StepRecord(n, 1, pc, depth, -1, text.line(pc), List.of(), List.of(diag),
                        List.of(), "rejected");
                OwnershipGraph g = graph(null, pc, n, List.of(reached.message()), before);
                steps.add(new Step(rec, g));
                return;
            }
            State.Branch decision = null;
            if (f.forked() && next < path.size() && path.get(next).from() == pc) {
                decision = path.get(next++);
            }
            o = f.settleAlong(decision);
            State after = f.state();
            List<Event> events = new ArrayList<>();
            events(pc, refsBefore, lockBefore, nonOwnBefore, after, events);
            boolean moving = o == PathFollower.Outcome.FOLLOWED;
            StepRecord rec = new StepRecord(n, 1, pc, depth, moving ? f.nextInsn() : -1, text.line(pc),
                    moving ? regWrites(regsBefore, after) : List.of(), List.copyOf(events), List.of(),
                    o.name().toLowerCase());
            OwnershipGraph g = moving ? graph(after, f.nextInsn(), n, List.of(), before) : before;
            steps.add(new Step(rec, g));
            before = g;
            if (!moving) {
                lostReason = o == PathFollower.Outcome.EXITED ? "the path exits at insn " + pc + " without an error"
                        : f.lostReason();
                return;
            }
        }
        lostReason = "the path is longer than " + MAX_STEPS + " instructions";
    }

    /** The graph after step {@code n}: of {@code s}, or (null) of the previous graph with {@code diagnostics}. */
    private OwnershipGraph graph(State s, int pc, long n, List<String> diagnostics, OwnershipGraph prev) {
        OwnershipGraph g;
        if (s == null) {
            g = new OwnershipGraph(n, prev.pc(), prev.insn(), prev.line(), prev.semantics(), List.of(), List.of(),
                    prev.pointers(), prev.refs(), prev.lock(), diagnostics, List.of(), List.of(),
                    OwnershipGraph.Changes.NONE, true);
        } else {
            g = Snapshots.abstractOnly(s, program, n, pc, text.insnText(pc), text.line(pc), sem.name(), diagnostics);
        }
        return g.withChanges(Snapshots.diff(prev, g));
    }

    /** r0..r9 of every frame (the state is mutated in place by the next step). */
    private static Reg[][] regs(State s) {
        Reg[][] out = new Reg[s.frames().size()][10];
        for (int d = 0; d < out.length; d++) {
            for (int r = 0; r < 10; r++) {
                out[d][r] = s.frames().get(d).reg(r);
            }
        }
        return out;
    }

    /**
     * The registers whose abstract state this step changed (written, or refined by a branch), per frame;
     * a frame the step entered shows its initialised registers.
     */
    private static List<RegWrite> regWrites(Reg[][] before, State after) {
        List<RegWrite> out = new ArrayList<>();
        for (int d = 0; d < after.frames().size(); d++) {
            Frame f = after.frames().get(d);
            for (int r = 0; r < 10; r++) {
                Reg now = f.reg(r);
                Reg was = d < before.length ? before[d][r] : Reg.NOT_INIT;
                if (!Objects.equals(now, was) && now.type() != Reg.Type.NOT_INIT) {
                    out.add(new RegWrite(d, r, 0, null, now.format()));
                }
            }
        }
        return List.copyOf(out);
    }

    private void events(int pc, List<RefState> refsBefore, LockState lockBefore, int nonOwnBefore, State after,
                        List<Event> out) {
        Insn insn = program.insns().get(pc);
        if (insn instanceof Insn.Call) {
            KfuncCall k = program.kfuncCalls().get(pc);
            if (k != null) {
                out.add(new Event(EventKind.CALL, null, null, k.name()));
            }
        }
        if (lockBefore == null && after.lock() != null) {
            out.add(new Event(EventKind.LOCK, null, null, after.lock().allocation()));
        } else if (lockBefore != null && after.lock() == null) {
            out.add(new Event(EventKind.UNLOCK, null, null, lockBefore.allocation()));
            if (nonOwnBefore > 0 && Events.nonOwning(after) == 0) {
                out.add(new Event(EventKind.NON_OWNING_INVALIDATED, null, null,
                        nonOwnBefore + " non-owning reference(s) became scalars"));
            }
        }
        Events.refs(refsBefore, after, out);
    }

    public Program program() {
        return program;
    }

    public Semantics semantics() {
        return sem;
    }

    /** The verdict whose first error's path was walked. */
    public Verdict verdict() {
        return verdict;
    }

    /** One step per instruction of the path, the last at the failing instruction when {@link #reachedError()}. */
    public List<Step> steps() {
        return java.util.Collections.unmodifiableList(steps);
    }

    /** The abstract-only graph at the path's start (the entry state), or null when there is no path to walk. */
    public OwnershipGraph start() {
        return start;
    }

    /**
     * The verifier's rejection the walk met: instruction, C line, the kernel's message and our explanation,
     * and the branch decisions used to get there. For a load-time refusal it is the verdict's error itself
     * (no instruction was walked).
     */
    public Optional<Diagnostic> rejection() {
        return Optional.ofNullable(reached);
    }

    public boolean reachedError() {
        return reached != null;
    }

    /** Why the walk ended without a rejection (accepted program, path lost), else null. */
    public String lostReason() {
        return lostReason;
    }

    /** The instruction text of {@code pc}, as the session shows it. */
    public String insnText(int pc) {
        return text.insnText(pc);
    }
}
