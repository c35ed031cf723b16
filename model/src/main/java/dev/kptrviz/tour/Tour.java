package dev.kptrviz.tour;

import java.util.List;

/**
 * A guided tour as loaded from its JSON file: a title, an optional description and its stops in order.
 * {@code source} names the file in messages ({@code shared-ownership.json}, or the path a teacher opened).
 */
public record Tour(String source, String title, String description, List<TourStop> stops) {
    public Tour {
        stops = List.copyOf(stops);
    }
}
