package dev.kptrviz.runtime;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.LoadException;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.kfunc.Semantics;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where the kernel's special fields sit in a program-BTF struct (found by struct name, also inside
 * nested structs), plus its plain integer members for display. {@code struct bpf_refcount} only
 * counts as special where the rules support it (6.4+).
 */
public final class TypeLayout {
    /** Kinds of special fields the runtime gives hidden state. */
    public enum FieldKind { LIST_NODE, RB_NODE, LIST_HEAD, RB_ROOT, SPIN_LOCK, REFCOUNT, KPTR }

    /** A special field; {@code targetTypeId} is the pointee struct of a kptr, else -1. */
    public record Field(FieldKind kind, String name, int offset, int size, int targetTypeId) {
    }

    /** A plain integer member shown as a key/value: name, offset, size, signedness. */
    public record Scalar(String name, int offset, int size, boolean signed) {
    }

    private static final Set<String> KPTR_TAGS = Set.of("kptr", "kptr_untrusted", "percpu_kptr", "kptr_ref");

    private final int typeId;
    private final String typeName;
    private final int size;
    private final List<Field> fields;
    private final List<Scalar> scalars;

    private TypeLayout(int typeId, String typeName, int size, List<Field> fields, List<Scalar> scalars) {
        this.typeId = typeId;
        this.typeName = typeName;
        this.size = size;
        this.fields = List.copyOf(fields);
        this.scalars = List.copyOf(scalars);
    }

    /** A layout built by hand (tests, synthetic objects): no BTF behind it. */
    static TypeLayout synthetic(int typeId, String typeName, int size, List<Field> fields, List<Scalar> scalars) {
        return new TypeLayout(typeId, typeName, size, fields, scalars);
    }

    /** The layout of struct {@code typeId}, or null when it is not a struct of this BTF. */
    public static TypeLayout of(Btf btf, int typeId, Semantics sem) {
        try {
            if (btf == null || typeId <= 0 || typeId >= btf.count()
                    || !(btf.resolve(typeId) instanceof BtfType.Struct st) || st.union()) {
                return null;
            }
            List<Field> fields = new ArrayList<>();
            List<Scalar> scalars = new ArrayList<>();
            collect(btf, st, 0, "", sem, fields, scalars, 0);
            return new TypeLayout(st.id(), "struct " + st.name(), st.size(), fields, scalars);
        } catch (LoadException e) {
            return null;
        }
    }

    private static void collect(Btf btf, BtfType.Struct st, int base, String prefix, Semantics sem,
                                List<Field> fields, List<Scalar> scalars, int depth) throws LoadException {
        for (BtfType.Member m : st.members()) {
            int off = base + m.byteOffset();
            String name = prefix + (m.name().isEmpty() ? "(anon)" : m.name());
            BtfType t = btf.resolve(m.type());
            if (t instanceof BtfType.Struct s && !s.union()) {
                FieldKind k = special(s.name(), sem);
                if (k != null) {
                    fields.add(new Field(k, name, off, s.size(), -1));
                } else if (depth < 8) {
                    collect(btf, s, off, name + ".", sem, fields, scalars, depth + 1);
                }
            } else if (t instanceof BtfType.Ptr ptr) {
                int target = kptrTarget(btf, ptr.type());
                if (target > 0) {
                    fields.add(new Field(FieldKind.KPTR, name, off, 8, target));
                } else {
                    scalars.add(new Scalar(name, off, 8, false));
                }
            } else if (t instanceof BtfType.Int i && m.bitfieldSize() == 0 && i.size() <= 8) {
                scalars.add(new Scalar(name, off, i.size(), i.signed()));
            } else if (t instanceof BtfType.Enum e && m.bitfieldSize() == 0) {
                scalars.add(new Scalar(name, off, e.size(), e.signed()));
            }
        }
    }

    private static FieldKind special(String structName, Semantics sem) {
        return SpecialField.ofStruct(structName).map(f -> switch (f) {
            case LIST_NODE -> FieldKind.LIST_NODE;
            case RB_NODE -> FieldKind.RB_NODE;
            case LIST_HEAD -> FieldKind.LIST_HEAD;
            case RB_ROOT -> FieldKind.RB_ROOT;
            case SPIN_LOCK -> FieldKind.SPIN_LOCK;
            // before 6.4 a struct bpf_refcount is plain data
            case REFCOUNT -> sem.refcountSupported() ? FieldKind.REFCOUNT : null;
        }).orElse(null);
    }

    /**
     * For the pointee of a pointer type: the struct id when the chain carries a kptr type tag
     * ({@code struct T __kptr *}), else -1.
     */
    public static int kptrTarget(Btf btf, int pointee) {
        try {
            boolean tagged = false;
            BtfType t = btf.type(pointee);
            for (int i = 0; i <= Btf.MAX_DEPTH; i++) {
                if (t instanceof BtfType.TypeTag tt) {
                    tagged |= KPTR_TAGS.contains(tt.name());
                    t = btf.type(tt.type());
                } else if (t instanceof BtfType.Modifier md) {
                    t = btf.type(md.type());
                } else if (t instanceof BtfType.Typedef td) {
                    t = btf.type(td.type());
                } else {
                    break;
                }
            }
            return tagged && t instanceof BtfType.Struct s && !s.union() ? s.id() : -1;
        } catch (LoadException e) {
            return -1;
        }
    }

    public int typeId() {
        return typeId;
    }

    public String typeName() {
        return typeName;
    }

    public int size() {
        return size;
    }

    public List<Field> fields() {
        return fields;
    }

    public List<Scalar> scalars() {
        return scalars;
    }

    public List<Field> nodeFields() {
        return fields.stream().filter(f -> f.kind == FieldKind.LIST_NODE || f.kind == FieldKind.RB_NODE).toList();
    }

    public int refcountOffset() {
        for (Field f : fields) {
            if (f.kind == FieldKind.REFCOUNT) {
                return f.offset;
            }
        }
        return -1;
    }

    public boolean has(FieldKind k) {
        return fields.stream().anyMatch(f -> f.kind == k);
    }

    /** True when the type has special fields (the kernel then has a record for it). */
    public boolean special() {
        return !fields.isEmpty();
    }

    /** Why the kernel refuses the program BTF for this type, or null. */
    public String problem(Semantics sem) {
        boolean both = has(FieldKind.LIST_NODE) && has(FieldKind.RB_NODE);
        if (both && !sem.listAndRbNodeNeedRefcount()) {
            return typeName + " has both a bpf_list_node and a bpf_rb_node, which " + sem + " rules never allow "
                    + "(EINVAL at BTF load)";
        }
        if (both && refcountOffset() < 0) {
            return typeName + " has both a bpf_list_node and a bpf_rb_node but no struct bpf_refcount "
                    + "(EINVAL at BTF load; bpf_obj_new then fails: \"requires prog BTF\")";
        }
        return null;
    }
}
