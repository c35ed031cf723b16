package dev.kptrviz.absint;

import java.util.List;

/** A verifier rule failed: the kernel's message lines and our one-line explanation. */
public final class Rejection extends Exception {
    private final List<String> kernelLines;
    private final String explanation;

    public Rejection(String explanation, String... kernelLines) {
        super(String.join(" || ", kernelLines), null, false, false);
        this.kernelLines = List.of(kernelLines);
        this.explanation = explanation;
    }

    public List<String> kernelLines() {
        return kernelLines;
    }

    public String explanation() {
        return explanation;
    }
}
