package dev.kptrviz.app;

import dev.kptrviz.export.MarkdownExport;
import dev.kptrviz.export.TraceJson;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.RegisterRow;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;
import dev.kptrviz.session.StepRecord;
import dev.kptrviz.session.Stop;
import dev.kptrviz.session.TimelineMark;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The app's one handle on a lockstep {@link Session} (with {@link Analysis}, the only class that drives the
 * model): opens it for the shown program and rules, moves it, and after every move hands the views one
 * {@link Position} to draw. Nothing here interprets the model's answers.
 */
final class SessionController {
    /** One register of the current frame: the machine's value and the verifier's state for it. */
    record RegRow(String name, String concrete, String abstractState, boolean changed) {
    }

    /** Where the session stands, in the app's words (the views never see the model's session classes). */
    enum Status { RUNNING, REJECTED, EXITED, HALTED, STEP_LIMIT }

    /** What the views draw at one position. {@code last} is the step that led here (null at position 0). */
    record Position(long position, long recorded, Status status, OwnershipGraph graph, StepRecord last,
                    List<RegRow> regs, String rejection, boolean rejectedAtLoad) {
        /** The instruction that executes next. */
        int pc() {
            return graph.pc();
        }
    }

    private final Consumer<Position> onMove;
    private final Consumer<String> onFailure;
    private Session session;
    private Program program;
    /** The object file's name, for exports. */
    private String fileName;
    private Position current;
    /**
     * The breakpoints: instruction and C-line ones are kept across sessions of the same program, event ones
     * across programs too.
     */
    private final BreakpointSet breakpoints = new BreakpointSet();
    /** Why the last run stopped, when a breakpoint stopped it (cleared by any other move). */
    private String stopReason;
    /** The timeline's marks, computed for {@link #marksFor} (recorded steps, breakpoints). */
    private List<TimelineMark> marks = List.of();
    private Object marksFor;

    SessionController(Consumer<Position> onMove, Consumer<String> onFailure) {
        this.onMove = onMove;
        this.onFailure = onFailure;
        breakpoints.onChange(this::breakpointsChanged); // first, so later listeners see the session updated
    }

    /** Opens a session on {@code shown}; when it is the program already open, keeps the position if it can. */
    void open(BpfObject obj, Program shown, Semantics sem) {
        long keep = shown == program && session != null ? session.position() : 0;
        boolean other = shown != program;
        session = null;
        current = null;
        program = shown;
        fileName = obj.fileName();
        stopReason = null;
        marksFor = null;
        if (other) {
            breakpoints.dropLocations();
        }
        try {
            session = Session.open(obj, shown, sem, SessionInputs.defaults());
            breakpoints.all().forEach(session::addBreakpoint);
            if (keep > 0) {
                session.seek(keep);
            }
        } catch (RuntimeException | StackOverflowError e) {
            session = null;
            onFailure.accept("The lockstep session could not start: " + describe(e));
            return;
        }
        publish();
    }

    Optional<Position> current() {
        return Optional.ofNullable(current);
    }

    boolean isOpen() {
        return session != null;
    }

    /** F7: executes one instruction. */
    boolean step() {
        return move(() -> session.step());
    }

    /** Shift+F7: one instruction back in time. */
    boolean stepBack() {
        return move(() -> session.stepBack());
    }

    /** The instructions with a breakpoint, as the listing's margin toggles them (see {@link BreakpointSet}). */
    void setBreakpoints(Set<Integer> pcs) {
        breakpoints.setInstructions(pcs);
    }

    /** The instructions with a breakpoint (conditional or not). */
    Set<Integer> breakpoints() {
        return breakpoints.instructions();
    }

    /** Every breakpoint (instruction, C line, event, with conditions); changes reach the open session. */
    BreakpointSet breakpointSet() {
        return breakpoints;
    }

    /** Adds a breakpoint on C line {@code line}; an error text when no instruction of the program has that line. */
    Optional<String> addLine(int line) {
        if (session == null) {
            return Optional.of("no program is open");
        }
        if (session.lineStarts(line).isEmpty()) {
            return Optional.of("no instruction of " + program.name() + " comes from line " + line);
        }
        breakpoints.addLine(line);
        return Optional.empty();
    }

    /** The open session gets the breakpoints as they are now; the timeline's marks are stale. */
    private void breakpointsChanged() {
        if (session != null) {
            session.clearBreakpoints();
            breakpoints.all().forEach(session::addBreakpoint);
        }
        marksFor = null;
    }

