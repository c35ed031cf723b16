package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.CallSpec;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Kfunc;
import dev.kptrviz.kfunc.Ownership;
import dev.kptrviz.kfunc.RuntimeOps;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.CollectionRoot;
import dev.kptrviz.runtime.event.Change;

import java.nio.charset.StandardCharsets;

/**
 * The machine as the kfunc effects see it ({@link RuntimeOps}): arguments come from the current
 * frame's r1..r5, results go to its r0, objects and roots are named by id. Argument checks live in
 * {@link Args}; this class holds the state changes.
 */
final class KfuncBridge implements RuntimeOps {
    private final Machine m;
    final Args args;
    int insn;
    CallSpec spec;
    private Kfunc kfunc;
    private long callNumber;
    private boolean pushed;

    KfuncBridge(Machine m) {
        this.m = m;
        this.args = new Args(m, this);
    }

    void begin(int callInsn, CallSpec s, Kfunc k, long number) {
        insn = callInsn;
        spec = s;
        kfunc = k;
        callNumber = number;
        pushed = false;
    }

    /** Continues the call at {@code callInsn} after one of its callbacks returned. */
    void resume(int callInsn, CallSpec s) {
        insn = callInsn;
        spec = s;
        pushed = false;
    }

    boolean pushedCallback() {
        return pushed;
    }

    private Frame frame() {
        return m.frames[m.depth];
    }

    HeapObject object(int id) {
        return m.space.heap.get(id);
    }

    @Override
    public Semantics semantics() {
        return m.semantics;
    }

    @Override
    public long scalarArg(int reg) {
        return frame().v[reg];
    }

    @Override
    public boolean isNull(int reg) {
        return frame().p[reg] == null && frame().v[reg] == 0;
    }

    @Override
    public ObjectArg objectArg(int reg, Use use) {
        return args.object(reg, use);
    }

    @Override
    public ObjectArg nodeArg(int reg, RootArg root, Use use) {
        return args.node(reg, root, use);
    }

    @Override
    public RootArg rootArg(int reg, CollectionRoot.Kind kind) {
        return args.root(reg, kind);
    }

    @Override
    public int callbackArg(int reg) {
        return args.callback(reg);
    }

    @Override
    public int lockArg(int reg) {
        return args.lock(reg);
    }

    @Override
    public void toNonOwning(int reg) {
        m.retag(frame().p[reg], Ownership.NON_OWNING);
    }

    @Override
    public void release(int reg) {
        m.retag(frame().p[reg], Ownership.RELEASED);
    }

    @Override
    public void returnScalar(long value) {
        frame().v[0] = value;
        frame().p[0] = null;
    }

    @Override
    public void returnNull() {
        returnScalar(0);
    }

    @Override
    public void returnOwning(int object, long offset) {
        HeapObject o = object(object);
        frame().v[0] = o.base + offset;
        frame().p[0] = new Ref(o, Ownership.OWNING, ++m.refIds, -1, insn);
    }

    @Override
    public void returnNonOwning(int object, long offset) {
        HeapObject o = object(object);
        frame().v[0] = o.base + offset;
        frame().p[0] = new Ref(o, Ownership.NON_OWNING, 0, m.unlockCount, insn);
    }

    @Override
    public void report(FindingKind kind, String message) {
        m.report(kind, insn, message);
    }

    @Override
    public void fail(FindingKind kind, String message) {
        throw m.fail(kind, insn, message);
    }

    @Override
    public boolean injectNull() {
        return kfunc != null && m.options.faults().fails(kfunc, callNumber);
    }

    @Override
    public int allocate(int btfTypeId, boolean percpu) {
        TypeLayout layout = m.layout(btfTypeId);
        if (layout == null) {
            report(FindingKind.INVALID_ARGUMENT, spec.name() + ": type id " + btfTypeId
                    + " is not a struct in the program's BTF");
            return 0;
        }
        String problem = layout.problem(m.semantics);
        if (problem != null) {
            report(FindingKind.BAD_TYPE, problem);
        }
        if (percpu && layout.special()) {
            report(FindingKind.INVALID_ARGUMENT, spec.name() + ": a per-CPU object may not have special fields");
        }
        if (layout.size() > Heap.MAX_OBJECT || layout.size() <= 0) {
            return 0;
        }
        return m.heap.allocate(layout, percpu, insn).id;
    }

    @Override
    public String describe(int object) {
        return m.heap.describe(object(object));
    }

    @Override
    public boolean refcounted(int object) {
        return object(object).refcounted();
    }

    @Override
    public int refcount(int object) {
        return object(object).refcount;
    }

    @Override
    public void incrementRefcount(int object) {
        HeapObject o = object(object);
        m.heap.setRefcount(o, o.refcount + 1);
    }

    @Override
    public void dropReference(int object) {
        m.heap.drop(object(object), insn);
    }

    private GraphNode node(int object, int nodeOffset) {
        GraphNode n = object(object).nodeAt(nodeOffset);
        if (n == null) {
            fail(FindingKind.INVALID_ARGUMENT, describe(object) + " has no list or rb node at offset " + nodeOffset);
        }
        return n;
    }

