package dev.kptrviz.session;

import dev.kptrviz.isa.Disassembler;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Listing;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.RunResult;
import dev.kptrviz.runtime.event.Change;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.PathFollower;
import dev.kptrviz.verifier.State;
import dev.kptrviz.verifier.Verdict;
import dev.kptrviz.verifier.Verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One program run in lockstep: the concrete machine executes, the verifier's abstract state follows the
 * same path, the monitor checks the pair after every step, and every step is recorded so the session can
 * move back and forth in time. Position n means "after n instructions"; step n is the instruction that led
 * there. Not thread-safe.
 */
public final class Session {
    /** Abstract-state checkpoints are taken every this many steps. */
    public static final int CHECKPOINT_EVERY = 1024;

    /** Where the session stands. */
    public enum Status {
        /** More instructions can run. */
        RUNNING,
        /** The next instruction is one the verifier rejects; {@link #continueAnyway()} runs it regardless. */
        REJECTED,
        /** The last run returned. */
        EXITED,
        /** A fatal runtime finding stopped the run. */
        HALTED,
        /** The step limit stopped the run. */
        STEP_LIMIT
    }

    private record Checkpoint(PathFollower.Mark mark, boolean abstractLive) {
    }

    private final BpfObject obj;
    private final Program program;
    private final Semantics sem;
    private final SessionInputs inputs;
    private final Verdict verdict;
    private final Disassembler.Names names;
    private Lockstep pair;
    private final List<StepRecord> records = new ArrayList<>();
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final List<Alarm> alarms = new ArrayList<>();
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    /** The position where the verifier rejects the next instruction, or -1. */
    private long rejectAt = -1;
    private Diagnostic rejection;
    private boolean anyway;
    private OwnershipGraph prevGraph;
    private OwnershipGraph curGraph;

    private Session(BpfObject obj, Program program, Semantics sem, SessionInputs inputs) {
        this.obj = obj;
        this.program = program;
        this.sem = sem;
        this.inputs = inputs;
        this.verdict = Verifier.verify(obj, program, sem);
        this.names = Listing.names(program);
        this.pair = new Lockstep(obj, program, sem, inputs);
        pair.trace(true);
        if (pair.follower == null) {
            // refused before any instruction (program BTF, missing kfunc): stop at the start
            rejectAt = 0;
            rejection = verdict.error().orElse(null);
        } else {
            checkpoints.put(0L, new Checkpoint(pair.follower.mark(), true));
        }
    }

    public static Session open(BpfObject obj, Program program, Semantics sem, SessionInputs inputs) {
        return new Session(obj, program, sem, inputs);
    }

    // ---- stepping ----

    /** Executes one instruction on both sides; false when nothing was executed (end, or a rejection stop). */
    public boolean step() {
        if (pair.finished() || pair.position == rejectAt && !anyway) {
            return false;
        }
        boolean fresh = pair.position == records.size();
        Lockstep.Result r = pair.advance(fresh, !anyway);
        if (r == Lockstep.Result.REJECTED_BEFORE) {
            noteRejection(pair.position, pair.machine.pc());
            return false;
        }
        if (r == Lockstep.Result.FINISHED) {
            return false;
        }
        prevGraph = curGraph;
        curGraph = null;
        if (fresh) {
            if (pair.rejection != null && rejectAt < 0) {
                noteRejection(pair.position - 1, pair.lastEvent() == null ? -1 : pair.lastEvent().pc());
            }
            recordStep();
        }
        return true;
    }

    private void noteRejection(long at, int pc) {
        if (rejectAt >= 0) {
            return;
        }
        rejectAt = at;
        var r = pair.rejection;
        rejection = new Diagnostic(pc, program.lineAt(pc).orElse(null), r.kernelLines(), r.explanation(), List.of());
    }