    /** A breakpoint in words, with the instruction or C source it stops at: {@code insn 33 · call bpf_…}. */
    String describe(Breakpoint b) {
        String condition = b instanceof Breakpoint.When w ? "  when " + w.condition() : "";
        Breakpoint at = b.location();
        if (at instanceof Breakpoint.AtInsn a) {
            return "insn " + a.pc() + (session == null ? "" : " · " + session.insnText(a.pc())) + condition;
        }
        if (at instanceof Breakpoint.AtLine l) {
            List<Integer> starts = session == null ? List.of() : session.lineStarts(l.line());
            String text = starts.isEmpty() ? "no instructions" : program.lineAt(starts.get(0))
                    .map(SourceLine::text).map(String::strip).orElse("");
            return "line " + l.line() + " · " + text + condition;
        }
        return "event · " + ((Breakpoint.OnEvent) at).kind().label() + condition;
    }

    /** The timeline's marks over the recording (recomputed when it grew or the breakpoints changed). */
    List<TimelineMark> marks() {
        if (session == null) {
            return List.of();
        }
        Object key = List.of(session, session.recorded(), session.rejectedAt());
        if (!key.equals(marksFor)) {
            try {
                marks = session.marks();
            } catch (RuntimeException | StackOverflowError e) {
                marks = List.of(); // the timeline then shows no marks; stepping itself is unaffected
            }
            marksFor = key;
        }
        return marks;
    }

    /** Why the last run stopped, when a breakpoint stopped it: {@code breakpoint: insert failed at step 29}. */
    Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /**
     * F9: runs to the next breakpoint stop (before an instruction or a C line's block, after an event; see
     * {@link Session#runToStop}), the rejection, or the end.
     */
    boolean runForward() {
        return move(() -> {
            Stop stop = session.runToStop();
            stopReason = stop == null ? null : stop.reason();
            return true;
        });
    }

    /** Shift+F9: runs backwards to the previous breakpoint stop, or to the start. */
    boolean reverseRun() {
        return move(() -> {
            Stop stop = session.reverseToStop();
            stopReason = stop == null ? null : stop.reason();
            return true;
        });
    }

    /**
     * F8: one instruction, but a call that enters a frame (a bpf-to-bpf call, a kfunc whose callback runs) is
     * run until it returns to this frame (or the run stops).
     */
    boolean stepOver() {
        return move(() -> {
            int depth = session.machine().depth();
            if (!session.step()) {
                return false;
            }
            while (session.machine().depth() > depth && session.step()) {
                // inside the callee or the callback
            }
            return true;
        });
    }

    /** Back to position 0 (the recording is kept, so the timeline still reaches every recorded step). */
    boolean restart() {
        return seek(0);
    }

    /** Time travel to position {@code n}: replayed within the recording, stepped live beyond it. */
    boolean seek(long n) {
        return move(() -> {
            session.seek(n);
            return true;
        });
    }

    /** Lets the machine run the instruction the verifier refuses, and on. */
    void continueAnyway() {
        if (session != null) {
            session.continueAnyway();
            publish();
        }
    }

    private interface Move {
        boolean run();
    }

    private boolean move(Move m) {
        if (session == null) {
            return false;
        }
        long before = session.position();
        stopReason = null;
        try {
            m.run();
        } catch (RuntimeException | StackOverflowError e) {
            onFailure.accept("The session failed at step " + before + ": " + describe(e));
            return false;
        }
        publish();
        return session.position() != before;
    }

    private void publish() {
        long pos = session.position();
        StepRecord last = pos == 0 ? null : session.record(pos);
        String rejection = session.status() == Session.Status.REJECTED
                ? session.rejection().map(d -> d.message()).orElse("rejected") : null;
        // A refusal before verification (BTF, missing kfunc) names no instruction.
        boolean atLoad = rejection != null && session.rejection().map(d -> d.insn() < 0).orElse(false);
        current = new Position(pos, session.recorded(), Status.valueOf(session.status().name()), session.snapshot(), last,
                registers(session, last), rejection, atLoad);
        onMove.accept(current);
    }

    /** r0..r10 of the machine's current frame beside the followed abstract state (the model's rows). */
    static List<RegRow> registers(Session session, StepRecord last) {
        return RegisterRow.of(session, last).stream()
                .map(r -> new RegRow(r.name(), r.concrete(), r.abstractState(), r.written())).toList();
    }

    // ---- exports (File ▸ Export, Edit ▸ Copy state as Markdown) ----

    /** The state at the current position as Markdown, or empty without a session. */
    Optional<String> markdown() {
        return session == null ? Optional.empty() : Optional.of(MarkdownExport.of(session, fileName));
    }

    /**
     * The whole run as one JSON document: the session runs as far as it goes (to the end, or to the verifier's
     * rejection unless Run anyway was chosen), the document is taken there, and the session returns to where it
     * stood. Empty without a session; a failure of the model propagates (the caller explains it).
     */
    Optional<String> traceJson() {
        if (session == null) {
            return Optional.empty();
        }
        long back = session.position();
        try {
            session.runToEnd();
            return Optional.of(TraceJson.of(session, fileName));
        } finally {
            session.seek(back);
        }
    }

    /** The C line of {@code pc}, or null. */
    Integer line(int pc) {
        return session == null ? null : session.line(pc);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
