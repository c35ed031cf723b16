package dev.kptrviz.verifier.scalar;

import dev.kptrviz.isa.AluOp;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.isa.Size;

import java.util.List;

/**
 * Scalar transfer functions of the verifier: {@code adjust_scalar_min_max_vals} and the scalar
 * paths of {@code check_alu_op} (MOV, MOVSX, NEG, END) and of loads, as in Linux 6.18.y
 * (verified against the 6.18.44 logs on this machine).
 *
 * <p>Version notes (what 6.18.44 does that older kernels do not, and vice versa):
 * <ul>
 *   <li>ADD/SUB keep unsigned bounds when all or none of the sums wrap (6.17);</li>
 *   <li>MUL multiplies signed and unsigned bound pairs with overflow checks (6.14) and uses the
 *       union-based {@code tnum_mul} (6.18);</li>
 *   <li>NEG is tracked as {@code 0 - dst} (6.17); byte swaps are tracked through the tnum (stable
 *       backport to 6.18.y);</li>
 *   <li>DIV, SDIV, MOD and SMOD are <em>not</em> tracked: the whole register, both halves, becomes
 *       unknown, also for 32-bit forms (range tracking for them only arrived in 7.x);</li>
 *   <li>a shift whose amount is not a constant below the operand width makes the register unknown;</li>
 *   <li>AND/OR with a constant on a register in [-1, 0] fork the state (see {@link #fork}).</li>
 * </ul>
 * Every result also passes the kernel's final {@code reg_bounds_sanity_check} (see
 * {@link Scalar#sanitized()}).
 */
public final class ScalarAlu {
    private ScalarAlu() {
    }

    /** {@link #alu(AluOp, boolean, Scalar, Scalar, int)} for every op but MOVSX. */
    public static Scalar alu(AluOp op, boolean is64, Scalar dst, Scalar src) {
        return alu(op, is64, dst, src, 0);
    }

    /**
     * The value of {@code dst} after {@code dst op= src} (64-bit when {@code is64}, else the 32-bit
     * form whose result is zero-extended). For MOV and MOVSX {@code dst} is ignored and
     * {@code movsxWidth} (8, 16 or 32) selects the sign-extension width of MOVSX; for NEG {@code src}
     * is ignored. When {@link #fork} applies, this is the continuing path (dst taken as -1).
     */
    public static Scalar alu(AluOp op, boolean is64, Scalar dst, Scalar src, int movsxWidth) {
        Scalar result;
        switch (op) {
            case MOV:
                result = mov(is64, src);
                break;
            case MOVSX:
                result = movsx(is64, src, movsxWidth);
                break;
            case NEG:
                result = adjust(op, is64, dst, dst);
                break;
            default:
                result = adjust(op, is64, dst, src);
        }
        return result.sanitized();
    }

    /**
     * The kernel's {@code maybe_fork_scalars}: for AND/OR with a constant {@code src} (constant in all
     * 64 bits, even for the 32-bit forms) on a {@code dst} in [-1, 0] (64-bit, else 32-bit signed),
     * the verifier pushes a second state whose {@code dst} is 0 and which executes the same
     * instruction again, while the current state continues with {@code dst} = -1. Returns that
     * pushed {@code dst} (before the instruction), or {@code null} when there is no fork.
     */
    public static Scalar fork(AluOp op, boolean is64, Scalar dst, Scalar src) {
        if ((op != AluOp.AND && op != AluOp.OR) || !src.varOff().isConst()) {
            return null;
        }
        Bounds pushed = new Bounds(dst);
        if (dst.smin() == -1 && dst.smax() == 0) {
            pushed.markKnown(0);
        } else if (dst.s32Min() == -1 && dst.s32Max() == 0) {
            pushed.markKnown32(0);
        } else {
            return null;
        }
        return pushed.freeze();
    }

