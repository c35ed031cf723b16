package dev.kptrviz.btf;

import dev.kptrviz.LoadException;
import dev.kptrviz.io.ByteView;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the raw bytes of a {@code .BTF} section into {@link BtfType} records and checks them
 * against the kernel's structural rules. Every failure is a {@link LoadException}; every loop is
 * bounded by the section size, so corrupt input can neither hang nor allocate beyond its size.
 */
final class BtfReader {
    static final String SECTION = "section .BTF";
    static final int MAGIC = 0xeB9F;
    static final int HEADER_SIZE = 24;
    static final int MAX_TYPE_ID = 0xfffff;

    static final int INT = 1, PTR = 2, ARRAY = 3, STRUCT = 4, UNION = 5, ENUM = 6, FWD = 7, TYPEDEF = 8,
            VOLATILE = 9, CONST = 10, RESTRICT = 11, FUNC = 12, FUNC_PROTO = 13, VAR = 14, DATASEC = 15,
            FLOAT = 16, DECL_TAG = 17, TYPE_TAG = 18, ENUM64 = 19;

    private static final String[] KIND_NAMES = {"UNKN", "INT", "PTR", "ARRAY", "STRUCT", "UNION", "ENUM", "FWD",
        "TYPEDEF", "VOLATILE", "CONST", "RESTRICT", "FUNC", "FUNC_PROTO", "VAR", "DATASEC", "FLOAT", "DECL_TAG",
        "TYPE_TAG", "ENUM64"};

    /** info bits 16..23 and 29..30 are reserved and must be zero. */
    private static final int INFO_RESERVED = 0x60ff0000;

    private final ByteView all;
    private ByteView strings;
    private byte[] stringBytes;
    private StringTable names;
    private long typeStart;
    private long typeEnd;

    private BtfReader(byte[] section) {
        this.all = new ByteView(section, SECTION);
    }

    static String kindName(int kind) {
        return kind >= 0 && kind < KIND_NAMES.length ? KIND_NAMES[kind] : "kind " + kind;
    }

    static Btf read(byte[] section) throws LoadException {
        if (section == null) {
            throw new LoadException(SECTION, "no section data");
        }
        BtfReader r = new BtfReader(section);
        r.header();
        List<BtfType> types = r.types();
        validate(types);
        return new Btf(types, r.stringBytes, r.strings.label());
    }

    private LoadException at(long offset, String reason) {
        return new LoadException(SECTION + ", offset 0x" + Long.toHexString(offset), reason);
    }

    private void header() throws LoadException {
        int length = all.length();
        if (length < HEADER_SIZE) {
            throw at(0, "section is " + length + " bytes, too short for the " + HEADER_SIZE + "-byte BTF header");
        }
        int magic = all.u16(0);
        if (magic != MAGIC) {
            throw at(0, magic == 0x9feb ? "big-endian BTF is not supported"
                    : String.format("bad magic 0x%04x (expected 0xeb9f)", magic));
        }
        if (all.u8(2) != 1) {
            throw at(2, "unsupported BTF version " + all.u8(2) + " (expected 1)");
        }
        if (all.u8(3) != 0) {
            throw at(3, "unsupported header flags 0x" + Integer.toHexString(all.u8(3)));
        }
        long hdrLen = all.u32(4);
        if (hdrLen < HEADER_SIZE || hdrLen > length) {
            throw at(4, "header length " + hdrLen + " is outside " + HEADER_SIZE + ".." + length);
        }
        for (long p = HEADER_SIZE; p < hdrLen; p++) {
            if (all.u8(p) != 0) {
                throw at(p, "unknown non-zero field in the extended header");
            }
        }
        long typeOff = all.u32(8), typeLen = all.u32(12), strOff = all.u32(16), strLen = all.u32(20);
        long dataLen = length - hdrLen;
        if (typeOff + typeLen > dataLen) {
            throw at(8, "type section [" + typeOff + ", +" + typeLen + ") runs past the data (" + dataLen + " bytes after the header)");
        }
        if (strOff + strLen > dataLen) {
            throw at(16, "string section [" + strOff + ", +" + strLen + ") runs past the data (" + dataLen + " bytes after the header)");
        }
        if ((typeOff & 3) != 0) {
            throw at(8, "type section offset " + typeOff + " is not 4-byte aligned");
        }
        if (typeLen > 0 && strOff < typeOff + typeLen && typeOff < strOff + strLen) {
            throw at(8, "type and string sections overlap");
        }
        if (strLen == 0) {
            throw at(20, "string section is empty (it must at least hold the empty string)");
        }
        strings = all.slice(hdrLen + strOff, strLen, SECTION + " string table");
        if (strings.u8(0) != 0) {
            throw at(hdrLen + strOff, "string section does not start with the empty string");
        }
        if (strings.u8(strLen - 1) != 0) {
            throw at(hdrLen + strOff + strLen - 1, "string section is not NUL-terminated");
        }
        stringBytes = strings.bytes(0, strLen);
        names = new StringTable(stringBytes, strings.label());
        typeStart = hdrLen + typeOff;
        typeEnd = typeStart + typeLen;
    }

