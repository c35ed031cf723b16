package dev.kptrviz.export;

import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.OwnershipGraph.ObjectNode;
import dev.kptrviz.session.OwnershipGraph.Owner;
import dev.kptrviz.session.OwnershipGraph.Pointer;
import dev.kptrviz.session.OwnershipGraph.Root;
import dev.kptrviz.session.OwnershipGraph.TreeLink;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where everything of one {@link OwnershipGraph} goes, in the app's arrangement: collection roots along the top,
 * heap objects as cards on a grid whose cell is a function of the allocation id alone (so a card keeps its place
 * from step to step), pointer sources (registers, stack slots) down the left, and the curves between them with
 * their arrowheads. Also the words each box shows, so that every renderer says the same thing. Coordinates are
 * in pixels of the graph area, origin top left.
 */
public final class GraphLayout {
    /** The widest grid {@link #columnsFor} picks on its own. */
    public static final int MAX_COLUMNS = 4;

    public record Point(double x, double y) {
    }

    public record Box(double x, double y, double w, double h) {
        public double right() {
            return x + w;
        }

        public double bottom() {
            return y + h;
        }

        public boolean contains(double px, double py) {
            return px >= x && px <= x + w && py >= y && py <= y + h;
        }
    }

    /** A collection root and where it stands. */
    public record RootBox(Root root, Box box, boolean changed) {
        public String badge() {
            return root.kind().equals("list") ? "list_head" : "rb_root";
        }

        public boolean lockHeld() {
            return root.lock() != null && root.lock().held();
        }

        /** The lock line without its square: {@code glock held}, {@code lock free}. */
        public String lockText() {
            String name = root.lock() == null || root.lock().name() == null ? "lock" : root.lock().name();
            return name + (lockHeld() ? " held" : " free");
        }

        public String count() {
            return root.members().size() + (root.members().size() == 1 ? " node" : " nodes");
        }
    }

    /** A membership chip of a card: {@code kind} is list, rbtree, freed or none. */
    public record Chip(String text, String kind) {
    }

    /** A heap object's card with the words on it. */
    public record CardBox(ObjectNode object, Box box, boolean changed, List<Chip> chips) {
        public String idText() {
            return "#" + object.id();
        }

        public String typeText() {
            return object.type().replaceFirst("^struct ", "");
        }

        /** {@code rc 2}, or null for a type without bpf_refcount. */
        public String refcountText() {
            return object.refcount() == null ? null : "rc " + object.refcount();
        }

