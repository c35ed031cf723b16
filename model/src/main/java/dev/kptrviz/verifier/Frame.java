package dev.kptrviz.verifier;

import dev.kptrviz.absint.Reg;

import java.util.Arrays;

/**
 * One call frame of the abstract state: r0..r10 and the 512-byte stack, tracked per 8-byte
 * slot as the kernel does (a spilled register, or per-byte MISC / ZERO / INVALID marks).
 */
public final class Frame {
    public static final int STACK_SIZE = 512;
    public static final byte INVALID = 0;
    public static final byte MISC = 1;
    public static final byte ZERO = 2;
    public static final byte SPILL = 3;

    final Reg[] regs = new Reg[11];
    /** Per stack byte (index 0 = fp-512). */
    final byte[] slotTypes = new byte[STACK_SIZE];
    /** The register spilled to each 8-byte slot (index = byte index / 8), or null. */
    final Reg[] spills = new Reg[STACK_SIZE / 8];
    final int frameNo;
    /** Instruction index of the call that created this frame (-1 for the main frame). */
    final int callsite;
    /** First instruction of the function this frame runs. */
    final int subprogStart;
    /** True for a callback frame (e.g. the rbtree less() callback). */
    final boolean callback;

    Frame(int frameNo, int callsite, int subprogStart, boolean callback) {
        this.frameNo = frameNo;
        this.callsite = callsite;
        this.subprogStart = subprogStart;
        this.callback = callback;
        Arrays.fill(regs, Reg.NOT_INIT);
        regs[10] = Reg.stack(frameNo, 0);
    }

    Frame copy() {
        Frame f = new Frame(frameNo, callsite, subprogStart, callback);
        System.arraycopy(regs, 0, f.regs, 0, regs.length);
        System.arraycopy(slotTypes, 0, f.slotTypes, 0, slotTypes.length);
        System.arraycopy(spills, 0, f.spills, 0, spills.length);
        return f;
    }

    public Reg reg(int r) {
        return regs[r];
    }

    public int frameNo() {
        return frameNo;
    }

    public boolean isCallback() {
        return callback;
    }

    /** The register spilled at frame offset {@code off} (negative, 8-aligned), or null. */
    public Reg spillAt(int off) {
        int idx = STACK_SIZE + off;
        return idx >= 0 && idx < STACK_SIZE && idx % 8 == 0 && slotTypes[idx] == SPILL ? spills[idx / 8] : null;
    }

    boolean sameAs(Frame o) {
        return Arrays.equals(regs, o.regs) && Arrays.equals(slotTypes, o.slotTypes) && Arrays.equals(spills, o.spills);
    }
}
