package dev.kptrviz.kfunc.spec;

import dev.kptrviz.LoadException;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.program.GlobalVar;
import dev.kptrviz.absint.VerifierOps;
import dev.kptrviz.absint.Rejection;
import dev.kptrviz.absint.Reg;
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

    /**
     * Verifier effect: arg1 must address a __kptr field of a local type T; arg2 is NULL or an
     * owning reference of T, which moves into the slot (released). R0 is the old value as an
     * owning, maybe-NULL reference.
     */
    @Override
    public void verify(VerifierOps ops) throws Rejection {
        Reg r1 = ops.read(1);
        Reg r2 = ops.read(2);
        if (r1.type() != Reg.Type.PTR_TO_MAP_VALUE) {
            throw new Rejection("bpf_kptr_xchg takes the address of a __kptr field in a map value.",
                    "R1 type=" + r1.typeNameForMessage() + " expected=map_value");
        }
        GlobalVar slot = r1.region().varAt(r1.off()).orElse(null);
        int pointee = slot == null ? -1 : kptrTarget(ops, slot.btfTypeId());
        if (pointee < 0) {
            throw new Rejection("There is no __kptr field at this address.", "R1 doesn't have kptr field at off=" + r1.off());
        }
        if (!(r2.isScalar() && r2.scalar().isConst() && r2.scalar().constValue() == 0)) {
            if (!r2.isOwning()) {
                throw new Rejection("Only an owning reference (or NULL) can be stashed.",
                        "R2 type=" + r2.typeNameForMessage() + " expected=ptr_, trusted_ptr_, rcu_ptr_");
            }
            ops.release(r2.refObjId());
        }
        String name = ops.btf().cName(pointee).replace("struct ", "");
        ops.newId();
        int ref = ops.acquire();
        ops.setR0(Reg.alloc(pointee, name, 0, Reg.MAYBE_NULL, ref, ref));
    }

    private static int kptrTarget(VerifierOps ops, int varType) {
        try {
            if (ops.btf().resolve(varType) instanceof BtfType.Ptr p
                    && ops.btf().type(p.type()) instanceof BtfType.TypeTag tt && tt.name().equals("kptr")
                    && ops.btf().resolve(tt.type()) instanceof BtfType.Struct target) {
                return target.id();
            }
        } catch (LoadException e) {
            return -1;
        }
        return -1;
    }
}
