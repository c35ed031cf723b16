package dev.kptrviz.program;

/** What a relocated {@code ld_imm64} loads, resolved by the loader. */
public sealed interface LdImm64Target {
    /** Address of a global: {@code offset} bytes into {@code region}'s map value. */
    record GlobalAddress(Region region, long offset) implements LdImm64Target {}

    /** Address of a function (a callback), as a linked-program instruction index. */
    record FunctionAddress(int target, String function) implements LdImm64Target {}

    /** A CO-RE local type id ({@code bpf_core_type_id_local}), as used by {@code bpf_obj_new}. */
    record LocalTypeId(int typeId, String typeName) implements LdImm64Target {}

    /**
     * Operand text replacing the kernel's, or null to keep the kernel's hex value. Only map
     * values need one: the kernel prints a kernel address there, which means nothing offline.
     */
    default String operand() {
        return this instanceof GlobalAddress g ? "map[" + g.region().name() + "]+" + g.offset() : null;
    }

    /** Our remark after the kernel's text: which global, which callback, which type. */
    default String annotation() {
        if (this instanceof GlobalAddress g) {
            return g.region().describe(g.offset());
        } else if (this instanceof FunctionAddress f) {
            return "callback " + f.function();
        } else if (this instanceof LocalTypeId t) {
            return "local type id of " + t.typeName();
        }
        throw new IllegalStateException();
    }
}
