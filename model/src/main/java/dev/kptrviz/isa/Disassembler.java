package dev.kptrviz.isa;

/**
 * Prints instructions exactly as the Linux verifier log does ({@code print_bpf_insn} in
 * kernel/bpf/disasm.c), without the leading {@code "(bf) "} opcode column unless
 * {@link #formatWithOpcode} is used. Immediates follow the kernel's choices: ALU and store
 * immediates in signed decimal, conditional-jump immediates as unsigned 32-bit hex, ld_imm64 as
 * unsigned 64-bit hex, offsets with an explicit sign ({@code (r10 -8)}, {@code goto pc+0}).
 *
 * <p>The text is the kernel's only; our own remarks (see {@link #annotation}) are for the caller
 * to append.
 */
public final class Disassembler {
    private Disassembler() {
    }

    /**
     * Names the kernel would learn from its callbacks. Each method returns null to fall back to the
     * kernel's generic text. {@code index} is the slot of the instruction being printed.
     */
    public interface Names {
        /** Name for helper {@code helperId}; null uses {@link HelperNames}, then {@code unknown}. */
        default String helperName(int helperId) {
            return null;
        }

        /** Name of the kfunc called at {@code index}; null prints {@code kernel-function}. */
        default String kfuncName(int index) {
            return null;
        }

        /** Name of the subprogram the bpf-to-bpf call at {@code index} enters (used by {@link #annotation}). */
        default String subprogName(int index) {
            return null;
        }

        /** Operand text for the ld_imm64 at {@code index}, e.g. {@code map[.data.A]+16}; null prints the hex value. */
        default String ldImm64Operand(int index) {
            return null;
        }
    }

    /** Names that always fall back to the kernel's generic text. */
    public static final Names NO_NAMES = new Names() {
    };

    /** The kernel's text for {@code insn}, with no names resolved beyond the helper table. */
    public static String format(Insn insn) {
        return format(insn, 0, NO_NAMES);
    }

    /**
     * The kernel's text for {@code insn} at slot {@code index}. An {@link Insn.LdImm64Tail} gives
     * the empty string: the kernel never prints the second slot of an ld_imm64.
     */
    public static String format(Insn insn, int index, Names names) {
        if (insn instanceof Insn.Alu a) {
            return alu(a);
        } else if (insn instanceof Insn.Endian e) {
            // print_bpf_end_insn / print_bpf_bswap_insn: always 'r', width in decimal
            String what = e.kind() == Insn.Endian.Kind.BSWAP ? "bswap" : e.kind() == Insn.Endian.Kind.TO_BE ? "be" : "le";
            return "r" + e.dst() + " = " + what + e.width() + " r" + e.dst();
        } else if (insn instanceof Insn.AddrSpaceCast c) {
            return "r" + c.dst() + " = addr_space_cast(r" + c.src() + ", " + c.dstAddressSpace() + ", "
                    + c.srcAddressSpace() + ")";
        } else if (insn instanceof Insn.Load l) {
            String type = l.signExtend() ? l.size().signedName() : l.size().unsignedName();
            return "r" + l.dst() + " = *(" + type + " *)" + mem(l.src(), l.off());
        } else if (insn instanceof Insn.Store s) {
            return "*(" + s.size().unsignedName() + " *)" + mem(s.dst(), s.off()) + " = "
                    + (s.fromRegister() ? "r" + s.src() : Integer.toString(s.imm()));
        } else if (insn instanceof Insn.Atomic a) {
            return atomic(a);
        } else if (insn instanceof Insn.LdImm64 l) {
            String operand = names.ldImm64Operand(index);
            return "r" + l.dst() + " = " + (operand != null ? operand : "0x" + Long.toHexString(l.value()));
        } else if (insn instanceof Insn.LdImm64Tail) {
            return "";
        } else if (insn instanceof Insn.LegacyPacketLoad p) {
            String type = p.size().unsignedName();
            return p.indirect() ? "r0 = *(" + type + " *)skb[r" + p.src() + " + " + p.imm() + "]"
                    : "r0 = *(" + type + " *)skb[" + p.imm() + "]";
        } else if (insn instanceof Insn.Jump j) {
            char w = j.is32() ? 'w' : 'r';
            String rhs = j.usesRegister() ? w + Integer.toString(j.src()) : "0x" + Integer.toHexString(j.imm());
            return "if " + w + j.dst() + " " + j.op().operator() + " " + rhs + " goto pc" + signed(j.off());
        } else if (insn instanceof Insn.Goto g) {
            String word = g.kind() == Insn.Goto.Kind.GOTO ? "goto" : g.kind() == Insn.Goto.Kind.GOTOL ? "gotol" : "may_goto";
            return word + " pc" + signed(g.delta());
        } else if (insn instanceof Insn.Call c) {
            return call(c, index, names);
        } else {
            return "exit";
        }
    }

