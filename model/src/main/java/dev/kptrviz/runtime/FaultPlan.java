package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.Kfunc;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fault injection: which calls of which kfunc return NULL although they could succeed (the n-th
 * call over the machine's lifetime, 1-based), e.g. an allocation failure of the first
 * {@code bpf_obj_new}. Only calls that may return NULL under the chosen rules are affected.
 */
public final class FaultPlan {
    public static final FaultPlan NONE = new FaultPlan(Map.of());

    private final Map<Kfunc, Set<Long>> failing;

    private FaultPlan(Map<Kfunc, Set<Long>> failing) {
        this.failing = failing;
    }

    /** A plan where the {@code n}-th call of {@code k} fails (in addition to this plan's). */
    public FaultPlan failing(Kfunc k, long n) {
        Map<Kfunc, Set<Long>> m = new EnumMap<>(Kfunc.class);
        failing.forEach((key, v) -> m.put(key, new TreeSet<>(v)));
        m.computeIfAbsent(k, x -> new TreeSet<>()).add(n);
        return new FaultPlan(m);
    }

    /** Parses {@code NAME:N} (e.g. {@code bpf_rbtree_remove:1}). */
    public FaultPlan failing(String spec) {
        int colon = spec.lastIndexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        long n = colon < 0 ? 1 : Long.parseLong(spec.substring(colon + 1).trim());
        Kfunc k = Kfunc.byName(name.trim()).orElseThrow(() -> new IllegalArgumentException("no kfunc " + name));
        if (n < 1) {
            throw new IllegalArgumentException("call numbers start at 1");
        }
        return failing(k, n);
    }

    boolean fails(Kfunc k, long callNumber) {
        Set<Long> s = failing.get(k);
        return s != null && s.contains(callNumber);
    }

    public boolean isEmpty() {
        return failing.isEmpty();
    }

    @Override
    public String toString() {
        return failing.toString();
    }
}
