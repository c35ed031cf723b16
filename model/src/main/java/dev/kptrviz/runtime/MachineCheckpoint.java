package dev.kptrviz.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An immutable copy of a {@link Machine}'s concrete state at one moment: registers and stacks of
 * every frame, the context, the global regions, every heap object (bytes, pointer slots, refcount,
 * freed, node owners and links), every collection's root words, the locks held, the findings and
 * printk output so far, the step counters and the random generator's position. Restoring writes
 * the values back into the same Java objects, so identity (and every {@link Ref}) stays valid;
 * objects, collections and locks created after the checkpoint are forgotten, and ones created
 * before it come back (restoring a later checkpoint after an earlier one works).
 */
public final class MachineCheckpoint {
    // scalars
    private final int depth;
    private final int pc;
    private final Status status;
    private final int run;
    private final long steps;
    private final long runSteps;
    private final long unlockCount;
    private final long r0;
    private final int refIds;
    private final int rcuDepth;
    private final long mayGotoLeft;
    private final long randomDraws;
    private final int runFindingsStart;
    private final List<Finding> findings;
    private final List<String> printk;
    private final long[] kfuncCalls;
    // frames and memory
    private final Frame[] frames;
    private final long[][] regBits;
    private final Ref[][] regRefs;
    private final MemoryObject[] stacks;
    private final MemoryObject ctx;
    /** Every memory object whose contents are saved, with its bytes and slots at the same index. */
    private final MemoryObject[] memory;
    private final byte[][] bytes;
    private final Ref[][] slots;
    // heap
    private final HeapObject[] heap;
    private final int heapSize;
    private final int[] refcount;
    private final int[] freedInsn;
    /** Per heap object: bit 0 freed, bit 1 leak reported, bit 2 guarded. */
    private final byte[] flags;
    private final GraphNode[] nodes;
    /** Per node: owner, prev, next, parent, left, right (6 entries each). */
    private final Object[] nodeLinks;
    /** Per node: bit 0 linked, bit 1 red. */
    private final byte[] nodeFlags;
    // collections and locks
    private final List<Collection> collections;
    private final int collectionCount;
    private final Collection.Shape[] shapes;
    private final boolean[] dead;
    private final List<Locks.Lock> locks;
    private final List<Locks.Lock> held;

    private MachineCheckpoint(Machine m) {
        depth = m.depth;
        pc = m.pc;
        status = m.status;
        run = m.run;
        steps = m.steps;
        runSteps = m.runSteps;
        unlockCount = m.unlockCount;
        r0 = m.r0;
        refIds = m.refIds;
        rcuDepth = m.rcuDepth;
        mayGotoLeft = m.mayGotoLeft;
        randomDraws = m.randomDraws;
        runFindingsStart = m.runFindingsStart;
        findings = List.copyOf(m.findings.all);
        printk = List.copyOf(m.printk);
        kfuncCalls = m.kfuncCalls.clone();

        frames = m.frames.clone();
        regBits = new long[frames.length][];
        regRefs = new Ref[frames.length][];
        List<MemoryObject> mem = new ArrayList<>();
        for (int d = 0; d < frames.length; d++) {
            if (frames[d] != null) {
                regBits[d] = frames[d].v.clone();
                regRefs[d] = frames[d].p.clone();
                mem.add(frames[d].stack);
            }
        }
        stacks = m.space.stacks.clone();
        ctx = m.space.ctx;
        if (ctx != null) {
            mem.add(ctx);
        }
        mem.addAll(m.space.regions);
        List<HeapObject> heapList = m.space.heap;
        heap = heapList.toArray(new HeapObject[0]);
        heapSize = heap.length;
        refcount = new int[heapSize];
        freedInsn = new int[heapSize];
        flags = new byte[heapSize];
        List<GraphNode> ns = new ArrayList<>();
        for (int i = 1; i < heapSize; i++) {
            HeapObject o = heap[i];
            mem.add(o);
            refcount[i] = o.refcount;
            freedInsn[i] = o.freedInsn;
            flags[i] = (byte) ((o.freed ? 1 : 0) | (o.leakReported ? 2 : 0) | (o.guarded ? 4 : 0));
            ns.addAll(Arrays.asList(o.nodes));
        }
        memory = mem.toArray(new MemoryObject[0]);
        bytes = new byte[memory.length][];
        slots = new Ref[memory.length][];
        for (int i = 0; i < memory.length; i++) {
            bytes[i] = memory[i].bytes.clone();
            slots[i] = memory[i].slots.clone();
        }
        nodes = ns.toArray(new GraphNode[0]);
        nodeLinks = new Object[nodes.length * 6];
        nodeFlags = new byte[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            GraphNode n = nodes[i];
            int k = i * 6;
            nodeLinks[k] = n.owner;
            nodeLinks[k + 1] = n.prev;
            nodeLinks[k + 2] = n.next;
            nodeLinks[k + 3] = n.parent;
            nodeLinks[k + 4] = n.left;
            nodeLinks[k + 5] = n.right;
            nodeFlags[i] = (byte) ((n.linked ? 1 : 0) | (n.red ? 2 : 0));
        }
        List<Collection> cs = m.graph.all;
        collections = new ArrayList<>(cs);
        collectionCount = cs.size();
        shapes = new Collection.Shape[collectionCount];
        dead = new boolean[collectionCount];
        for (int i = 1; i < collectionCount; i++) {
            shapes[i] = cs.get(i).shape();
            dead[i] = cs.get(i).dead;
        }
        locks = m.locks.allCopy();
        held = m.locks.heldCopy();
    }

