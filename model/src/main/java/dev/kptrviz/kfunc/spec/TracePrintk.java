package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.HelperSpec;
import dev.kptrviz.kfunc.RuntimeOps;

import java.nio.charset.StandardCharsets;

/** Helper 6 {@code bpf_trace_printk}: the formatted text is captured instead of going to trace_pipe. */
public final class TracePrintk implements HelperSpec {
    @Override
    public int helperId() {
        return 6;
    }

    @Override
    public String explain() {
        return "Formats up to three arguments with a printf-style format (%d %i %u %x %c %s %p, with l/ll) and "
                + "writes the line to the trace buffer; returns its length, or -EINVAL for a bad format.";
    }

    @Override
    public void execute(RuntimeOps ops) {
        long size = ops.scalarArg(2);
        if (size <= 0 || size > 4096) {
            ops.returnScalar(-RuntimeOps.EINVAL);
            return;
        }
        byte[] fmt = ops.readBytes(1, (int) size);
        if (fmt == null) {
            return;
        }
        if (fmt[fmt.length - 1] != 0) {
            ops.returnScalar(-RuntimeOps.EINVAL);
            return;
        }
        int end = 0;
        while (fmt[end] != 0) {
            end++;
        }
        String text = format(ops, new String(fmt, 0, end, StandardCharsets.ISO_8859_1));
        if (text == null) {
            ops.returnScalar(-RuntimeOps.EINVAL);
            return;
        }
        ops.printk(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        ops.returnScalar(text.length());
    }

    /** printf with the kernel's bprintf subset; null when the format is one the kernel refuses. */
    static String format(RuntimeOps ops, String fmt) {
        StringBuilder out = new StringBuilder();
        int arg = 3;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            int start = i++;
            if (i < fmt.length() && fmt.charAt(i) == '%') {
                out.append('%');
                continue;
            }
            while (i < fmt.length() && "-+ 0#".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            while (i < fmt.length() && (Character.isDigit(fmt.charAt(i)) || fmt.charAt(i) == '.')) {
                i++;
            }
            int longs = 0;
            while (i < fmt.length() && fmt.charAt(i) == 'l') {
                longs++;
                i++;
            }
            if (i >= fmt.length() || arg > 5 || longs > 2) {
                return null;
            }
            char conv = fmt.charAt(i);
            String spec = fmt.substring(start, i + 1).replace("l", "");
            long v = ops.scalarArg(arg++);
            try {
                if (!append(ops, out, conv, spec, longs, v)) {
                    return null;
                }
            } catch (java.util.IllegalFormatException e) {
                return null;
            }
        }
        return out.toString();
    }

    private static boolean append(RuntimeOps ops, StringBuilder out, char conv, String spec, int longs, long v) {
        switch (conv) {
            case 'd', 'i' -> out.append(String.format(spec.replace('i', 'd'), longs == 0 ? (long) (int) v : v));
            case 'u' -> out.append(String.format(spec.replace('u', 's'),
                    longs == 0 ? Long.toString(v & 0xffffffffL) : Long.toUnsignedString(v)));
            case 'x', 'X' -> out.append(String.format(spec, longs == 0 ? v & 0xffffffffL : v));
            case 'c' -> out.append((char) (v & 0xff));
            case 'p' -> out.append(String.format("%016x", v));
            case 's' -> {
                String s = ops.readCString(v);
                out.append(s == null ? "(efault)" : s);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
