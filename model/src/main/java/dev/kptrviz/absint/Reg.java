package dev.kptrviz.absint;

import dev.kptrviz.program.Region;
import dev.kptrviz.verifier.scalar.Scalar;
import dev.kptrviz.verifier.scalar.ScalarFormat;

/**
 * The abstract value of one register (or spilled stack slot), as the kernel's
 * {@code bpf_reg_state}: a base type, flag bits, a constant offset for pointers, the scalar
 * knowledge for scalars, and the {@code id} / {@code ref_obj_id} pair that ties copies of one
 * pointer together for NULL checks and reference release.
 */
public record Reg(Type type, int flags, Scalar scalar, int off, Region region, int btfId, String typeName,
                  int id, int refObjId, int frameNo) {

    public enum Type { NOT_INIT, SCALAR, PTR_TO_CTX, PTR_TO_STACK, PTR_TO_MAP_VALUE, PTR_TO_BTF_ID, PTR_TO_FUNC }

    public static final int MAYBE_NULL = 1;
    public static final int MEM_ALLOC = 2;
    public static final int NON_OWN_REF = 4;
    public static final int MEM_RCU = 8;
    public static final int PTR_UNTRUSTED = 16;

    public static final Reg NOT_INIT = new Reg(Type.NOT_INIT, 0, null, 0, null, 0, null, 0, 0, 0);

    public static Reg scalar(Scalar s) {
        return new Reg(Type.SCALAR, 0, s, 0, null, 0, null, 0, 0, 0);
    }

    public static Reg unknown() {
        return scalar(Scalar.unknown());
    }

    public static Reg constant(long v) {
        return scalar(Scalar.constant(v));
    }

    public static Reg ctx() {
        return new Reg(Type.PTR_TO_CTX, 0, null, 0, null, 0, null, 0, 0, 0);
    }

    public static Reg stack(int frameNo, int off) {
        return new Reg(Type.PTR_TO_STACK, 0, null, off, null, 0, null, 0, 0, frameNo);
    }

    public static Reg mapValue(Region region, int off) {
        return new Reg(Type.PTR_TO_MAP_VALUE, 0, null, off, region, 0, null, 0, 0, 0);
    }

    public static Reg func(int target) {
        return new Reg(Type.PTR_TO_FUNC, 0, null, target, null, 0, null, 0, 0, 0);
    }

    /** A local kptr: {@code PTR_TO_BTF_ID | MEM_ALLOC} of a program type. */
    public static Reg alloc(int btfId, String typeName, int off, int flags, int id, int refObjId) {
        return new Reg(Type.PTR_TO_BTF_ID, MEM_ALLOC | flags, null, off, null, btfId, typeName, id, refObjId, 0);
    }

    public boolean is(int flag) {
        return (flags & flag) != 0;
    }

    public boolean isScalar() {
        return type == Type.SCALAR;
    }

    public boolean isPointer() {
        return type != Type.SCALAR && type != Type.NOT_INIT;
    }

    /** {@code type_is_ptr_alloc_obj}: a PTR_TO_BTF_ID with MEM_ALLOC. */
    public boolean isAllocObj() {
        return type == Type.PTR_TO_BTF_ID && is(MEM_ALLOC);
    }

    public boolean isOwning() {
        return isAllocObj() && refObjId != 0 && !is(NON_OWN_REF);
    }

    public boolean isNonOwning() {
        return isAllocObj() && is(NON_OWN_REF);
    }

    /** For pointers: the variable part of the offset (null when the offset is a constant). */
    public Scalar varOffset() {
        return type == Type.SCALAR ? null : scalar;
    }

    public Reg withVarOffset(Scalar v) {
        return new Reg(type, flags, v, off, region, btfId, typeName, id, refObjId, frameNo);
    }

    public Reg withOff(int newOff) {
        return new Reg(type, flags, scalar, newOff, region, btfId, typeName, id, refObjId, frameNo);
    }

    public Reg withFlags(int newFlags) {
        return new Reg(type, newFlags, scalar, off, region, btfId, typeName, id, refObjId, frameNo);
    }

    public Reg withIds(int newId, int newRefObjId) {
        return new Reg(type, flags, scalar, off, region, btfId, typeName, newId, newRefObjId, frameNo);
    }

    /** The kernel log's spelling, e.g. {@code ptr_or_null_node(id=2,ref_obj_id=2)}, {@code fp-8}, {@code 5}. */
    public String format() {
        switch (type) {
            case NOT_INIT:
                return "?";
            case SCALAR:
                return id == 0 ? ScalarFormat.format(scalar) : ScalarFormat.format(scalar, "id=" + id);
            case PTR_TO_CTX:
                return "ctx(" + (off != 0 ? "off=" + off : "") + ")";
            case PTR_TO_STACK:
                return "fp" + off;
            case PTR_TO_FUNC:
                return "func()";
            case PTR_TO_MAP_VALUE: {
                StringBuilder b = new StringBuilder(is(MAYBE_NULL) ? "map_value_or_null(" : "map_value(");
                if (id != 0) {
                    b.append("id=").append(id).append(',');
                }
                b.append("map=").append(region.mapName()).append(",ks=4,vs=").append(region.size());
                if (off != 0) {
                    b.append(",off=").append(off);
                }
                if (scalar != null) {
                    // a variable offset prints like a scalar's ranges (the kernel's reg->var_off and bounds)
                    String r = dev.kptrviz.verifier.scalar.ScalarFormat.ranges(scalar);
                    if (!r.isEmpty()) {
                        b.append(',').append(r);
                    }
                    if (!scalar.varOff().isUnknown()) {
                        b.append(",var_off=").append(scalar.varOff());
                    }
                }
                return b.append(')').toString();
            }
            default: {
                StringBuilder b = new StringBuilder();
                if (is(PTR_UNTRUSTED)) {
                    b.append("untrusted_");
                }
                if (is(MEM_RCU)) {
                    b.append("rcu_");
                }
                b.append(is(MAYBE_NULL) ? "ptr_or_null_" : "ptr_").append(typeName).append('(');
                String sep = "";
                if (id != 0) {
                    b.append("id=").append(id);
                    sep = ",";
                }
                if (refObjId != 0) {
                    b.append(sep).append("ref_obj_id=").append(refObjId);
                    sep = ",";
                }
                if (is(NON_OWN_REF)) {
                    b.append(sep).append("non_own_ref");
                    sep = ",";
                }
                if (off != 0) {
                    b.append(sep).append("off=").append(off);
                }
                return b.append(')').toString();
            }
        }
    }

    /** The kernel's short type name used in "invalid mem access '%s'" messages. */
    public String typeNameForMessage() {
        switch (type) {
            case SCALAR:
                return "scalar";
            case PTR_TO_CTX:
                return "ctx";
            case PTR_TO_STACK:
                return "fp";
            case PTR_TO_FUNC:
                return "func";
            case PTR_TO_MAP_VALUE:
                return is(MAYBE_NULL) ? "map_value_or_null" : "map_value";
            case NOT_INIT:
                return "?";
            default:
                return (is(MEM_RCU) ? "rcu_" : "") + (is(MAYBE_NULL) ? "ptr_or_null_" : "ptr_");
        }
    }
}
