package dev.kptrviz.session;

import dev.kptrviz.absint.Rejection;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.RunOptions;
import dev.kptrviz.runtime.Status;
import dev.kptrviz.runtime.event.StepEvent;
import dev.kptrviz.verifier.PathFollower;
import dev.kptrviz.verifier.RefState;
import dev.kptrviz.verifier.State;

import java.util.ArrayList;
import java.util.List;

/**
 * The paired state: a concrete {@link Machine} that decides, and a {@link PathFollower} that applies the
 * verifier's transfer for the same instruction on the same branch. {@link #advance} is the one step
 * function for both sides; it is used for live steps and, without recording, for deterministic replay.
 */
final class Lockstep {
    /** What {@link #advance} did. */
    enum Result { STEPPED, REJECTED_BEFORE, FINISHED }

    private final BpfObject obj;
    private final Program program;
    private final Semantics sem;
    private final SessionInputs inputs;
    final Machine machine;
    PathFollower follower;
    /** False once the abstract side stopped matching the concrete one (rejection passed, divergence, no start). */
    boolean abstractLive;
    long position;
    private StepEvent lastEvent;

    /** Filled by a recorded advance (the lists are reused from step to step). */
    Rejection rejection;
    String divergence;
    final List<Event> events = new ArrayList<>();
    final List<Alarm> alarms = new ArrayList<>();
    /** True when the last advance was a recorded one, so {@link #events} and {@link #lastEvent} describe it. */
    boolean detailed;
    private final List<RefState> refsBefore = new ArrayList<>();

    Lockstep(BpfObject obj, Program program, Semantics sem, SessionInputs inputs) {
        this.obj = obj;
        this.program = program;
        this.sem = sem;
        this.inputs = inputs;
        this.machine = new Machine(obj, program, new RunOptions(sem, inputs.stepLimit(), inputs.seed(),
                inputs.faults()));
        machine.startRun();
        newFollower();
    }

    private void newFollower() {
        follower = PathFollower.start(obj, program, sem).orElse(null);
        abstractLive = follower != null;
    }

    void trace(boolean on) {
        machine.setListener(on ? e -> lastEvent = e : null);
    }

    /** True when no further instruction can run (last run ended). */
    boolean finished() {
        return machine.status() != Status.RUNNING && machine.runNumber() >= inputs.repeat();
    }

    /**
     * One lockstep step. {@code record}: build events and run the monitor. {@code stopAtRejection}: when
     * the verifier rejects this instruction, return {@link Result#REJECTED_BEFORE} without executing it.
     */
    Result advance(boolean record, boolean stopAtRejection) {
        rejection = null;
        divergence = null;
        if (machine.status() != Status.RUNNING) {
            if (machine.runNumber() >= inputs.repeat()) {
                return Result.FINISHED;
            }
            machine.startRun();
            newFollower();
        }
        int pc = machine.pc();
        boolean follow = abstractLive && !follower.idle();
        detailed = false;
        int nonOwnBefore = 0;
        PathFollower.Outcome o = PathFollower.Outcome.IDLE;
        if (follow) {
            if (record) {
                refsBefore.clear();
                refsBefore.addAll(follower.state().refs());
                nonOwnBefore = program.insns().get(pc) instanceof Insn.Call ? Events.nonOwning(follower.state()) : 0;
            }
            o = follower.apply(pc);
            if (o == PathFollower.Outcome.REJECTED) {
                rejection = follower.rejection();
                abstractLive = false;
                if (stopAtRejection) {
                    return Result.REJECTED_BEFORE;
                }
            } else if (o == PathFollower.Outcome.DIVERGED) {
                divergence = follower.lostReason();
                abstractLive = false;
            }
        }
        lastEvent = null;
        boolean running = machine.step();
        position++;
        if (o == PathFollower.Outcome.FOLLOWED && (running || machine.status() == Status.EXITED)) {
            PathFollower.Outcome o2 = follower.settle(running ? machine.pc() : -1,
                    r -> machine.register(machine.depth(), r).bits());
            if (o2 == PathFollower.Outcome.DIVERGED) {
                divergence = follower.lostReason();
                abstractLive = false;
            }
        } else if (o == PathFollower.Outcome.FOLLOWED) {
            abstractLive = false; // the machine stopped inside the instruction (fatal finding, step limit)
        }
        if (record) {
            detailed = true;
            events.clear();
            alarms.clear();
            if (lastEvent != null) {
                Events.concrete(lastEvent.changes(), events);
            }
            if (follow && abstractLive) {
                State s = follower.state();
                Events.refs(refsBefore, s, events);
                if (nonOwnBefore > 0 && Events.nonOwning(s) == 0 && machine.unlockCount() > 0
                        && events.stream().anyMatch(e -> e.kind() == EventKind.UNLOCK)) {
                    events.add(new Event(EventKind.NON_OWNING_INVALIDATED, null, null,
                            nonOwnBefore + " non-owning reference(s) became scalars"));
                }
                Monitor.check(machine, s, position, pc, alarms);
            }
            if (divergence != null) {
                alarms.add(new Alarm(position, pc, machine.depth(), "path", "the abstract path lost the concrete one",
                        "next insn " + machine.pc(), divergence));
            }
        }
        return Result.STEPPED;
    }

    /** Replay fast-forward: the concrete side only (the follower is reset from a checkpoint afterwards). */
    void advanceConcreteOnly() {
        if (machine.status() != Status.RUNNING) {
            machine.startRun();
            newFollower();
        }
        machine.step();
        position++;
    }

    /** Moves this pair back to a checkpoint taken by {@link #checkpoint}. */
    void restore(Checkpoint c) {
        machine.restore(c.concrete());
        if (c.mark() != null) {
            if (follower == null) {
                newFollower();
            }
            follower.reset(c.mark());
        }
        abstractLive = c.abstractLive();
        position = c.position();
        lastEvent = null;
        detailed = false;
    }

    Checkpoint checkpoint() {
        return new Checkpoint(position, machine.checkpoint(), follower == null ? null : follower.mark(),
                abstractLive);
    }

    StepEvent lastEvent() {
        return lastEvent;
    }

    /** The followed abstract state, or null when the abstract side is not (or no longer) followed. */
    State abstractState() {
        return abstractLive ? follower.state() : null;
    }
}