    private void recordStep() {
        var e = pair.lastEvent();
        List<RegWrite> regs = new ArrayList<>();
        State abs = pair.abstractState();
        for (Change c : e.changes()) {
            if (c instanceof Change.RegWrite w) {
                boolean live = w.depth() <= pair.machine.depth() && pair.machine.frame(w.depth()) != null;
                String concrete = live ? pair.machine.register(w.depth(), w.reg()).toString() : Long.toString(w.newBits());
                String a = abs != null && w.depth() < abs.frames().size()
                        ? abs.frames().get(w.depth()).reg(w.reg()).format() : null;
                regs.add(new RegWrite(w.depth(), w.reg(), w.newBits(), concrete, a));
            }
        }
        List<Event> events = pair.events;
        if (rejectAt == pair.position - 1 && rejection != null) {
            events.add(0, new Event(EventKind.DIAGNOSTIC, null, null, rejection.message()));
        }
        for (Alarm a : pair.alarms) {
            events.add(new Event(EventKind.ALARM, null, null, a.toString()));
        }
        alarms.addAll(pair.alarms);
        String outcome = pair.abstractLive ? (pair.follower.idle() ? "exited" : "followed")
                : rejectAt >= 0 && rejectAt < pair.position ? "not followed (rejected)"
                : pair.divergence != null ? "diverged" : "not followed";
        records.add(new StepRecord(pair.position, e.run(), e.pc(), e.depth(), e.nextPc(), line(e.pc()),
                List.copyOf(regs), List.copyOf(events), List.copyOf(pair.alarms), outcome));
        if (pair.position % CHECKPOINT_EVERY == 0 && pair.follower != null) {
            checkpoints.put(pair.position, new Checkpoint(pair.follower.mark(), pair.abstractLive));
        }
    }

    /** Lets the machine execute the instruction the verifier rejects, and everything after it. */
    public void continueAnyway() {
        anyway = true;
    }

    /** Steps until the run ends or stops at a rejection; returns the number of steps taken. */
    public long runToEnd() {
        long n = 0;
        while (step()) {
            n++;
        }
        return n;
    }

    /** Runs until at most {@code n} more steps have been taken. */
    public long run(long n) {
        long k = 0;
        while (k < n && step()) {
            k++;
        }
        return k;
    }

    // ---- time travel ----

    public boolean stepForward() {
        return step();
    }

    public boolean stepBack() {
        if (pair.position == 0) {
            return false;
        }
        seek(pair.position - 1);
        return true;
    }

    /** Moves to position {@code n} (clamped to what can be reached). */
    public void seek(long n) {
        if (n < 0) {
            n = 0;
        }
        if (n >= pair.position) {
            while (pair.position < n && step()) {
                // forward
            }
            return;
        }
        replayTo(n);
    }

    /** Deterministic replay: a fresh machine fast-forwarded untraced, the follower reset at a checkpoint. */
    private void replayTo(long n) {
        Lockstep p = new Lockstep(obj, program, sem, inputs);
        var cp = checkpoints.floorEntry(n);
        long k = cp == null ? 0 : cp.getKey();
        if (k > 0) {
            p.trace(false);
            for (long i = 0; i < k; i++) {
                p.advanceConcreteOnly();
            }
            p.follower.reset(cp.getValue().mark());
            p.abstractLive = cp.getValue().abstractLive();
        }
        p.trace(true);
        pair = p;
        while (p.position < n - 1) {
            p.advance(false, false);
        }
        prevGraph = null;
        curGraph = null;
        if (p.position < n) {
            OwnershipGraph before = raw();
            p.advance(false, false);
            prevGraph = before;
        }
    }

    /** Position: how many instructions have been executed. */
    public long position() {
        return pair.position;
    }

    /** How far the session has ever run (the number of recorded steps). */
    public long recorded() {
        return records.size();
    }

    /** The record of step {@code n} (1-based: the instruction that led to position n). */
    public StepRecord record(long n) {
        return records.get((int) (n - 1));
    }

