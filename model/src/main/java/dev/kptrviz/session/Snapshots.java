package dev.kptrviz.session;

import dev.kptrviz.absint.Reg;
import dev.kptrviz.kfunc.Ownership;
import dev.kptrviz.program.Program;
import dev.kptrviz.runtime.Collection;
import dev.kptrviz.runtime.Frame;
import dev.kptrviz.runtime.HeapObject;
import dev.kptrviz.runtime.HeapReport;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.MemoryObject;
import dev.kptrviz.runtime.Value;
import dev.kptrviz.session.OwnershipGraph.Changes;
import dev.kptrviz.session.OwnershipGraph.Lock;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Owner;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import dev.kptrviz.session.OwnershipGraph.RefEntry;
import dev.kptrviz.session.OwnershipGraph.Root;
import dev.kptrviz.session.OwnershipGraph.TreeLink;
import dev.kptrviz.verifier.RefState;
import dev.kptrviz.verifier.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds {@link OwnershipGraph}s from the machine and the followed abstract state (or from an abstract state
 * alone), and diffs two of them.
 */
final class Snapshots {
    private Snapshots() {
    }

    /** The graph without its change set; {@code abs} is null when the abstract side is not being followed. */
    static OwnershipGraph build(Machine m, State abs, long step, String insn, Integer line, List<String> diagnostics,
                                List<String> alarms) {
        HeapReport heap = HeapReport.of(m);
        List<ObjectNode> objects = new ArrayList<>();
        for (HeapReport.ObjectEntry o : heap.objects()) {
            List<Owner> owners = o.owners().stream().map(x -> new Owner(x.root(), x.kind(), x.field(), x.stale()))
                    .toList();
            objects.add(new ObjectNode(o.id(), o.type(), java.util.Collections.unmodifiableMap(o.fields()), o.refcount(), owners, o.freed()));
        }
        List<String> held = m.heldLocks();
        List<Root> roots = new ArrayList<>();
        for (Collection c : m.collections()) {
            String lockName = c.declaration().lockName();
            List<Integer> members = c.members().stream().map(n -> n.object().id()).toList();
            List<TreeLink> tree = new ArrayList<>();
            if (c.kind() == dev.kptrviz.program.CollectionRoot.Kind.RBTREE) {
                for (HeapReport.ObjectEntry o : heap.objects()) {
                    for (HeapReport.Membership ms : o.owners()) {
                        if (ms.root().equals(c.name()) && !ms.stale()) {
                            tree.add(new TreeLink(o.id(), ms.left(), ms.right(), ms.color()));
                        }
                    }
                }
            }
            roots.add(new Root(c.name(), c.kind() == dev.kptrviz.program.CollectionRoot.Kind.LIST ? "list" : "rbtree",
                    new Lock(lockName != null && held.contains(lockName), lockName), members, List.copyOf(tree)));
        }
        List<Pointer> pointers = pointers(m, abs);
        List<RefEntry> refs = new ArrayList<>();
        if (abs != null) {
            for (RefState r : abs.refs()) {
                refs.add(new RefEntry(r.id(), "owning", r.insn(), m.program().lineAt(r.insn())
                        .map(dev.kptrviz.program.SourceLine::line).orElse(null), objectOf(pointers, r.id())));
            }
        }
        Lock lock = new Lock(!held.isEmpty(), held.isEmpty() ? null : String.join(",", held));
        List<String> findings = m.findings().stream().map(f -> f.kind() + " at insn " + f.insn() + ": " + f.message())
                .toList();
        return new OwnershipGraph(step, m.pc(), insn, line, m.options().semantics().name(), List.copyOf(objects),
                List.copyOf(roots), pointers, List.copyOf(refs), lock, List.copyOf(diagnostics), findings,
                List.copyOf(alarms), Changes.NONE);
    }

