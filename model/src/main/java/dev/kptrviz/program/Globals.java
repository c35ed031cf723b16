package dev.kptrviz.program;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.LoadException;
import dev.kptrviz.btf.Btf;
import dev.kptrviz.btf.BtfType;
import dev.kptrviz.elf.ElfFile;
import dev.kptrviz.elf.ElfSection;
import dev.kptrviz.elf.ElfSymbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns global data sections into {@link Region}s (one map value each, as libbpf makes one
 * array map per section) and finds the collection roots in them and in program types, with
 * the {@code contains:} target and the lock that guards each.
 */
final class Globals {
    private Globals() {
    }

    static boolean isDataSection(ElfSection s) {
        String n = s.name();
        return (s.type() == ElfSection.SHT_PROGBITS || s.type() == ElfSection.SHT_NOBITS)
                && !s.isExecutable()
                && (n.equals(".data") || n.equals(".bss") || n.equals(".rodata")
                || n.startsWith(".data.") || n.startsWith(".bss.") || n.startsWith(".rodata."));
    }

    static List<Region> regions(ElfFile elf, Btf btf, String fileName) throws LoadException {
        List<Region> out = new ArrayList<>();
        for (ElfSection s : elf.sections()) {
            if (!isDataSection(s)) {
                continue;
            }
            if (s.size() > (1 << 24)) {
                throw new LoadException("section " + s.index() + " (" + s.name() + ")", "global data of "
                        + s.size() + " bytes is larger than KptrViz supports (16 MiB)");
            }
            int size = (int) s.size();
            byte[] initial = s.isNoBits() ? new byte[size] : s.data().clone();
            List<GlobalVar> vars = btf == null ? List.of() : vars(btf, elf, s);
            boolean readOnly = s.name().startsWith(".rodata");
            out.add(new Region(out.size(), s.name(), s.index(), size, initial, readOnly, vars,
                    Region.kernelMapName(fileName, s.name())));
        }
        return out;
    }

    /**
     * clang leaves DATASEC offsets and sizes zero in the object (libbpf fills them in from the
     * symbol table), so a variable's offset comes from its ELF symbol and its size from its type.
     */
    private static List<GlobalVar> vars(Btf btf, ElfFile elf, ElfSection s) throws LoadException {
        for (BtfType t : btf.types()) {
            if (t instanceof BtfType.DataSec ds && ds.name().equals(s.name())) {
                List<GlobalVar> vars = new ArrayList<>();
                for (BtfType.VarSecInfo vi : ds.vars()) {
                    BtfType vt = btf.type(vi.type());
                    if (!(vt instanceof BtfType.Var v)) {
                        throw new LoadException("section .BTF, DATASEC '" + ds.name() + "'",
                                "entry type " + vi.type() + " is not a VAR");
                    }
                    String where = "section .BTF, DATASEC '" + ds.name() + "', var '" + v.name() + "'";
                    long offset = vi.offset();
                    for (ElfSymbol sym : elf.symbols()) {
                        if (sym.sectionIndex() == s.index() && sym.name().equals(v.name()) && !sym.isSection()) {
                            offset = sym.value();
                        }
                    }
                    long size = btf.sizeOf(v.type());
                    if (offset < 0 || size < 0 || offset + size > s.size()) {
                        throw new LoadException(where, "offset " + offset + " size " + size
                                + " lies outside the section (size " + s.size() + ")");
                    }
                    vars.add(new GlobalVar(v.name(), (int) offset, (int) size, v.type(), btf.cName(v.type())));
                }
                vars.sort(java.util.Comparator.comparingInt(GlobalVar::offset));
                return List.copyOf(vars);
            }
        }
        return List.of();
    }

