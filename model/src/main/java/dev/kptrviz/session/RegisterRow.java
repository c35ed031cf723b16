package dev.kptrviz.session;

import dev.kptrviz.runtime.Machine;
import dev.kptrviz.verifier.State;

import java.util.ArrayList;
import java.util.List;

/**
 * One register of the current frame at a session's position: the machine's value beside the followed verifier
 * state for it ({@code "—"} where a side has none), and whether the step that led here wrote it. The app's
 * register panel and the Markdown export both show these rows.
 */
public record RegisterRow(String name, String concrete, String abstractState, boolean written) {

    /** r0..r10 of the machine's current frame at {@code s}'s position. */
    public static List<RegisterRow> current(Session s) {
        long pos = s.position();
        return of(s, pos == 0 ? null : s.record(pos));
    }

    /** The rows at {@code s}'s position, {@code last} being the step that led there (null at position 0). */
    public static List<RegisterRow> of(Session s, StepRecord last) {
        Machine m = s.machine();
        State abs = s.abstractState();
        int depth = m.depth();
        List<RegisterRow> rows = new ArrayList<>(11);
        for (int r = 0; r <= 10; r++) {
            String concrete;
            String a;
            try {
                concrete = m.register(depth, r).toString();
            } catch (RuntimeException e) {
                // a frame without that register yet (before the first instruction): nothing to show
                concrete = "—";
            }
            try {
                a = abs == null || depth >= abs.frames().size() ? "—" : abs.frames().get(depth).reg(r).format();
            } catch (RuntimeException e) {
                a = "—";
            }
            boolean written = false;
            if (last != null) {
                for (RegWrite w : last.regs()) {
                    written |= w.frame() == depth && w.reg() == r;
                }
            }
            rows.add(new RegisterRow("r" + r, concrete, a, written));
        }
        return List.copyOf(rows);
    }
}
