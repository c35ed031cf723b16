package dev.kptrviz.session;

import java.util.List;
import java.util.Map;

/**
 * The immutable, JSON-serializable picture of one step (design.md, "Snapshot schema"): heap objects by
 * allocation index (stable across steps), collection roots with members and tree shape, pointer sources
 * with their abstract kind, the verifier's reference table and lock, diagnostics, findings, alarms and the
 * change against the previous step. Deviation from the sketch: an object can sit in a list and a tree at
 * once, so {@code owners} is a list. {@code abstractOnly}: the picture has no concrete side (the walk of
 * the verifier's failing path, {@link FailingPathWalk}): no objects, roots or findings, and pointers carry
 * only their abstract state.
 */
public record OwnershipGraph(long step, int pc, String insn, Integer line, String semantics,
                             List<ObjectNode> objects, List<Root> roots, List<Pointer> pointers, List<RefEntry> refs,
                             Lock lock, List<String> diagnostics, List<String> findings, List<String> alarms,
                             Changes changes, boolean abstractOnly) {

    /** A lockstep picture: both sides present. */
    public OwnershipGraph(long step, int pc, String insn, Integer line, String semantics, List<ObjectNode> objects,
                          List<Root> roots, List<Pointer> pointers, List<RefEntry> refs, Lock lock,
                          List<String> diagnostics, List<String> findings, List<String> alarms, Changes changes) {
        this(step, pc, insn, line, semantics, objects, roots, pointers, refs, lock, diagnostics, findings, alarms,
                changes, false);
    }

    /** A heap object; {@code refcount} is null for a type without bpf_refcount. */
    public record ObjectNode(int id, String type, Map<String, Long> fields, Integer refcount, List<Owner> owners,
                             boolean freed) {
    }

    /** The collection one of an object's nodes belongs to; {@code stale} when the owner word outlived the link. */
    public record Owner(String root, String kind, String field, boolean stale) {
    }

    /** A list head or rb root: members in order (in-order for trees) and, for trees, each member's links. */
    public record Root(String name, String kind, Lock lock, List<Integer> members, List<TreeLink> tree) {
        /** The tree members some other member links to; the one member not in this set is the tree's top. */
        public java.util.Set<Integer> treeChildren() {
            java.util.Set<Integer> children = new java.util.HashSet<>();
            for (TreeLink t : tree) {
                if (t.left() != null) {
                    children.add(t.left());
                }
                if (t.right() != null) {
                    children.add(t.right());
                }
            }
            return children;
        }
    }

    public record TreeLink(int objectId, Integer left, Integer right, String color) {
    }

    /**
     * A register ({@code "r6"}) or stack slot ({@code "fp-8"}) holding a heap pointer concretely or a local
     * kptr abstractly. {@code abstractKind}: owning, non_owning, maybe_null, invalidated, scalar.
     */
    public record Pointer(int frame, String slot, Integer target, long offset, String abstractKind, Integer refId,
                          String concrete, String abstractState) {
    }

    /** An entry of the verifier's reference table, with the object the concrete side holds through it. */
    public record RefEntry(int id, String kind, int acquiredPc, Integer acquiredLine, Integer objectId) {
    }

    public record Lock(boolean held, String name) {
    }

    /** Keys ({@code object#1}, {@code root groot}, {@code ptr 0:r6}, {@code ref 2}, {@code lock}) against the previous step. */
    public record Changes(List<String> appeared, List<String> changed, List<String> disappeared) {
        public static final Changes NONE = new Changes(List.of(), List.of(), List.of());
    }

    /**
     * Every element by its key ({@code object#1}, {@code root groot}, {@code ptr 0:r6}, {@code ref 2}, and
     * {@code lock} while a lock is held): what {@link Changes} lists and a tour may highlight.
     */
    public Map<String, Object> elementsByKey() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        objects.forEach(o -> out.put("object#" + o.id(), o));
        roots.forEach(r -> out.put("root " + r.name(), r));
        pointers.forEach(p -> out.put("ptr " + p.frame() + ":" + p.slot(), p));
        refs.forEach(r -> out.put("ref " + r.id(), r));
        if (lock.held()) {
            out.put("lock", lock);
        }
        return out;
    }

    /** The same graph with its change set replaced. */
    public OwnershipGraph withChanges(Changes c) {
        return new OwnershipGraph(step, pc, insn, line, semantics, objects, roots, pointers, refs, lock, diagnostics,
                findings, alarms, c, abstractOnly);
    }
}
