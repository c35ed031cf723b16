package dev.kptrviz.verifier.scalar;

import dev.kptrviz.isa.JumpOp;

/**
 * Conditional jumps between two scalars, {@code if (a op b) goto}: the kernel's
 * {@code is_scalar_branch_taken} (can the outcome be decided?) and {@code regs_refine_cond_op}
 * followed by {@code reg_bounds_sync} (what does each side learn?), as in 6.18.y. For the
 * immediate form pass {@code b = Scalar.constant(imm)} with the sign-extended immediate.
 */
public final class ScalarBranch {
    private ScalarBranch() {
    }

    public enum Outcome { TAKEN, NOT_TAKEN, UNKNOWN }

    /**
     * Both registers of one side after refinement. {@code dead} means no concrete pair reaches this
     * side: some range of either register was empty ({@code range_bounds_violation}) right after the
     * refinement or at any step of the following sync. (The check is made at every step because
     * 6.18.y's single-value rule can turn an empty register into a well-formed constant.)
     */
    public record Side(Scalar a, Scalar b, boolean dead) {
        /** As an array {@code {a, b}}, or {@code null} when the side is dead. */
        public Scalar[] orNull() {
            return dead ? null : new Scalar[] {a, b};
        }
    }

    /** The kernel's {@code is_scalar_branch_taken} for two distinct registers. */
    public static Outcome isBranchTaken(JumpOp op, boolean is32, Scalar a, Scalar b) {
        Tnum t1 = is32 ? a.varOff().subreg() : a.varOff();
        Tnum t2 = is32 ? b.varOff().subreg() : b.varOff();
        long umin1 = is32 ? a.u32MinUnsigned() : a.umin();
        long umax1 = is32 ? a.u32MaxUnsigned() : a.umax();
        long smin1 = is32 ? a.s32Min() : a.smin();
        long smax1 = is32 ? a.s32Max() : a.smax();
        long umin2 = is32 ? b.u32MinUnsigned() : b.umin();
        long umax2 = is32 ? b.u32MaxUnsigned() : b.umax();
        long smin2 = is32 ? b.s32Min() : b.smin();
        long smax2 = is32 ? b.s32Max() : b.smax();

        switch (op) {
            case JEQ:
            case JNE: {
                Outcome equal = op == JumpOp.JEQ ? Outcome.TAKEN : Outcome.NOT_TAKEN;
                Outcome differ = op == JumpOp.JEQ ? Outcome.NOT_TAKEN : Outcome.TAKEN;
                if (t1.isConst() && t2.isConst()) {
                    return t1.value() == t2.value() ? equal : differ;
                }
                if (!t1.overlaps(t2)) {
                    return differ;
                }
                if (Bounds.ult(umax2, umin1) || Bounds.ult(umax1, umin2)) {
                    return differ;
                }
                if (smin1 > smax2 || smax1 < smin2) {
                    return differ;
                }
                if (!is32) {
                    // the 64-bit ranges overlap; the 32-bit ones may still not
                    if (Bounds.u32lt(b.u32Max(), a.u32Min()) || Bounds.u32lt(a.u32Max(), b.u32Min())) {
                        return differ;
                    }
                    if (a.s32Min() > b.s32Max() || a.s32Max() < b.s32Min()) {
                        return differ;
                    }
                }
                return Outcome.UNKNOWN;
            }
            case JSET: {
                if (!t2.isConst()) {
                    Tnum swap = t1;
                    t1 = t2;
                    t2 = swap;
                }
                if (!t2.isConst()) {
                    return Outcome.UNKNOWN;
                }
                if ((~t1.mask() & t1.value() & t2.value()) != 0) {
                    return Outcome.TAKEN;
                }
                if (((t1.mask() | t1.value()) & t2.value()) == 0) {
                    return Outcome.NOT_TAKEN;
                }
                return Outcome.UNKNOWN;
            }
            case JGT:
                return decide(Bounds.ult(umax2, umin1), Bounds.ule(umax1, umin2));
            case JSGT:
                return decide(smin1 > smax2, smax1 <= smin2);
            case JLT:
                return decide(Bounds.ult(umax1, umin2), Bounds.ule(umax2, umin1));
            case JSLT:
                return decide(smax1 < smin2, smin1 >= smax2);
            case JGE:
                return decide(Bounds.ule(umax2, umin1), Bounds.ult(umax1, umin2));
            case JSGE:
                return decide(smin1 >= smax2, smax1 < smin2);
            case JLE:
                return decide(Bounds.ule(umax1, umin2), Bounds.ult(umax2, umin1));
            case JSLE:
                return decide(smax1 <= smin2, smin1 > smax2);
            default:
                return Outcome.UNKNOWN;
        }
    }

    private static Outcome decide(boolean always, boolean never) {
        return always ? Outcome.TAKEN : never ? Outcome.NOT_TAKEN : Outcome.UNKNOWN;
    }

