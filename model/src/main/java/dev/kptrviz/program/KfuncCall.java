package dev.kptrviz.program;

/** A call to a kernel function, resolved from the relocation against its {@code __ksym} extern. */
public record KfuncCall(String name, int externBtfId) {
}
