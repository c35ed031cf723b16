package dev.kptrviz.verifier;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;

import dev.kptrviz.program.Listing;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;

import java.util.stream.Collectors;

/**
 * The verifier log in the kernel's text format: at level 1 every processed instruction with
 * its C line; at level 2 also the registers each instruction changed and the held references
 * ({@code 13: (85) call ... ; R0=ptr_node(ref_obj_id=3) refs=2,3}), and the state at the start
 * of each explored branch ({@code from 6 to 38: R0=1 ...}).
 */
final class VerifierLog {
    private static final int STATE_COLUMN = 38;
    private final Env env;
    private final Program p;
    private SourceLine lastLine;
    /** Built once: the names the disassembler needs, for every logged instruction. */
    private final dev.kptrviz.isa.Disassembler.Names names;

    VerifierLog(Env env) {
        this.env = env;
        this.p = env.program;
        this.names = Listing.names(p);
    }

    boolean on() {
        return env.logLevel > 0;
    }

    void branchStart(State s, int from) {
        if (env.logLevel < 2) {
            return;
        }
        String st = state(s, true);
        env.log.append('\n').append("from ").append(from).append(" to ").append(s.insn).append(": ")
                .append(st).append('\n').append(s.insn).append(": ").append(st).append('\n');
        lastLine = null;
    }

    /** The state at the program's entry, as the kernel prints it first. */
    void start(State s) {
        if (env.logLevel >= 2) {
            env.log.append(s.insn).append(": ").append(state(s, true)).append('\n');
        }
    }

    void before(int idx) {
        SourceLine l = p.lineAt(idx).orElse(null);
        // like the kernel, one C line is printed once even if several line_info records repeat it
        if (l != null && p.lines().startsAt(idx) && (lastLine == null || !l.text().equals(lastLine.text())
                || !l.location().equals(lastLine.location()))) {
            env.log.append("; ").append(l.text().strip()).append(" @ ").append(l.location()).append('\n');
            lastLine = l;
        }
        String text = idx + ": " + dev.kptrviz.isa.Disassembler.formatWithOpcode(p.insns().get(idx), idx, names);
        env.log.append(text);
    }

    /**
     * The state after an instruction, kernel style: the registers the instruction touched
     * ("scratched": read or written; for calls R0, or every register when a callback was pushed).
     */
    void after(int scratched, State s, boolean exit, boolean separateLine) {
        if (env.logLevel >= 2 && !s.frames.isEmpty() && !exit) {
            StringBuilder b = new StringBuilder();
            Frame f = s.cur();
            if (f.frameNo > 0) {
                b.append("frame").append(f.frameNo).append(": ");
            }
            for (int r = 0; r <= 10; r++) {
                if ((scratched & (1 << r)) != 0 && f.regs[r].type() != Reg.Type.NOT_INIT) {
                    b.append('R').append(r).append('=').append(f.regs[r].format()).append(' ');
                }
            }
            b.append(refs(s));
            if (f.callback) {
                b.append(" cb");
            }
            String st = b.toString().strip();
            if (separateLine) {
                // the kernel's precision marking interrupts the call line; the state follows as "N: ..."
                env.log.append('\n').append(s.insn).append(": ").append(st).append('\n');
                return;
            }
            int len = env.log.length() - env.log.lastIndexOf("\n") - 1;
            env.log.append(" ".repeat(Math.max(1, STATE_COLUMN - len))).append(st.isEmpty() ? ";" : "; " + st);
        }
        env.log.append('\n');
    }

    void error(Rejection e) {
        if (on()) {
            if (env.log.length() > 0 && env.log.charAt(env.log.length() - 1) != '\n') {
                env.log.append('\n'); // the failing instruction is printed without a state
            }
            e.kernelLines().forEach(l -> env.log.append(l).append('\n'));
        }
    }

    void summary(int processed, int states, int peak) {
        if (on()) {
            env.log.append("processed ").append(processed).append(" insns (limit ").append(Verifier.COMPLEXITY_LIMIT)
                    .append(") max_states_per_insn ").append(peak).append(" total_states ").append(states)
                    .append(" peak_states ").append(peak).append('\n');
        }
    }

    String state(State s, boolean all) {
        StringBuilder b = new StringBuilder();
        Frame f = s.cur();
        if (f.frameNo > 0) {
            b.append("frame").append(f.frameNo).append(": ");
        }
        for (int r = 0; r <= 10; r++) {
            if (f.regs[r].type() != Reg.Type.NOT_INIT) {
                b.append('R').append(r).append('=').append(f.regs[r].format()).append(' ');
            }
        }
        for (int i = f.spills.length - 1; i >= 0; i--) {
            if (f.slotTypes[i * 8] == Frame.SPILL && f.spills[i] != null) {
                b.append("fp").append(i * 8 - Frame.STACK_SIZE).append('=').append(f.spills[i].format()).append(' ');
            }
        }
        b.append(refs(s));
        if (f.callback) {
            b.append(" cb");
        }
        return b.toString().strip();
    }

    /**
     * {@code refs=2,4}: the acquired references; from 6.13 the held lock is an entry of the same
     * table and prints its id too when it has one (a lock inside an object carries the object's id).
     */
    private String refs(State s) {
        String ids = s.refs.stream().map(r -> String.valueOf(r.id())).collect(Collectors.joining(","));
        if (s.lock != null && s.lock.regId() != 0 && env.sem.resourceLeakWording()) {
            ids = ids.isEmpty() ? String.valueOf(s.lock.regId()) : ids + "," + s.lock.regId();
        }
        return ids.isEmpty() ? "" : "refs=" + ids;
    }
}
