package dev.kptrviz.kfunc;

import dev.kptrviz.kfunc.spec.GetPrandomU32;
import dev.kptrviz.kfunc.spec.KptrXchg;
import dev.kptrviz.kfunc.spec.ListPeek;
import dev.kptrviz.kfunc.spec.ListPop;
import dev.kptrviz.kfunc.spec.ListPush;
import dev.kptrviz.kfunc.spec.ObjDrop;
import dev.kptrviz.kfunc.spec.ObjNew;
import dev.kptrviz.kfunc.spec.RbtreeAdd;
import dev.kptrviz.kfunc.spec.RbtreePeek;
import dev.kptrviz.kfunc.spec.RbtreeRemove;
import dev.kptrviz.kfunc.spec.RcuReadLock;
import dev.kptrviz.kfunc.spec.RefcountAcquire;
import dev.kptrviz.kfunc.spec.SpinLock;
import dev.kptrviz.kfunc.spec.TracePrintk;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The one table from {@link Kfunc} constants and helper ids to their {@link CallSpec}s. */
public final class Specs {
    private static final Map<Kfunc, KfuncSpec> KFUNCS = new EnumMap<>(Kfunc.class);
    private static final Map<Integer, HelperSpec> HELPERS = new TreeMap<>();

    static {
        List<KfuncSpec> kfuncs = List.of(new ObjNew(Kfunc.OBJ_NEW), new ObjNew(Kfunc.PERCPU_OBJ_NEW),
                new ObjDrop(Kfunc.OBJ_DROP), new ObjDrop(Kfunc.PERCPU_OBJ_DROP), new RefcountAcquire(),
                new ListPush(Kfunc.LIST_PUSH_FRONT), new ListPush(Kfunc.LIST_PUSH_BACK),
                new ListPop(Kfunc.LIST_POP_FRONT), new ListPop(Kfunc.LIST_POP_BACK),
                new ListPeek(Kfunc.LIST_FRONT), new ListPeek(Kfunc.LIST_BACK), new RbtreeAdd(), new RbtreeRemove(),
                new RbtreePeek(Kfunc.RBTREE_FIRST), new RbtreePeek(Kfunc.RBTREE_ROOT),
                new RbtreePeek(Kfunc.RBTREE_LEFT), new RbtreePeek(Kfunc.RBTREE_RIGHT),
                new RcuReadLock(Kfunc.RCU_READ_LOCK), new RcuReadLock(Kfunc.RCU_READ_UNLOCK));
        for (KfuncSpec s : kfuncs) {
            if (KFUNCS.put(s.kfunc(), s) != null) {
                throw new IllegalStateException("two specs for " + s.kfunc());
            }
        }
        for (HelperSpec h : List.of(new SpinLock(true), new SpinLock(false), new KptrXchg(), new TracePrintk(),
                new GetPrandomU32())) {
            HELPERS.put(h.helperId(), h);
        }
    }

    private Specs() {
    }

    /** The spec of a kfunc; every {@link Kfunc} constant has one. */
    public static KfuncSpec of(Kfunc k) {
        return KFUNCS.get(k);
    }

    /** The spec of a helper by id, if KptrViz models it. */
    public static Optional<HelperSpec> helper(int id) {
        return Optional.ofNullable(HELPERS.get(id));
    }

    public static Map<Integer, HelperSpec> helpers() {
        return java.util.Collections.unmodifiableMap(HELPERS);
    }
}
