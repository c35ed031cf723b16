package dev.kptrviz.session;

import dev.kptrviz.runtime.HeapObject;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.Value;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import dev.kptrviz.session.OwnershipGraph.RefEntry;
import dev.kptrviz.session.OwnershipGraph.Root;
import dev.kptrviz.verifier.State;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One side of a {@link Comparison} at one position, reduced to what differs between two sets of rules: where
 * the session stands (and why it stopped), the verifier's kind for every pointer, its reference table, and the
 * concrete behaviour (registers, objects with refcounts and memberships, collections, findings, return value).
 * Each fact is a key (the {@link OwnershipGraph.Changes} key of the element where one exists, e.g. {@code ptr
 * 0:r7}, {@code object#1}, {@code root groot}) and a short printable value, so two sides diff as two maps.
 *
 * <p>Reference ids are numbered by each verifier run on its own, so they are never compared: a pointer's
 * reference and a table entry are named by the instruction that acquired them ({@code ref@13}).
 *
 * @param abstractKinds null when the verifier's state is not followed on this side (refused at load, stopped)
 * @param refs          null likewise; else "ref@PC" keys to "held (object #N)"
 * @param refIds        "ref@PC" to this side's ref id, to name the table row in the view
 */
record SideFacts(Session.Status status, long position, int pc, boolean refusedAtLoad, String rejection,
                 Map<String, String> abstractKinds, Map<String, String> refs, Map<String, Integer> refIds,
                 Map<String, String> runtime) {

    static SideFacts of(Session s) {
        Lockstep pair = s.pair();
        Machine m = pair.machine;
        State abs = pair.abstractState();
        Session.Status status = s.status();
        String rejection = status == Session.Status.REJECTED ? s.rejection().map(d -> d.message()).orElse("rejected")
                : null;
        OwnershipGraph g = Snapshots.build(m, abs, s.position(), "", null, List.of(), List.of());
        Map<String, String> kinds = null;
        Map<String, String> refs = null;
        Map<String, Integer> refIds = new HashMap<>();
        if (abs != null) {
            Map<Integer, Integer> acquiredAt = new HashMap<>();
            refs = new TreeMap<>();
            for (RefEntry r : g.refs()) {
                acquiredAt.put(r.id(), r.acquiredPc());
                String key = "ref@" + r.acquiredPc();
                refs.merge(key, r.objectId() == null ? "held" : "held (object #" + r.objectId() + ")",
                        (a, b) -> a + ", " + b);
                refIds.put(key, r.id());
            }
            kinds = new TreeMap<>();
            for (Pointer p : g.pointers()) {
                Integer at = p.refId() == null ? null : acquiredAt.get(p.refId());
                kinds.put(pointerKey(p), kindText(p.abstractKind()) + (at == null ? "" : " (ref from insn " + at + ")"));
            }
        }
        return new SideFacts(status, s.position(), m.pc(), pair.follower == null && status == Session.Status.REJECTED,
                rejection, kinds, refs, refIds, runtime(m, g, status));
    }

    static String pointerKey(Pointer p) {
        return "ptr " + p.frame() + ":" + p.slot();
    }

    /** The graph's words for the verifier's kinds, as a person reads them. */
    static String kindText(String kind) {
        return switch (kind) {
            case "owning" -> "owning";
            case "non_owning" -> "non-owning";
            case "maybe_null" -> "owning, maybe NULL";
            case "invalidated" -> "invalidated (scalar)";
            default -> "untracked";
        };
    }

    private static Map<String, String> runtime(Machine m, OwnershipGraph g, Session.Status status) {
        Map<String, String> out = new TreeMap<>();
        if (m.frame(0) != null) {
            for (int d = 0; d <= m.depth(); d++) {
                for (int r = 0; r < 10; r++) {
                    out.put("ptr " + d + ":r" + r, value(m.register(d, r)));
                }
            }
        }
        for (ObjectNode o : g.objects()) {
            String owners = o.owners().stream().map(w -> w.root() + (w.stale() ? " (stale)" : ""))
                    .collect(Collectors.joining(", "));
            out.put("object#" + o.id(), (o.freed() ? "freed" : "live")
                    + (o.refcount() == null ? ", no refcount" : ", refcount " + o.refcount())
                    + (owners.isEmpty() ? ", in no collection" : ", in " + owners));
            // one fact per field: a layout that differs (6.3 sees bpf_refcount as plain data) differs once
            o.fields().forEach((f, v) -> out.put("object#" + o.id() + " ." + f, Long.toString(v)));
        }
        for (Root r : g.roots()) {
            out.put("root " + r.name(), r.members().isEmpty() ? "empty"
                    : r.members().stream().map(id -> "#" + id).collect(Collectors.joining(", ")));
        }
        List<String> findings = new ArrayList<>();
        m.findings().forEach(f -> findings.add(f.kind() + " at insn " + f.insn()));
        if (!findings.isEmpty()) {
            out.put("findings", String.join("; ", findings));
        }
        if (status == Session.Status.RUNNING || status == Session.Status.REJECTED) {
            out.put("next", "insn " + m.pc());
        }
        if (status == Session.Status.EXITED) {
            out.put("return", "returns " + m.result().retval());
        } else if (status == Session.Status.HALTED || status == Session.Status.STEP_LIMIT) {
            out.put("return", status.name().toLowerCase().replace('_', ' '));
        }
        return out;
    }

    /** A register's concrete value: a heap pointer as {@code #1+16}, other pointers by name, scalars signed. */
    private static String value(Value v) {
        if (v.target() instanceof HeapObject o) {
            return "&#" + o.id() + (v.offset() == 0 ? "" : "+" + v.offset());
        }
        return v.target() == null ? Long.toString(v.bits()) : "&" + v.target().name()
                + (v.offset() == 0 ? "" : "+" + v.offset());
    }

    /** Key to "left value|right value" for every key whose values differ (a missing value is "none"). */
    static Map<String, String[]> diff(Map<String, String> a, Map<String, String> b) {
        Map<String, String[]> out = new TreeMap<>();
        if (a == null || b == null) {
            return out;
        }
        for (String k : union(a, b)) {
            String x = a.getOrDefault(k, "none");
            String y = b.getOrDefault(k, "none");
            if (!x.equals(y)) {
                out.put(k, new String[] {x, y});
            }
        }
        return out;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return List.copyOf(keys.keySet());
    }
}
