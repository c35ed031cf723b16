package dev.kptrviz.verifier;

import dev.kptrviz.LoadException;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.kfunc.Semantics;

import java.util.Optional;

/**
 * The checks the kernel makes when the program's BTF is loaded (btf_parse_fields /
 * btf_parse_struct_metas). They fail with an errno and no log text; we name the reason.
 */
final class BtfChecks {
    private BtfChecks() {
    }

    /** The reason the kernel refuses this program BTF under {@code sem}, or empty. */
    static Optional<String> refusal(Btf btf, Semantics sem) {
        if (btf == null) {
            return Optional.empty();
        }
        for (BtfType t : btf.types()) {
            if (!(t instanceof BtfType.Struct s) || s.union()) {
                continue;
            }
            boolean list = hasField(btf, s.id(), SpecialField.LIST_NODE);
            boolean rb = hasField(btf, s.id(), SpecialField.RB_NODE);
            boolean refcount = hasField(btf, s.id(), SpecialField.REFCOUNT);
            if (list && rb) {
                if (!sem.listAndRbNodeNeedRefcount()) {
                    return Optional.of("EINVAL (bpf_list_node and bpf_rb_node in one struct)");
                }
                if (!refcount || !sem.refcountSupported()) {
                    return Optional.of("EINVAL (bpf_list_node and bpf_rb_node without bpf_refcount)");
                }
            }
        }
        return Optional.empty();
    }

    /** Whether struct {@code typeId} has a member of the special kind {@code f}. */
    static boolean hasField(Btf btf, int typeId, SpecialField f) {
        return f.memberIn(btf, typeId).isPresent();
    }

    /** Offset of that member, or -1. */
    static int fieldOffset(Btf btf, int typeId, SpecialField f) {
        return f.memberIn(btf, typeId).map(BtfType.Member::byteOffset).orElse(-1);
    }
}
