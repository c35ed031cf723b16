package dev.kptrviz.session;

import dev.kptrviz.session.TimelineMark.Category;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The timeline's marks over a session's recording, computed from the compact trace (one event mask per
 * step) without rebuilding step records: heap, collection and lock events, the verifier's rejection, runtime
 * findings and monitor alarms, and the positions where the breakpoints stop (see {@link Stops}). Decision:
 * at most {@link #MAX} marks, so drawing stays cheap on long recordings: above that, each category's marks
 * are merged into equal-width buckets of positions (a merged mark sits at its first position and counts the
 * rest). Register conditions need the machine at the position, so at most {@link #CONDITION_CHECKS}
 * conditional candidates are checked by replay; later ones are marked as unchecked candidates.
 */
final class TimelineMarks {
    static final int MAX = 2000;
    static final int CONDITION_CHECKS = 500;
    /** Per category, the event kinds it shows (DIAGNOSTIC is shown by the rejection mark instead). */
    private static final Map<Category, Integer> KINDS = new EnumMap<>(Category.class);

    static {
        KINDS.put(Category.PROBLEM, bits(EventKind.FINDING, EventKind.ALARM));
        KINDS.put(Category.HEAP, bits(EventKind.ALLOC, EventKind.FREE, EventKind.REFCOUNT));
        KINDS.put(Category.COLLECTION, bits(EventKind.INSERT_OK, EventKind.INSERT_FAILED, EventKind.REMOVE,
                EventKind.DRAINED));
        KINDS.put(Category.LOCK, bits(EventKind.LOCK, EventKind.UNLOCK, EventKind.NON_OWNING_INVALIDATED));
    }

    private TimelineMarks() {
    }

    private static int bits(EventKind... kinds) {
        int m = 0;
        for (EventKind k : kinds) {
            m |= 1 << k.ordinal();
        }
        return m;
    }

    /** A breakpoint stop found in the recording; {@code checked} false when its condition was not tested. */
    private record Hit(long position, Breakpoint breakpoint, boolean checked) {
    }

    static List<TimelineMark> of(Session session, Trace trace, Stops stops, List<Breakpoint> bps) {
        long n = trace.size();
        List<Hit> hits = hits(session, trace, stops, bps);
        long count = hits.size() + (session.rejectedAt() >= 0 ? 1 : 0);
        for (long s = 1; s <= n; s++) {
            int mask = trace.mask(s);
            if (mask != 0) {
                for (int kinds : KINDS.values()) {
                    count += (mask & kinds) != 0 ? 1 : 0;
                }
            }
        }
        int categories = Category.values().length;
        long width = count <= MAX ? 1 : (n + 1 + MAX / categories - 1) / (MAX / categories);
        Map<Category, Bucket> open = new EnumMap<>(Category.class);
        List<TimelineMark> out = new ArrayList<>();
        for (Category c : Category.values()) {
            open.put(c, new Bucket(c, width, session, trace, out));
        }
        long rejectAt = session.rejectedAt();
        int hit = 0;
        for (long s = 0; s <= n; s++) {
            if (s == rejectAt) {
                open.get(Category.PROBLEM).add(s, 0, null);
            }
            int mask = s == 0 ? 0 : trace.mask(s);
            if (mask != 0) {
                for (Map.Entry<Category, Integer> e : KINDS.entrySet()) {
                    if ((mask & e.getValue()) != 0) {
                        open.get(e.getKey()).add(s, mask & e.getValue(), null);
                    }
                }
            }
            for (; hit < hits.size() && hits.get(hit).position() == s; hit++) {
                open.get(Category.BREAKPOINT).add(s, 0, hits.get(hit));
            }
        }
        open.values().forEach(Bucket::close);
        out.sort(Comparator.comparingLong(TimelineMark::position).thenComparing(TimelineMark::category));
        return List.copyOf(out);
    }

    /** Every position of the recording where a breakpoint stops, in order (one per position). */
    private static List<Hit> hits(Session session, Trace trace, Stops stops, List<Breakpoint> bps) {
        List<Hit> hits = new ArrayList<>();
        if (bps.isEmpty()) {
            return hits;
        }
        List<Integer> toCheck = new ArrayList<>();
        for (long s = 0; s <= trace.size(); s++) {
            Breakpoint plain = null;
            Breakpoint conditional = null;
            for (Breakpoint b : bps) {
                if (stops.at(b, s)) {
                    if (b instanceof Breakpoint.When) {
                        conditional = conditional == null ? b : conditional;
                    } else {
                        plain = b;
                        break;
                    }
                }
            }
            if (plain != null) {
                hits.add(new Hit(s, plain, true));
            } else if (conditional != null) {
                if (toCheck.size() < CONDITION_CHECKS) {
                    toCheck.add(hits.size());
                }
                hits.add(new Hit(s, conditional, false));
            }
        }
        if (!toCheck.isEmpty()) {
            List<Hit> checked = new ArrayList<>(hits);
            session.preserving(() -> {
                for (int i : toCheck) {
                    Hit h = checked.get(i);
                    session.seek(h.position());
                    Breakpoint b = bps.stream().filter(x -> stops.at(x, h.position()) && stops.conditionHolds(x))
                            .findFirst().orElse(null);
                    checked.set(i, b == null ? null : new Hit(h.position(), b, true));
                }
            });
            hits = checked.stream().filter(h -> h != null).toList();
        }
        return hits;
    }

    /** The marks of one category being collected; consecutive positions within one bucket merge. */
    private static final class Bucket {
        private final Category category;
        private final long width;
        private final Session session;
        private final Trace trace;
        private final List<TimelineMark> out;
        private long index = -1;
        private long first;
        private long last;
        private int count;
        private int kinds;
        private Hit firstHit;

        Bucket(Category category, long width, Session session, Trace trace, List<TimelineMark> out) {
            this.category = category;
            this.width = width;
            this.session = session;
            this.trace = trace;
            this.out = out;
        }

        void add(long position, int kindMask, Hit hit) {
            if (position / width != index) {
                close();
                index = position / width;
                first = position;
                firstHit = hit;
                count = 0;
                kinds = 0;
            }
            last = position;
            count++;
            kinds |= kindMask;
        }

        void close() {
            if (count == 0) {
                return;
            }
            String what = describe(first, firstHit, kinds);
            String label = count == 1 ? "step " + first + ": " + what
                    : "steps " + first + "–" + last + ": " + count + " " + plural() + "; first at step " + first
                    + ": " + what;
            out.add(new TimelineMark(first, category, label));
            count = 0;
        }

        private String plural() {
            return switch (category) {
                case PROBLEM -> "problems";
                case HEAP -> "heap events";
                case COLLECTION -> "collection events";
                case LOCK -> "lock events";
                case BREAKPOINT -> "breakpoint stops";
            };
        }

        /** What happened at {@code position}: the event kinds and the instruction, the rejection, or a breakpoint. */
        private String describe(long position, Hit hit, int kindMask) {
            if (category == Category.BREAKPOINT) {
                return "breakpoint " + hit.breakpoint().label() + (hit.checked() ? "" : " (condition not checked)");
            }
            if (category == Category.PROBLEM && position == session.rejectedAt() && kindMask == 0) {
                return session.rejection().map(d -> "the verifier refuses insn " + d.insn() + ": " + d.message())
                        .orElse("the verifier refuses the program");
            }
            StringJoiner kinds = new StringJoiner(", ");
            for (EventKind k : EventKind.values()) {
                if ((kindMask & 1 << k.ordinal()) != 0) {
                    kinds.add(k.label());
                }
            }
            return kinds + " · " + session.insnText(trace.pc(position));
        }
    }
}
