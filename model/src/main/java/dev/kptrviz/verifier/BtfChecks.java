package dev.kptrviz.verifier;

import dev.kptrviz.LoadException;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.btf.BtfType;
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
            boolean list = false;
            boolean rb = false;
            boolean refcount = false;
            for (BtfType.Member m : s.members()) {
                String n = structName(btf, m.type());
                list |= "bpf_list_node".equals(n);
                rb |= "bpf_rb_node".equals(n);
                refcount |= "bpf_refcount".equals(n);
            }
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

    static String structName(Btf btf, int typeId) {
        try {
            return btf.resolve(typeId) instanceof BtfType.Struct s ? s.name() : null;
        } catch (LoadException e) {
            return null;
        }
    }

    /** Whether struct {@code typeId} has a member of struct type {@code special}. */
    static boolean hasField(Btf btf, int typeId, String special) {
        return fieldOffset(btf, typeId, special) >= 0;
    }

    static int fieldOffset(Btf btf, int typeId, String special) {
        try {
            if (btf.resolve(typeId) instanceof BtfType.Struct s) {
                for (BtfType.Member m : s.members()) {
                    if (special.equals(structName(btf, m.type()))) {
                        return m.byteOffset();
                    }
                }
            }
        } catch (LoadException e) {
            return -1;
        }
        return -1;
    }
}
