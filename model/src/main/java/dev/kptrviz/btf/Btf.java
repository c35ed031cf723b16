package dev.kptrviz.btf;

import dev.kptrviz.LoadException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code .BTF} section: the type table (index = type id, id 0 = {@code void}), the string
 * table, and the size/alignment/name queries the rest of KptrViz asks of it.
 *
 * <p>Instances are immutable apart from two idempotent memo tables (struct layout checks and
 * alignments), so concurrent readers are safe. Every query on bad data fails with a
 * {@link LoadException}; the {@code String}-returning helpers ({@link #cName}, {@link #describe})
 * never throw at all.
 */
public final class Btf {
    /** Longest typedef/modifier/array/member chain followed before a chain is declared cyclic. */
    public static final int MAX_DEPTH = 64;
    /** Pointer size of the BPF target. */
    public static final int POINTER_SIZE = 8;

    private final List<BtfType> types;
    private final byte[] strings;
    private final String stringsLabel;
    private final Map<String, List<BtfType>> byName;
    private final Map<Integer, List<BtfType.DeclTag>> tagsByTarget;
    private final boolean[] structChecked;
    private final int[] alignMemo;

    Btf(List<BtfType> types, byte[] strings, String stringsLabel) {
        this.types = Collections.unmodifiableList(new ArrayList<>(types));
        this.strings = strings;
        this.stringsLabel = stringsLabel;
        Map<String, List<BtfType>> names = new HashMap<>();
        Map<Integer, List<BtfType.DeclTag>> tags = new HashMap<>();
        for (BtfType t : types) {
            if (t.id() != 0 && !t.name().isEmpty()) {
                names.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t);
            }
            if (t instanceof BtfType.DeclTag dt) {
                tags.computeIfAbsent(dt.type(), k -> new ArrayList<>()).add(dt);
            }
        }
        names.replaceAll((k, v) -> List.copyOf(v));
        tags.replaceAll((k, v) -> List.copyOf(v));
        this.byName = names;
        this.tagsByTarget = tags;
        this.structChecked = new boolean[types.size()];
        this.alignMemo = new int[types.size()];
    }

    /** Parses the raw bytes of a {@code .BTF} section (header, types, strings) and validates them. */
    public static Btf parse(byte[] section) throws LoadException {
        return BtfReader.read(section);
    }

    /** All types; the index is the type id and index 0 is {@link BtfType.Void}. */
    public List<BtfType> types() {
        return types;
    }

    /** Number of type ids, including id 0 ({@code void}). */
    public int count() {
        return types.size();
    }

    public BtfType type(int id) throws LoadException {
        if (id < 0 || id >= types.size()) {
            throw new LoadException(BtfReader.SECTION + ", type id " + Integer.toUnsignedString(id),
                    "no such type (the last type id is " + (types.size() - 1) + ")");
        }
        return types.get(id);
    }

    /** The first STRUCT (not UNION) called {@code name}. */
    public Optional<BtfType.Struct> structByName(String name) {
        for (BtfType t : byName(name)) {
            if (t instanceof BtfType.Struct s && !s.union()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Every type named {@code name} (any kind), in id order. */
    public List<BtfType> byName(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** Decl tags whose target is {@code targetId}: on the type/var/func itself or on one of its members/params. */
    public List<BtfType.DeclTag> declTags(int targetId) {
        return tagsByTarget.getOrDefault(targetId, List.of());
    }

    /** The NUL-terminated string at {@code offset} of the string table. */
    public String string(int offset) throws LoadException {
        return StringTable.decode(strings, stringsLabel, offset & 0xffffffffL, Long.MAX_VALUE);
    }

    /** A fresh budgeted, memoised reader of the string table, for parsing sections that refer to it. */
    StringTable stringTable() {
        return new StringTable(strings, stringsLabel);
    }

    /** The type after skipping TYPEDEF, CONST/VOLATILE/RESTRICT and TYPE_TAG (at most {@value #MAX_DEPTH} steps). */
    public BtfType resolve(int id) throws LoadException {
        BtfType t = type(id);
        for (int i = 0; i <= MAX_DEPTH; i++) {
            int next = alias(t);
            if (next < 0) {
                return t;
            }
            t = type(next);
        }
        throw new LoadException(BtfReader.where(type(id)),
                "typedef/modifier chain does not end within " + MAX_DEPTH + " steps (it is probably cyclic)");
    }

    /** Target of a TYPEDEF, modifier or TYPE_TAG; -1 for every other kind. */
    static int alias(BtfType t) {
        if (t instanceof BtfType.Typedef d) {
            return d.type();
        } else if (t instanceof BtfType.Modifier m) {
            return m.type();
        } else if (t instanceof BtfType.TypeTag tt) {
            return tt.type();
        }
        return -1;
    }

    /**
     * Size in bytes with the kernel's meaning: INT/ENUM/FLOAT/STRUCT/UNION/DATASEC their size field,
     * PTR 8, ARRAY element size times count, VAR/TYPEDEF/modifiers their target's size. VOID, FWD,
     * FUNC, FUNC_PROTO and DECL_TAG have no size. Structs and unions are also checked the way the
     * kernel resolves them: every member must have a size and fit inside the struct, so a struct
     * that contains itself by value is refused.
     */
    public long sizeOf(int id) throws LoadException {
        return size(id, 0);
    }

    private long size(int id, int depth) throws LoadException {
        BtfType t = type(id);
        if (depth > MAX_DEPTH) {
            throw tooDeep(t);
        }
        if (t instanceof BtfType.Int i) {
            return i.size();
        } else if (t instanceof BtfType.Ptr) {
            return POINTER_SIZE;
        } else if (t instanceof BtfType.Enum e) {
            return e.size();
        } else if (t instanceof BtfType.Float f) {
            return f.size();
        } else if (t instanceof BtfType.DataSec d) {
            return d.size();
        } else if (t instanceof BtfType.Struct s) {
            checkStruct(s, depth);
            return s.size();
        } else if (t instanceof BtfType.Array a) {
            long total = size(a.elemType(), depth + 1) * a.count();
            if (total > 0xffffffffL) {
                throw new LoadException(BtfReader.where(t), "array size " + total + " overflows 32 bits");
            }
            return total;
        } else if (t instanceof BtfType.Var v) {
            return size(v.type(), depth + 1);
        }
        int next = alias(t);
        if (next >= 0) {
            return size(next, depth + 1);
        }
        throw new LoadException(BtfReader.where(t), "a " + kindName(t) + " has no size");
    }

    private void checkStruct(BtfType.Struct s, int depth) throws LoadException {
        if (structChecked[s.id()]) {
            return;
        }
        for (BtfType.Member m : s.members()) {
            long bytes = size(m.type(), depth + 1);
            long bits = m.bitfieldSize() > 0 ? m.bitfieldSize() : bytes * 8;
            if (m.bitfieldSize() == 0 && resolve(m.type()) instanceof BtfType.Int i && i.bits() < i.size() * 8) {
                bits = i.bits(); // a bitfield in a struct without kind_flag: the INT carries the width
            }
            if (m.bitOffset() + bits > (long) s.size() * 8) {
                throw new LoadException(BtfReader.where(s), "member '" + m.name() + "' (" + bits + " bits at bit "
                        + m.bitOffset() + ") runs past the end of the " + s.size() + "-byte " + kindName(s).toLowerCase());
            }
        }
        structChecked[s.id()] = true;
    }

    /**
     * Natural alignment as clang lays types out: INT/FLOAT/ENUM their size capped at 8, PTR 8, ARRAY
     * its element's, STRUCT/UNION the largest member alignment (1 when a member sits misaligned or
     * the size is not a multiple of it, i.e. the struct was packed), VAR/TYPEDEF/modifiers their
     * target's, DATASEC the largest of its variables'. Explicit {@code aligned(N)} beyond the members'
     * natural alignment is not recorded in BTF and cannot be recovered.
     */
    public int alignOf(int id) throws LoadException {
        return align(id, 0);
    }

    private int align(int id, int depth) throws LoadException {
        BtfType t = type(id);
        if (depth > MAX_DEPTH) {
            throw tooDeep(t);
        }
        if (t instanceof BtfType.Int i) {
            return capped(i.size());
        } else if (t instanceof BtfType.Float f) {
            return capped(f.size());
        } else if (t instanceof BtfType.Enum e) {
            return capped(e.size());
        } else if (t instanceof BtfType.Ptr) {
            return POINTER_SIZE;
        } else if (t instanceof BtfType.Array a) {
            return align(a.elemType(), depth + 1);
        } else if (t instanceof BtfType.Var v) {
            return align(v.type(), depth + 1);
        } else if (t instanceof BtfType.Struct s) {
            if (alignMemo[id] == 0) {
                alignMemo[id] = structAlign(s, depth);
            }
            return alignMemo[id];
        } else if (t instanceof BtfType.DataSec d) {
            int max = 1;
            for (BtfType.VarSecInfo vs : d.vars()) {
                if (type(vs.type()) instanceof BtfType.Var) {
                    max = Math.max(max, align(vs.type(), depth + 1));
                }
            }
            return max;
        }
        int next = alias(t);
        if (next >= 0) {
            return align(next, depth + 1);
        }
        throw new LoadException(BtfReader.where(t), "a " + kindName(t) + " has no alignment");
    }

    private int structAlign(BtfType.Struct s, int depth) throws LoadException {
        int max = 1;
        boolean packed = false;
        for (BtfType.Member m : s.members()) {
            int a = align(m.type(), depth + 1);
            max = Math.max(max, a);
            boolean bitfield = m.bitfieldSize() > 0
                    || resolve(m.type()) instanceof BtfType.Int i && i.bits() < i.size() * 8;
            if (!bitfield && m.bitOffset() % (a * 8) != 0) {
                packed = true;
            }
        }
        return packed || s.size() % max != 0 ? 1 : max;
    }

    private static int capped(int size) {
        return Math.max(1, Math.min(size, 8));
    }

    private LoadException tooDeep(BtfType t) {
        return new LoadException(BtfReader.where(t), "type nesting is deeper than " + MAX_DEPTH
                + " levels (the type probably refers to itself, e.g. a struct containing itself by value)");
    }

    /** BTF kind name as the kernel spells it: INT, STRUCT, UNION, ENUM64, TYPE_TAG ... ({@code VOID} for id 0). */
    public static String kindName(BtfType t) {
        return t instanceof BtfType.Void ? "VOID" : BtfReader.kindName(BtfReader.kindOf(t));
    }

    /**
     * The C spelling of a type: {@code struct node}, {@code long}, {@code struct bpf_rb_node *},
     * {@code int [4]}, {@code bool (*)(struct bpf_rb_node *, const struct bpf_rb_node *)}. See
     * {@link CNames} for the rendering rules (type tags, FUNC/VAR/DATASEC). Never throws: a cyclic
     * type gives {@code "<cycle>"} and an unknown id {@code "<bad type id N>"}.
     */
    public String cName(int id) {
        return CNames.declare(this, id, "");
    }

    /** One bpftool-like line, e.g. {@code [7] STRUCT 'node' size=80 vlen=5}. Never throws. */
    public String describe(int id) {
        return CNames.describe(this, id);
    }

    /** Every type, bpftool {@code btf dump}-like: one {@link #describe} line each plus member/value lines. */
    public String dump() {
        StringBuilder sb = new StringBuilder();
        for (int id = 1; id < types.size(); id++) {
            sb.append(describe(id)).append('\n');
            for (String line : CNames.detailLines(this, id)) {
                sb.append('\t').append(line).append('\n');
            }
        }
        return sb.toString();
    }
}