    /**
     * The graph of the abstract side alone (no concrete state exists): the local kptrs in registers and
     * spilled slots of every frame, the reference table and the lock; no objects, roots or findings.
     */
    static OwnershipGraph abstractOnly(State abs, Program p, long step, int pc, String insn, Integer line,
                                       String semantics, List<String> diagnostics) {
        List<Pointer> pointers = new ArrayList<>();
        for (dev.kptrviz.verifier.Frame f : abs.frames()) {
            for (int r = 0; r < 10; r++) {
                addAbstract(pointers, f.frameNo(), "r" + r, f.reg(r));
            }
            for (int off = -8; off >= -Frame.STACK_SIZE; off -= 8) {
                addAbstract(pointers, f.frameNo(), "fp" + off, f.spillAt(off));
            }
        }
        List<RefEntry> refs = abs.refs().stream().map(r -> new RefEntry(r.id(), "owning", r.insn(),
                p.lineAt(r.insn()).map(dev.kptrviz.program.SourceLine::line).orElse(null), null)).toList();
        Lock lock = new Lock(abs.lock() != null, abs.lock() == null ? null : abs.lock().allocation());
        return new OwnershipGraph(step, pc, insn, line, semantics, List.of(), List.of(), List.copyOf(pointers), refs,
                lock, List.copyOf(diagnostics), List.of(), List.of(), Changes.NONE, true);
    }

    private static void addAbstract(List<Pointer> out, int frame, String slot, Reg a) {
        if (a == null || !a.isAllocObj()) {
            return;
        }
        String kind = a.is(Reg.MAYBE_NULL) ? "maybe_null" : a.isOwning() ? "owning" : "non_owning";
        out.add(new Pointer(frame, slot, null, a.off(), kind, a.refObjId() == 0 ? null : a.refObjId(), null,
                a.format()));
    }

    private static Integer objectOf(List<Pointer> pointers, int refId) {
        return pointers.stream().filter(p -> Objects.equals(p.refId(), refId) && p.target() != null)
                .map(Pointer::target).findFirst().orElse(null);
    }

    private static List<Pointer> pointers(Machine m, State abs) {
        List<Pointer> out = new ArrayList<>();
        if (m.frame(0) == null) {
            return out;
        }
        for (int d = 0; d <= m.depth(); d++) {
            dev.kptrviz.verifier.Frame af = abs != null && d < abs.frames().size() ? abs.frames().get(d) : null;
            for (int r = 0; r < 10; r++) {
                add(out, d, "r" + r, m.register(d, r), af == null ? null : af.reg(r));
            }
            MemoryObject stack = m.frame(d).stack();
            for (int off = -8; off >= -Frame.STACK_SIZE; off -= 8) {
                int idx = Frame.STACK_SIZE + off;
                Value v = Monitor.value(m, stack.readLong(idx, 8), stack.slot(idx));
                add(out, d, "fp" + off, v, af == null ? null : af.spillAt(off));
            }
        }
        return List.copyOf(out);
    }

    private static void add(List<Pointer> out, int frame, String slot, Value v, Reg a) {
        boolean heap = v.target() instanceof HeapObject;
        boolean kptr = a != null && a.isAllocObj();
        if (!heap && !kptr || a != null && a.type() == Reg.Type.NOT_INIT) {
            return;
        }
        String kind;
        if (a == null) {
            kind = switch (v.ownership()) {
                case OWNING -> "owning";
                case NON_OWNING -> "non_owning";
                case EXPIRED, RELEASED -> "invalidated";
                default -> "scalar";
            };
        } else if (kptr) {
            kind = a.is(Reg.MAYBE_NULL) ? "maybe_null" : a.isOwning() ? "owning" : "non_owning";
        } else {
            Ownership o = v.ownership();
            kind = a.isScalar() && (o == Ownership.EXPIRED || o == Ownership.RELEASED) ? "invalidated" : "scalar";
        }
        Integer target = heap ? ((HeapObject) v.target()).id() : null;
        Integer refId = a != null ? (a.refObjId() == 0 ? null : a.refObjId()) : (v.refId() == 0 ? null : v.refId());
        out.add(new Pointer(frame, slot, target, heap ? v.offset() : 0, kind, refId, v.toString(),
                a == null ? null : a.format()));
    }

    /** The change set of {@code cur} against {@code prev} (keys as in {@link Changes}). */
    static Changes diff(OwnershipGraph prev, OwnershipGraph cur) {
        Map<String, Object> a = keyed(prev);
        Map<String, Object> b = keyed(cur);
        List<String> appeared = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> disappeared = new ArrayList<>();
        b.forEach((k, v) -> {
            if (!a.containsKey(k)) {
                appeared.add(k);
            } else if (!a.get(k).equals(v)) {
                changed.add(k);
            }
        });
        a.keySet().stream().filter(k -> !b.containsKey(k)).forEach(disappeared::add);
        return new Changes(List.copyOf(appeared), List.copyOf(changed), List.copyOf(disappeared));
    }

    private static Map<String, Object> keyed(OwnershipGraph g) {
        return g == null ? Map.of() : g.elementsByKey();
    }
}