    /**
     * {@code if (r op r)} on one register: decided for every op but JSET on a range holding 0
     * (6.18.y, backport of "Skip bounds adjustment for conditional jumps on same scalar register").
     * When this says UNKNOWN the kernel explores both sides without refining anything.
     */
    public static Outcome isBranchTakenSameRegister(JumpOp op, boolean is32, Scalar a) {
        switch (op) {
            case JGE:
            case JLE:
            case JSGE:
            case JSLE:
            case JEQ:
                return Outcome.TAKEN;
            case JGT:
            case JLT:
            case JSGT:
            case JSLT:
            case JNE:
                return Outcome.NOT_TAKEN;
            case JSET: {
                Tnum t = is32 ? a.varOff().subreg() : a.varOff();
                long smin = is32 ? a.s32Min() : a.smin();
                long smax = is32 ? a.s32Max() : a.smax();
                if (t.isConst()) {
                    return t.value() != 0 ? Outcome.TAKEN : Outcome.NOT_TAKEN;
                }
                return smin <= 0 && smax >= 0 ? Outcome.UNKNOWN : Outcome.TAKEN;
            }
            default:
                return Outcome.UNKNOWN;
        }
    }

    /**
     * The refined pair {@code {a, b}} on the jump ({@code taken}) or fall-through side, or
     * {@code null} when that side is dead (the refinement is sound, so an empty range means no
     * concrete pair gets there). Pruning dead sides is the rule of kernels after 6.18; see
     * {@link #refineSide} for what 6.18 itself does.
     */
    public static Scalar[] refine(JumpOp op, boolean is32, Scalar a, Scalar b, boolean taken) {
        return refineSide(op, is32, a, b, taken).orNull();
    }

    /**
     * One side of {@code reg_set_min_max}: {@code regs_refine_cond_op} with the jump's condition
     * (taken) or its negation (fall-through), then {@code reg_bounds_sync} of both registers.
     *
     * <p>The registers are returned exactly as the kernel holds them, even when {@link Side#dead()}.
     * Kernel 6.18 does not prune such a side: it goes on with those registers. Often the
     * single-value rule has made them (bogus) constants; otherwise {@code reg_bounds_sanity_check}
     * logs {@code verifier bug: REG INVARIANTS VIOLATION} and resets the ill-formed register's ranges
     * (apply {@link Scalar#sanitized()} to mimic that). Later kernels
     * ({@code simulate_both_branches_taken}) treat such a side as dead.
     */
    public static Side refineSide(JumpOp op, boolean is32, Scalar a, Scalar b, boolean taken) {
        Bounds r1 = new Bounds(a);
        Bounds r2 = new Bounds(b);
        Refine.condOp(r1, r2, taken ? Refine.Cond.of(op) : Refine.Cond.of(op).negate(), is32);
        r1.sync();
        r2.sync();
        return new Side(r1.freeze(), r2.freeze(), r1.sawEmpty || r2.sawEmpty);
    }

    /**
     * The branch decision with later kernels' dead-branch detection: {@link #isBranchTaken}, and when
     * that is undecided, a side whose refinement is {@linkplain Side#dead() dead} is ruled out. Not
     * what 6.18 does; offered for comparison.
     */
    public static Outcome isBranchTakenWithRefinement(JumpOp op, boolean is32, Scalar a, Scalar b) {
        Outcome o = isBranchTaken(op, is32, a, b);
        if (o != Outcome.UNKNOWN) {
            return o;
        }
        if (refineSide(op, is32, a, b, false).dead()) {
            return Outcome.TAKEN;
        }
        if (refineSide(op, is32, a, b, true).dead()) {
            return Outcome.NOT_TAKEN;
        }
        return Outcome.UNKNOWN;
    }

    /** The concrete outcome of {@code x op y}, the ISA's semantics (for monitors and tests). */
    public static boolean evaluate(JumpOp op, boolean is32, long x, long y) {
        if (is32) {
            x = (int) x;
            y = (int) y;
        }
        long ux = is32 ? x & Bounds.LOW32 : x;
        long uy = is32 ? y & Bounds.LOW32 : y;
        switch (op) {
            case JEQ:
                return x == y;
            case JNE:
                return x != y;
            case JSET:
                return (ux & uy) != 0;
            case JGT:
                return Long.compareUnsigned(ux, uy) > 0;
            case JGE:
                return Long.compareUnsigned(ux, uy) >= 0;
            case JLT:
                return Long.compareUnsigned(ux, uy) < 0;
            case JLE:
                return Long.compareUnsigned(ux, uy) <= 0;
            case JSGT:
                return x > y;
            case JSGE:
                return x >= y;
            case JSLT:
                return x < y;
            case JSLE:
                return x <= y;
            default:
                throw new IllegalArgumentException(op.name());
        }
    }
}