    /**
     * Every state the verifier goes on with after the instruction: one result, or two when
     * {@link #fork} applies (the continuing path first). The union covers every concrete outcome.
     */
    public static List<Scalar> outcomes(AluOp op, boolean is64, Scalar dst, Scalar src, int movsxWidth) {
        Scalar first = alu(op, is64, dst, src, movsxWidth);
        Scalar pushed = op == AluOp.MOV || op == AluOp.MOVSX ? null : fork(op, is64, dst, src);
        return pushed == null ? List.of(first) : List.of(first, alu(op, is64, pushed, src, movsxWidth));
    }

    // ---- adjust_scalar_min_max_vals -------------------------------------------------------------

    /** {@code is_safe_to_compute_dst_reg_range}. */
    static boolean safeToCompute(AluOp op, boolean is64, Scalar src) {
        switch (op) {
            case ADD:
            case SUB:
            case NEG:
            case AND:
            case XOR:
            case OR:
            case MUL:
                return true;
            case LSH:
            case RSH:
            case ARSH: {
                boolean srcConst;
                if (is64) {
                    srcConst = src.varOff().isConst() && src.smin() == src.smax() && src.umin() == src.umax();
                } else {
                    srcConst = src.varOff().subregIsConst() && src.s32Min() == src.s32Max()
                            && src.u32Min() == src.u32Max();
                }
                // the 64-bit umax is checked even for 32-bit shifts, as in the kernel
                return srcConst && Long.compareUnsigned(src.umax(), is64 ? 64 : 32) < 0;
            }
            default:
                return false;
        }
    }

    private static Scalar adjust(AluOp op, boolean is64, Scalar dstIn, Scalar srcIn) {
        if (!safeToCompute(op, is64, srcIn)) {
            return Scalar.unknown();
        }
        boolean alu32 = !is64;
        Bounds dst = new Bounds(dstIn);
        Bounds src = new Bounds(srcIn);
        if (op == AluOp.AND || op == AluOp.OR) {
            if (fork(op, is64, dstIn, srcIn) != null) {
                // the continuing path: dst is -1 (in the half that was in [-1, 0])
                if (dstIn.smin() == -1 && dstIn.smax() == 0) {
                    dst.markKnown(-1L);
                } else {
                    dst.markKnown32(-1L);
                }
            }
        }
        switch (op) {
            case ADD:
                Arith.add32(dst, src);
                Arith.add64(dst, src);
                dst.varOff = dst.varOff.add(src.varOff);
                break;
            case SUB:
                Arith.sub32(dst, src);
                Arith.sub64(dst, src);
                dst.varOff = dst.varOff.sub(src.varOff);
                break;
            case NEG: {
                Bounds operand = dst.copy();
                dst.markKnown(0);
                Arith.sub32(dst, operand);
                Arith.sub64(dst, operand);
                dst.varOff = operand.varOff.neg();
                break;
            }
            case MUL:
                dst.varOff = dst.varOff.mul(src.varOff);
                Arith.mul32(dst, src);
                Arith.mul64(dst, src);
                break;
            case AND:
                dst.varOff = dst.varOff.and(src.varOff);
                Arith.and32(dst, src);
                Arith.and64(dst, src);
                break;
            case OR:
                dst.varOff = dst.varOff.or(src.varOff);
                Arith.or32(dst, src);
                Arith.or64(dst, src);
                break;
            case XOR:
                dst.varOff = dst.varOff.xor(src.varOff);
                Arith.xor32(dst, src);
                Arith.xor64(dst, src);
                break;
            case LSH:
                if (alu32) {
                    Shifts.lsh32(dst, src);
                } else {
                    Shifts.lsh64(dst, src);
                }
                break;
            case RSH:
                if (alu32) {
                    Shifts.rsh32(dst, src);
                } else {
                    Shifts.rsh64(dst, src);
                }
                break;
            case ARSH:
                if (alu32) {
                    Shifts.arsh32(dst, src);
                } else {
                    Shifts.arsh64(dst, src);
                }
                break;
            default:
                throw new IllegalStateException(op.name());
        }
        if (alu32) {
            dst.zext32To64();
        }
        dst.sync();
        return dst.freeze();
    }

