package dev.kptrviz.app;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.runtime.HeapReport;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.RunOptions;
import dev.kptrviz.runtime.RunResult;
import dev.kptrviz.tour.Resolution;
import dev.kptrviz.tour.Tour;
import dev.kptrviz.tour.TourResolver;
import dev.kptrviz.verifier.Verdict;
import dev.kptrviz.verifier.Verifier;

/**
 * The questions the window asks the model about a program under one set of rules: what
 * does the verifier say (with its log at level 2), and what happens when it runs; and where a
 * guided tour's stops are. The answers are the model's; nothing here interprets them.
 */
final class Analysis {
    /** The kernel's richest log: every instruction with the register state after it. */
    static final int LOG_LEVEL = 2;

    /** One run in the emulator: its result, the heap it left, and whether the verifier had refused it. */
    record Run(Semantics semantics, RunResult result, HeapReport heap, boolean anyway) {
    }

    private Analysis() {
    }

    static Verdict verify(BpfObject object, Program program, Semantics semantics) {
        return Verifier.verify(object, program, semantics, LOG_LEVEL);
    }

    /** Resolves every stop of a tour to a session position (running each stop's program), or lists the problems. */
    static Resolution resolveTour(Tour tour) {
        return TourResolver.resolve(tour);
    }

    /** Runs the program once on a fresh machine with these rules, as {@code kptrviz run} does. */
    static Run run(BpfObject object, Program program, Semantics semantics, boolean anyway) {
        Machine machine = new Machine(object, program, RunOptions.defaults().withSemantics(semantics));
        RunResult result = machine.run();
        return new Run(semantics, result, HeapReport.of(machine), anyway);
    }
}
