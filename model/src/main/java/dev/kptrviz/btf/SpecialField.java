package dev.kptrviz.btf;

import dev.kptrviz.LoadException;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kernel-managed field kinds a program type may contain, recognised (as the kernel does)
 * by the name of the member's struct type. Program code may not read or write them; the
 * verifier and the emulator give them their meaning. The one place that knows these names.
 */
public enum SpecialField {
    SPIN_LOCK("bpf_spin_lock"),
    LIST_HEAD("bpf_list_head"),
    LIST_NODE("bpf_list_node"),
    RB_ROOT("bpf_rb_root"),
    RB_NODE("bpf_rb_node"),
    REFCOUNT("bpf_refcount");

    private final String structName;

    SpecialField(String structName) {
        this.structName = structName;
    }

    public String structName() {
        return structName;
    }

    /** The kind a struct of this name is, if it is one of the special ones. */
    public static Optional<SpecialField> ofStruct(String name) {
        return Arrays.stream(values()).filter(f -> f.structName.equals(name)).findFirst();
    }

    /** The kind of type {@code typeId} (after typedefs and modifiers), if it is a special struct. */
    public static Optional<SpecialField> of(Btf btf, int typeId) {
        if (btf == null) {
            return Optional.empty();
        }
        try {
            return btf.resolve(typeId) instanceof BtfType.Struct s && !s.union() ? ofStruct(s.name())
                    : Optional.empty();
        } catch (LoadException e) {
            return Optional.empty();
        }
    }

    /** The first member of struct {@code structId} of this kind, or empty. */
    public Optional<BtfType.Member> memberIn(Btf btf, int structId) {
        if (btf == null) {
            return Optional.empty();
        }
        try {
            if (btf.resolve(structId) instanceof BtfType.Struct s) {
                return s.members().stream().filter(m -> of(btf, m.type()).orElse(null) == this).findFirst();
            }
        } catch (LoadException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
