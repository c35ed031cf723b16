package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * The stepping debugger: one {@link SessionController} and the views it feeds after every move: the step
 * bar (controls and timeline), the ownership graph, the register and reference panel, the listing's current
 * line and the status bar. Keyboard: F7 step, F8 step over, Shift+F7 step back, F9 run to the next
 * breakpoint (set in the listing's margin or the Breakpoints tab), Shift+F9 reverse run to the previous one.
 */
final class Stepping {
    private final ListingView listing;
    private final StatusBar status;
    private final SessionController controller = new SessionController(this::moved, this::failed);
    private final StepBar bar = new StepBar(controller);
    private final GraphView graph = new GraphView();
    private final StatePanel state = new StatePanel();
    private final BreakpointsPane breakpoints = new BreakpointsPane(controller);
    private final SplitPane pane;
    private BpfObject object;
    private Program program;
    /** False while a session is being (re)opened: the listing keeps its scroll position then. */
    private boolean reveal = true;

    Stepping(ListingView listing, StatusBar status) {
        this.listing = listing;
        this.status = status;
        listing.setOnBreakpoints(controller::setBreakpoints);
        listing.setOnLineBreakpoint(controller.breakpointSet()::toggleLine);
        listing.setRegisters(name -> controller.current()
                .flatMap(p -> p.regs().stream().filter(r -> r.name().equals(name)).findFirst()));
        controller.breakpointSet().onChange(() -> {
            listing.showBreakpoints(controller.breakpoints(), controller.breakpointSet().lines());
            bar.showMarks(controller.marks());
        });
        pane = new SplitPane(graph.node(), state.node());
        pane.setOrientation(Orientation.VERTICAL);
        pane.setDividerPositions(0.60);
        pane.setId("steppingPane");
        SplitPane.setResizableWithParent(state.node(), false);
    }

    /** The graph above the state panel. */
    Node view() {
        return pane;
    }

    Node bar() {
        return bar.node();
    }

    /** The Breakpoints tab's content. */
    BreakpointsPane breakpointsPane() {
        return breakpoints;
    }

    SessionController controller() {
        return controller;
    }

    GraphView graph() {
        return graph;
    }

    /** Opens a session on {@code shown} under {@code sem} at its first instruction (or the same position). */
    void open(BpfObject obj, Program shown, Semantics sem) {
        object = obj;
        program = shown;
        quietly(() -> controller.open(obj, shown, sem));
    }

    /** The rules changed: re-run the session, keeping the position where it can. */
    void rulesChanged(Semantics sem) {
        if (object != null) {
            quietly(() -> controller.open(object, program, sem));
        }
    }

    private void quietly(Runnable r) {
        reveal = false;
        try {
            r.run();
        } finally {
            reveal = true;
        }
    }

    void installShortcuts(Scene scene) {
        var keys = scene.getAccelerators();
        keys.put(new KeyCodeCombination(KeyCode.F7), controller::step);
        keys.put(new KeyCodeCombination(KeyCode.F7, KeyCombination.SHIFT_DOWN), controller::stepBack);
        keys.put(new KeyCodeCombination(KeyCode.F8), controller::stepOver);
        keys.put(new KeyCodeCombination(KeyCode.F9), controller::runForward);
        keys.put(new KeyCodeCombination(KeyCode.F9, KeyCombination.SHIFT_DOWN), controller::reverseRun);
    }

    private void moved(SessionController.Position p) {
        listing.showExecuting(p.pc(), reveal);
        graph.show(p.graph());
        state.show(p.regs(), p.graph());
        bar.show(p);
        bar.showMarks(controller.marks());
        controller.stopReason().ifPresent(bar::showStop);
        Integer line = p.graph().line();
        status.showStep("step " + p.position() + "  ·  pc " + p.pc() + (line == null ? "" : "  ·  line " + line)
                + "  ·  " + p.graph().insn() + controller.stopReason().map(r -> "  ·  " + r).orElse(""));
    }

    private void failed(String message) {
        graph.clear(message);
        state.clear();
        bar.show(null);
        status.showStep("no session");
    }
}
