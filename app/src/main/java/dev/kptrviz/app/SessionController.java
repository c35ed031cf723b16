package dev.kptrviz.app;

import dev.kptrviz.export.MarkdownExport;
import dev.kptrviz.export.TraceJson;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.RegisterRow;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;
import dev.kptrviz.session.StepRecord;

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
                    List<RegRow> regs, String rejection) {
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
    /** The instructions to stop at (before they execute), kept across sessions of the same program. */
    private final Set<Integer> breakpoints = new TreeSet<>();

    SessionController(Consumer<Position> onMove, Consumer<String> onFailure) {
        this.onMove = onMove;
        this.onFailure = onFailure;
    }

    /** Opens a session on {@code shown}; when it is the program already open, keeps the position if it can. */
    void open(BpfObject obj, Program shown, Semantics sem) {
        long keep = shown == program && session != null ? session.position() : 0;
        session = null;
        current = null;
        program = shown;
        fileName = obj.fileName();
        try {
            session = Session.open(obj, shown, sem, SessionInputs.defaults());
            breakpoints.forEach(pc -> session.addBreakpoint(new Breakpoint.AtInsn(pc)));
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

    /** The instructions to stop at; the open session gets them as {@link Breakpoint.AtInsn}. */
    void setBreakpoints(Set<Integer> pcs) {
        breakpoints.clear();
        breakpoints.addAll(pcs);
        if (session != null) {
            session.clearBreakpoints();
            breakpoints.forEach(pc -> session.addBreakpoint(new Breakpoint.AtInsn(pc)));
        }
    }

    Set<Integer> breakpoints() {
        return Set.copyOf(breakpoints);
    }

    /**
     * F9: runs until a breakpoint's instruction is the next one, the rejection, or the end. The session stops
     * after a breakpoint's instruction ran, so the run goes one step back from there.
     */
    boolean runForward() {
        return move(() -> {
            if (session.step() && session.runToBreakpoint() != null) {
                session.stepBack();
            }
            return true;
        });
    }

    /** Shift+F9: runs backwards until a breakpoint's instruction is the next one, or to the start. */
    boolean reverseRun() {
        return move(() -> {
            long pos = session.position();
            if (pos > 0 && breakpoints.contains(session.record(pos).pc())) {
                session.stepBack();
            } else if (session.reverseRunToBreakpoint() != null) {
                session.stepBack();
            }
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
        current = new Position(pos, session.recorded(), Status.valueOf(session.status().name()), session.snapshot(), last, registers(),
                rejection);
        onMove.accept(current);
    }

    /** r0..r10 of the machine's current frame beside the followed abstract state (the model's rows). */
    private List<RegRow> registers() {
        return RegisterRow.current(session).stream()
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