    public List<StepRecord> records() {
        return List.copyOf(records);
    }

    // ---- breakpoints ----

    public void addBreakpoint(Breakpoint b) {
        breakpoints.add(b);
    }

    public void clearBreakpoints() {
        breakpoints.clear();
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    /** Steps until a step hits a breakpoint (returned) or no step can be taken (null). */
    public StepRecord runToBreakpoint() {
        while (step()) {
            StepRecord r = record(pair.position);
            if (hits(r)) {
                return r;
            }
        }
        return null;
    }

    /** Moves back to the latest earlier step that hits a breakpoint (returned), or to position 0 (null). */
    public StepRecord reverseRunToBreakpoint() {
        for (long s = pair.position - 1; s >= 1; s--) {
            StepRecord r = record(s);
            if (breakpoints.stream().anyMatch(b -> b.matchesRecord(r))) {
                seek(s);
                if (hits(r)) {
                    return r;
                }
            }
        }
        seek(0);
        return null;
    }

    private boolean hits(StepRecord r) {
        for (Breakpoint b : breakpoints) {
            if (b.matchesRecord(r) && (!(b instanceof Breakpoint.When w) || w.op().test(
                    pair.machine.register(pair.machine.depth(), w.reg()).bits(), w.value()))) {
                return true;
            }
        }
        return false;
    }

    // ---- views ----

    public Status status() {
        if (pair.finished()) {
            return switch (pair.machine.status()) {
                case HALTED -> Status.HALTED;
                case STEP_LIMIT -> Status.STEP_LIMIT;
                default -> Status.EXITED;
            };
        }
        return pair.position == rejectAt && !anyway ? Status.REJECTED : Status.RUNNING;
    }

    /** The full verifier verdict (all paths), independent of the path being run. */
    public Verdict verdict() {
        return verdict;
    }

    /** The verifier's rejection met on the concrete path (or before any instruction), if any. */
    public Optional<Diagnostic> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** The position at which the verifier rejects the next instruction, or -1. */
    public long rejectedAt() {
        return rejectAt;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    public Program program() {
        return program;
    }

    public Semantics semantics() {
        return sem;
    }

    /** The concrete machine at the current position (for reading; stepping it directly breaks the session). */
    public Machine machine() {
        return pair.machine;
    }

    /** The followed abstract state at the current position, or null when it is not followed. */
    public State abstractState() {
        return pair.abstractState();
    }

    public RunResult result() {
        return pair.machine.result();
    }

    /** The instruction text of {@code pc}, e.g. {@code r1 = r6}. */
    public String insnText(int pc) {
        return pc >= 0 && pc < program.size() ? Disassembler.format(program.insns().get(pc), pc, names) : "";
    }

    public Integer line(int pc) {
        return program.lineAt(pc).map(SourceLine::line).orElse(null);
    }

    /** The ownership graph at the current position, with its changes against the previous position. */
    public OwnershipGraph snapshot() {
        if (curGraph != null) {
            return curGraph;
        }
        long n = pair.position;
        if (prevGraph == null && n > 0) {
            seek(n - 1);
            OwnershipGraph before = raw();
            step();
            prevGraph = before;
        }
        OwnershipGraph g = raw();
        curGraph = g.withChanges(Snapshots.diff(n == 0 ? null : prevGraph, g));
        return curGraph;
    }

    private OwnershipGraph raw() {
        long n = pair.position;
        int pc = pair.machine.pc();
        // the diagnostic shows once the rejected instruction ran, or while the session is stopped before it
        List<String> diags = rejection != null && (n > rejectAt || n == rejectAt && !anyway)
                ? List.of(rejection.message()) : List.of();
        List<String> as = alarms.stream().filter(a -> a.step() <= n).map(Alarm::toString).toList();
        return Snapshots.build(pair.machine, pair.abstractState(), n, insnText(pc), line(pc), diags, as);
    }
}
