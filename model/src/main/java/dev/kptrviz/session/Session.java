package dev.kptrviz.session;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.RunResult;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.State;
import dev.kptrviz.verifier.Verdict;
import dev.kptrviz.verifier.Verifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    private final BpfObject obj;
    private final Program program;
    private final Semantics sem;
    private final SessionInputs inputs;
    /** The full verdict (all paths), computed on first use: stepping does not need it. */
    private Verdict verdict;
    private final Lockstep pair;
    /** The compact trace: per recorded step its pc and event-kind mask; full records are rebuilt on demand. */
    private final Trace trace = new Trace();
    /** Both sides at positions 0, K, 2K, ... (K = {@link #CHECKPOINT_EVERY}), index = position / K. */
    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final List<Alarm> alarms = new ArrayList<>();
    private final List<Breakpoint> breakpoints = new ArrayList<>();
    /** The position where the verifier rejects the next instruction, or -1. */
    private long rejectAt = -1;
    private Diagnostic rejection;
    private boolean anyway;
    /** Text, snapshots and step records built on demand (the read-only views). */
    private final SessionViews views;
    /** Where the debugger's runs stop for the breakpoints. */
    private final Stops stops;

    private Session(BpfObject obj, Program program, Semantics sem, SessionInputs inputs) {
        this.obj = obj;
        this.program = program;
        this.sem = sem;
        this.inputs = inputs;
        this.views = new SessionViews(this);
        this.pair = new Lockstep(obj, program, sem, inputs);
        pair.trace(true);
        if (pair.follower == null) {
            // refused before any instruction (program BTF, missing kfunc): stop at the start
            rejectAt = 0;
            rejection = verdict().error().orElse(null);
        }
        checkpoints.add(pair.checkpoint());
        trace.setTail(pair.machine.pc());
        stops = new Stops(this, trace);
    }

    public static Session open(BpfObject obj, Program program, Semantics sem, SessionInputs inputs) {
        return new Session(obj, program, sem, inputs);
    }

    /**
     * The second drive mode: the verifier's own failing path walked abstractly to its first error (no
     * concrete machine; see {@link FailingPathWalk}).
     */
    public static FailingPathWalk openOnFailingPath(BpfObject obj, Program program, Semantics sem) {
        return FailingPathWalk.of(obj, program, sem);
    }

    // ---- stepping ----

    /** Executes one instruction on both sides; false when nothing was executed (end, or a rejection stop). */
    public boolean step() {
        if (pair.finished() || pair.position == rejectAt && !anyway) {
            return false;
        }
        boolean fresh = pair.position == trace.size();
        Lockstep.Result r = pair.advance(true, !anyway);
        if (r == Lockstep.Result.REJECTED_BEFORE) {
            noteRejection(pair.position, pair.machine.pc());
            return false;
        }
        if (r == Lockstep.Result.FINISHED) {
            return false;
        }
        views.stepped();
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

    /** Appends the compact record of the step just taken live, and a checkpoint every K steps. */
    private void recordStep() {
        int mask = 0;
        for (Event e : pair.events) {
            mask |= 1 << e.kind().ordinal();
        }
        if (rejectAt == pair.position - 1 && rejection != null) {
            mask |= 1 << EventKind.DIAGNOSTIC.ordinal();
        }
        if (!pair.alarms.isEmpty()) {
            mask |= 1 << EventKind.ALARM.ordinal();
            alarms.addAll(pair.alarms);
        }
        trace.add(pair.lastEvent() == null ? pair.machine.pc() : pair.lastEvent().pc(), mask);
        // the next run of a repeated session starts on the next step; its pc is not known here
        trace.setTail(pair.machine.status() == dev.kptrviz.runtime.Status.RUNNING ? pair.machine.pc() : -1);
        if (pair.position % CHECKPOINT_EVERY == 0) {
            checkpoints.add(pair.checkpoint());
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

    /**
     * Moves to position {@code n} (clamped to what can be reached). Within the recorded trace: restore the
     * nearest checkpoint at or before {@code n} (unless the current position is already between it and
     * {@code n}) and replay at most K steps; beyond it: step live.
     */
    public void seek(long n) {
        if (n < 0) {
            n = 0;
        }
        long target = Math.min(n, trace.size());
        if (target != pair.position) {
            Checkpoint cp = checkpoints.get((int) Math.min(target / CHECKPOINT_EVERY, checkpoints.size() - 1));
            if (target < pair.position || cp.position() > pair.position) {
                pair.restore(cp);
            }
            pair.trace(false);
            while (pair.position < target) {
                pair.advance(false, false);
            }
            pair.trace(true);
            views.jumped();
        }
        while (pair.position < n && step()) {
            // beyond the recorded trace: live steps
        }
    }

    /** Position: how many instructions have been executed. */
    public long position() {
        return pair.position;
    }

    /** How far the session has ever run (the number of recorded steps). */
    public long recorded() {
        return trace.size();
    }

    /**
     * The record of step {@code n} (1-based: the instruction that led to position n). The step just taken
     * is built from the live pair; any other is rebuilt by replaying its block from a checkpoint (cached).
     */
    public StepRecord record(long n) {
        return views.record(n);
    }

    /** Every recorded step, as a read-only view whose elements are built on access (see {@link #record}). */
    public List<StepRecord> records() {
        return views.records();
    }

    /** Approximate bytes of recording (compact trace plus checkpoints) per recorded step. */
    public double recordedBytesPerStep() {
        long bytes = trace.bytes();
        for (Checkpoint c : checkpoints) {
            bytes += c.approximateBytes();
        }
        return trace.size() == 0 ? 0 : (double) bytes / trace.size();
    }

    // ---- breakpoints ----

    public void addBreakpoint(Breakpoint b) {
        breakpoints.add(b);
    }

    public void removeBreakpoint(Breakpoint b) {
        breakpoints.remove(b);
    }

    public void clearBreakpoints() {
        breakpoints.clear();
    }

    public List<Breakpoint> breakpoints() {
        return List.copyOf(breakpoints);
    }

    /**
     * The debugger's run (F9): moves to the next position where a breakpoint stops as a source debugger's
     * would (before an instruction or a line's block, after an event; see {@link Stops}) and returns why, or
     * runs to the end, the verifier's rejection or the step limit and returns null.
     */
    public Stop runToStop() {
        return stops.forward(breakpoints);
    }

    /** The debugger's reverse run (Shift+F9): the previous position where a breakpoint stops, or position 0 (null). */
    public Stop reverseToStop() {
        return stops.backward(breakpoints);
    }

    /** The instructions before which a breakpoint on C line {@code line} stops (where its blocks begin). */
    public List<Integer> lineStarts(int line) {
        return stops.lineStarts(line);
    }

    /** The timeline's marks over the recording: events, problems and breakpoint stops (see {@link TimelineMarks}). */
    public List<TimelineMark> marks() {
        return TimelineMarks.of(this, trace, stops, List.copyOf(breakpoints));
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
        if (verdict == null) {
            verdict = Verifier.verify(obj, program, sem);
        }
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
        return views.text.insnText(pc);
    }

    public Integer line(int pc) {
        return views.text.line(pc);
    }

    /** The ownership graph at the current position, with its changes against the previous position. */
    public OwnershipGraph snapshot() {
        return views.snapshot();
    }

    Lockstep pair() {
        return pair;
    }

    void preserving(Runnable moves) {
        views.preserving(moves);
    }

    boolean anyway() {
        return anyway;
    }
}
