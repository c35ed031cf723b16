package dev.kptrviz.tour;

import java.util.List;

/** What {@link TourResolver} makes of a tour: every stop resolved, or the problems found (all of them). */
public sealed interface Resolution {
    record Resolved(Tour tour, List<ResolvedStop> stops) implements Resolution {
        public Resolved {
            stops = List.copyOf(stops);
        }
    }

    /** Each problem reads {@code FILE: stop N: 'FIELD': REASON}, like a {@link TourLoadException}. */
    record Failed(Tour tour, List<String> problems) implements Resolution {
        public Failed {
            problems = List.copyOf(problems);
        }
    }
}
