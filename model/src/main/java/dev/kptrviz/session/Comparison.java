package dev.kptrviz.session;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.session.Difference.Category;
import dev.kptrviz.session.Difference.Scope;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One program under two sets of rules, side by side: two lockstep {@link Session}s on the same program and
 * inputs, moved together, and where they part.
 *
 * <p>Both concrete machines run the same code from the same inputs, so until something differs they are at the
 * same instruction after the same number of steps, and position n of one side is position n of the other. A
 * side stops where its verifier refuses the next instruction (or the whole program at load); the other goes on,
 * and moving to a later position leaves the stopped side where it stopped. The scan that finds the differences
 * ({@link #differences()}) walks both from position 0 and compares, at every position, the facts of
 * {@link SideFacts}: whether a side refuses (and with which message), the verifier's kind of every pointer, its
 * reference table, and the concrete behaviour. A fact that keeps differing is reported where it starts, so the
 * list marks where rules part, not every step after. The scan ends where a side stops or the concrete paths part
 * (different next instruction: positions would no longer correspond).
 *
 * <p>Decision (the motivating example, 6.3 against 6.4): the honest first difference is at program load, not at
 * the {@code bpf_rbtree_add} call. Under 6.3 the model, like the 6.3 kernel, refuses the program BTF before any
 * instruction (a struct with both a bpf_list_node and a bpf_rb_node is EINVAL, and bpf_refcount_acquire does not
 * exist yet), so the 6.3 side never executes an instruction and there is no step at which the two could be
 * compared. The old "non-owning after push, rbtree_add wants owning" refusal belongs to programs that pass one
 * pointer to both inserts (nonowning_to_rbtree_add, push_twice); the motivating example passes the second
 * reference from bpf_refcount_acquire, which is exactly what 6.3 cannot express. Such a refusal is a
 * {@link Scope#LOAD} difference (position 0, pc -1) and is the first difference. When the verdicts differ but the
 * concrete run never meets the refusing instruction, a {@link Scope#ELSEWHERE} difference names it last.
 */
public final class Comparison {
    /** The scan compares at most this many positions. */
    public static final long SCAN_LIMIT = 200_000;
    /** At most this many differences are kept (the first one always). */
    public static final int MAX_DIFFERENCES = 200;

    private final Session left;
    private final Session right;
    private List<Difference> differences;
    private boolean truncated;

    private Comparison(Session left, Session right) {
        this.left = left;
        this.right = right;
    }

    /** Opens both sides at position 0; the scan runs on first use of {@link #differences()}. */
    public static Comparison open(BpfObject obj, Program program, Semantics leftRules, Semantics rightRules,
                                  SessionInputs inputs) {
        return new Comparison(Session.open(obj, program, leftRules, inputs),
                Session.open(obj, program, rightRules, inputs));
    }

    public Session left() {
        return left;
    }

    public Session right() {
        return right;
    }

    /** True when {@code side} (left or right) refused the program before its first instruction (BTF, kfunc). */
    public boolean refusedAtLoad(Session side) {
        if (side != left && side != right) {
            throw new IllegalArgumentException("not a side of this comparison");
        }
        return side.pair().follower == null && side.rejectedAt() == 0;
    }

    // ---- moving both ----

    /** The shared position: the furthest of the two (a stopped side stays where it stopped). */
    public long position() {
        return Math.max(left.position(), right.position());
    }

    /** How far the furthest side has ever run. */
    public long recorded() {
        return Math.max(left.recorded(), right.recorded());
    }

    /** One instruction on each side that can still run; false when neither moved. */
    public boolean step() {
        long n = position() + 1;
        seek(n);
        return position() == n;
    }

    public boolean stepBack() {
        long n = position();
        if (n == 0) {
            return false;
        }
        seek(n - 1);
        return true;
    }

    /** Both sides to position {@code n}, each clamped to where it can go. */
    public void seek(long n) {
        left.seek(n);
        right.seek(n);
    }

    /** Moves both sides to where {@code d} shows (nothing for a difference off the run's path). */
    public void goTo(Difference d) {
        if (d.scope() != Scope.ELSEWHERE) {
            seek(d.position());
        }
    }

    // ---- where they part ----

    public Optional<Difference> firstDifference() {
        List<Difference> all = differences();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every place the two sides part, in run order (at most {@link #MAX_DIFFERENCES}); empty when they agree. */
    public List<Difference> differences() {
        if (differences == null) {
            long back = position();
            differences = List.copyOf(scan());
            seek(back);
        }
        return differences;
    }

    /** True when the scan stopped at {@link #SCAN_LIMIT} or {@link #MAX_DIFFERENCES} before the end. */
    public boolean truncated() {
        differences();
        return truncated;
    }

    /** The difference shown at the current position, if one starts here. */
    public Optional<Difference> differenceHere() {
        long at = position();
        return differences().stream().filter(d -> d.scope() != Scope.ELSEWHERE && d.position() == at).findFirst();
    }

    private List<Difference> scan() {
        List<Difference> out = new ArrayList<>();
        seek(0);
        Map<String, Entry> prev = Map.of();
        SideFacts a = SideFacts.of(left);
        SideFacts b = SideFacts.of(right);
        boolean atLoad = a.refusedAtLoad() || b.refusedAtLoad();
        if (atLoad) {
            record(out, prev, a, b, Scope.LOAD, -1);
        }
        long n = 0;
        while (!atLoad) {
            if (n >= SCAN_LIMIT || out.size() >= MAX_DIFFERENCES) {
                truncated = true;
                break;
            }
            int pc = a.pc();
            boolean movedLeft = left.step();
            boolean movedRight = right.step();
            if (movedLeft != movedRight) {
                // one side refuses (or cannot run) the instruction the other just ran: compare before it
                (movedLeft ? left : right).stepBack();
                record(out, prev, SideFacts.of(left), SideFacts.of(right), Scope.STEP, pc);
                break;
            }
            if (!movedLeft) {
                record(out, prev, SideFacts.of(left), SideFacts.of(right), Scope.STEP, pc);
                break;
            }
            n++;
            a = SideFacts.of(left);
            b = SideFacts.of(right);
            prev = record(out, prev, a, b, Scope.STEP, pc);
            if (a.status() != Session.Status.RUNNING || b.status() != Session.Status.RUNNING || a.pc() != b.pc()) {
                break; // ended, or the paths part: positions no longer correspond
            }
        }
        if (out.stream().noneMatch(d -> d.category() == Category.VERDICT || d.category() == Category.DIAGNOSTIC)) {
            elsewhere().ifPresent(out::add);
        }
        // record the rest of each run, so a timeline reaches the end of the side that goes furthest
        left.run(SCAN_LIMIT);
        right.run(SCAN_LIMIT);
        return out;
    }

    /** One differing fact: its category and each side's value. */
    private record Entry(Category category, String key, String left, String right) {
    }

    /**
     * Compares the two sides at their (common) position and records a difference when a fact differs that did
     * not differ, or differed otherwise, at the previous position; returns the differing facts.
     */
    private Map<String, Entry> record(List<Difference> out, Map<String, Entry> prev, SideFacts a, SideFacts b,
                                      Scope scope, int stepPc) {
        Map<String, Entry> now = new LinkedHashMap<>();
        if ((a.rejection() == null) != (b.rejection() == null)) {
            now.put("verdict", new Entry(Category.VERDICT, "verdict", a.rejection(), b.rejection()));
        } else if (a.rejection() != null && !a.rejection().equals(b.rejection())) {
            now.put("verdict", new Entry(Category.DIAGNOSTIC, "verdict", a.rejection(), b.rejection()));
        }
        SideFacts.diff(a.abstractKinds(), b.abstractKinds()).forEach((k, v) ->
                now.put("kind " + k, new Entry(Category.REFERENCE_KIND, k, v[0], v[1])));
        SideFacts.diff(a.refs(), b.refs()).forEach((k, v) ->
                now.put("refs " + k, new Entry(Category.REFERENCES, k, v[0], v[1])));
        SideFacts.diff(a.runtime(), b.runtime()).forEach((k, v) ->
                now.put("runtime " + k, new Entry(Category.RUNTIME, k, v[0], v[1])));
        // fresh: not differing before with these values, nor a copy of a pair that already differed (r7 = r0)
        java.util.Set<List<Object>> before = new java.util.HashSet<>();
        prev.values().forEach(e -> before.add(List.of(e.category(), String.valueOf(e.left()),
                String.valueOf(e.right()))));
        List<Entry> fresh = now.entrySet().stream().filter(e -> !e.getValue().equals(prev.get(e.getKey())))
                .map(Map.Entry::getValue).filter(e -> !before.contains(List.of(e.category(),
                        String.valueOf(e.left()), String.valueOf(e.right())))).toList();
        if (!fresh.isEmpty()) {
            out.add(describe(fresh, a, b, scope, stepPc));
        }
        return now;
    }

    private Difference describe(List<Entry> fresh, SideFacts a, SideFacts b, Scope scope, int stepPc) {
        Category top = fresh.stream().map(Entry::category).min(Enum::compareTo).orElseThrow();
        List<Entry> shown = fresh.stream().filter(e -> e.category() == top).toList();
        boolean stop = top == Category.VERDICT || top == Category.DIAGNOSTIC;
        // a refusal is about the next instruction; any other difference about the one just executed
        int pc = scope == Scope.LOAD ? -1 : stop ? a.pc() : stepPc;
        long position = scope == Scope.LOAD ? 0 : a.position();
        String l = left.semantics().label();
        String r = right.semantics().label();
        String insn = pc < 0 ? "program load" : left.insnText(pc);
        Integer line = pc < 0 ? null : left.line(pc);
        String lText;
        String rText;
        String summary;
        if (stop) {
            lText = refusal(a, scope);
            rText = refusal(b, scope);
            Session refusing = a.rejection() != null ? left : right;
            String why = refusing.rejection().map(Diagnostic::explanation).filter(Objects::nonNull).orElse("");
            String place = scope == Scope.LOAD ? "the program before its first instruction" : "`" + insn + "`"
                    + (line == null ? "" : " (line " + line + ")");
            if (top == Category.DIAGNOSTIC) {
                summary = "Both " + l + " and " + r + " refuse " + place + ", with different messages.";
            } else {
                String other = a.rejection() != null ? r : l;
                String refuser = a.rejection() != null ? l : r;
                summary = "Under " + refuser + (scope == Scope.LOAD ? " the program is refused at load, before its "
                        + "first instruction. " : " the verifier refuses " + place + ". ") + (why.isEmpty() ? ""
                        : why + (why.endsWith(".") ? " " : ". ")) + "Under " + other + (scope == Scope.LOAD
                        ? " the program loads and runs." : " it accepts this instruction and the run goes on.");
            }
        } else {
            lText = facts(shown, true);
            rText = facts(shown, false);
            String what = switch (top) {
                case REFERENCE_KIND -> "the verifier's view of the pointers differs";
                case REFERENCES -> "the references the program must release differ";
                default -> "the runs behave differently";
            };
            summary = "After `" + insn + "`" + (line == null ? "" : " (line " + line + ")") + " " + what + ": under "
                    + l + " " + lText + "; under " + r + " " + rText + ".";
        }
        return new Difference(scope, position, pc, line, insn, top, lText, rText, summary, keys(fresh, a),
                keys(fresh, b));
    }

    private static String refusal(SideFacts s, Scope scope) {
        if (s.rejection() == null) {
            return scope == Scope.LOAD ? "loads and runs" : "accepts it and goes on";
        }
        return (scope == Scope.LOAD ? "refused at load: " : "refuses it: ") + s.rejection();
    }

    /** Up to three differing facts of one side, in words ("r7 non-owning; #1 refcount 2 ..."). */
    private static String facts(List<Entry> shown, boolean leftSide) {
        List<String> parts = new ArrayList<>();
        for (Entry e : shown) {
            if (parts.size() == 3) {
                parts.add("and " + (shown.size() - 3) + " more");
                break;
            }
            String v = leftSide ? e.left() : e.right();
            String value;
            if (e.category() == Category.REFERENCES) {
                value = v.equals("none") ? " released" : " " + v;
            } else if (v.equals("none")) {
                value = e.category() == Category.REFERENCE_KIND ? " untracked"
                        : e.key().contains(" .") ? " (no such field)" : " none";
            } else {
                value = (e.category() == Category.RUNTIME && (e.key().startsWith("ptr ") || e.key().contains(" ."))
                        ? " = " : " ") + v;
            }
            parts.add(name(e) + value);
        }
        return String.join("; ", parts);
    }

    /** A fact key as a person says it: {@code ptr 0:r7} → r7, {@code object#1} → #1, {@code ref@13} → the ref from insn 13. */
    private static String name(Entry e) {
        String k = e.key();
        if (k.startsWith("ptr ")) {
            String slot = k.substring(4);
            String reg = slot.startsWith("0:") ? slot.substring(2) : "frame " + slot.replace(":", " ");
            return e.category() == Category.REFERENCE_KIND ? reg + " is" : reg;
        }
        if (k.startsWith("object#")) {
            return k.contains(" .") ? "#" + k.substring(7).replace(" .", ".") : "#" + k.substring(7) + " is";
        }
        if (k.startsWith("root ")) {
            return k.substring(5) + " holds";
        }
        if (k.startsWith("ref@")) {
            return "the reference from insn " + k.substring(4);
        }
        return switch (k) {
            case "return" -> "the run";
            case "next" -> "the next instruction is";
            default -> k;
        };
    }

    /** The graph keys of one side's differing elements (references by that side's own id). */
    private static List<String> keys(List<Entry> fresh, SideFacts s) {
        List<String> out = new ArrayList<>();
        for (Entry e : fresh) {
            String k = e.key();
            if (k.startsWith("ref@")) {
                Integer id = s.refIds().get(k);
                if (id != null) {
                    out.add("ref " + id);
                }
            } else if (k.startsWith("ptr ") || k.startsWith("object#") || k.startsWith("root ")) {
                String element = k.startsWith("object#") && k.contains(" .") ? k.substring(0, k.indexOf(" .")) : k;
                if (!out.contains(element)) {
                    out.add(element);
                }
            }
        }
        return out;
    }

    /** The verdicts differ although the run never met the refusal: name the refusing instruction. */
    private Optional<Difference> elsewhere() {
        Verdict vl = left.verdict();
        Verdict vr = right.verdict();
        String ml = vl.error().map(Diagnostic::message).orElse(null);
        String mr = vr.error().map(Diagnostic::message).orElse(null);
        if (vl.accepted() == vr.accepted() && Objects.equals(ml, mr)) {
            return Optional.empty();
        }
        Diagnostic d = (vl.accepted() ? vr : vl).error().orElse(null);
        if (d == null) {
            return Optional.empty();
        }
        Category c = vl.accepted() != vr.accepted() ? Category.VERDICT : Category.DIAGNOSTIC;
        String l = left.semantics().label();
        String r = right.semantics().label();
        String lText = vl.accepted() ? "accepts the program" : "refuses insn " + d.insn() + ": " + ml;
        String rText = vr.accepted() ? "accepts the program" : "refuses insn " + vr.error().get().insn() + ": " + mr;
        Integer line = left.line(d.insn());
        String summary = "The verdicts differ on a path this run does not take: under " + l + " the verifier "
                + lText + "; under " + r + " it " + rText + ".";
        return Optional.of(new Difference(Scope.ELSEWHERE, -1, d.insn(), line, left.insnText(d.insn()), c, lText,
                rText, summary, List.of(), List.of()));
    }
}
