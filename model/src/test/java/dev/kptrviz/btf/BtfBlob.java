package dev.kptrviz.btf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helper: assembles small .BTF / .BTF.ext sections word by word. */
final class BtfBlob {
    static final int INT = 1, PTR = 2, ARRAY = 3, STRUCT = 4, UNION = 5, ENUM = 6, FWD = 7, TYPEDEF = 8,
            VOLATILE = 9, CONST = 10, RESTRICT = 11, FUNC = 12, FUNC_PROTO = 13, VAR = 14, DATASEC = 15,
            FLOAT = 16, DECL_TAG = 17, TYPE_TAG = 18, ENUM64 = 19;

    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> offsets = new HashMap<>();
    private final List<Integer> words = new ArrayList<>();

    BtfBlob() {
        strings.write(0);
        offsets.put("", 0);
    }

    int str(String s) {
        return offsets.computeIfAbsent(s, k -> {
            int off = strings.size();
            strings.writeBytes(k.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return off;
        });
    }

    BtfBlob raw(int... ws) {
        for (int w : ws) {
            words.add(w);
        }
        return this;
    }

    /** A btf_type header followed by {@code extra} words. */
    BtfBlob type(String name, int kind, int vlen, boolean kflag, int sizeOrType, int... extra) {
        raw(str(name), (kflag ? 1 << 31 : 0) | kind << 24 | vlen, sizeOrType);
        return raw(extra);
    }

    /** {@code int}: signed 32-bit INT. */
    BtfBlob int32(String name) {
        return type(name, INT, 0, false, 4, 1 << 24 | 32);
    }

    byte[] build() {
        return build(24, new byte[0]);
    }

    /** Header of {@code hdrLen} bytes (the bytes after 24 taken from {@code extension}), types, strings. */
    byte[] build(int hdrLen, byte[] extension) {
        int typeLen = words.size() * 4;
        byte[] strs = strings.toByteArray();
        ByteBuffer b = le(hdrLen + typeLen + strs.length);
        b.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(hdrLen)
                .putInt(0).putInt(typeLen).putInt(typeLen).putInt(strs.length);
        for (int i = 24; i < hdrLen; i++) {
            b.put(i - 24 < extension.length ? extension[i - 24] : 0);
        }
        for (int w : words) {
            b.putInt(w);
        }
        b.put(strs);
        return b.array();
    }

    static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A .BTF.ext section; each sub-section is given as words (record size first), null for absent. */
    static byte[] ext(int hdrLen, int[] funcInfo, int[] lineInfo, int[] coreRelo) {
        int[][] subs = {funcInfo, lineInfo, coreRelo};
        int total = 0;
        for (int[] s : subs) {
            total += s == null ? 0 : s.length * 4;
        }
        ByteBuffer b = le(hdrLen + total);
        b.putShort((short) 0xeB9F).put((byte) 1).put((byte) 0).putInt(hdrLen);
        int off = 0;
        for (int i = 0; i < 3 && 8 + i * 8 < hdrLen; i++) {
            int len = subs[i] == null ? 0 : subs[i].length * 4;
            b.putInt(off).putInt(len);
            off += len;
        }
        b.position(hdrLen);
        for (int[] s : subs) {
            if (s != null) {
                for (int w : s) {
                    b.putInt(w);
                }
            }
        }
        return b.array();
    }
}
