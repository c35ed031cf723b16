package dev.kptrviz.runtime;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Examples;

import java.util.List;

/** Shorthands for the runtime tests: a machine for a bundled example, its findings' kinds. */
final class Runs {
    private Runs() {
    }

    static Machine machine(String program, RunOptions options) {
        try {
            // the example's object file (one object may hold several programs)
            String file = Examples.byProgram(program).map(e -> e.objectFile()).orElse(program + ".o");
            return Machine.of(Examples.load(file), program, options);
        } catch (LoadException e) {
            throw new AssertionError(e);
        }
    }

    static Machine machine(String program) {
        return machine(program, RunOptions.defaults());
    }

    static Machine machine(String program, Semantics sem) {
        return machine(program, RunOptions.defaults().withSemantics(sem));
    }

    static List<FindingKind> kinds(RunResult r) {
        return r.findings().stream().map(Finding::kind).toList();
    }

    static Finding first(RunResult r, FindingKind k) {
        return r.findings().stream().filter(f -> f.kind() == k).findFirst()
                .orElseThrow(() -> new AssertionError("no " + k + " in " + r.findings()));
    }
}
