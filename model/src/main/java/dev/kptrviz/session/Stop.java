package dev.kptrviz.session;

/**
 * Where a debugger run stopped at a breakpoint: the position (as the step bar counts: after that many
 * instructions), the breakpoint that stopped it, and the reason in words, e.g.
 * {@code breakpoint: insert failed at step 29}.
 */
public record Stop(long position, Breakpoint breakpoint, String reason) {
}
