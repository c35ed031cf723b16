package dev.kptrviz.isa;

import dev.kptrviz.LoadException;

/** Where an instruction sits, and the errors the decoder raises about it. */
record At(String section, int index, int code) {
    LoadException fail(String reason) {
        return new LoadException("section " + section + ", insn " + index + " (offset 0x"
                + Long.toHexString(index * 8L) + ")", reason + String.format(" (opcode 0x%02x)", code));
    }

    LoadException reserved(String kind, String field, long value) {
        return fail(kind + " uses reserved field " + field + " = " + value + " (must be 0)");
    }

    LoadException unknown(String why) {
        return fail("unknown opcode: " + why);
    }

    void checkReg(String field, int r) throws LoadException {
        if (r > Op.FP) {
            throw fail(field + " r" + r + " does not exist (registers are r0..r10)");
        }
    }

    void checkWritable(int r) throws LoadException {
        if (r == Op.FP) {
            throw fail("writes r10, the read-only frame pointer");
        }
    }
}