    @Override
    public int owner(int object, int nodeOffset) {
        Collection c = node(object, nodeOffset).owner;
        return c == null ? 0 : c.id;
    }

    @Override
    public boolean linked(int object, int nodeOffset) {
        return node(object, nodeOffset).linked;
    }

    @Override
    public int listEnd(int root, boolean tail) {
        GraphNode n = ((ListCollection) m.graph.get(root)).end(tail);
        return n == null ? 0 : n.object.id;
    }

    @Override
    public void listAdd(int root, int object, boolean tail) {
        ListCollection l = (ListCollection) m.graph.get(root);
        m.graph.listAdd(l, node(object, l.decl.nodeOffset()), tail);
    }

    @Override
    public void listRemove(int root, int object) {
        ListCollection l = (ListCollection) m.graph.get(root);
        m.graph.listRemove(l, node(object, l.decl.nodeOffset()));
    }

    @Override
    public void insertRejected(int root, int object) {
        if (m.tracer != null) {
            m.tracer.add(new Change.InsertFailed(m.graph.get(root), object(object)));
        }
    }

    @Override
    public int treeRoot(int root) {
        GraphNode n = ((TreeCollection) m.graph.get(root)).root;
        return n == null ? 0 : n.object.id;
    }

    @Override
    public int treeFirst(int root) {
        GraphNode n = ((TreeCollection) m.graph.get(root)).leftmost;
        return n == null ? 0 : n.object.id;
    }

    @Override
    public int treeChild(int root, int object, boolean left) {
        TreeCollection t = (TreeCollection) m.graph.get(root);
        GraphNode n = node(object, t.decl.nodeOffset());
        GraphNode c = left ? n.left : n.right;
        return c == null ? 0 : c.object.id;
    }

    private void notDuringWalk(String what) {
        if (m.calls.inCallback()) {
            fail(FindingKind.COLLECTION_CORRUPTION, what + " inside an rbtree less() callback: the bpf_rbtree_add "
                    + "walking the tree would go on from nodes whose links just changed");
        }
    }

    @Override
    public void treeLink(int root, int object, int parent, boolean left, boolean leftmost) {
        notDuringWalk("linking a node into " + m.graph.get(root).name);
        TreeCollection t = (TreeCollection) m.graph.get(root);
        int off = t.decl.nodeOffset();
        m.graph.treeLink(t, node(object, off), parent == 0 ? null : node(parent, off), left, leftmost);
    }

    @Override
    public void treeErase(int root, int object) {
        notDuringWalk("rb_erase from " + m.graph.get(root).name);
        TreeCollection t = (TreeCollection) m.graph.get(root);
        m.graph.treeErase(t, node(object, t.decl.nodeOffset()));
    }

    @Override
    public void callLess(int function, int root, int newObject, int currentObject, LessResult then) {
        int off = m.graph.get(root).decl.nodeOffset();
        Frame f = m.calls.push(insn, function, insn + 1, insn, spec, then);
        HeapObject a = object(newObject);
        HeapObject b = object(currentObject);
        f.v[1] = a.base + off;
        f.p[1] = new Ref(a, Ownership.NON_OWNING, 0, m.unlockCount, insn);
        f.v[2] = b.base + off;
        f.p[2] = new Ref(b, Ownership.NON_OWNING, 0, m.unlockCount, insn);
        m.pc = function;
        pushed = true;
    }

    @Override
    public int[] heldLocks() {
        return m.locks.heldIds();
    }

    @Override
    public void acquireLock(int lock) {
        m.locks.acquire(lock);
    }

    @Override
    public void releaseLock(int lock) {
        m.locks.release(lock);
    }

    @Override
    public String lockName(int lock) {
        return m.locks.get(lock).name();
    }

    @Override
    public int kptrExchange(int slotReg, int object) {
        return args.kptrExchange(slotReg, object);
    }

    @Override
    public byte[] readBytes(int reg, int length) {
        Frame f = frame();
        MemoryObject o = m.access.checked(f.p[reg], f.v[reg], length, insn, false);
        return o.read((int) (f.v[reg] - o.base), length);
    }

    @Override
    public String readCString(long address) {
        MemoryObject o = m.space.resolve(address);
        if (o == null || o.kind == MemoryObject.Kind.CODE) {
            return null;
        }
        int start = (int) (address - o.base);
        int end = start;
        while (end >= 0 && end < o.size && o.bytes[end] != 0) {
            end++;
        }
        return start < 0 || start >= o.size ? null : new String(o.bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public void printk(String text) {
        m.printk.add(text);
        if (m.tracer != null) {
            m.tracer.add(new Change.Printk(text));
        }
    }

    @Override
    public int nextRandom() {
        m.randomDraws++;
        return m.random.nextInt();
    }

    @Override
    public void rcuReadLock(boolean lock) {
        m.rcuDepth += lock ? 1 : -1;
    }
}