    /** Roots in global regions and inside program-BTF structs. */
    static List<CollectionRoot> roots(Btf btf, List<Region> regions) throws LoadException {
        if (btf == null) {
            return List.of();
        }
        List<CollectionRoot> out = new ArrayList<>();
        for (Region r : regions) {
            Optional<GlobalVar> lock = r.vars().stream().filter(v -> isStruct(btf, v.btfTypeId(), "bpf_spin_lock"))
                    .findFirst();
            for (GlobalVar v : r.vars()) {
                CollectionRoot.Kind kind = rootKind(btf, v.btfTypeId());
                if (kind == null) {
                    continue;
                }
                int varId = varTypeId(btf, v.name());
                List<String> tags = containsTags(btf, varId, -1);
                out.add(root(btf, v.name(), r.name(), true, v.offset(), kind, tags,
                        lock.map(GlobalVar::name).orElse(null), lock.map(GlobalVar::offset).orElse(-1)));
            }
        }
        for (BtfType t : btf.types()) {
            if (!(t instanceof BtfType.Struct st) || st.union()) {
                continue;
            }
            String lockName = null;
            int lockOff = -1;
            for (BtfType.Member m : st.members()) {
                if (isStruct(btf, m.type(), "bpf_spin_lock")) {
                    lockName = m.name();
                    lockOff = m.byteOffset();
                }
            }
            for (int i = 0; i < st.members().size(); i++) {
                BtfType.Member m = st.members().get(i);
                CollectionRoot.Kind kind = rootKind(btf, m.type());
                if (kind != null) {
                    out.add(root(btf, m.name(), "struct " + st.name(), false, m.byteOffset(), kind,
                            containsTags(btf, st.id(), i), lockName, lockOff));
                }
            }
        }
        return List.copyOf(out);
    }

    private static CollectionRoot root(Btf btf, String name, String container, boolean global, int offset,
                                       CollectionRoot.Kind kind, List<String> tags, String lockName, int lockOff) {
        String problem = null;
        String contained = null;
        String field = null;
        int containedId = -1;
        int nodeOff = -1;
        if (tags.isEmpty()) {
            problem = "no contains:TYPE:FIELD decl tag says what the " + kind.rootStruct() + " holds";
        } else {
            String spec = tags.get(0).substring("contains:".length());
            int colon = spec.indexOf(':');
            if (colon < 0 || colon == spec.length() - 1) {
                problem = "the tag \"contains:" + spec + "\" does not name TYPE:FIELD";
            } else {
                contained = spec.substring(0, colon);
                field = spec.substring(colon + 1);
                Optional<BtfType.Struct> target = btf.structByName(contained);
                if (target.isEmpty()) {
                    problem = "no struct named '" + contained + "' in the program BTF";
                } else {
                    containedId = target.get().id();
                    String wanted = field;
                    List<BtfType.Member> named = target.get().members().stream()
                            .filter(m -> m.name().equals(wanted)).toList();
                    if (named.isEmpty()) {
                        problem = "struct " + contained + " has no member '" + field + "'";
                    } else if (named.size() > 1) {
                        problem = "struct " + contained + " has two members named '" + field + "'";
                    } else if (!isStruct(btf, named.get(0).type(), kind.nodeStruct())) {
                        problem = "member " + contained + "." + field + " is a " + btf.cName(named.get(0).type())
                                + ", not a struct " + kind.nodeStruct();
                    } else if (named.get(0).bitOffset() % 64 != 0) {
                        problem = "member " + contained + "." + field + " is not 8-byte aligned";
                    } else {
                        nodeOff = named.get(0).byteOffset();
                    }
                }
            }
        }
        if (problem == null && lockName == null) {
            problem = "no bpf_spin_lock in the same " + (global ? "section" : "struct") + " protects it";
        }
        return new CollectionRoot(name, container, global, offset, kind, contained, containedId, field, nodeOff,
                lockName, lockOff, problem, problem == null ? null : "EINVAL");
    }

    private static List<String> containsTags(Btf btf, int targetId, int component) {
        if (targetId < 0) {
            return List.of();
        }
        return btf.declTags(targetId).stream()
                .filter(t -> t.componentIdx() == component && t.name().startsWith("contains:"))
                .map(BtfType.DeclTag::name).toList();
    }

    private static int varTypeId(Btf btf, String name) {
        for (BtfType t : btf.byName(name)) {
            if (t instanceof BtfType.Var) {
                return t.id();
            }
        }
        return -1;
    }

    static CollectionRoot.Kind rootKind(Btf btf, int typeId) {
        if (isStruct(btf, typeId, "bpf_list_head")) {
            return CollectionRoot.Kind.LIST;
        }
        if (isStruct(btf, typeId, "bpf_rb_root")) {
            return CollectionRoot.Kind.RBTREE;
        }
        return null;
    }

    static boolean isStruct(Btf btf, int typeId, String name) {
        return SpecialField.of(btf, typeId).map(f -> f.structName().equals(name)).orElse(false);
    }
}
