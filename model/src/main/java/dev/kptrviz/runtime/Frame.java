package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.CallSpec;
import dev.kptrviz.kfunc.RuntimeOps;

/**
 * One call frame: its own r0..r10 (values and provenance) and a 512-byte stack. A callback frame
 * (an rbtree {@code less()} run for a kfunc) also remembers the kfunc call it serves and the
 * continuation that consumes its r0.
 */
public final class Frame {
    public static final int STACK_SIZE = 512;

    final long[] v = new long[11];
    final Ref[] p = new Ref[11];
    final MemoryObject stack;
    final int depth;
    final int entry;
    /** Where execution continues in the caller when this frame returns. */
    final int returnPc;
    /** For a callback frame: the kfunc call instruction, its spec and the continuation; else -1/null. */
    final int callInsn;
    final CallSpec callSpec;
    final RuntimeOps.LessResult then;

    Frame(int depth, int entry, int returnPc, MemoryObject stack, int callInsn, CallSpec callSpec,
          RuntimeOps.LessResult then) {
        this.depth = depth;
        this.entry = entry;
        this.returnPc = returnPc;
        this.stack = stack;
        this.callInsn = callInsn;
        this.callSpec = callSpec;
        this.then = then;
        v[10] = stack.base + STACK_SIZE;
        p[10] = stack.plain;
    }

    public int depth() {
        return depth;
    }

    /** First instruction of the function this frame runs. */
    public int entry() {
        return entry;
    }

    public int returnPc() {
        return returnPc;
    }

    public boolean isCallback() {
        return then != null;
    }

    public MemoryObject stack() {
        return stack;
    }

    public long bits(int reg) {
        return v[reg];
    }

    public Ref ref(int reg) {
        return p[reg];
    }
}
