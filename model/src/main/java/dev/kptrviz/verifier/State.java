package dev.kptrviz.verifier;

import dev.kptrviz.absint.Reg;

import java.util.ArrayList;
import java.util.List;

/**
 * One verifier state: the frames, the acquired references, the held lock, and the branch
 * decisions that led here. Mutable while one path is followed; {@link #copy} when a branch
 * is pushed, as the kernel copies {@code bpf_verifier_state}.
 */
public final class State {
    final List<Frame> frames = new ArrayList<>();
    final List<RefState> refs = new ArrayList<>();
    LockState lock;
    int insn;
    /** Branch decisions taken on this path, as "insn→target" steps (for explaining the path to an error). */
    final List<Branch> path = new ArrayList<>();
    /** The callback's caller refs at callback entry (a callback must leave them unchanged). */
    List<RefState> callbackEntryRefs;

    public record Branch(int from, int to, boolean taken) {
    }

    State copy() {
        State s = new State();
        frames.forEach(f -> s.frames.add(f.copy()));
        s.refs.addAll(refs);
        s.lock = lock;
        s.insn = insn;
        s.path.addAll(path);
        s.callbackEntryRefs = callbackEntryRefs;
        return s;
    }

    public Frame cur() {
        return frames.get(frames.size() - 1);
    }

    public List<Frame> frames() {
        return frames;
    }

    public List<RefState> refs() {
        return refs;
    }

    public LockState lock() {
        return lock;
    }

    public List<Branch> path() {
        return path;
    }

    /** Applies {@code f} to every register and spilled slot in every frame. */
    void forEachReg(java.util.function.UnaryOperator<Reg> f) {
        for (Frame fr : frames) {
            for (int r = 0; r < 11; r++) {
                fr.regs[r] = f.apply(fr.regs[r]);
            }
            for (int i = 0; i < fr.spills.length; i++) {
                if (fr.spills[i] != null && fr.slotTypes[i * 8] == Frame.SPILL) {
                    fr.spills[i] = f.apply(fr.spills[i]);
                }
            }
        }
    }

    /** A structural hash consistent with {@link #sameAs}, so pruning can skip most comparisons. */
    int shapeHash() {
        int h = refs.hashCode() * 31 + java.util.Objects.hashCode(lock);
        for (Frame f : frames) {
            h = h * 31 + java.util.Arrays.hashCode(f.regs);
            h = h * 31 + java.util.Arrays.hashCode(f.slotTypes);
            h = h * 31 + java.util.Arrays.hashCode(f.spills);
        }
        return h;
    }

    boolean sameAs(State o) {
        if (frames.size() != o.frames.size() || !refs.equals(o.refs) || !java.util.Objects.equals(lock, o.lock)) {
            return false;
        }
        for (int i = 0; i < frames.size(); i++) {
            if (!frames.get(i).sameAs(o.frames.get(i))) {
                return false;
            }
        }
        return true;
    }
}
