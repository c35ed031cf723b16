package dev.kptrviz.runtime;

import dev.kptrviz.program.CollectionRoot;

import java.util.ArrayList;
import java.util.List;

/**
 * A red-black tree with a cached leftmost node, rebalanced with the same case analysis as the
 * kernel's lib/rbtree.c (insert: recolour / rotate at parent / rotate at grandparent; erase:
 * replace by the in-order successor, then the four-case colour fix-up), so every tree has the
 * shape the kernel would give it for the same sequence of operations. Null children are leaves.
 */
public final class TreeCollection extends Collection {
    GraphNode root;
    GraphNode leftmost;

    TreeCollection(int id, String name, MemoryObject container, int offset, CollectionRoot decl, int lockId) {
        super(id, name, container, offset, decl, lockId);
    }

    public GraphNode root() {
        return root;
    }

    public GraphNode leftmost() {
        return leftmost;
    }

    /** Links {@code n} as the {@code left}/right child of {@code parent} (null: the root), red, then rebalances. */
    void link(GraphNode n, GraphNode parent, boolean left, boolean isLeftmost) {
        n.parent = parent;
        n.left = n.right = null;
        n.red = true;
        if (parent == null) {
            root = n;
        } else if (left) {
            parent.left = n;
        } else {
            parent.right = n;
        }
        if (isLeftmost) {
            leftmost = n;
        }
        size++;
        fixAfterInsert(n);
    }

    private void fixAfterInsert(GraphNode n) {
        while (true) {
            GraphNode parent = n.parent;
            if (parent == null) {
                n.red = false;
                return;
            }
            if (!parent.red) {
                return;
            }
            GraphNode grand = parent.parent;
            boolean parentIsLeft = grand.left == parent;
            GraphNode uncle = parentIsLeft ? grand.right : grand.left;
            if (uncle != null && uncle.red) {
                uncle.red = false;
                parent.red = false;
                grand.red = true;
                n = grand;
                continue;
            }
            if (n == (parentIsLeft ? parent.right : parent.left)) {
                rotate(parent, parentIsLeft);
                parent = n;
            }
            rotate(grand, !parentIsLeft);
            parent.red = false;
            grand.red = true;
            return;
        }
    }

    /** Rotates at {@code x}: its right child (when {@code toLeft}) or left child takes its place. */
    private void rotate(GraphNode x, boolean toLeft) {
        GraphNode y = toLeft ? x.right : x.left;
        GraphNode inner = toLeft ? y.left : y.right;
        if (toLeft) {
            x.right = inner;
            y.left = x;
        } else {
            x.left = inner;
            y.right = x;
        }
        if (inner != null) {
            inner.parent = x;
        }
        replaceChild(x, y, x.parent);
        y.parent = x.parent;
        x.parent = y;
    }

    private void replaceChild(GraphNode old, GraphNode now, GraphNode parent) {
        if (parent == null) {
            root = now;
        } else if (parent.left == old) {
            parent.left = now;
        } else {
            parent.right = now;
        }
    }

    /** Unlinks {@code n} (which must be a member) and rebalances; updates the leftmost cache first. */
    void erase(GraphNode n) {
        if (leftmost == n) {
            leftmost = next(n);
        }
        GraphNode right = n.right;
        GraphNode left = n.left;
        GraphNode rebalance;
        if (left == null) {
            replaceChild(n, right, n.parent);
            if (right != null) {
                right.parent = n.parent;
                right.red = n.red;
                rebalance = null;
            } else {
                rebalance = n.red ? null : n.parent;
            }
        } else if (right == null) {
            left.parent = n.parent;
            left.red = n.red;
            replaceChild(n, left, n.parent);
            rebalance = null;
        } else {
            GraphNode successor = right;
            GraphNode parent;
            GraphNode child2;
            if (right.left == null) {
                parent = successor;
                child2 = successor.right;
            } else {
                do {
                    parent = successor;
                    successor = successor.left;
                } while (successor.left != null);
                child2 = successor.right;
                parent.left = child2;
                successor.right = right;
                right.parent = successor;
            }
            successor.left = left;
            left.parent = successor;
            replaceChild(n, successor, n.parent);
            if (child2 != null) {
                child2.parent = parent;
                child2.red = false;
                rebalance = null;
            } else {
                rebalance = successor.red ? null : parent;
            }
            successor.parent = n.parent;
            successor.red = n.red;
        }
        n.parent = n.left = n.right = null;
        size--;
        if (rebalance != null) {
            fixAfterErase(rebalance);
        }
    }

