package dev.kptrviz.isa;

/** Width of a memory access: the size field (bits 0x18) of a load, store or atomic opcode. */
public enum Size {
    W(0x00, 4),
    H(0x08, 2),
    B(0x10, 1),
    DW(0x18, 8);

    private final int bits;
    private final int bytes;

    Size(int bits, int bytes) {
        this.bits = bits;
        this.bytes = bytes;
    }

    /** The size field as it sits in the opcode byte. */
    public int bits() {
        return bits;
    }

    /** Bytes moved by the access: 1, 2, 4 or 8. */
    public int bytes() {
        return bytes;
    }

    /** The kernel's name for an unsigned access of this width: {@code u8} .. {@code u64}. */
    public String unsignedName() {
        return "u" + bytes * 8;
    }

    /** The kernel's name for a sign-extending access of this width: {@code s8} .. {@code s64}. */
    public String signedName() {
        return "s" + bytes * 8;
    }

    static Size ofOpcode(int code) {
        switch (code & 0x18) {
            case 0x00: return W;
            case 0x08: return H;
            case 0x10: return B;
            default: return DW;
        }
    }
}