    // ---- moves ----------------------------------------------------------------------------------

    /** {@code dst = src} (64-bit: an exact copy) or {@code w_dst = w_src} (zero-extending). */
    public static Scalar mov(boolean is64, Scalar src) {
        if (is64) {
            return src;
        }
        Bounds b = new Bounds(src);
        b.zext32To64();
        b.sync();
        return b.freeze().sanitized();
    }

    /**
     * {@code dst = (s8/s16/s32) src} (64-bit; width 8, 16 or 32) or {@code w_dst = (s8/s16) w_src}
     * (32-bit; width 8 or 16, zero-extended).
     */
    public static Scalar movsx(boolean is64, Scalar src, int width) {
        if (is64 ? width != 8 && width != 16 && width != 32 : width != 8 && width != 16) {
            throw new IllegalArgumentException("MOVSX width " + width + (is64 ? " (64-bit)" : " (32-bit)"));
        }
        if (is64) {
            return Coerce.toSizeSx(src, width / 8).sanitized();
        }
        Bounds b = new Bounds(Coerce.subregToSizeSx(src, width / 8));
        b.zext32To64();
        b.sync();
        return b.freeze().sanitized();
    }

    // ---- byte order -----------------------------------------------------------------------------

    /**
     * {@code dst = le16/le32/le64 dst}, {@code be..} or {@code bswap..} on a little-endian host:
     * the tnum is byte-swapped where the host swaps, the ranges rebuilt from it, and 16/32-bit forms
     * truncate (6.18.y, backport of "bpf: Add bitwise tracking for BPF_END").
     */
    public static Scalar endian(Insn.Endian.Kind kind, int width, Scalar dst) {
        if (width != 16 && width != 32 && width != 64) {
            throw new IllegalArgumentException("END width " + width);
        }
        Bounds b = new Bounds(dst);
        // little-endian host: to-LE is a truncation, to-BE and bswap swap
        boolean swap = kind != Insn.Endian.Kind.TO_LE;
        if (swap) {
            b.varOff = width == 16 ? b.varOff.bswap16() : width == 32 ? b.varOff.bswap32() : b.varOff.bswap64();
            b.markUnbounded();
        }
        if (width != 64) {
            b = new Bounds(Coerce.toSize(b.freeze(), width / 8));
        }
        b.sync();
        return b.freeze().sanitized();
    }

    // ---- loads and narrowing --------------------------------------------------------------------

    /**
     * The value loaded from memory the verifier knows nothing about: unknown for 8 bytes, else the
     * zero-extended ({@code coerce_reg_to_size}) or sign-extended ({@code coerce_reg_to_size_sx})
     * narrow value.
     */
    public static Scalar load(Size size, boolean signExtend) {
        return narrow(Scalar.unknown(), size.bytes(), signExtend);
    }

    /** A scalar narrowed as a load of {@code bytes} narrows it (identity for 8 bytes). */
    public static Scalar narrow(Scalar s, int bytes, boolean signExtend) {
        if (bytes >= 8) {
            return s;
        }
        return signExtend ? Coerce.toSizeSx(s, bytes) : Coerce.toSize(s, bytes);
    }

    /** {@code coerce_reg_to_size}: keep the low {@code bytes} bytes (1, 2 or 4), zero the rest. */
    public static Scalar coerceToSize(Scalar s, int bytes) {
        return Coerce.toSize(s, bytes);
    }

    /** {@code coerce_reg_to_size_sx}: sign-extend the low {@code bytes} bytes (1, 2 or 4) to 64 bits. */
    public static Scalar coerceToSizeSx(Scalar s, int bytes) {
        return Coerce.toSizeSx(s, bytes);
    }
}