    /** {@link #format(Insn, int, Names)} with the kernel's opcode column, e.g. {@code (bf) r1 = r2}. */
    public static String formatWithOpcode(Insn insn, int index, Names names) {
        return String.format("(%02x) ", insn.opcode()) + format(insn, index, names);
    }

    /**
     * Our remark for an instruction, not part of the kernel's text: {@code subprog NAME} for a
     * bpf-to-bpf call whose target {@code names} knows; null otherwise.
     */
    public static String annotation(Insn insn, int index, Names names) {
        if (insn instanceof Insn.Call c && c.kind() == Insn.Call.Kind.SUBPROG) {
            String name = names.subprogName(index);
            return name == null ? null : "subprog " + name;
        }
        return null;
    }

    private static String signed(int v) {
        return v >= 0 ? "+" + v : Integer.toString(v);
    }

    private static String mem(int reg, int off) {
        return "(r" + reg + " " + signed(off) + ")";
    }

    private static String alu(Insn.Alu a) {
        char w = a.is64() ? 'r' : 'w';
        String dst = w + Integer.toString(a.dst());
        if (a.op() == AluOp.NEG) {
            return dst + " = -" + dst;
        }
        String rhs;
        if (!a.usesRegister()) {
            rhs = Integer.toString(a.imm());
        } else if (a.op() == AluOp.MOVSX) {
            rhs = "(s" + a.movsxWidth() + ")" + w + a.src();
        } else {
            rhs = w + Integer.toString(a.src());
        }
        return dst + " " + a.op().operator() + " " + rhs;
    }

    private static String atomic(Insn.Atomic a) {
        String type = a.size().unsignedName();
        String addr = mem(a.dst(), a.off());
        String bits = a.size() == Size.DW ? "64" : "";
        AtomicOp op = a.op();
        switch (op) {
            case ADD: case OR: case AND: case XOR:
                return "lock *(" + type + " *)" + addr + " " + op.operator() + " r" + a.src();
            case CMPXCHG:
                return "r0 = atomic" + bits + "_cmpxchg((" + type + " *)" + addr + ", r0, r" + a.src() + ")";
            case XCHG:
                return "r" + a.src() + " = atomic" + bits + "_xchg((" + type + " *)" + addr + ", r" + a.src() + ")";
            case LOAD_ACQUIRE:
                return "r" + a.dst() + " = load_acquire((" + type + " *)" + mem(a.src(), a.off()) + ")";
            case STORE_RELEASE:
                return "store_release((" + type + " *)" + addr + ", r" + a.src() + ")";
            default:
                return "r" + a.src() + " = atomic" + bits + "_fetch_" + op.shortName() + "((" + type + " *)"
                        + addr + ", r" + a.src() + ")";
        }
    }

    private static String call(Insn.Call c, int index, Names names) {
        switch (c.kind()) {
            case SUBPROG:
                return "call pc" + signed(c.imm());
            case KFUNC: {
                String name = names.kfuncName(index);
                return "call " + (name != null ? name : "kernel-function") + "#" + c.imm();
            }
            default: {
                String name = names.helperName(c.imm());
                if (name == null) {
                    name = HelperNames.name(c.imm());
                }
                return "call " + (name != null ? name : "unknown") + "#" + c.imm();
            }
        }
    }
}
