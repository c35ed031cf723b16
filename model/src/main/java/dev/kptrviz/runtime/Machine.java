package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.Ownership;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.runtime.event.Change;
import dev.kptrviz.runtime.event.StepListener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The concrete machine for one program of a loaded object: frames, the context, the global
 * regions (which persist across runs, like the maps they are), the heap with its lists and trees,
 * and the locks. {@link #step()} executes one instruction, {@link #run()} runs to the program's
 * exit, a fatal finding, or the step limit; neither ever throws. Attach a {@link StepListener} to
 * receive one undo-complete event per instruction.
 */
public final class Machine {
    /** The kernel's limit on nested frames (MAX_CALL_FRAMES), callbacks included. */
    public static final int MAX_FRAMES = 8;

    final BpfObject object;
    final Program program;
    final RunOptions options;
    final Semantics semantics;
    final Code code;
    final AddressSpace space;
    final Locks locks;
    final Graph graph;
    final Heap heap;
    final Access access;
    final Slow slow;
    final Calls calls;
    final KfuncBridge bridge;
    final Interpreter cpu;
    final Findings findings = new Findings();
    final Frame[] frames = new Frame[MAX_FRAMES];
    final long[] kfuncCalls = new long[Kfunc.values().length];
    /** bpf_get_prandom_u32's generator; {@link #randomDraws} counts its draws so a checkpoint can rebuild it. */
    SplittableRandom random;
    long randomDraws;
    final Layouts layouts;
    int depth;
    int pc;
    Status status = Status.READY;
    int run;
    long steps;
    long runSteps;
    long unlockCount;
    long r0;
    int refIds;
    int rcuDepth;
    long mayGotoLeft;
    List<String> printk = new ArrayList<>();
    int runFindingsStart;
    Tracer tracer;
    private StepListener listener;

    public Machine(BpfObject object, Program program, RunOptions options) {
        this.object = object;
        this.program = program;
        this.options = options;
        this.semantics = options.semantics();
        this.random = new SplittableRandom(options.seed());
        this.code = new Code(program);
        this.space = new AddressSpace(object.regions(), program);
        this.code.bind(program, space);
        this.locks = new Locks(this);
        this.layouts = new Layouts(object, semantics, space, locks);
        this.graph = new Graph(this, object);
        this.heap = new Heap(this);
        this.access = new Access(this);
        this.slow = new Slow(this);
        this.calls = new Calls(this);
        this.bridge = new KfuncBridge(this);
        this.cpu = new Interpreter(this, code);
    }

    /** A machine for the program called {@code name}. */
    public static Machine of(BpfObject object, String name, RunOptions options) {
        Program p = object.program(name).orElseThrow(() -> new IllegalArgumentException(
                object.fileName() + " has no program " + name));
        return new Machine(object, p, options);
    }

    /** Receives one event per executed instruction from now on (null: no tracing, no allocation). */
    public void setListener(StepListener l) {
        listener = l;
        tracer = l == null ? null : new Tracer(l);
    }

    /** Starts a new run: fresh frame 0 with r1 = a zeroed context; globals, heap and locks persist. */
    public void startRun() {
        run++;
        java.util.Arrays.fill(frames, null);
        java.util.Arrays.fill(space.stacks, null);
        depth = 0;
        frames[0] = new Frame(0, program.main().start(), -1, space.newStack(0), -1, null, null);
        MemoryObject ctx = space.newContext();
        frames[0].v[1] = ctx.base;
        frames[0].p[1] = ctx.plain;
        pc = program.main().start();
        status = Status.RUNNING;
        printk = new ArrayList<>();
        runSteps = 0;
        r0 = 0;
        mayGotoLeft = Slow.MAY_GOTO_BUDGET;
        runFindingsStart = findings.all.size();
    }

    /**
     * Executes one instruction (starting a run first when none is in progress). Returns true while
     * the run goes on, false once it has ended.
     */
    public boolean step() {
        if (status != Status.RUNNING) {
            startRun();
        }
        if (runSteps >= options.stepLimit()) {
            stepLimit();
            return false;
        }
        int pcBefore = pc;
        int depthBefore = depth;
        if (tracer != null) {
            tracer.begin(frames, depth);
        }
        guarded(1);
        if (tracer != null) {
            tracer.end(steps, run, pcBefore, depthBefore, pc, frames, status == Status.RUNNING ? depth : -1);
        }
        return status == Status.RUNNING;
    }

    /** Runs the current run to its end (starting a run first when none is in progress). */
    public RunResult run() {
        if (status != Status.RUNNING) {
            startRun();
        }
        if (tracer != null) {
            while (step()) {
                // one traced step at a time
            }
        } else {
            while (status == Status.RUNNING && runSteps < options.stepLimit()) {
                guarded(options.stepLimit() - runSteps);
            }
            if (status == Status.RUNNING) {
                stepLimit();
            }
        }
        return result();
    }

    private void guarded(long budget) {
        try {
            long n = cpu.exec(budget);
            steps += n;
            runSteps += n;
        } catch (Interpreter.Halt h) {
            steps++;
            runSteps++;
        } catch (RuntimeException | StackOverflowError e) {
            steps++;
            runSteps++;
            try {
                fail(FindingKind.INTERNAL_ERROR, pc, "the emulator failed: " + e);
            } catch (Interpreter.Halt h) {
                // status is HALTED now
            }
        }
    }

    private void stepLimit() {
        findings.add(FindingKind.STEP_LIMIT, pc, line(pc), "the run executed " + runSteps + " instructions, the "
                + "step limit", true, run);
        status = Status.STEP_LIMIT;
    }

    /** The outcome of the current (or last) run. */
    public RunResult result() {
        return new RunResult(run, status, r0, List.copyOf(printk),
                List.copyOf(findings.all.subList(runFindingsStart, findings.all.size())), runSteps);
    }

    /**
     * Frees the program's maps the way the kernel does when they go away: every global list and
     * tree is drained (each member dropped once) and every stashed kptr dropped.
     */
    public void teardown() {
        int at = -1;
        try {
            for (Collection c : new ArrayList<>(graph.all.subList(1, graph.all.size()))) {
                if (c.container.kind == MemoryObject.Kind.GLOBAL) {
                    for (GraphNode n : graph.drain(c)) {
                        heap.drop(n.object, at);
                    }
                }
            }
            for (MemoryObject r : space.regions) {
                for (int off : kptrSlots(r)) {
                    HeapObject h = heap.stashedAt(r, off);
                    poke(r, off, 0, 8);
                    if (h != null) {
                        heap.drop(h, at);
                    }
                }
            }
        } catch (Interpreter.Halt h) {
            // reported already
        }
    }

    // ---- time travel ----

    /** An immutable copy of the whole concrete state, for {@link #restore}. Cost: the live memory's size. */
    public MachineCheckpoint checkpoint() {
        return MachineCheckpoint.capture(this);
    }

    /**
     * Puts this machine back to {@code c}, which must come from this machine. Objects that existed then
     * are restored in place (identity is kept); objects allocated since are forgotten.
     */
    public void restore(MachineCheckpoint c) {
        c.restoreInto(this);
    }

    /** Undoes one traced step: applies the event's changes backwards (old values), then its pc and depth. */
    public void undo(dev.kptrviz.runtime.event.StepEvent e) {
        Undo.apply(this, e);
    }

    // ---- shared helpers for the runtime's parts ----

    void report(FindingKind kind, int insn, String message) {
        Finding f = findings.add(kind, insn, line(insn), message, false, run);
        if (f != null && tracer != null) {
            tracer.add(new Change.FindingRaised(kind, message, false));
        }
    }

    /** Records a fatal finding, stops the run, and returns the unwinding signal to throw. */
    Interpreter.Halt fail(FindingKind kind, int insn, String message) {
        findings.add(kind, insn, line(insn), message, true, run);
        if (tracer != null) {
            tracer.add(new Change.FindingRaised(kind, message, true));
        }
        status = Status.HALTED;
        pc = insn;
        return Interpreter.Halt.INSTANCE;
    }

    Integer line(int insn) {
        return program.lineAt(insn).map(SourceLine::line).orElse(null);
    }

    String lineSuffix(int insn) {
        Integer l = line(insn);
        return l == null ? "" : " (line " + l + ")";
    }

    /** Writes a hidden word (refcount, links, owner, lock) if it changes, tracing the old bytes. */
    void poke(MemoryObject o, int off, long value, int size) {
        if (off < 0 || off + size > o.size || o.readLong(off, size) == (size == 8 ? value : value & ((1L << 8 * size) - 1))) {
            return;
        }
        Interpreter.store(o, off, size, value, null, tracer);
    }

    TypeLayout layout(int typeId) {
        return layouts.layout(typeId);
    }

    List<Integer> kptrSlots(MemoryObject region) {
        return layouts.kptrSlots(region);
    }

    int kptrSlotType(MemoryObject o, long off) {
        return layouts.kptrSlotType(o, off);
    }

    /** Every register and stack slot holding owning reference {@code r} (any copy) gets {@code to}. */
    void retag(Ref r, Ownership to) {
        if (r == null || r.refId == 0 || r.ownership != Ownership.OWNING) {
            return;
        }
        Ref replacement = r.with(to, unlockCount);
        for (int d = 0; d <= depth; d++) {
            Frame f = frames[d];
            for (int k = 0; k < 11; k++) {
                if (f.p[k] != null && f.p[k].refId == r.refId && f.p[k].ownership == Ownership.OWNING) {
                    f.p[k] = replacement;
                }
            }
            Ref[] slots = f.stack.slots;
            for (int s = 0; s < slots.length; s++) {
                if (slots[s] != null && slots[s].refId == r.refId && slots[s].ownership == Ownership.OWNING) {
                    if (tracer != null) {
                        tracer.beforeWrite(f.stack, s * 8, 8);
                    }
                    slots[s] = replacement;
                }
            }
        }
    }

    // ---- views ----

    public Status status() {
        return status;
    }

    public Program program() {
        return program;
    }

    public BpfObject object() {
        return object;
    }

    public RunOptions options() {
        return options;
    }

    /** The instruction that executes next (or the one that faulted). */
    public int pc() {
        return pc;
    }

    public int depth() {
        return depth;
    }

    public Frame frame(int d) {
        return frames[d];
    }

    public Value register(int frameDepth, int reg) {
        Frame f = frames[frameDepth];
        return Value.of(f.v[reg], f.p[reg], unlockCount);
    }

    /** 1-based number of the current (or last) run. */
    public int runNumber() {
        return run;
    }

    public long steps() {
        return steps;
    }

    /** How many bpf_spin_unlock calls have happened (non-owning references older than this are expired). */
    public long unlockCount() {
        return unlockCount;
    }

    public List<String> heldLocks() {
        return locks.heldList();
    }

    public List<HeapObject> objects() {
        return heap.objects();
    }

    public List<Collection> collections() {
        return Collections.unmodifiableList(graph.all.subList(1, graph.all.size()));
    }

    public List<MemoryObject> globals() {
        return List.copyOf(space.regions);
    }

    /** All findings of all runs. */
    public List<Finding> findings() {
        return List.copyOf(findings.all);
    }

    /** printk lines of the current (or last) run. */
    public List<String> printk() {
        return List.copyOf(printk);
    }

    /** A one-line description of a heap object: {@code #1 struct node (key=1)}. */
    public String describe(HeapObject o) {
        return heap.describe(o);
    }

    /** The value of a plain member of a heap object. */
    public static long valueOf(HeapObject o, TypeLayout.Scalar s) {
        return Heap.scalar(o, s);
    }
}
