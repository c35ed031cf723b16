package dev.kptrviz.runtime;

import dev.kptrviz.program.CollectionRoot;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The red-black tree on its own: shapes derived by hand from lib/rbtree.c's case analysis, and
 * seeded random insert/erase sequences checked against the red-black invariants, in-order order,
 * parent links and the leftmost cache. (The rbtree_shape example checks shapes against the
 * running kernel itself.)
 */
class TreeCollectionTest {
    private static final TypeLayout LAYOUT = TypeLayout.synthetic(1, "struct k", 40,
            List.of(new TypeLayout.Field(TypeLayout.FieldKind.RB_NODE, "rb", 8, 32, -1)),
            List.of(new TypeLayout.Scalar("key", 0, 8, true)));
    private static final CollectionRoot DECL = new CollectionRoot("t", ".data.A", true, 0,
            CollectionRoot.Kind.RBTREE, "k", 1, "rb", 8, "lock", -1, null, null);

    private final TreeCollection tree = new TreeCollection(1, "t", null, 0, DECL, -1);
    private final TreeMap<Long, GraphNode> byKey = new TreeMap<>();
    private int ids;

    private GraphNode node(long key) {
        HeapObject o = new HeapObject(++ids, LAYOUT, false, 0, 1);
        Interpreter.I64.set(o.bytes, 0, key);
        return o.nodes[0];
    }

    private static long key(GraphNode n) {
        return n.object.readLong(0, 8);
    }

    /** The kernel's walk: less(new, cur) = new.key < cur.key goes left, otherwise right. */
    private void insert(long key) {
        GraphNode n = node(key);
        GraphNode parent = null;
        boolean left = false;
        boolean leftmost = true;
        for (GraphNode cur = tree.root; cur != null; cur = left ? cur.left : cur.right) {
            parent = cur;
            left = key < key(cur);
            leftmost &= left;
        }
        tree.link(n, parent, left, leftmost);
        byKey.put(key, n);
    }

    private void erase(long key) {
        tree.erase(byKey.remove(key));
    }

    private String shape() {
        return tree.describeShape(n -> Long.toString(key(n)));
    }

    @Test
    void ascendingInsertsRotateLikeTheKernel() {
        for (long k = 1; k <= 7; k++) {
            insert(k);
        }
        // 1,2,3: rotate at 1 -> 2(1,3); 4: recolour; 5: rotate at 3; 6: recolour 4/5; 7: rotate at 5
        assertEquals("(2 B (1 B . .) (4 R (3 B . .) (6 B (5 R . .) (7 R . .))))", shape());
        check();
    }

    @Test
    void zigZagInsertRotatesTwice() {
        insert(30);
        insert(10);
        insert(20);
        assertEquals("(20 B (10 R . .) (30 R . .))", shape());
    }

    @Test
    void equalKeysGoRightAfterEarlierOnes() {
        insert(5);
        insert(5);
        insert(5);
        assertEquals(3, tree.size);
        assertEquals("(5 B (5 R . .) (5 R . .))", shape());
        List<GraphNode> inOrder = tree.members();
        assertEquals(List.of(1, 2, 3), inOrder.stream().map(n -> n.object.id).toList(), "stable: insertion order");
    }

    @Test
    void eraseUsesTheInOrderSuccessor() {
        for (long k : new long[]{50, 30, 70, 20, 40, 60, 80}) {
            insert(k);
        }
        assertEquals("(50 B (30 B (20 R . .) (40 R . .)) (70 B (60 R . .) (80 R . .)))", shape());
        erase(50); // successor 60 (leftmost of the right subtree) takes the root's place and colour
        assertEquals("(60 B (30 B (20 R . .) (40 R . .)) (70 B . (80 R . .)))", shape());
        erase(20);
        erase(40); // red leaves: unlinked, nothing to fix
        assertEquals("(60 B (30 B . .) (70 B . (80 R . .)))", shape());
        erase(30); // a black leaf: sibling 70 has a red far child -> rotate left at 60, recolour
        assertEquals("(70 B (60 B . .) (80 B . .))", shape());
        erase(70); // two children: successor 80 takes over; it was black with no child -> fix at 80
        assertEquals("(80 B (60 R . .) .)", shape());
        check();
    }

    @Test
    void leftmostCacheFollowsErase() {
        for (long k : new long[]{4, 2, 6, 1, 3}) {
            insert(k);
        }
        assertEquals(1, key(tree.leftmost));
        erase(1);
        assertEquals(2, key(tree.leftmost));
        erase(2);
        assertEquals(3, key(tree.leftmost));
        erase(3);
        erase(4);
        erase(6);
        assertNull(tree.leftmost);
        assertNull(tree.root);
        assertEquals(0, tree.size);
    }

    @RepeatedTest(40)
    void randomInsertsAndErasesKeepTheInvariants(RepetitionInfo info) {
        Random rnd = new Random(0x5eed + info.getCurrentRepetition());
        for (int step = 0; step < 400; step++) {
            if (byKey.isEmpty() || rnd.nextInt(3) > 0) {
                long k = rnd.nextInt(1000);
                if (!byKey.containsKey(k)) {
                    insert(k);
                }
            } else {
                List<Long> keys = new ArrayList<>(byKey.keySet());
                erase(keys.get(rnd.nextInt(keys.size())));
            }
            if (step % 20 == 0) {
                check();
            }
        }
        check();
    }

    /** Red-black properties, parent links, order, size and leftmost cache. */
    private void check() {
        if (tree.root != null) {
            assertFalse(tree.root.red, "root is black");
            assertNull(tree.root.parent);
        }
        blackHeight(tree.root);
        List<GraphNode> members = tree.members();
        assertEquals(byKey.size(), tree.size);
        assertEquals(new ArrayList<>(byKey.values()), members, "in-order equals key order");
        assertSame(members.isEmpty() ? null : members.get(0), tree.leftmost, "leftmost cache");
    }

    private static int blackHeight(GraphNode n) {
        if (n == null) {
            return 1;
        }
        if (n.left != null) {
            assertSame(n, n.left.parent);
        }
        if (n.right != null) {
            assertSame(n, n.right.parent);
        }
        if (n.red) {
            assertTrue((n.left == null || !n.left.red) && (n.right == null || !n.right.red), "no red-red");
        }
        int l = blackHeight(n.left);
        int r = blackHeight(n.right);
        assertEquals(l, r, "equal black heights");
        return l + (n.red ? 0 : 1);
    }
}
