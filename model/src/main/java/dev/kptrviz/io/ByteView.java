package dev.kptrviz.io;

import dev.kptrviz.LoadException;

/**
 * A bounds-checked little-endian window onto a byte array. Every read that would leave the
 * window throws {@link LoadException} naming {@code label} and the offset, so a truncated or
 * mutated file can never cause an IndexOutOfBoundsException.
 */
public final class ByteView {
    private final byte[] data;
    private final int base;
    private final int length;
    private final String label;

    public ByteView(byte[] data, String label) {
        this(data, 0, data.length, label);
    }

    private ByteView(byte[] data, int base, int length, String label) {
        this.data = data;
        this.base = base;
        this.length = length;
        this.label = label;
    }

    public int length() {
        return length;
    }

    public String label() {
        return label;
    }

    /** A sub-window [offset, offset+len) of this one, reported under {@code newLabel}. */
    public ByteView slice(long offset, long len, String newLabel) throws LoadException {
        check(offset, len, "slice");
        return new ByteView(data, base + (int) offset, (int) len, newLabel);
    }

    public LoadException error(long offset, String reason) {
        return new LoadException(label + ", offset 0x" + Long.toHexString(offset), reason);
    }

    private void check(long offset, long len, String what) throws LoadException {
        if (offset < 0 || len < 0 || offset > length || len > length - offset) {
            throw error(offset, what + " of " + len + " bytes runs past the end (size " + length + ")");
        }
    }

    public int u8(long off) throws LoadException {
        check(off, 1, "read");
        return data[base + (int) off] & 0xff;
    }

    public int u16(long off) throws LoadException {
        check(off, 2, "read");
        int p = base + (int) off;
        return (data[p] & 0xff) | (data[p + 1] & 0xff) << 8;
    }

    /** Signed 16-bit little-endian. */
    public short s16(long off) throws LoadException {
        return (short) u16(off);
    }

    /** Signed 32-bit little-endian (use {@link #u32} for an unsigned value). */
    public int s32(long off) throws LoadException {
        check(off, 4, "read");
        int p = base + (int) off;
        return (data[p] & 0xff) | (data[p + 1] & 0xff) << 8 | (data[p + 2] & 0xff) << 16 | (data[p + 3] & 0xff) << 24;
    }

    public long u32(long off) throws LoadException {
        return s32(off) & 0xffffffffL;
    }

    public long s64(long off) throws LoadException {
        check(off, 8, "read");
        return (s32(off) & 0xffffffffL) | ((long) s32(off + 4)) << 32;
    }

    /** A copy of {@code len} bytes starting at {@code off}. */
    public byte[] bytes(long off, long len) throws LoadException {
        check(off, len, "read");
        byte[] out = new byte[(int) len];
        System.arraycopy(data, base + (int) off, out, 0, (int) len);
        return out;
    }

    /** A NUL-terminated string starting at {@code off}; the terminator must lie inside the window. */
    public String cstring(long off) throws LoadException {
        check(off, 0, "string");
        int p = base + (int) off;
        int end = base + length;
        int q = p;
        while (q < end && data[q] != 0) {
            q++;
        }
        if (q == end) {
            throw error(off, "string is not NUL-terminated before the end of the section");
        }
        return new String(data, p, q - p, java.nio.charset.StandardCharsets.UTF_8);
    }
}