    static MachineCheckpoint capture(Machine m) {
        return new MachineCheckpoint(m);
    }

    /** The machine's step counter (all runs) at the checkpoint. */
    public long steps() {
        return steps;
    }

    /** Roughly how many bytes the copy holds (arrays' payloads), for recording-overhead figures. */
    public long approximateBytes() {
        long n = 200L + 8L * memory.length + 8L * frames.length + 9L * heapSize + 56L * nodes.length
                + 48L * collectionCount + 8L * kfuncCalls.length;
        for (int i = 0; i < memory.length; i++) {
            n += bytes[i].length + 4L * slots[i].length + 32;
        }
        for (long[] r : regBits) {
            n += r == null ? 0 : 11 * 12 + 32;
        }
        return n;
    }

    void restoreInto(Machine m) {
        m.depth = depth;
        m.pc = pc;
        m.status = status;
        m.run = run;
        m.steps = steps;
        m.runSteps = runSteps;
        m.unlockCount = unlockCount;
        m.r0 = r0;
        m.refIds = refIds;
        m.rcuDepth = rcuDepth;
        m.mayGotoLeft = mayGotoLeft;
        if (m.randomDraws != randomDraws) {
            m.random = new SplittableRandom(m.options.seed());
            for (long i = 0; i < randomDraws; i++) {
                m.random.nextInt();
            }
            m.randomDraws = randomDraws;
        }
        m.runFindingsStart = runFindingsStart;
        if (m.findings.all.size() != findings.size()) {
            m.findings.restore(findings);
        }
        m.printk = new ArrayList<>(printk);
        System.arraycopy(kfuncCalls, 0, m.kfuncCalls, 0, kfuncCalls.length);

        System.arraycopy(frames, 0, m.frames, 0, frames.length);
        for (int d = 0; d < frames.length; d++) {
            if (frames[d] != null) {
                System.arraycopy(regBits[d], 0, frames[d].v, 0, regBits[d].length);
                System.arraycopy(regRefs[d], 0, frames[d].p, 0, regRefs[d].length);
            }
        }
        System.arraycopy(stacks, 0, m.space.stacks, 0, stacks.length);
        m.space.ctx = ctx;
        m.space.heap.clear();
        m.space.heap.addAll(Arrays.asList(heap));
        for (int i = 0; i < memory.length; i++) {
            System.arraycopy(bytes[i], 0, memory[i].bytes, 0, bytes[i].length);
            System.arraycopy(slots[i], 0, memory[i].slots, 0, slots[i].length);
        }
        for (int i = 1; i < heapSize; i++) {
            HeapObject o = heap[i];
            o.refcount = refcount[i];
            o.freedInsn = freedInsn[i];
            o.freed = (flags[i] & 1) != 0;
            o.leakReported = (flags[i] & 2) != 0;
            o.guarded = (flags[i] & 4) != 0;
        }
        for (int i = 0; i < nodes.length; i++) {
            GraphNode n = nodes[i];
            int k = i * 6;
            n.owner = (Collection) nodeLinks[k];
            n.prev = (GraphNode) nodeLinks[k + 1];
            n.next = (GraphNode) nodeLinks[k + 2];
            n.parent = (GraphNode) nodeLinks[k + 3];
            n.left = (GraphNode) nodeLinks[k + 4];
            n.right = (GraphNode) nodeLinks[k + 5];
            n.linked = (nodeFlags[i] & 1) != 0;
            n.red = (nodeFlags[i] & 2) != 0;
        }
        m.graph.restore(collections);
        for (int i = 1; i < collectionCount; i++) {
            Collection c = collections.get(i);
            c.restore(shapes[i]);
            c.dead = dead[i];
        }
        m.locks.restore(locks, held);
    }
}
