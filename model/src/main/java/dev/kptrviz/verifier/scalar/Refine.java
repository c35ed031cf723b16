package dev.kptrviz.verifier.scalar;

import dev.kptrviz.isa.JumpOp;

/** The kernel's {@code regs_refine_cond_op} (6.18): narrows two registers to the pairs satisfying a condition. */
final class Refine {
    private Refine() {
    }

    /** A jump condition, plus {@code NOT_SET} for the negation of JSET (the kernel's {@code BPF_JSET | BPF_X}). */
    enum Cond {
        EQ, NE, SET, NOT_SET, GT, GE, LT, LE, SGT, SGE, SLT, SLE;

        static Cond of(JumpOp op) {
            switch (op) {
                case JEQ: return EQ;
                case JNE: return NE;
                case JSET: return SET;
                case JGT: return GT;
                case JGE: return GE;
                case JLT: return LT;
                case JLE: return LE;
                case JSGT: return SGT;
                case JSGE: return SGE;
                case JSLT: return SLT;
                case JSLE: return SLE;
                default: throw new IllegalArgumentException(op.name());
            }
        }

        /** The fall-through condition ({@code rev_opcode}). */
        Cond negate() {
            switch (this) {
                case EQ: return NE;
                case NE: return EQ;
                case SET: return NOT_SET;
                case NOT_SET: return SET;
                case GE: return LT;
                case GT: return LE;
                case LE: return GT;
                case LT: return GE;
                case SGE: return SLT;
                case SGT: return SLE;
                case SLE: return SGT;
                case SLT: return SGE;
                default: throw new IllegalStateException();
            }
        }

        /** {@code b op' a} equivalent to {@code a op b} ({@code flip_opcode}) for the ordering ops. */
        Cond flip() {
            switch (this) {
                case GE: return LE;
                case GT: return LT;
                case LE: return GE;
                case LT: return GT;
                case SGE: return SLE;
                case SGT: return SLT;
                case SLE: return SGE;
                case SLT: return SGT;
                default: return this;
            }
        }
    }

    private static boolean isConst(Bounds r, boolean is32) {
        return is32 ? r.varOff.subregIsConst() : r.varOff.isConst();
    }

    private static long constValue(Bounds r, boolean is32) {
        return is32 ? r.varOff.subreg().value() : r.varOff.value();
    }

