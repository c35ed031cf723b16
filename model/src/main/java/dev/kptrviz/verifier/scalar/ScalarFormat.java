package dev.kptrviz.verifier.scalar;

/**
 * The verifier log's spelling of a scalar register, as {@code print_reg_state} and
 * {@code print_scalar_ranges} in 6.18's {@code kernel/bpf/log.c} produce it:
 * <ul>
 *   <li>a constant prints as a signed number: decimal within [-32768, 32767], else {@code %#llx}
 *       of its 64 bits ({@code 5}, {@code -22}, {@code 0xfffffff4}, {@code -1} for all-ones);</li>
 *   <li>otherwise {@code scalar(...)} listing, in the order smin, smax, umin, umax, smin32, smax32,
 *       umin32, umax32, each bound that is not the type's extreme, then {@code var_off} unless the
 *       tnum is fully unknown;</li>
 *   <li>a later bound with the same value (and, for signed ones, the same sign) is folded into an
 *       earlier one of the same kind (min with min, max with max): {@code smin=umin=umin32=1};</li>
 *   <li>unsigned numbers print in decimal up to 65535, signed ones within [-32768, 32767], the rest in
 *       hex; a 32-bit signed bound printed in hex is its 32-bit pattern ({@code smin32=0x80000e00}).</li>
 * </ul>
 */
public final class ScalarFormat {
    private ScalarFormat() {
    }

    /** {@code 5}, {@code scalar()}, {@code scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))}. */
    public static String format(Scalar s) {
        return format(s, null);
    }

    /**
     * As {@link #format(Scalar)}, with leading attributes such as {@code id=3} or {@code id=3+8} (the
     * caller's spelling of the register id) placed first inside the parentheses; ignored for
     * constants, as the kernel does.
     */
    public static String format(Scalar s, String leadingAttrs) {
        if (s.varOff().isConst()) {
            return snum(s.varOff().value());
        }
        StringBuilder out = new StringBuilder("scalar(");
        String sep = "";
        if (leadingAttrs != null && !leadingAttrs.isEmpty()) {
            out.append(leadingAttrs);
            sep = ",";
        }
        sep = ranges(s, out, sep);
        if (!s.varOff().isUnknown()) {
            out.append(sep).append("var_off=").append(s.varOff());
        }
        return out.append(')').toString();
    }

    /** The comma-separated bounds exactly as {@code print_scalar_ranges} prints them (may be empty). */
    public static String ranges(Scalar s) {
        StringBuilder out = new StringBuilder();
        ranges(s, out, "");
        return out.toString();
    }

    private static String ranges(Scalar s, StringBuilder out, String sep) {
        String[] names = {"smin", "smax", "umin", "umax", "smin32", "smax32", "umin32", "umax32"};
        long[] vals = {
            s.smin(), s.smax(), s.umin(), s.umax(),
            snum32(s.s32Min()), snum32(s.s32Max()), s.u32MinUnsigned(), s.u32MaxUnsigned(),
        };
        boolean[] omit = {
            s.smin() == Long.MIN_VALUE, s.smax() == Long.MAX_VALUE, s.umin() == 0, s.umax() == -1L,
            s.s32Min() == Integer.MIN_VALUE, s.s32Max() == Integer.MAX_VALUE, s.u32Min() == 0, s.u32Max() == -1,
        };
        for (int i = 0; i < names.length; i++) {
            if (omit[i]) {
                continue;
            }
            boolean signed = names[i].charAt(0) == 's';
            boolean neg = signed && vals[i] < 0;
            out.append(sep).append(names[i]).append('=');
            sep = ",";
            for (int j = i + 2; j < names.length; j += 2) {
                if (omit[j] || vals[j] != vals[i]) {
                    continue;
                }
                // a negative signed bound is never folded with a non-negative value
                boolean negJ = names[j].charAt(0) == 's' && vals[j] < 0;
                if (negJ != neg) {
                    continue;
                }
                omit[j] = true;
                out.append(names[j]).append('=');
            }
            out.append(signed ? snum(vals[i]) : unum(vals[i]));
        }
        return sep;
    }

    /** A 32-bit signed bound as the printer stores it: sign-extended if decimal, else zero-extended. */
    private static long snum32(int v) {
        return isSnumDecimal(v) ? v : v & 0xffffffffL;
    }

    private static boolean isSnumDecimal(long v) {
        return v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
    }

    /** The kernel's {@code verbose_snum}. */
    public static String snum(long v) {
        return isSnumDecimal(v) ? Long.toString(v) : Tnum.hex(v);
    }

    /** The kernel's {@code verbose_unum}. */
    public static String unum(long v) {
        return Long.compareUnsigned(v, 0xffff) <= 0 ? Long.toString(v) : Tnum.hex(v);
    }
}
