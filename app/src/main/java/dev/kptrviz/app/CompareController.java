package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.session.Comparison;
import dev.kptrviz.session.Difference;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;
import dev.kptrviz.session.StepRecord;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Verdict;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The compare window's one handle on the model (beside {@link SessionController} and {@link Analysis}, the only
 * class that drives it): opens a {@link Comparison} of the shown program under two rule sets, moves both sides
 * together, and after every move hands the view one {@link View}. The differences are the model's; nothing here
 * decides what differs.
 */
final class CompareController {
    /** One side at the shared position, in the app's words; {@code frame}: the frame its registers show. */
    record Side(Semantics rules, boolean accepted, String verdictText, SessionController.Status status,
                long position, OwnershipGraph graph, List<SessionController.RegRow> regs, String stop,
                String stopExplanation, boolean refusedAtLoad, List<String> marked, int frame) {
    }

    /**
     * What the compare view draws: the shared position, both sides, the instruction just run and the next one
     * (of the side that got furthest), the first difference, the one that starts here (or null), all of them.
     */
    record View(long position, long recorded, Side left, Side right, int lastPc, String lastInsn, Integer lastLine,
                String lastSource, int nextPc, String nextInsn, Difference first, Difference here,
                List<Difference> differences, boolean truncated) {
    }

    private final Consumer<View> onMove;
    private final Consumer<String> onFailure;
    private Comparison comparison;
    private View current;

    CompareController(Consumer<View> onMove, Consumer<String> onFailure) {
        this.onMove = onMove;
        this.onFailure = onFailure;
    }

    /** Opens the comparison and scans it for differences; keeps the position when only the rules changed. */
    void open(BpfObject obj, Program program, Semantics left, Semantics right) {
        long keep = comparison != null && comparison.left().program() == program ? comparison.position() : 0;
        comparison = null;
        current = null;
        try {
            Comparison c = Comparison.open(obj, program, left, right, SessionInputs.defaults());
            c.differences();
            c.seek(keep);
            comparison = c;
        } catch (RuntimeException | StackOverflowError e) {
            onFailure.accept("The comparison could not start: " + describe(e));
            return;
        }
        publish();
    }

    Optional<View> current() {
        return Optional.ofNullable(current);
    }

    boolean step() {
        return move(() -> comparison.step());
    }

    boolean stepBack() {
        return move(() -> comparison.stepBack());
    }

    boolean restart() {
        return seek(0);
    }

    boolean seek(long n) {
        return move(() -> comparison.seek(n));
    }

    /** Both sides to where the first difference shows (nothing to do when they agree, or it is off the path). */
    boolean goToFirstDifference() {
        return move(() -> comparison.firstDifference().ifPresent(comparison::goTo));
    }

    /** Both sides to the next place they part after the current position; to the end when there is none. */
    boolean runToNextDifference() {
        return move(() -> {
            long at = comparison.position();
            Optional<Difference> next = comparison.differences().stream()
                    .filter(d -> d.scope() != Difference.Scope.ELSEWHERE && d.position() > at).findFirst();
            if (next.isPresent()) {
                comparison.goTo(next.get());
            } else {
                comparison.seek(Long.MAX_VALUE);
            }
        });
    }

    private boolean move(Runnable m) {
        if (comparison == null) {
            return false;
        }
        long before = comparison.position();
        try {
            m.run();
        } catch (RuntimeException | StackOverflowError e) {
            onFailure.accept("The comparison failed at step " + before + ": " + describe(e));
            return false;
        }
        publish();
        return comparison.position() != before;
    }

    private void publish() {
        Comparison c = comparison;
        long pos = c.position();
        Difference here = c.differenceHere().orElse(null);
        Side l = side(c, c.left(), here == null ? List.of() : here.leftKeys());
        Side r = side(c, c.right(), here == null ? List.of() : here.rightKeys());
        Session ahead = c.right().position() >= c.left().position() ? c.right() : c.left();
        int lastPc = pos == 0 ? -1 : ahead.record(pos).pc();
        int nextPc = ahead.snapshot().pc();
        Program p = ahead.program();
        current = new View(pos, c.recorded(), l, r, lastPc, lastPc < 0 ? "" : ahead.insnText(lastPc),
                lastPc < 0 ? null : ahead.line(lastPc),
                lastPc < 0 ? null : p.lineAt(lastPc).map(SourceLine::text).orElse(null), nextPc,
                ahead.status() == Session.Status.RUNNING || ahead.status() == Session.Status.REJECTED
                        ? ahead.insnText(nextPc) : "", c.firstDifference().orElse(null), here, c.differences(),
                c.truncated());
        onMove.accept(current);
    }

    private static Side side(Comparison c, Session s, List<String> marked) {
        Verdict v = s.verdict();
        long pos = s.position();
        StepRecord last = pos == 0 ? null : s.record(pos);
        boolean atLoad = c.refusedAtLoad(s);
        String stop = null;
        String why = null;
        if (s.status() == Session.Status.REJECTED) {
            Diagnostic d = s.rejection().orElse(null);
            stop = (atLoad ? "Refused at load: " : "Refuses insn " + s.snapshot().pc() + ": ")
                    + (d == null ? "rejected" : d.message());
            why = d == null ? null : d.explanation();
        }
        String verdict = v.accepted() ? "accepted" : "rejected" + v.error().map(d -> atLoad ? " at load"
                : " at insn " + d.insn()).orElse("");
        return new Side(s.semantics(), v.accepted(), verdict, SessionController.Status.valueOf(s.status().name()), pos,
                s.snapshot(), SessionController.registers(s, last), stop, why, atLoad, marked, s.machine().depth());
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
