package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.Ownership;

/**
 * A piece of memory a pointer can point into: a frame's stack, the context, a global region, a
 * function (size 0) or a heap object. It has a fixed synthetic base address; 8-byte aligned stores
 * of pointers are remembered per slot ({@link #slot}) so spills and kptr fields keep provenance,
 * and any other write to a slot's bytes forgets it.
 */
public class MemoryObject {
    /** What kind of memory. */
    public enum Kind { STACK, CONTEXT, GLOBAL, CODE, HEAP }

    final Kind kind;
    final String name;
    final long base;
    final int size;
    final byte[] bytes;
    final Ref[] slots;
    final boolean readOnly;
    /** The pointer provenance of a plain pointer to this object (no reference involved). */
    final Ref plain;
    /** Freed (heap), read-only or with special fields: every access takes the slow, checking path. */
    boolean guarded;
    /**
     * Byte ranges program code may not touch ({@code [start, end)}, with names), or null. A range
     * marked write-only-forbidden (a __kptr slot) may be read.
     */
    int[] specialStart;
    int[] specialEnd;
    String[] specialName;
    boolean[] specialReadable;

    MemoryObject(Kind kind, String name, long base, int size, boolean readOnly) {
        this.kind = kind;
        this.name = name;
        this.base = base;
        this.size = size;
        this.bytes = new byte[size];
        this.slots = new Ref[(size + 7) >> 3];
        this.readOnly = readOnly;
        this.guarded = readOnly;
        this.plain = new Ref(this, Ownership.PLAIN, 0, -1, -1);
    }

    /** Marks the bytes of a special field (lock, node, root, refcount, kptr) as off-limits to program code. */
    void special(int start, int length, String fieldName, boolean readable) {
        int n = specialStart == null ? 0 : specialStart.length;
        specialStart = java.util.Arrays.copyOf(specialStart == null ? new int[0] : specialStart, n + 1);
        specialEnd = java.util.Arrays.copyOf(specialEnd == null ? new int[0] : specialEnd, n + 1);
        specialName = java.util.Arrays.copyOf(specialName == null ? new String[0] : specialName, n + 1);
        specialReadable = java.util.Arrays.copyOf(specialReadable == null ? new boolean[0] : specialReadable, n + 1);
        specialStart[n] = start;
        specialEnd[n] = start + length;
        specialName[n] = fieldName;
        specialReadable[n] = readable;
        guarded = true;
    }

    /** The special field an access of {@code [off, off+len)} overlaps, or null. */
    String specialAt(long off, int len, boolean write) {
        if (specialStart == null) {
            return null;
        }
        for (int i = 0; i < specialStart.length; i++) {
            if (off < specialEnd[i] && off + len > specialStart[i] && (write || !specialReadable[i])) {
                return specialName[i];
            }
        }
        return null;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code fp[1]}, {@code ctx}, {@code .data.A}, {@code less()}, {@code #3 struct node}. */
    public String name() {
        return name;
    }

    public long base() {
        return base;
    }

    public int size() {
        return size;
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** A copy of {@code length} bytes at {@code offset}. */
    public byte[] read(int offset, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, offset, out, 0, length);
        return out;
    }

    /** The little-endian unsigned value of {@code length} (1..8) bytes at {@code offset}. */
    public long readLong(int offset, int length) {
        long v = 0;
        for (int k = length - 1; k >= 0; k--) {
            v = v << 8 | (bytes[offset + k] & 0xffL);
        }
        return v;
    }

    /** The pointer remembered in the 8-byte slot at {@code offset} (a multiple of 8), or null. */
    public Ref slot(int offset) {
        return (offset & 7) == 0 && offset >= 0 && offset < size ? slots[offset >> 3] : null;
    }

    @Override
    public String toString() {
        return name;
    }
}
