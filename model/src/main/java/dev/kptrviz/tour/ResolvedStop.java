package dev.kptrviz.tour;

import dev.kptrviz.session.OwnershipGraph;

import java.util.List;

/**
 * A stop turned into a concrete place: the program chosen ({@code program}, the first of the object when the
 * stop names none), the session position to seek to, the graph there, and the highlight split into graph keys,
 * instruction indexes and C lines (each checked to exist). {@code number} is 1-based.
 */
public record ResolvedStop(int number, TourStop stop, String program, long position, OwnershipGraph graph,
                           List<String> graphKeys, List<Integer> insns, List<Integer> lines) {
    public ResolvedStop {
        graphKeys = List.copyOf(graphKeys);
        insns = List.copyOf(insns);
        lines = List.copyOf(lines);
    }
}
