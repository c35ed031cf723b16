package dev.kptrviz.app;

import dev.kptrviz.export.GraphGrid;

import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Owner;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import dev.kptrviz.session.OwnershipGraph.Root;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The boxes of the ownership graph: object cards, collection roots, pointer sources, and the legend. */
final class GraphNodes {
    static final double CARD_W = GraphGrid.CARD_W;
    static final double CARD_H = GraphGrid.CARD_H;
    static final double ROOT_W = GraphGrid.ROOT_W;
    static final double ROOT_H = GraphGrid.ROOT_H;
    static final double SRC_W = GraphGrid.SRC_W;
    static final double SRC_H = GraphGrid.SRC_H;

    private GraphNodes() {
    }

    /** A heap object: id and type, refcount badge, key fields, the collections holding it; freed ones as a tombstone. */
    static VBox card(ObjectNode o, Map<Integer, Integer> listIndex, boolean changed) {
        Label id = label("#" + o.id(), "g-card-id");
        Label type = label(o.type().replaceFirst("^struct ", ""), "g-card-type");
        Region gap = new Region();
        HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        HBox head = new HBox(5, id, type, gap);
        head.setAlignment(Pos.CENTER_LEFT);
        if (o.refcount() != null) {
            Label rc = label("rc " + o.refcount(), "g-refcount");
            rc.setId("obj-" + o.id() + "-refcount");
            rc.setUserData(o.refcount());
            rc.setTooltip(new Tooltip("bpf_refcount: " + o.refcount() + " owning references or collections hold it"));
            head.getChildren().add(rc);
        }
        VBox card = new VBox(3, head);
        String fields = o.fields().entrySet().stream().limit(4).map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("  "));
        card.getChildren().add(label(fields.isEmpty() ? "no plain fields" : fields, "g-card-fields"));
        FlowPane chips = new FlowPane(4, 3);
        chips.getStyleClass().add("g-chips");
        for (Owner w : o.owners()) {
            String text = w.kind().equals("list") && listIndex.containsKey(o.id())
                    ? w.root() + "[" + listIndex.get(o.id()) + "]" : w.root();
            Label chip = label(text + (w.stale() ? " (stale)" : ""), "g-chip", "g-chip-" + w.kind());
            chip.setId("obj-" + o.id() + "-in-" + w.root());
            chip.setUserData(w.root());
            chips.getChildren().add(chip);
        }
        if (o.freed()) {
            chips.getChildren().add(label("✝ freed", "g-chip", "g-chip-freed"));
        } else if (o.owners().isEmpty()) {
            chips.getChildren().add(label("in no collection", "g-card-unowned"));
        }
        card.getChildren().add(chips);
        card.setId("obj-" + o.id());
        card.setUserData(o);
        card.getStyleClass().addAll("g-card", o.freed() ? "g-tombstone" : "g-live");
        if (changed) {
            card.getStyleClass().add("g-changed");
        }
        fix(card, CARD_W, CARD_H);
        return card;
    }

    /** A collection root, drawn from its global, with its lock. */
    static VBox root(Root r, boolean changed) {
        Label name = label(r.name(), "g-root-name");
        Label kind = label(r.kind().equals("list") ? "list_head" : "rb_root", "badge", "badge-" + r.kind());
        HBox head = new HBox(6, name, kind);
        head.setAlignment(Pos.CENTER_LEFT);
        boolean held = r.lock() != null && r.lock().held();
        String lockName = r.lock() == null || r.lock().name() == null ? "lock" : r.lock().name();
        Label lock = label((held ? "■ " : "□ ") + lockName + (held ? " held" : " free"),
                held ? "g-lock-held" : "g-lock-free");
        lock.setId("root-" + r.name() + "-lock");
        Label count = label(r.members().size() + (r.members().size() == 1 ? " node" : " nodes"), "g-root-count");
        Region gap = new Region();
        HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        HBox foot = new HBox(6, lock, gap, count);
        VBox box = new VBox(2, head, foot);
        box.setId("root-" + r.name());
        box.setUserData(r);
        box.getStyleClass().addAll("g-root", "g-root-" + r.kind());
        if (changed) {
            box.getStyleClass().add("g-changed");
        }
        fix(box, ROOT_W, ROOT_H);
        return box;
    }

    /** A register or stack slot holding a pointer, with the verifier's kind for it. */
    static VBox source(Pointer p, boolean changed) {
        String where = (p.frame() == 0 ? "" : "f" + p.frame() + ":") + p.slot();
        Label slot = label(where, "g-src-slot");
        Label off = label(p.target() == null ? "null" : "#" + p.target() + (p.offset() == 0 ? "" : "+" + p.offset()),
                "g-src-target");
        Region gap = new Region();
        HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        HBox head = new HBox(4, slot, gap, off);
        head.setAlignment(Pos.CENTER_LEFT);
        Label kind = label(kindText(p.abstractKind()), "g-src-kind", "g-kind-" + p.abstractKind());
        VBox box = new VBox(1, head, kind);
        box.setId("src-" + p.frame() + "-" + p.slot());
        box.setUserData(p);
        box.getStyleClass().addAll("g-src", "g-src-" + p.abstractKind());
        if (changed) {
            box.getStyleClass().add("g-changed");
        }
        Tooltip.install(box, new Tooltip(where + "\nconcrete: " + p.concrete() + "\nverifier: " + p.abstractState()
                + (p.refId() == null ? "" : "\nref_obj_id " + p.refId())));
        fix(box, SRC_W, SRC_H);
        return box;
    }

    static String kindText(String kind) {
        return switch (kind) {
            case "owning" -> "owning ref";
            case "non_owning" -> "non-owning ref";
            case "maybe_null" -> "owning, maybe NULL ?";
            case "invalidated" -> "invalidated ✕";
            default -> "untracked (" + kind + ")";
        };
    }

    /** One line explaining every mark of the graph. */
    static Node legend() {
        FlowPane box = new FlowPane(14, 3,
                sample("g-edge-owning", "owning"), sample("g-edge-non_owning", "non-owning"),
                sample("g-edge-maybe_null", "maybe NULL (?)"), sample("g-edge-invalidated", "invalidated (✕)"),
                sample("g-edge-list", "list link"), sample("g-edge-tree", "tree link"),
                label("rc = refcount", "g-legend-text"), label("orange = changed this step", "g-legend-changed"));
        box.setId("graphLegend");
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPrefWrapLength(400);
        box.getStyleClass().add("g-legend");
        return box;
    }

    private static Node sample(String style, String text) {
        Line l = new Line(0, 0, 22, 0);
        l.getStyleClass().addAll("g-edge", style);
        HBox item = new HBox(4, l, label(text, "g-legend-text"));
        item.setAlignment(Pos.CENTER_LEFT);
        return item;
    }

    static Label label(String text, String... styles) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().addAll(List.of(styles));
        return l;
    }

    private static void fix(Region r, double w, double h) {
        r.setMinSize(w, h);
        r.setPrefSize(w, h);
        r.setMaxSize(w, h);
    }

    /** Whether {@code key} (e.g. {@code object#1}) appeared or changed in this step. */
    static boolean changed(OwnershipGraph g, String key) {
        return g.changes().appeared().contains(key) || g.changes().changed().contains(key);
    }
}
