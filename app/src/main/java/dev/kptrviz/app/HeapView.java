package dev.kptrviz.app;

import dev.kptrviz.runtime.HeapReport;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/**
 * The heap a run left behind, from {@link HeapReport}: each object as a card (type, plain
 * fields, refcount, which lists and trees hold it and where), then each collection's members
 * in order (and a tree's shape).
 */
final class HeapView {
    /**
     * Cards beyond this many are summed up in one line: the tab stays in the scene while another one shows,
     * and JavaFX walks its nodes in every frame (500 cards made each step of stress_500 slower); the ownership
     * graph and {@code kptrviz run} show every object.
     */
    static final int MAX_CARDS = 100;
    private final VBox box = new VBox(6);

    HeapView() {
        box.setId("heap");
        box.getStyleClass().add("heap-view");
    }

    Node node() {
        return box;
    }

    void show(HeapReport heap) {
        box.getChildren().clear();
        box.getChildren().add(RunPane.section("Heap objects (" + heap.objects().size() + ")"));
        if (heap.objects().isEmpty()) {
            box.getChildren().add(RunPane.muted("No objects: the heap is empty."));
        }
        FlowPane cards = new FlowPane(8, 8);
        cards.getStyleClass().add("heap-cards");
        heap.objects().stream().limit(MAX_CARDS).forEach(o -> cards.getChildren().add(card(o)));
        box.getChildren().add(cards);
        if (heap.objects().size() > MAX_CARDS) {
            Label more = RunPane.muted("… and " + (heap.objects().size() - MAX_CARDS) + " more objects, not shown "
                    + "here: the ownership graph shows them all, as does kptrviz run.");
            more.setId("heapMore");
            box.getChildren().add(more);
        }
        box.getChildren().add(RunPane.section("Collections (" + heap.collections().size() + ")"));
        heap.collections().forEach(c -> box.getChildren().add(collection(c)));
    }

    void clear() {
        box.getChildren().clear();
    }

    private static Node card(HeapReport.ObjectEntry o) {
        Label id = new Label("#" + o.id());
        id.getStyleClass().add("heap-id");
        Label type = new Label(o.type());
        type.getStyleClass().add("heap-type");
        HBox head = new HBox(6, id, type);
        head.setAlignment(Pos.CENTER_LEFT);
        if (o.refcount() != null) {
            Label rc = new Label("refcount " + o.refcount());
            rc.getStyleClass().addAll("badge", "refcount");
            head.getChildren().add(rc);
        }
        if (o.freed()) {
            Label freed = new Label("freed");
            freed.getStyleClass().addAll("badge", "badge-freed");
            head.getChildren().add(freed);
        }
        VBox card = new VBox(3, head);
        String fields = o.fields().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("  "));
        if (!fields.isEmpty()) {
            card.getChildren().add(detail(fields, "heap-fields"));
        }
        String owners = o.owners().stream().map(HeapView::membership).collect(Collectors.joining(",  "));
        card.getChildren().add(detail(owners.isEmpty() ? "in no collection" : "in " + owners,
                owners.isEmpty() ? "heap-unowned" : "heap-owners"));
        if (!o.stashedIn().isEmpty()) {
            card.getChildren().add(detail("stashed in " + String.join(", ", o.stashedIn()), "heap-owners"));
        }
        card.getChildren().add(detail("allocated at insn " + o.allocInsn()
                + (o.allocLine() == null ? "" : " (line " + o.allocLine() + ")"), "heap-alloc"));
        card.setId("heap-object-" + o.id());
        card.getStyleClass().addAll("heap-card", o.freed() ? "heap-card-freed" : "heap-card-live");
        return card;
    }

    private static Node collection(HeapReport.CollectionEntry c) {
        Label kind = new Label(c.kind());
        kind.getStyleClass().addAll("badge", "badge-" + c.kind());
        Label name = new Label(c.name());
        name.getStyleClass().add("heap-collection-name");
        Label where = new Label(c.container() + (c.freed() ? ", freed" : ""));
        where.getStyleClass().add("heap-alloc");
        String members = c.members().isEmpty() ? "empty" : c.members().stream().map(i -> "#" + i)
                .collect(Collectors.joining(c.kind().equals("list") ? " → " : "  "));
        Label content = new Label(members);
        content.getStyleClass().add("heap-members");
        HBox row = new HBox(8, kind, name, where, content);
        row.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(2, row);
        if (c.shape() != null && !c.members().isEmpty()) {
            box.getChildren().add(detail("shape " + c.shape(), "heap-alloc"));
        }
        box.getStyleClass().add("heap-collection");
        box.setId("collection-" + c.name().replaceAll("[^A-Za-z0-9_-]", "_"));
        return box;
    }

    /** Where an object sits in one collection, in the CLI's words. */
    private static String membership(HeapReport.Membership m) {
        if (m.stale()) {
            return m.root() + " (stale owner word, not linked)";
        }
        if (m.kind().equals("list")) {
            return m.root() + "[" + m.index() + "]";
        }
        return m.root() + " (" + m.color() + (m.parent() == null ? ", root" : ", parent #" + m.parent()) + ")";
    }

    private static Label detail(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        return l;
    }
}
