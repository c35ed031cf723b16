package dev.kptrviz.btf;

import dev.kptrviz.LoadException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A memoised reader over the BTF string table, used while parsing. Each distinct offset is decoded
 * once, and the total number of bytes scanned is capped (8x the table plus 1 MiB), so a crafted
 * section whose many names point into one huge string cannot make parsing quadratic. Not
 * thread-safe: one instance per parse.
 */
final class StringTable {
    private final byte[] bytes;
    private final String label;
    private final Map<Long, String> memo = new HashMap<>();
    private long budget;

    StringTable(byte[] bytes, String label) {
        this.bytes = bytes;
        this.label = label;
        this.budget = 8L * bytes.length + (1 << 20);
    }

    String get(long offset) throws LoadException {
        String s = memo.get(offset);
        if (s == null) {
            s = decode(bytes, label, offset, budget);
            budget -= s.length() + 1L;
            memo.put(offset, s);
        }
        return s;
    }

    /** The string at {@code offset}, scanning at most {@code maxScan} bytes. */
    static String decode(byte[] bytes, String label, long offset, long maxScan) throws LoadException {
        if (offset < 0 || offset >= bytes.length) {
            throw new LoadException(label + ", offset 0x" + Long.toHexString(offset), "string offset " + offset
                    + " is beyond the string section (size " + bytes.length + ")");
        }
        int start = (int) offset;
        int limit = (int) Math.min(bytes.length, start + Math.max(0, Math.min(maxScan, bytes.length)));
        int end = start;
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        if (end == bytes.length) {
            throw new LoadException(label + ", offset 0x" + Long.toHexString(offset), "string is not NUL-terminated");
        }
        if (end == limit) {
            throw new LoadException(label + ", offset 0x" + Long.toHexString(offset),
                    "string references add up to far more text than the string section holds");
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
}
