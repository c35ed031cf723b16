package dev.kptrviz.program;

/** What a relocated {@code ld_imm64} loads, resolved by the loader. */
public sealed interface LdImm64Target {
    /** Address of a global: {@code offset} bytes into {@code region}'s map value. */
    record GlobalAddress(Region region, long offset) implements LdImm64Target {}

    /** Address of a function (a callback), as a linked-program instruction index. */
    record FunctionAddress(int target, String function) implements LdImm64Target {}

    /** A CO-RE local type id ({@code bpf_core_type_id_local}), as used by {@code bpf_obj_new}. */
    record LocalTypeId(int typeId, String typeName) implements LdImm64Target {}

    /** The operand as the listing shows it. */
    default String render() {
        if (this instanceof GlobalAddress g) {
            return "map[" + g.region().name() + "]+" + g.offset() + " ; " + g.region().describe(g.offset());
        } else if (this instanceof FunctionAddress f) {
            return "func " + f.function();
        } else if (this instanceof LocalTypeId t) {
            return t.typeId() + " ; local type id of " + t.typeName();
        }
        throw new IllegalStateException();
    }
}
