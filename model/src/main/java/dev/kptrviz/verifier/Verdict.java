package dev.kptrviz.verifier;

import dev.kptrviz.kfunc.Semantics;

import java.util.List;
import java.util.Optional;

/**
 * The verifier's decision on one program: accepted or rejected, the diagnostics (the first is
 * the kernel's first error), statistics, and the log in the kernel's text format.
 */
public record Verdict(String program, Semantics semantics, boolean accepted, List<Diagnostic> diagnostics,
                      int insnsProcessed, int states, int peakStates, long timeMicros, String log) {

    public Optional<Diagnostic> error() {
        return diagnostics.isEmpty() ? Optional.empty() : Optional.of(diagnostics.get(0));
    }
}
