package dev.kptrviz.session;

import java.util.AbstractList;
import java.util.List;

/**
 * The read-only views of a {@link Session}: instruction text and C lines, the ownership graph at the
 * current position with its change set against the previous position (kept until the position moves),
 * and the step records, rebuilt on demand by replaying their block from a checkpoint (cached).
 */
final class SessionViews {
    private final Session session;
    final ProgramText text;
    private OwnershipGraph prevGraph;
    private OwnershipGraph curGraph;
    /** The record of the step just taken, once built. */
    private StepRecord current;
    /** Records rebuilt by replay, most recent blocks only. */
    private final RecordCache cache = new RecordCache();

    SessionViews(Session session) {
        this.session = session;
        this.text = new ProgramText(session.program());
    }

    /** One step forward was taken: the current graph becomes the previous one. */
    void stepped() {
        prevGraph = curGraph;
        curGraph = null;
        current = null;
    }

    /** The position jumped: neither graph holds any more. */
    void jumped() {
        prevGraph = null;
        curGraph = null;
        current = null;
    }

    OwnershipGraph snapshot() {
        if (curGraph != null) {
            return curGraph;
        }
        long n = session.position();
        if (prevGraph == null && n > 0) {
            session.seek(n - 1);
            OwnershipGraph before = raw();
            session.step();
            prevGraph = before;
        }
        OwnershipGraph g = raw();
        curGraph = g.withChanges(Snapshots.diff(n == 0 ? null : prevGraph, g));
        return curGraph;
    }

    private OwnershipGraph raw() {
        long n = session.position();
        Lockstep pair = session.pair();
        int pc = pair.machine.pc();
        // the diagnostic shows once the rejected instruction ran, or while the session is stopped before it
        long at = session.rejectedAt();
        List<String> diags = session.rejection()
                .filter(r -> n > at || n == at && !session.anyway())
                .map(r -> List.of(r.message())).orElse(List.of());
        List<String> as = session.alarms().stream().filter(a -> a.step() <= n).map(Alarm::toString).toList();
        return Snapshots.build(pair.machine, pair.abstractState(), n, text.insnText(pc), text.line(pc), diags, as);
    }

    /** See {@link Session#record}. */
    StepRecord record(long n) {
        long size = session.recorded();
        if (n < 1 || n > size) {
            throw new IndexOutOfBoundsException("step " + n + " of " + size);
        }
        Lockstep pair = session.pair();
        if (n == pair.position && pair.detailed) {
            if (current == null) {
                current = build(pair);
            }
            return current;
        }
        StepRecord r = cache.get(n);
        if (r == null) {
            materialize(n);
            r = cache.get(n);
        }
        return r;
    }

    private StepRecord build(Lockstep pair) {
        return Records.build(pair, session.rejectedAt(), session.rejection().orElse(null),
                text.line(pair.lastEvent().pc()));
    }

    /** Replays the block of steps from {@code n} with full recording into the cache, then comes back. */
    private void materialize(long n) {
        Lockstep pair = session.pair();
        long back = pair.position;
        OwnershipGraph prev = prevGraph;
        OwnershipGraph cur = curGraph;
        session.seek(n - 1);
        long end = Math.min(session.recorded(), n + RecordCache.BLOCK - 1);
        while (pair.position < end) {
            pair.advance(true, false);
            cache.put(pair.position, build(pair));
        }
        session.seek(back);
        prevGraph = prev;
        curGraph = cur;
    }

    /** Runs {@code moves} (which may seek anywhere in the recording), then comes back with the graphs kept. */
    void preserving(Runnable moves) {
        long back = session.position();
        OwnershipGraph prev = prevGraph;
        OwnershipGraph cur = curGraph;
        moves.run();
        session.seek(back);
        prevGraph = prev;
        curGraph = cur;
    }

    /** Every recorded step, as a read-only list whose elements are built on access. */
    List<StepRecord> records() {
        long size = session.recorded();
        return new AbstractList<>() {
            @Override
            public StepRecord get(int i) {
                return session.record(i + 1L);
            }

            @Override
            public int size() {
                return (int) size;
            }
        };
    }
}
