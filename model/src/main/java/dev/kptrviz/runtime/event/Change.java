package dev.kptrviz.runtime.event;

import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.runtime.Collection;
import dev.kptrviz.runtime.Frame;
import dev.kptrviz.runtime.GraphNode;
import dev.kptrviz.runtime.HeapObject;
import dev.kptrviz.runtime.MemoryObject;
import dev.kptrviz.runtime.Ref;

/** One state change inside a step, with what was there before. */
public sealed interface Change {
    /** Register {@code reg} of the frame at {@code depth}: value and pointer provenance before and after. */
    record RegWrite(int depth, int reg, long oldBits, Ref oldRef, long newBits, Ref newRef) implements Change {
    }

    /**
     * Bytes {@code [offset, offset+old.length)} of {@code object}; {@code oldSlots}/{@code newSlots}
     * are the remembered pointers of the 8-byte slots from {@code offset/8} on that the write touched.
     */
    record MemWrite(MemoryObject object, int offset, byte[] oldBytes, byte[] newBytes, Ref[] oldSlots,
                    Ref[] newSlots) implements Change {
    }

    /** A call pushed a frame (a subprogram or a callback run by a kfunc). */
    record FramePush(Frame frame) implements Change {
    }

    /** A frame returned; the frame is kept as it was, so undo can push it back. */
    record FramePop(Frame frame) implements Change {
    }

    /** A kfunc or helper was called (the effects follow as other changes). */
    record Call(String name, int insn) implements Change {
    }

    record Alloc(HeapObject object) implements Change {
    }

    record RefcountChange(HeapObject object, int oldCount, int newCount) implements Change {
    }

    /** The object was freed (memory returned); {@code linkedIn} is non-null when a collection still links it. */
    record Free(HeapObject object, Collection linkedIn) implements Change {
    }

    /** A node's owner / linked state changed. */
    record NodeOwner(GraphNode node, Collection oldOwner, boolean oldLinked, Collection newOwner,
                     boolean newLinked) implements Change {
    }

    /** A collection's structure changed: the whole shape before and after. */
    record Shape(Collection collection, Collection.Shape before, Collection.Shape after) implements Change {
    }

    record InsertOk(Collection collection, HeapObject object) implements Change {
    }

    /** The node already had an owner: the kernel dropped the reference and returned -EINVAL. */
    record InsertFailed(Collection collection, HeapObject object) implements Change {
    }

    record Removed(Collection collection, HeapObject object) implements Change {
    }

    /** A map drain: every member was dropped without being unlinked. */
    record Drained(Collection collection) implements Change {
    }

    /** A lock was taken or released; {@code unlockCount} is the machine's count after the change. */
    record Lock(String lock, boolean acquired, long unlockCount) implements Change {
    }

    /** bpf_trace_printk output. */
    record Printk(String text) implements Change {
    }

    record FindingRaised(FindingKind kind, String message, boolean fatal) implements Change {
    }
}
