package dev.kptrviz.app;

import javafx.scene.Group;
import javafx.scene.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One layer of the ownership graph (cards, roots, pointer sources, edges) whose nodes are kept from one step to
 * the next: a node is built only for an element that is new or shows something else than before, and removed
 * only when its element is gone. With 500 objects on the heap a step changes a handful of them, and rebuilding
 * every card made each redraw re-apply CSS to, and lay out, thousands of nodes (RedrawBench measured it).
 *
 * @param <K> what identifies an element across steps (an object id, a root name, a register)
 * @param <V> everything its node shows; a node is reused while this stays equal
 */
final class KeptLayer<K, V> {
    private record Shown<V>(V value, Node node) {
    }

    private final Group group = new Group();
    private final Map<K, Shown<V>> shown = new HashMap<>();

    Group node() {
        return group;
    }

    /** The node showing element {@code key}, or null. */
    Node get(K key) {
        Shown<V> s = shown.get(key);
        return s == null ? null : s.node();
    }

    int size() {
        return shown.size();
    }

    /**
     * Shows exactly {@code values}: kept nodes stay where they are in the scene graph (no CSS or layout work),
     * changed ones are rebuilt with {@code build}, the rest removed.
     */
    void show(Map<K, V> values, Function<V, Node> build) {
        Set<Node> out = new HashSet<>();
        List<Node> in = new ArrayList<>();
        for (var it = shown.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!values.containsKey(e.getKey())) {
                out.add(e.getValue().node());
                it.remove();
            }
        }
        for (Map.Entry<K, V> e : values.entrySet()) {
            Shown<V> was = shown.get(e.getKey());
            if (was != null && was.value().equals(e.getValue())) {
                continue;
            }
            if (was != null) {
                out.add(was.node());
            }
            Node node = build.apply(e.getValue());
            shown.put(e.getKey(), new Shown<>(e.getValue(), node));
            in.add(node);
        }
        if (!out.isEmpty()) {
            group.getChildren().removeAll(out);
        }
        if (!in.isEmpty()) {
            group.getChildren().addAll(in);
        }
    }

    void clear() {
        shown.clear();
        group.getChildren().clear();
    }
}
