package dev.kptrviz.verifier;

import java.util.List;

/** Thrown inside the verifier when a rule fails: the kernel's lines and our explanation. */
final class VerifyError extends Exception {
    final List<String> kernelLines;
    final String explanation;

    VerifyError(String explanation, String... kernelLines) {
        super(String.join(" || ", kernelLines), null, false, false);
        this.kernelLines = List.of(kernelLines);
        this.explanation = explanation;
    }
}