    private String str(long nameOff, long recordOffset, String what) throws LoadException {
        try {
            return names.get(nameOff);
        } catch (LoadException e) {
            throw at(recordOffset, what + ": " + e.reason());
        }
    }

    private void need(long p, long bytes, int id, int kind) throws LoadException {
        if (p + bytes > typeEnd) {
            throw at(p, "type id " + id + " (" + kindName(kind) + ") needs " + bytes
                    + " more bytes but the type section ends at offset 0x" + Long.toHexString(typeEnd));
        }
    }

    private static int ref(long v) {
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private List<BtfType> types() throws LoadException {
        List<BtfType> types = new ArrayList<>();
        types.add(new BtfType.Void());
        long p = typeStart;
        while (p < typeEnd) {
            int id = types.size();
            if (id > MAX_TYPE_ID) {
                throw at(p, "more than " + MAX_TYPE_ID + " types");
            }
            long start = p;
            need(p, 12, id, 0);
            long nameOff = all.u32(p);
            int info = all.s32(p + 4);
            long sizeOrType = all.u32(p + 8);
            int kind = (info >>> 24) & 0x1f;
            int vlen = info & 0xffff;
            boolean kflag = info < 0;
            p += 12;
            String what = "type id " + id + " (" + kindName(kind) + ")";
            if (kind < INT || kind > ENUM64) {
                throw at(start, what + ": unknown BTF kind " + kind);
            }
            if ((info & INFO_RESERVED) != 0) {
                throw at(start + 4, what + ": reserved bits set in info 0x" + Integer.toHexString(info));
            }
            boolean usesVlen = kind == STRUCT || kind == UNION || kind == ENUM || kind == ENUM64
                    || kind == FUNC_PROTO || kind == DATASEC || kind == FUNC;
            if (!usesVlen && vlen != 0) {
                throw at(start + 4, what + ": vlen " + vlen + " must be 0 for this kind");
            }
            String name = str(nameOff, start, what + " name");
            int size = (int) Math.min(sizeOrType, Integer.MAX_VALUE);
            boolean sizeKind = kind == INT || kind == STRUCT || kind == UNION || kind == ENUM || kind == ENUM64
                    || kind == DATASEC || kind == FLOAT;
            if (sizeKind && sizeOrType > Integer.MAX_VALUE) {
                throw at(start + 8, what + ": size " + sizeOrType + " is too large");
            }
            int type = ref(sizeOrType);
            BtfType t;
            switch (kind) {
                case INT -> {
                    need(p, 4, id, kind);
                    long v = all.u32(p);
                    p += 4;
                    if ((v & 0xf000ff00L) != 0) {
                        throw at(p - 4, what + ": reserved bits set in int data 0x" + Long.toHexString(v));
                    }
                    int enc = (int) (v >>> 24) & 0xf, off = (int) (v >>> 16) & 0xff, bits = (int) v & 0xff;
                    if (size != 1 && size != 2 && size != 4 && size != 8 && size != 16) {
                        throw at(start + 8, what + ": invalid int size " + size);
                    }
                    if (bits > 128 || off + bits > size * 8) {
                        throw at(p - 4, what + ": " + bits + " bits at bit offset " + off + " do not fit in " + size + " bytes");
                    }
                    if (enc != 0 && enc != 1 && enc != 2 && enc != 4) {
                        throw at(p - 4, what + ": invalid int encoding " + enc);
                    }
                    t = new BtfType.Int(id, name, size, enc, off, bits);
                }
                case PTR -> t = new BtfType.Ptr(id, name, type);
                case ARRAY -> {
                    if (sizeOrType != 0) {
                        throw at(start + 8, what + ": size field must be 0");
                    }
                    need(p, 12, id, kind);
                    long n = all.u32(p + 8);
                    if (n > Integer.MAX_VALUE) {
                        throw at(p + 8, what + ": element count " + n + " is too large");
                    }
                    t = new BtfType.Array(id, name, ref(all.u32(p)), ref(all.u32(p + 4)), (int) n);
                    p += 12;
                }
                case STRUCT, UNION -> {
                    need(p, 12L * vlen, id, kind);
                    List<BtfType.Member> members = new ArrayList<>(vlen);
                    long last = 0;
                    for (int i = 0; i < vlen; i++, p += 12) {
                        String mName = str(all.u32(p), p, what + " member " + i + " name");
                        long raw = all.u32(p + 8);
                        long bitOff = kflag ? raw & 0xffffff : raw;
                        int bfSize = kflag ? (int) (raw >>> 24) : 0;
                        if ((bitOff + 7) / 8 > size) {
                            throw at(p + 8, what + ": member '" + mName + "' at bit " + bitOff + " lies beyond the size " + size);
                        }
                        if (kind == UNION && bitOff != 0) {
                            throw at(p + 8, what + ": union member '" + mName + "' has non-zero bit offset " + bitOff);
                        }
                        if (bitOff < last) {
                            throw at(p + 8, what + ": member '" + mName + "' offset " + bitOff + " is before the previous member's " + last);
                        }
                        last = bitOff;
                        members.add(new BtfType.Member(mName, ref(all.u32(p + 4)), (int) bitOff, bfSize));
                    }
                    t = new BtfType.Struct(id, name, size, List.copyOf(members), kind == UNION);
                }
                case ENUM, ENUM64 -> {
                    if (size != 1 && size != 2 && size != 4 && size != 8) {
                        throw at(start + 8, what + ": invalid enum size " + size);
                    }
                    int rec = kind == ENUM ? 8 : 12;
                    need(p, (long) rec * vlen, id, kind);
                    List<BtfType.EnumValue> values = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, p += rec) {
                        String vName = str(all.u32(p), p, what + " value " + i + " name");
                        long v;
                        if (kind == ENUM) {
                            v = kflag ? all.s32(p + 4) : all.u32(p + 4);
                        } else {
                            v = all.u32(p + 4) | all.u32(p + 8) << 32;
                        }
                        values.add(new BtfType.EnumValue(vName, v));
                    }
                    t = new BtfType.Enum(id, name, size, kflag, List.copyOf(values), kind == ENUM64);
                }
                case FWD -> {
                    if (sizeOrType != 0) {
                        throw at(start + 8, what + ": type field must be 0");
                    }
                    t = new BtfType.Fwd(id, name, kflag);
                }
                case TYPEDEF -> t = new BtfType.Typedef(id, name, type);
                case VOLATILE -> t = new BtfType.Modifier(id, name, BtfType.ModifierKind.VOLATILE, type);
                case CONST -> t = new BtfType.Modifier(id, name, BtfType.ModifierKind.CONST, type);
                case RESTRICT -> t = new BtfType.Modifier(id, name, BtfType.ModifierKind.RESTRICT, type);
                case TYPE_TAG -> t = new BtfType.TypeTag(id, name, type);
                case FUNC -> {
                    if (vlen > 2) {
                        throw at(start + 4, what + ": invalid function linkage " + vlen);
                    }
                    t = new BtfType.Func(id, name, type, vlen);
                }
                case FUNC_PROTO -> {
                    need(p, 8L * vlen, id, kind);
                    List<BtfType.Param> params = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, p += 8) {
                        params.add(new BtfType.Param(str(all.u32(p), p, what + " parameter " + i + " name"), ref(all.u32(p + 4))));
                    }
                    t = new BtfType.FuncProto(id, name, type, List.copyOf(params));
                }
                case VAR -> {
                    need(p, 4, id, kind);
                    long linkage = all.u32(p);
                    if (linkage > 2) {
                        throw at(p, what + ": invalid variable linkage " + linkage);
                    }
                    p += 4;
                    t = new BtfType.Var(id, name, type, (int) linkage);
                }
                case DATASEC -> {
                    need(p, 12L * vlen, id, kind);
                    List<BtfType.VarSecInfo> vars = new ArrayList<>(vlen);
                    for (int i = 0; i < vlen; i++, p += 12) {
                        long off = all.u32(p + 4), sz = all.u32(p + 8);
                        if (off > Integer.MAX_VALUE || sz > Integer.MAX_VALUE || (size != 0 && off + sz > size)) {
                            throw at(p + 4, what + ": entry " + i + " [" + off + ", +" + sz + ") does not fit the section size " + size);
                        }
                        vars.add(new BtfType.VarSecInfo(ref(all.u32(p)), (int) off, (int) sz));
                    }
                    t = new BtfType.DataSec(id, name, size, List.copyOf(vars));
                }
                case FLOAT -> {
                    if (size != 2 && size != 4 && size != 8 && size != 12 && size != 16) {
                        throw at(start + 8, what + ": invalid float size " + size);
                    }
                    t = new BtfType.Float(id, name, size);
                }
                case DECL_TAG -> {
                    need(p, 4, id, kind);
                    int idx = all.s32(p);
                    p += 4;
                    if (idx < -1) {
                        throw at(p - 4, what + ": invalid component index " + idx);
                    }
                    t = new BtfType.DeclTag(id, name, type, idx);
                }
                default -> throw at(start, what + ": unknown BTF kind " + kind);
            }
            types.add(t);
        }
        return types;
    }

    /** Where-string for an already decoded type: {@code section .BTF, type id 12 (STRUCT 'node')}. */
    static String where(BtfType t) {
        return SECTION + ", type id " + t.id() + " (" + kindName(kindOf(t)) + " '" + (t.name().isEmpty() ? "(anon)" : t.name()) + "')";
    }

    static int kindOf(BtfType t) {
        if (t instanceof BtfType.Int) {
            return INT;
        } else if (t instanceof BtfType.Ptr) {
            return PTR;
        } else if (t instanceof BtfType.Array) {
            return ARRAY;
        } else if (t instanceof BtfType.Struct s) {
            return s.union() ? UNION : STRUCT;
        } else if (t instanceof BtfType.Enum e) {
            return e.is64() ? ENUM64 : ENUM;
        } else if (t instanceof BtfType.Fwd) {
            return FWD;
        } else if (t instanceof BtfType.Typedef) {
            return TYPEDEF;
        } else if (t instanceof BtfType.Modifier m) {
            return m.kind() == BtfType.ModifierKind.CONST ? CONST
                    : m.kind() == BtfType.ModifierKind.VOLATILE ? VOLATILE : RESTRICT;
        } else if (t instanceof BtfType.Func) {
            return FUNC;
        } else if (t instanceof BtfType.FuncProto) {
            return FUNC_PROTO;
        } else if (t instanceof BtfType.Var) {
            return VAR;
        } else if (t instanceof BtfType.DataSec) {
            return DATASEC;
        } else if (t instanceof BtfType.Float) {
            return FLOAT;
        } else if (t instanceof BtfType.DeclTag) {
            return DECL_TAG;
        } else if (t instanceof BtfType.TypeTag) {
            return TYPE_TAG;
        }
        return 0;
    }

    /** Cross-type rules, checked once every type is known (references may point forward). */
    private static void validate(List<BtfType> types) throws LoadException {
        for (BtfType t : types) {
            String w = where(t);
            if (t instanceof BtfType.Ptr p) {
                checkRef(types, w, "pointee", p.type(), true);
            } else if (t instanceof BtfType.Array a) {
                checkRef(types, w, "element type", a.elemType(), false);
                checkRef(types, w, "index type", a.indexType(), false);
            } else if (t instanceof BtfType.Struct s) {
                for (BtfType.Member m : s.members()) {
                    checkRef(types, w, "member '" + m.name() + "' type", m.type(), false);
                }
            } else if (t instanceof BtfType.Fwd f) {
                named(w, f.name());
            } else if (t instanceof BtfType.Typedef d) {
                named(w, d.name());
                checkRef(types, w, "target", d.type(), true);
            } else if (t instanceof BtfType.Modifier m) {
                checkRef(types, w, "target", m.type(), true);
            } else if (t instanceof BtfType.TypeTag tt) {
                named(w, tt.name());
                checkRef(types, w, "target", tt.type(), true);
            } else if (t instanceof BtfType.Func f) {
                named(w, f.name());
                checkRef(types, w, "prototype", f.protoType(), false);
                if (!(types.get(f.protoType()) instanceof BtfType.FuncProto)) {
                    throw new LoadException(w, "prototype type id " + f.protoType() + " is not a FUNC_PROTO");
                }
            } else if (t instanceof BtfType.FuncProto fp) {
                checkRef(types, w, "return type", fp.returnType(), true);
                List<BtfType.Param> ps = fp.params();
                for (int i = 0; i < ps.size(); i++) {
                    BtfType.Param prm = ps.get(i);
                    boolean variadic = i == ps.size() - 1 && prm.type() == 0 && prm.name().isEmpty();
                    checkRef(types, w, "parameter " + i + " type", prm.type(), variadic);
                }
            } else if (t instanceof BtfType.Var v) {
                named(w, v.name());
                checkRef(types, w, "variable type", v.type(), false);
            } else if (t instanceof BtfType.DataSec d) {
                named(w, d.name());
                for (BtfType.VarSecInfo vs : d.vars()) {
                    checkRef(types, w, "entry type", vs.type(), false);
                    BtfType e = types.get(vs.type());
                    // clang lists the extern kfuncs of .ksyms as FUNC entries; everything else must be a VAR
                    if (!(e instanceof BtfType.Var) && !(e instanceof BtfType.Func)) {
                        throw new LoadException(w, "entry type id " + vs.type() + " is a " + kindName(kindOf(e)) + ", not a VAR");
                    }
                }
            } else if (t instanceof BtfType.DeclTag dt) {
                named(w, dt.name());
                checkRef(types, w, "target", dt.type(), false);
                checkTagTarget(types, w, dt);
            }
        }
    }

    private static void named(String where, String name) throws LoadException {
        if (name.isEmpty()) {
            throw new LoadException(where, "this kind must have a name");
        }
    }

    private static void checkRef(List<BtfType> types, String where, String what, int id, boolean voidOk) throws LoadException {
        if (id < 0 || id >= types.size()) {
            throw new LoadException(where, what + " refers to type id " + (id < 0 ? "beyond 2^31" : String.valueOf(id))
                    + ", but the last type id is " + (types.size() - 1));
        }
        if (id == 0 && !voidOk) {
            throw new LoadException(where, what + " is void");
        }
    }

    private static void checkTagTarget(List<BtfType> types, String where, BtfType.DeclTag dt) throws LoadException {
        BtfType target = types.get(dt.type());
        int idx = dt.componentIdx();
        int components;
        if (target instanceof BtfType.Struct s) {
            components = s.members().size();
        } else if (target instanceof BtfType.Func f) {
            int proto = f.protoType();
            components = proto > 0 && proto < types.size() && types.get(proto) instanceof BtfType.FuncProto fp
                    ? fp.params().size() : 0;
        } else if (target instanceof BtfType.Var || target instanceof BtfType.Typedef) {
            components = -1;
        } else {
            throw new LoadException(where, "decl tag target type id " + dt.type() + " is a "
                    + kindName(kindOf(target)) + " (expected STRUCT, UNION, VAR, FUNC or TYPEDEF)");
        }
        if (idx >= 0 && idx >= components) {
            throw new LoadException(where, components < 0
                    ? "component index " + idx + " given for a " + kindName(kindOf(target)) + ", which has no components"
                    : "component index " + idx + " is out of range (the target has " + components + ")");
        }
    }
}
