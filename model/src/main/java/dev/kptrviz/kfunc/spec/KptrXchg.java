package dev.kptrviz.kfunc.spec;

import dev.kptrviz.kfunc.HelperSpec;
import dev.kptrviz.kfunc.RuntimeOps;

/** Helper 194 {@code bpf_kptr_xchg}: swap an owning reference into a {@code __kptr} slot. */
public final class KptrXchg implements HelperSpec {
    @Override
    public int helperId() {
        return 194;
    }

    @Override
    public String explain() {
        return "Atomically swaps the pointer in a __kptr slot of a map value (or object): the program's owning "
                + "reference moves into the slot and whatever was there comes back as an owning reference (or "
                + "NULL). No refcount changes: ownership only moves. The map drops a stashed object when the "
                + "map value is freed.";
    }

    @Override
    public void execute(RuntimeOps ops) {
        int incoming = 0;
        if (!ops.isNull(2)) {
            RuntimeOps.ObjectArg a = ops.objectArg(2, RuntimeOps.Use.CONSUME);
            if (a == null) {
                return;
            }
            incoming = a.object();
        }
        int old = ops.kptrExchange(1, incoming);
        if (old < 0) {
            return;
        }
        if (incoming != 0) {
            ops.release(2);
        }
        if (old == 0) {
            ops.returnNull();
        } else {
            ops.returnOwning(old, 0);
        }
    }
}
