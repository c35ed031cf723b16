package dev.kptrviz.session;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over the whole corpus and every preset: an accepted program runs to its exit in lockstep with no
 * monitor alarm and the abstract side following to the end; a rejected one stops at the verifier's
 * message when its concrete path reaches the failing instruction.
 */
class SessionExamplesTest {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Example e : Examples.all()) {
            for (Semantics s : List.of(Semantics.V6_3, Semantics.V6_4, Semantics.CURRENT)) {
                out.add(Arguments.of(e.objectFile(), e.program(), s));
            }
        }
        return out.stream();
    }

    /** Run to the end, then back to 0 and forward again: every snapshot equals the one seen on the way. */
    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("cases")
    void timeTravelReproducesEverySnapshot(String file, String program, Semantics sem) {
        Session s = Sessions.open(file, program, sem);
        s.continueAnyway();
        List<OwnershipGraph> forward = new ArrayList<>();
        forward.add(s.snapshot());
        while (s.position() < 3000 && s.step()) {
            forward.add(s.snapshot());
        }
        long end = s.position();
        // backwards, one step at a time (every step for short runs, a stride for long ones)
        long stride = Math.max(1, end / 200);
        for (long n = end; n >= 0; n -= stride) {
            s.seek(n);
            assertEquals(n, s.position());
            assertEquals(forward.get((int) n), s.snapshot(), "snapshot at " + n + " after seeking back");
        }
        s.seek(0);
        assertEquals(forward.get(0), s.snapshot());
        for (int n = 1; n <= end; n++) {
            assertTrue(s.stepForward());
            assertEquals(forward.get(n), s.snapshot(), "snapshot at " + n + " stepping forward again");
        }
        if (end > 0) {
            assertTrue(s.stepBack());
            assertEquals(forward.get((int) end - 1), s.snapshot());
        }
    }

    /** Records rebuilt by replay (from checkpoints) equal the ones built live, step by step. */
    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("cases")
    void replayedRecordsEqualLiveOnes(String file, String program, Semantics sem) {
        Session s = Sessions.open(file, program, sem);
        s.continueAnyway();
        List<StepRecord> live = new ArrayList<>();
        while (s.position() < 3000 && s.step()) {
            live.add(s.record(s.position()));
        }
        assertEquals(live, s.records());
        s.seek(0);
        assertEquals(live, s.records());
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("cases")
    void acceptedProgramsRunWithoutAlarms(String file, String program, Semantics sem) {
        Session s = Sessions.open(file, program, sem);
        s.runToEnd();
        if (s.verdict().accepted()) {
            assertEquals(Session.Status.EXITED, s.status(), () -> "status; rejection " + s.rejection());
            // The monitor once caught the 6.3 rbtree_remove rule claiming ownership of other objects;
            // no accepted example may raise an alarm under any preset.
            assertTrue(s.alarms().isEmpty(), () -> s.alarms().toString());
            assertEquals("exited", s.record(s.position()).abstractOutcome());
            assertTrue(s.rejection().isEmpty());
        } else if (s.status() == Session.Status.REJECTED) {
            assertTrue(s.rejection().isPresent());
            assertTrue(s.alarms().isEmpty(), () -> s.alarms().toString());
        }
    }
}