        /** Up to four plain fields, {@code key=1  val=100}. */
        public String fieldsText() {
            String f = object.fields().entrySet().stream().limit(4).map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("  "));
            return f.isEmpty() ? "no plain fields" : f;
        }
    }

    /** A register or stack slot holding a pointer. */
    public record SourceBox(Pointer pointer, Box box, boolean changed) {
        public String slotText() {
            return (pointer.frame() == 0 ? "" : "f" + pointer.frame() + ":") + pointer.slot();
        }

        public String targetText() {
            return pointer.target() == null ? "null"
                    : "#" + pointer.target() + (pointer.offset() == 0 ? "" : "+" + pointer.offset());
        }

        public String kindText() {
            return GraphLayout.kindText(pointer.abstractKind());
        }
    }

    public enum EdgeKind { POINTER, LIST, TREE }

    /** One cubic Bézier piece of an arrow. */
    public record Segment(Point from, Point c1, Point c2, Point to) {
        double chord() {
            return Math.hypot(to.x - from.x, to.y - from.y);
        }
    }

    /**
     * One arrow: cubic pieces from the source to the base of the arrowhead, and the head's three corners, the
     * first being the tip. {@code style} is the pointer's abstract kind (owning, non_owning, maybe_null,
     * invalidated, scalar) or list / tree.
     */
    public record Edge(String id, EdgeKind kind, String style, List<Segment> segments, List<Point> head) {
        public Point from() {
            return segments.get(0).from();
        }

        public Point tip() {
            return head.get(0);
        }

        /**
         * Where a ? or a cross sits: halfway along the longest piece of the arrow's first half (near its source,
         * where routed arrows do not yet share a gap with others).
         */
        public Point mid() {
            Segment s = segments.subList(0, (segments.size() + 1) / 2).stream()
                    .max(Comparator.comparingDouble(Segment::chord)).orElseThrow();
            return new Point((s.from.x + 3 * s.c1.x + 3 * s.c2.x + s.to.x) / 8,
                    (s.from.y + 3 * s.c1.y + 3 * s.c2.y + s.to.y) / 8);
        }
    }

    private final OwnershipGraph graph;
    private final int columns;
    private final double heapY;
    private final List<RootBox> roots = new ArrayList<>();
    private final Map<Integer, CardBox> cards = new LinkedHashMap<>();
    private final List<SourceBox> sources = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final double width;
    private final double height;
    private final GridRoutes routes;

    private GraphLayout(OwnershipGraph g, int columns) {
        this.graph = g;
        this.columns = columns;
        heapY = GraphGrid.heapTop(g.roots().size(), columns);
        routes = new GridRoutes(heapY);
        double maxY = heapY;
        Map<Integer, Integer> listIndex = new HashMap<>();
        for (Root r : g.roots()) {
            if (r.kind().equals("list")) {
                for (int i = 0; i < r.members().size(); i++) {
                    listIndex.putIfAbsent(r.members().get(i), i);
                }
            }
        }
        for (ObjectNode o : g.objects()) {
            Box b = cell(o.id());
            cards.put(o.id(), new CardBox(o, b, changed(g, "object#" + o.id()), chips(o, listIndex)));
            maxY = Math.max(maxY, b.bottom());
        }
        for (int i = 0; i < g.roots().size(); i++) {
            Root r = g.roots().get(i);
            Box b = new Box(GraphGrid.rootX(i, columns), GraphGrid.rootY(i, columns), GraphGrid.ROOT_W, GraphGrid.ROOT_H);
            roots.add(new RootBox(r, b, changed(g, "root " + r.name())));
            members(r, b);
        }
        List<Pointer> ordered = g.pointers().stream().sorted(GraphGrid.SOURCE_ORDER).toList();
        Map<Integer, Integer> arrivals = new HashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Pointer p = ordered.get(i);
            Box b = new Box(GraphGrid.PAD, GraphGrid.sourceY(i, heapY), GraphGrid.SRC_W, GraphGrid.SRC_H);
            sources.add(new SourceBox(p, b, changed(g, "ptr " + p.frame() + ":" + p.slot())));
            maxY = Math.max(maxY, b.bottom());
            CardBox target = p.target() == null ? null : cards.get(p.target());
            if (target != null) {
                int n = arrivals.merge(p.target(), 1, Integer::sum) - 1;
                edges.add(routes.pointer("ptr-" + p.frame() + "-" + p.slot(), p.abstractKind(), b, target.box(), n));
            }
        }
        width = GraphGrid.width(columns);
        height = maxY + GraphGrid.PAD;
    }

    /** The layout with a grid of {@link #columnsFor} columns. */
    public static GraphLayout of(OwnershipGraph g) {
        return of(g, columnsFor(g));
    }

    /** The layout with a grid of {@code columns} columns (at least 1); the same columns give the same places. */
    public static GraphLayout of(OwnershipGraph g, int columns) {
        return new GraphLayout(g, Math.max(1, columns));
    }

    /** Enough columns for every root side by side and the highest object id on the first row, at most {@link #MAX_COLUMNS}. */
    public static int columnsFor(OwnershipGraph g) {
        int maxId = g.objects().stream().mapToInt(ObjectNode::id).max().orElse(1);
        return Math.max(1, Math.min(MAX_COLUMNS, Math.max(maxId, g.roots().size())));
    }

    public OwnershipGraph graph() {
        return graph;
    }

    public int columns() {
        return columns;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** The top of the first row of cards (and of the sources). */
    public double heapY() {
        return heapY;
    }

    public List<RootBox> roots() {
        return List.copyOf(roots);
    }

    public List<CardBox> cards() {
        return List.copyOf(cards.values());
    }

    public Optional<CardBox> card(int objectId) {
        return Optional.ofNullable(cards.get(objectId));
    }

    public List<SourceBox> sources() {
        return List.copyOf(sources);
    }

    public List<Edge> edges() {
        return List.copyOf(edges);
    }

    /** The grid cell of object {@code id}: a function of the id alone. */
    private Box cell(int id) {
        return new Box(GraphGrid.cardX(id, columns), GraphGrid.cardY(id, columns, heapY), GraphGrid.CARD_W, GraphGrid.CARD_H);
    }

    private static List<Chip> chips(ObjectNode o, Map<Integer, Integer> listIndex) {
        List<Chip> out = new ArrayList<>();
        for (Owner w : o.owners()) {
            String text = w.kind().equals("list") && listIndex.containsKey(o.id())
                    ? w.root() + "[" + listIndex.get(o.id()) + "]" : w.root();
            out.add(new Chip(text + (w.stale() ? " (stale)" : ""), w.kind()));
        }
        if (o.freed()) {
            out.add(new Chip("freed", "freed"));
        } else if (o.owners().isEmpty()) {
            out.add(new Chip("in no collection", "none"));
        }
        return List.copyOf(out);
    }

    /** A list as a chain root → first → second …; a tree as root → top node, and parent → child links. */
    private void members(Root r, Box root) {
        boolean list = r.kind().equals("list");
        EdgeKind kind = list ? EdgeKind.LIST : EdgeKind.TREE;
        String id = "link-" + r.name() + "-";
        if (list) {
            CardBox prev = null;
            for (Integer m : r.members()) {
                CardBox c = cards.get(m);
                if (c == null) {
                    continue;
                }
                edges.add(prev == null ? routes.fromRoot(id + "head", kind, root, c.box(), 0.35)
                        : routes.link(id + prev.object().id() + "-" + m, kind, prev.box(), c.box()));
                prev = c;
            }
            return;
        }
        Set<Integer> children = r.treeChildren();
        for (TreeLink t : r.tree()) {
            CardBox c = cards.get(t.objectId());
            if (c == null) {
                continue;
            }
            if (!children.contains(t.objectId())) {
                edges.add(routes.fromRoot(id + "top", kind, root, c.box(), 0.65));
            }
            for (Integer child : new Integer[] {t.left(), t.right()}) {
                CardBox cc = child == null ? null : cards.get(child);
                if (cc != null) {
                    edges.add(routes.link(id + t.objectId() + "-" + child, kind, c.box(), cc.box()));
                }
            }
        }
    }

    /** How a source box names the verifier's kind of a pointer. */
    public static String kindText(String kind) {
        return switch (kind) {
            case "owning" -> "owning ref";
            case "non_owning" -> "non-owning ref";
            case "maybe_null" -> "owning, maybe NULL ?";
            case "invalidated" -> "invalidated";
            default -> "untracked (" + kind + ")";
        };
    }

    /** Whether {@code key} (e.g. {@code object#1}) appeared or changed in this step. */
    static boolean changed(OwnershipGraph g, String key) {
        return g.changes().appeared().contains(key) || g.changes().changed().contains(key);
    }
}