    static void condOp(Bounds reg1, Bounds reg2, Cond cond, boolean is32) {
        // GE/GT/SGE/SGT become LE/LT/SLE/SLT with the operands swapped
        switch (cond) {
            case GE:
            case GT:
            case SGE:
            case SGT: {
                cond = cond.flip();
                Bounds t = reg1;
                reg1 = reg2;
                reg2 = t;
                break;
            }
            default:
                break;
        }

        switch (cond) {
            case EQ:
                if (is32) {
                    reg1.u32Min = Bounds.u32maxOf(reg1.u32Min, reg2.u32Min);
                    reg1.u32Max = Bounds.u32minOf(reg1.u32Max, reg2.u32Max);
                    reg1.s32Min = Math.max(reg1.s32Min, reg2.s32Min);
                    reg1.s32Max = Math.min(reg1.s32Max, reg2.s32Max);
                    reg2.u32Min = reg1.u32Min;
                    reg2.u32Max = reg1.u32Max;
                    reg2.s32Min = reg1.s32Min;
                    reg2.s32Max = reg1.s32Max;
                    Tnum t = reg1.varOff.subreg().intersect(reg2.varOff.subreg());
                    reg1.varOff = reg1.varOff.withSubreg(t);
                    reg2.varOff = reg2.varOff.withSubreg(t);
                } else {
                    reg1.umin = Bounds.umaxOf(reg1.umin, reg2.umin);
                    reg1.umax = Bounds.uminOf(reg1.umax, reg2.umax);
                    reg1.smin = Math.max(reg1.smin, reg2.smin);
                    reg1.smax = Math.min(reg1.smax, reg2.smax);
                    reg2.umin = reg1.umin;
                    reg2.umax = reg1.umax;
                    reg2.smin = reg1.smin;
                    reg2.smax = reg1.smax;
                    reg1.varOff = reg1.varOff.intersect(reg2.varOff);
                    reg2.varOff = reg1.varOff;
                }
                break;
            case NE: {
                if (!isConst(reg2, is32)) {
                    Bounds t = reg1;
                    reg1 = reg2;
                    reg2 = t;
                }
                if (!isConst(reg2, is32)) {
                    break;
                }
                // a bound equal to the constant moves one step inwards
                long val = constValue(reg2, is32);
                if (is32) {
                    if (reg1.u32Min == (int) val) {
                        reg1.u32Min++;
                    }
                    if (reg1.u32Max == (int) val) {
                        reg1.u32Max--;
                    }
                    if (reg1.s32Min == (int) val) {
                        reg1.s32Min++;
                    }
                    if (reg1.s32Max == (int) val) {
                        reg1.s32Max--;
                    }
                } else {
                    if (reg1.umin == val) {
                        reg1.umin++;
                    }
                    if (reg1.umax == val) {
                        reg1.umax--;
                    }
                    if (reg1.smin == val) {
                        reg1.smin++;
                    }
                    if (reg1.smax == val) {
                        reg1.smax--;
                    }
                }
                break;
            }
            case SET: {
                if (!isConst(reg2, is32)) {
                    Bounds t = reg1;
                    reg1 = reg2;
                    reg2 = t;
                }
                if (!isConst(reg2, is32)) {
                    break;
                }
                long val = constValue(reg2, is32);
                // only a single-bit test says which bit is set
                if (val == 0 || (val & (val - 1)) != 0) {
                    break;
                }
                if (is32) {
                    Tnum t = reg1.varOff.subreg().or(Tnum.constant(val));
                    reg1.varOff = reg1.varOff.withSubreg(t);
                } else {
                    reg1.varOff = reg1.varOff.or(Tnum.constant(val));
                }
                break;
            }
            case NOT_SET: {
                if (!isConst(reg2, is32)) {
                    Bounds t = reg1;
                    reg1 = reg2;
                    reg2 = t;
                }
                if (!isConst(reg2, is32)) {
                    break;
                }
                long val = constValue(reg2, is32);
                // forget the ranges first so a dead branch cannot produce inconsistent bounds
                reg1.markUnbounded();
                if (is32) {
                    Tnum t = reg1.varOff.subreg().and(Tnum.constant(~val));
                    reg1.varOff = reg1.varOff.withSubreg(t);
                } else {
                    reg1.varOff = reg1.varOff.and(Tnum.constant(~val));
                }
                break;
            }
            case LE:
                if (is32) {
                    reg1.u32Max = Bounds.u32minOf(reg1.u32Max, reg2.u32Max);
                    reg2.u32Min = Bounds.u32maxOf(reg1.u32Min, reg2.u32Min);
                } else {
                    reg1.umax = Bounds.uminOf(reg1.umax, reg2.umax);
                    reg2.umin = Bounds.umaxOf(reg1.umin, reg2.umin);
                }
                break;
            case LT:
                if (is32) {
                    reg1.u32Max = Bounds.u32minOf(reg1.u32Max, reg2.u32Max - 1);
                    reg2.u32Min = Bounds.u32maxOf(reg1.u32Min + 1, reg2.u32Min);
                } else {
                    reg1.umax = Bounds.uminOf(reg1.umax, reg2.umax - 1);
                    reg2.umin = Bounds.umaxOf(reg1.umin + 1, reg2.umin);
                }
                break;
            case SLE:
                if (is32) {
                    reg1.s32Max = Math.min(reg1.s32Max, reg2.s32Max);
                    reg2.s32Min = Math.max(reg1.s32Min, reg2.s32Min);
                } else {
                    reg1.smax = Math.min(reg1.smax, reg2.smax);
                    reg2.smin = Math.max(reg1.smin, reg2.smin);
                }
                break;
            case SLT:
                if (is32) {
                    reg1.s32Max = Math.min(reg1.s32Max, reg2.s32Max - 1);
                    reg2.s32Min = Math.max(reg1.s32Min + 1, reg2.s32Min);
                } else {
                    reg1.smax = Math.min(reg1.smax, reg2.smax - 1);
                    reg2.smin = Math.max(reg1.smin + 1, reg2.smin);
                }
                break;
            default:
                throw new IllegalStateException(cond.name());
        }
    }
}
