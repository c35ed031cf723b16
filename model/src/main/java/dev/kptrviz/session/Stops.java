package dev.kptrviz.session;

import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.runtime.Machine;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Where the debugger stops for a list of breakpoints: the next stop (F9), the previous one (Shift+F9), and
 * every stop in the recording (the timeline's marks).
 *
 * <p>Decision: breakpoints stop where a source debugger's would. An instruction breakpoint stops
 * <em>before</em> its instruction runs (at the position whose next pc is it), so the user sees what is about
 * to happen; a line breakpoint is the instructions that begin a block of that line in program order (where
 * the line table starts it, as gdb places line breakpoints), so coming back into the middle of a line after a
 * call or callback does not stop again; an event breakpoint stops <em>after</em> the step that produced the
 * event, so its effect is on screen. A register condition is tested on the top frame where the run stops.
 * Candidates come from the compact trace (next pc and event mask per position); only a conditional
 * candidate makes the session seek.
 */
final class Stops {
    private final Session session;
    private final Trace trace;
    /** Per instruction slot: its C line (-1: none), and whether a block of that line begins there. */
    private final int[] lineOf;
    private final boolean[] blockStart;

    Stops(Session session, Trace trace) {
        this.session = session;
        this.trace = trace;
        Program p = session.program();
        lineOf = new int[p.size()];
        blockStart = new boolean[p.size()];
        int previous = -1;
        for (int pc = 0; pc < p.size(); pc++) {
            lineOf[pc] = p.lineAt(pc).map(SourceLine::line).orElse(-1);
            if (p.insns().get(pc).slots() == 0) {
                continue; // second half of an ld_imm64: never executed on its own
            }
            if (p.functionStartingAt(pc).isPresent()) {
                previous = -1;
            }
            blockStart[pc] = lineOf[pc] >= 0 && lineOf[pc] != previous;
            previous = lineOf[pc];
        }
    }

    /** The instructions where a breakpoint on C line {@code line} stops (before they run), in program order. */
    List<Integer> lineStarts(int line) {
        return IntStream.range(0, blockStart.length)
                .filter(pc -> blockStart[pc] && lineOf[pc] == line).boxed().toList();
    }

    /** True for the breakpoints placed before an instruction (instruction, line), false for event ones. */
    static boolean before(Breakpoint b) {
        return !(b.location() instanceof Breakpoint.OnEvent);
    }

    /** Whether {@code b}'s location (not its condition) holds at {@code position} (0..recorded). */
    boolean at(Breakpoint b, long position) {
        Breakpoint where = b.location();
        if (where instanceof Breakpoint.AtInsn a) {
            return trace.nextPc(position) == a.pc();
        }
        if (where instanceof Breakpoint.AtLine l) {
            int pc = trace.nextPc(position);
            return pc >= 0 && pc < blockStart.length && blockStart[pc] && lineOf[pc] == l.line();
        }
        Breakpoint.OnEvent e = (Breakpoint.OnEvent) where;
        return position >= 1 && (trace.mask(position) & 1 << e.kind().ordinal()) != 0;
    }

    boolean anyAt(List<Breakpoint> bps, long position) {
        for (Breakpoint b : bps) {
            if (at(b, position)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every register condition of {@code b} holds now (the session stands where it would stop). */
    boolean conditionHolds(Breakpoint b) {
        Machine m = session.machine();
        for (Breakpoint x = b; x instanceof Breakpoint.When w; x = w.inner()) {
            long v;
            try {
                v = m.register(m.depth(), w.reg()).bits();
            } catch (RuntimeException e) {
                return false; // no frame to read (the run has ended in a way that left none)
            }
            if (!w.op().test(v, w.value())) {
                return false;
            }
        }
        return true;
    }

    /** The first breakpoint that stops the session where it stands, or null. */
    private Breakpoint hitHere(List<Breakpoint> bps) {
        long here = session.position();
        for (Breakpoint b : bps) {
            if (at(b, here) && conditionHolds(b)) {
                return b;
            }
        }
        return null;
    }

    /**
     * Moves to the next position after the current one where a breakpoint stops (returned), stepping live
     * beyond the recording; when none comes, to where the run could not go further (the end, the verifier's
     * rejection, the step limit) and null.
     */
    Stop forward(List<Breakpoint> bps) {
        long s = session.position();
        while (true) {
            long next = s + 1;
            if (next <= trace.size() && !anyAt(bps, next)) {
                s = next; // nothing can stop there: no need to replay it
                continue;
            }
            session.seek(next);
            if (session.position() != next) {
                session.seek(s);
                return null;
            }
            s = next;
            Breakpoint hit = hitHere(bps);
            if (hit != null) {
                return stop(s, hit);
            }
        }
    }

    /** Moves to the latest position before the current one where a breakpoint stops (returned), or to 0 (null). */
    Stop backward(List<Breakpoint> bps) {
        for (long s = session.position() - 1; s >= 0; s--) {
            if (anyAt(bps, s)) {
                session.seek(s);
                Breakpoint hit = hitHere(bps);
                if (hit != null) {
                    return stop(s, hit);
                }
            }
        }
        session.seek(0);
        return null;
    }

    Stop stop(long position, Breakpoint b) {
        return new Stop(position, b, "breakpoint: " + b.label() + " at step " + position);
    }
}
