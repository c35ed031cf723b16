package dev.kptrviz.btf;

import java.util.List;

/**
 * One BTF type, by kind. Type ids are positions in {@link Btf#types()} (id 0 is {@code void}).
 * References to other types are kept as ids; resolve them through {@link Btf}.
 */
public sealed interface BtfType {
    int id();

    String name();

    record Void() implements BtfType {
        public int id() { return 0; }
        public String name() { return "void"; }
    }

    /** encoding bits: 1 signed, 2 char, 4 bool. */
    record Int(int id, String name, int size, int encoding, int bitOffset, int bits) implements BtfType {
        public boolean signed() { return (encoding & 1) != 0; }
    }

    record Ptr(int id, String name, int type) implements BtfType {}

    record Array(int id, String name, int elemType, int indexType, int count) implements BtfType {}

    /** bitOffset is the member's bit offset; bitfieldSize is 0 unless the struct has kind_flag and the member is a bitfield. */
    record Member(String name, int type, int bitOffset, int bitfieldSize) {
        public int byteOffset() { return bitOffset / 8; }
    }

    record Struct(int id, String name, int size, List<Member> members, boolean union) implements BtfType {}

    record EnumValue(String name, long value) {}

    /** ENUM (size 1..4) and ENUM64 (size 8) in one record. */
    record Enum(int id, String name, int size, boolean signed, List<EnumValue> values, boolean is64) implements BtfType {}

    record Fwd(int id, String name, boolean union) implements BtfType {}

    record Typedef(int id, String name, int type) implements BtfType {}

    enum ModifierKind { VOLATILE, CONST, RESTRICT }

    record Modifier(int id, String name, ModifierKind kind, int type) implements BtfType {}

    /** linkage: 0 static, 1 global, 2 extern. */
    record Func(int id, String name, int protoType, int linkage) implements BtfType {}

    record Param(String name, int type) {}

    record FuncProto(int id, String name, int returnType, List<Param> params) implements BtfType {}

    /** linkage: 0 static, 1 global allocated, 2 extern. */
    record Var(int id, String name, int type, int linkage) implements BtfType {}

    record VarSecInfo(int type, int offset, int size) {}

    record DataSec(int id, String name, int size, List<VarSecInfo> vars) implements BtfType {}

    record Float(int id, String name, int size) implements BtfType {}

    /** componentIdx -1 tags the type (or var/func) itself; otherwise a member or parameter index. */
    record DeclTag(int id, String name, int type, int componentIdx) implements BtfType {}

    record TypeTag(int id, String name, int type) implements BtfType {}
}
