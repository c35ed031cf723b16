package dev.kptrviz.session;

/** A register a step wrote: frame depth, register number, concrete value as text and bits, abstract state. */
public record RegWrite(int frame, int reg, long bits, String concrete, String abstractState) {
}
