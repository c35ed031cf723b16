package dev.kptrviz.runtime.event;

import java.util.List;

/**
 * One executed instruction: its index {@code pc} in frame {@code depth}, the instruction the
 * machine goes to next, and every change it made, in the order made.
 *
 * @param step   1-based count of instructions executed by this machine
 * @param run    1-based run number (a machine can run its program repeatedly)
 */
public record StepEvent(long step, int run, int pc, int depth, int nextPc, List<Change> changes) {
}
