package dev.kptrviz.isa;

import java.util.ArrayList;
import java.util.List;

/** Hand-built instruction bytes for the tests. */
final class Bytes {
    private Bytes() {
    }

    /** Bytes from hex pairs; spaces are ignored ({@code "b7 01 00 00 2a 00 00 00"}). */
    static byte[] hex(String s) {
        String h = s.replace(" ", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** Little-endian bytes of instruction words. */
    static byte[] words(long... words) {
        byte[] out = new byte[words.length * 8];
        for (int i = 0; i < words.length; i++) {
            for (int k = 0; k < 8; k++) {
                out[i * 8 + k] = (byte) (words[i] >>> (8 * k));
            }
        }
        return out;
    }

    /** The little-endian word at slot 0 of {@code b}. */
    static long word(byte[] b) {
        long w = 0;
        for (int k = 7; k >= 0; k--) {
            w = w << 8 | (b[k] & 0xffL);
        }
        return w;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** {@code count} copies of an instruction word. */
    static byte[] repeat(long word, int count) {
        List<Long> ws = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ws.add(word);
        }
        return words(ws.stream().mapToLong(Long::longValue).toArray());
    }

    static final long EXIT = Insn.pack(0x95, 0, 0, 0, 0);
    static final long MOV_R0_0 = Insn.pack(0xb7, 0, 0, 0, 0);

    /** Four exits, the instruction under test at slot {@value #AT}, then eight exits: small jumps land on an exit. */
    static byte[] framed(byte[] insn) {
        return concat(repeat(EXIT, AT), insn, repeat(EXIT, 8));
    }

    static final int AT = 4;
}
