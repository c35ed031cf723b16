package dev.kptrviz.session;

import java.util.Arrays;

/**
 * The compact per-step trace: for step n (1-based) the pc executed and the mask of {@link EventKind}s it
 * produced, in two growable primitive arrays (8 bytes a step). Everything else about a step is rebuilt by
 * deterministic replay from the nearest checkpoint.
 */
final class Trace {
    private int[] pcs = new int[1024];
    private int[] masks = new int[1024];
    private int size;
    /** The pc the machine executes next after the last recorded step (-1: the run ended). */
    private int tail;

    void add(int pc, int mask) {
        if (size == pcs.length) {
            pcs = Arrays.copyOf(pcs, size * 2);
            masks = Arrays.copyOf(masks, size * 2);
        }
        pcs[size] = pc;
        masks[size] = mask;
        size++;
    }

    /** After {@link #add}: the pc that runs next at the end of the recording, or -1 when none will. */
    void setTail(int pc) {
        tail = pc;
    }

    /** The pc that runs next at position {@code position} (0..size): step position+1's pc, or the tail. */
    int nextPc(long position) {
        return position < size ? pcs[(int) position] : tail;
    }

    long size() {
        return size;
    }

    int pc(long step) {
        return pcs[(int) step - 1];
    }

    int mask(long step) {
        return masks[(int) step - 1];
    }

    /** Bytes used by the recorded entries (the arrays' spare capacity not counted). */
    long bytes() {
        return 8L * size;
    }
}
