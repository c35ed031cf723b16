package dev.kptrviz.tour;

import dev.kptrviz.kfunc.Semantics;

import java.util.List;

/**
 * One stop of a tour: which program under which kernel rules, where the session stops, which elements of the
 * ownership graph (keys as {@link dev.kptrviz.session.OwnershipGraph.Changes} names them) or of the listing
 * ({@code insn N}, {@code line N}) to highlight, and what the teacher says there.
 */
public record TourStop(String title, String text, ExampleRef example, Semantics semantics, StopTarget target,
                       List<String> highlight) {
    public TourStop {
        highlight = List.copyOf(highlight);
    }
}