    /** The kernel's erase colour fix-up: {@code parent} lost a black node on one side (node starts null). */
    private void fixAfterErase(GraphNode parent) {
        GraphNode node = null;
        while (true) {
            boolean nodeIsLeft = parent.right != node;
            GraphNode sibling = nodeIsLeft ? parent.right : parent.left;
            if (sibling.red) {
                rotate(parent, nodeIsLeft);
                sibling.red = parent.red;
                parent.red = true;
                sibling = nodeIsLeft ? parent.right : parent.left;
            }
            GraphNode far = nodeIsLeft ? sibling.right : sibling.left;
            if (far == null || !far.red) {
                GraphNode near = nodeIsLeft ? sibling.left : sibling.right;
                if (near == null || !near.red) {
                    sibling.red = true;
                    if (parent.red) {
                        parent.red = false;
                    } else {
                        node = parent;
                        parent = node.parent;
                        if (parent != null) {
                            continue;
                        }
                    }
                    return;
                }
                rotate(sibling, !nodeIsLeft);
                near.red = false;
                sibling.red = true;
                sibling = near;
                far = nodeIsLeft ? sibling.right : sibling.left;
            }
            rotate(parent, nodeIsLeft);
            sibling.red = parent.red;
            parent.red = false;
            far.red = false;
            return;
        }
    }

    static GraphNode next(GraphNode n) {
        if (n.right != null) {
            GraphNode m = n.right;
            while (m.left != null) {
                m = m.left;
            }
            return m;
        }
        GraphNode m = n;
        while (m.parent != null && m.parent.right == m) {
            m = m.parent;
        }
        return m.parent;
    }

    /** Members in ascending order. */
    @Override
    public List<GraphNode> members() {
        List<GraphNode> out = new ArrayList<>(size);
        GraphNode n = root;
        if (n != null) {
            while (n.left != null) {
                n = n.left;
            }
        }
        for (; n != null && out.size() <= size; n = next(n)) {
            out.add(n);
        }
        return out;
    }

    /** Members in post-order (children before parents), the order a map drain drops them in. */
    public List<GraphNode> postOrder() {
        List<GraphNode> out = new ArrayList<>(size);
        postOrder(root, out);
        return out;
    }

    private static void postOrder(GraphNode n, List<GraphNode> out) {
        if (n != null) {
            postOrder(n.left, out);
            postOrder(n.right, out);
            out.add(n);
        }
    }

    /** {@code (3 B (1 R) (8 R))}-style shape with a label per node. */
    public String describeShape(java.util.function.Function<GraphNode, String> label) {
        StringBuilder sb = new StringBuilder();
        describe(root, label, sb);
        return sb.toString();
    }

    private static void describe(GraphNode n, java.util.function.Function<GraphNode, String> label,
                                 StringBuilder sb) {
        if (n == null) {
            sb.append('.');
            return;
        }
        sb.append('(').append(label.apply(n)).append(n.red ? " R " : " B ");
        describe(n.left, label, sb);
        sb.append(' ');
        describe(n.right, label, sb);
        sb.append(')');
    }

    @Override
    public Shape shape() {
        List<Links> links = new ArrayList<>(size);
        for (GraphNode n : members()) {
            links.add(new Links(n, n.parent, n.left, n.right, n.red));
        }
        return new Shape(size, root, leftmost, true, links);
    }

    @Override
    void restore(Shape s) {
        size = s.size();
        root = s.first();
        leftmost = s.second();
        for (Links l : s.links()) {
            l.node().parent = l.a();
            l.node().left = l.b();
            l.node().right = l.c();
            l.node().red = l.red();
        }
    }

    @Override
    void clear() {
        root = leftmost = null;
        size = 0;
    }
}
