package dev.kptrviz.isa;

/**
 * The operation of a STX|ATOMIC instruction, which lives in its {@code imm} field. The
 * read-modify-write forms take W or DW only; load-acquire and store-release take any size.
 */
public enum AtomicOp {
    ADD(0x00, "add", "+="),
    OR(0x40, "or", "|="),
    AND(0x50, "and", "&="),
    XOR(0xa0, "xor", "^="),
    FETCH_ADD(0x01, "add", "+="),
    FETCH_OR(0x41, "or", "|="),
    FETCH_AND(0x51, "and", "&="),
    FETCH_XOR(0xa1, "xor", "^="),
    XCHG(0xe1, "xchg", null),
    CMPXCHG(0xf1, "cmpxchg", null),
    LOAD_ACQUIRE(0x100, "load_acquire", null),
    STORE_RELEASE(0x110, "store_release", null);

    /** The BPF_FETCH flag: the old memory value is returned in a register. */
    public static final int FETCH = 0x01;

    private final int imm;
    private final String name;
    private final String operator;

    AtomicOp(int imm, String name, String operator) {
        this.imm = imm;
        this.name = name;
        this.operator = operator;
    }

    /** The value of the instruction's imm field. */
    public int imm() {
        return imm;
    }

    /** Short name used in the kernel's text: {@code add}, {@code xchg}, {@code load_acquire}, ... */
    public String shortName() {
        return name;
    }

    /** The operator of the non-fetching forms ({@code lock *(u64 *)(r1 +0) += r2}), else null. */
    public String operator() {
        return operator;
    }

    /** True when the old value is written back to a register (FETCH forms, XCHG, CMPXCHG). */
    public boolean fetches() {
        return (imm & FETCH) != 0 && imm < 0x100;
    }

    /** True for the read-modify-write operations (everything but load-acquire and store-release). */
    public boolean readModifyWrite() {
        return imm < 0x100;
    }

    static AtomicOp ofImm(int imm) {
        for (AtomicOp op : values()) {
            if (op.imm == imm) {
                return op;
            }
        }
        return null;
    }
}
