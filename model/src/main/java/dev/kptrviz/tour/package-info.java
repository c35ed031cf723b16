/**
 * Guided tours: a teacher's JSON file (see docs/tours.md) naming, stop by stop, an example, the kernel rules, a
 * position in the lockstep session and the graph elements to look at, with a short text. Decision: a tour names
 * positions by what happens there ("runTo" an event, a line, the verifier's error) rather than only by step
 * numbers, and {@link dev.kptrviz.tour.TourResolver} turns each into a concrete step by running the session, so a
 * tour breaks loudly (a list of problems naming the stop and field) instead of silently pointing at the wrong
 * step when an example or the model changes. The package sits on top of the session, beside the CLI.
 */
package dev.kptrviz.tour;
