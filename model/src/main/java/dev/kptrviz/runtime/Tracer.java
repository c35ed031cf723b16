package dev.kptrviz.runtime;

import dev.kptrviz.runtime.event.Change;
import dev.kptrviz.runtime.event.StepEvent;
import dev.kptrviz.runtime.event.StepListener;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the {@link StepEvent} of a traced step. Registers are not traced write by write (that
 * would cost the untraced hot path): every live frame's registers are copied before the step and
 * compared after it. Memory writes and heap changes report themselves while the step runs.
 */
final class Tracer {
    private final StepListener listener;
    private final List<Change> changes = new ArrayList<>();
    private final List<Object[]> pendingWrites = new ArrayList<>();
    private final Frame[] frames = new Frame[Machine.MAX_FRAMES];
    private final long[][] bits = new long[Machine.MAX_FRAMES][11];
    private final Ref[][] refs = new Ref[Machine.MAX_FRAMES][11];
    private int frameCount;

    Tracer(StepListener listener) {
        this.listener = listener;
    }

    void begin(Frame[] stack, int depth) {
        changes.clear();
        pendingWrites.clear();
        frameCount = depth + 1;
        for (int d = 0; d <= depth; d++) {
            frames[d] = stack[d];
            System.arraycopy(stack[d].v, 0, bits[d], 0, 11);
            System.arraycopy(stack[d].p, 0, refs[d], 0, 11);
        }
    }

    void add(Change c) {
        changes.add(c);
    }

    /** Called before {@code len} bytes at {@code off} of {@code o} are overwritten. */
    void beforeWrite(MemoryObject o, int off, int len) {
        int first = off >> 3;
        int last = (off + len - 1) >> 3;
        Ref[] oldSlots = Arrays.copyOfRange(o.slots, first, Math.min(last + 1, o.slots.length));
        pendingWrites.add(new Object[]{o, off, o.read(off, len), oldSlots, changes.size()});
        changes.add(null); // placeholder, filled in at the end of the step
    }

    void end(long step, int run, int pc, int depth, int nextPc, Frame[] stack, int newDepth) {
        for (Object[] w : pendingWrites) {
            MemoryObject o = (MemoryObject) w[0];
            int off = (Integer) w[1];
            byte[] old = (byte[]) w[2];
            Ref[] oldSlots = (Ref[]) w[3];
            int first = off >> 3;
            Ref[] newSlots = Arrays.copyOfRange(o.slots, first, first + oldSlots.length);
            changes.set((Integer) w[4], new Change.MemWrite(o, off, old, o.read(off, old.length), oldSlots, newSlots));
        }
        for (int d = 0; d < frameCount && d <= newDepth; d++) {
            Frame f = frames[d];
            if (stack[d] != f) {
                continue;
            }
            for (int r = 0; r < 11; r++) {
                if (f.v[r] != bits[d][r] || f.p[r] != refs[d][r]) {
                    changes.add(new Change.RegWrite(d, r, bits[d][r], refs[d][r], f.v[r], f.p[r]));
                }
            }
        }
        listener.onStep(new StepEvent(step, run, pc, depth, nextPc, List.copyOf(changes)));
    }
}
