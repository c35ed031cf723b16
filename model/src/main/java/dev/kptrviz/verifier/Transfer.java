package dev.kptrviz.verifier;

import dev.kptrviz.btf.SpecialField;
import dev.kptrviz.absint.Reg;
import dev.kptrviz.absint.Rejection;

import dev.kptrviz.isa.AluOp;
import dev.kptrviz.isa.Insn;
import dev.kptrviz.isa.Size;
import dev.kptrviz.program.CollectionRoot;
import dev.kptrviz.program.GlobalVar;
import dev.kptrviz.program.LdImm64Target;
import dev.kptrviz.verifier.scalar.Scalar;
import dev.kptrviz.verifier.scalar.ScalarAlu;

/**
 * The transfer functions for ALU, load/store and ld_imm64 instructions on one state, with the
 * kernel's checks and messages. Jumps, calls and exit are in {@link Verifier} and {@link Calls}.
 */
final class Transfer {
    private final Env env;
    private final java.util.function.Consumer<State> push;

    /** {@code push} receives states the kernel would push for later exploration (the AND/OR fork). */
    Transfer(Env env, java.util.function.Consumer<State> push) {
        this.env = env;
        this.push = push;
    }

    Reg read(State s, int r) throws Rejection {
        Reg v = s.cur().regs[r];
        if (v.type() == Reg.Type.NOT_INIT) {
            throw new Rejection("Register r" + r + " is read before anything was written to it.",
                    "R" + r + " !read_ok");
        }
        return v;
    }

    void alu(State s, Insn.Alu a) throws Rejection {
        Frame f = s.cur();
        int dst = a.dst();
        if (a.op() == AluOp.MOV || a.op() == AluOp.MOVSX) {
            Reg src = a.usesRegister() ? read(s, a.src()) : Reg.constant(a.is64() ? a.imm() : a.imm() & 0xffffffffL);
            if (a.usesRegister() && a.op() == AluOp.MOV && src.isScalar() && src.id() == 0
                    && !src.scalar().isConst() && (a.is64() || src.scalar().umax() >= 0
                    && src.scalar().umax() <= 0xffffffffL)) {
                // assign_scalar_id_before_mov: copies of an unknown scalar share an id, so a
                // later branch on one refines the others (and the id counter moves like the kernel's)
                src = src.withIds(env.newId(), 0);
                f.regs[a.src()] = src;
            }
            if (a.op() == AluOp.MOV && a.is64()) {
                f.regs[dst] = src;
            } else if (src.isScalar()) {
                Scalar v = ScalarAlu.alu(a.op(), a.is64(), Scalar.unknown(), src.scalar(), a.movsxWidth());
                boolean keepId = a.op() == AluOp.MOV && a.usesRegister() && src.scalar().umax() >= 0
                        && src.scalar().umax() <= 0xffffffffL;
                f.regs[dst] = keepId ? Reg.scalar(v).withIds(src.id(), 0) : Reg.scalar(v);
            } else {
                f.regs[dst] = Reg.unknown(); // a pointer narrowed or sign-extended is just bits
            }
            return;
        }
        Reg d = a.op() == AluOp.NEG ? read(s, dst) : read(s, dst);
        Reg src = a.op() == AluOp.NEG ? Reg.constant(0)
                : a.usesRegister() ? read(s, a.src()) : Reg.constant(a.imm());
        if (d.isScalar() && src.isScalar()) {
            java.util.List<Scalar> outs = ScalarAlu.outcomes(a.op(), a.is64(), d.scalar(), src.scalar(), 0);
            if (outs.size() > 1) {
                // the kernel splits a [-1, 0] register ANDed/ORed with a constant into its two values
                State other = s.copy();
                other.cur().regs[dst] = Reg.scalar(outs.get(1));
                other.insn = s.insn + 1;
                push.accept(other);
            }
            f.regs[dst] = Reg.scalar(outs.get(0));
            return;
        }
        if (d.isPointer() && src.isScalar() && (a.op() == AluOp.ADD || a.op() == AluOp.SUB) && a.is64()) {
            f.regs[dst] = pointerPlus(d, src, a.op() == AluOp.SUB, dst);
            return;
        }
        if (d.isScalar() && src.isPointer() && a.op() == AluOp.ADD && a.is64()) {
            f.regs[dst] = pointerPlus(src, d, false, dst);
            return;
        }
        if (!a.is64()) {
            throw new Rejection("BPF allows only 64-bit arithmetic on pointers.",
                    "R" + dst + " 32-bit pointer arithmetic prohibited");
        }
        if (d.isPointer() && src.isPointer() && a.op() == AluOp.SUB) {
            f.regs[dst] = Reg.unknown();
            return;
        }
        throw new Rejection("Only adding or subtracting a number is allowed on a pointer.",
                "R" + dst + " pointer arithmetic with " + a.op().name().toLowerCase() + " operator prohibited");
    }

    private Reg pointerPlus(Reg ptr, Reg delta, boolean subtract, int dst) throws Rejection {
        if (ptr.is(Reg.MAYBE_NULL)) {
            throw new Rejection("Check the pointer for NULL before doing arithmetic on it.",
                    "R" + dst + " pointer arithmetic on " + ptr.typeNameForMessage() + " prohibited, null-check it first");
        }
        if (ptr.type() == Reg.Type.PTR_TO_FUNC || ptr.type() == Reg.Type.PTR_TO_CTX && delta.scalar().isConst()
                && false) {
            throw new Rejection("Function pointers cannot be moved.", "R" + dst + " pointer arithmetic on func prohibited");
        }
        if (!delta.scalar().isConst() || ptr.varOffset() != null) {
            if (ptr.type() != Reg.Type.PTR_TO_MAP_VALUE) {
                throw new Rejection("KptrViz models variable offsets on global data only; here the offset must be "
                        + "a constant.", "R" + dst + " pointer arithmetic with a non-constant offset is not modelled");
            }
            // adjust_ptr_min_max_vals: the constant part stays in off, the rest joins the variable offset
            Scalar var = ptr.varOffset() == null ? Scalar.constant(0) : ptr.varOffset();
            var = ScalarAlu.alu(subtract ? AluOp.SUB : AluOp.ADD, true, var, delta.scalar(), 0);
            return ptr.withVarOffset(var.isConst() ? null : var)
                    .withOff(var.isConst() ? ptr.off() + (int) var.constValue() : ptr.off());
        }
        long v = delta.scalar().constValue();
        return ptr.withOff((int) (subtract ? ptr.off() - v : ptr.off() + v));
    }

    void ldImm64(State s, int idx, Insn.LdImm64 l) {
        LdImm64Target t = env.program.ldImm64Targets().get(idx);
        Reg v;
        if (t instanceof LdImm64Target.GlobalAddress g) {
            v = Reg.mapValue(g.region(), (int) g.offset());
        } else if (t instanceof LdImm64Target.FunctionAddress fa) {
            v = Reg.func(fa.target());
        } else {
            v = Reg.constant(l.value());
        }
        s.cur().regs[l.dst()] = v;
    }

    void load(State s, Insn.Load l) throws Rejection {
        Reg base = read(s, l.src());
        int size = l.size().bytes();
        Reg value = access(s, l.src(), base, l.off(), size, false, null);
        if (value == null) {
            value = Reg.scalar(Scalar.unknown());
            if (size < 8) {
                value = Reg.scalar(ScalarAlu.load(l.size(), l.signExtend()));
            }
        } else if (value.isScalar() && size < 8) {
            value = Reg.scalar(ScalarAlu.load(l.size(), l.signExtend()));
        }
        s.cur().regs[l.dst()] = value;
    }

    void store(State s, Insn.Store st) throws Rejection {
        Reg base = read(s, st.dst());
        Reg value = st.fromRegister() ? read(s, st.src()) : Reg.constant(st.imm());
        if (st.fromRegister() && base.type() == Reg.Type.PTR_TO_STACK && st.size().bytes() == 8 && value.isScalar()
                && value.id() == 0 && !value.scalar().isConst()) {
            // a spilled unknown scalar gets an id, as in the kernel's stack-write path
            value = value.withIds(env.newId(), 0);
            s.cur().regs[st.src()] = value;
        }
        access(s, st.dst(), base, st.off(), st.size().bytes(), true, value);
    }

    /** Checks one memory access and performs stack effects; returns the loaded value when known. */
    private Reg access(State s, int regno, Reg base, int insnOff, int size, boolean write, Reg value)
            throws Rejection {
        String r = "R" + regno;
        switch (base.type()) {
            case PTR_TO_STACK:
                return stackAccess(s, base, insnOff, size, write, value);
            case PTR_TO_CTX:
                return null;
            case PTR_TO_MAP_VALUE: {
                int off = base.off() + insnOff;
                Scalar var = base.varOffset();
                if (var != null) {
                    varMapAccess(r, base, off, size, var);
                    return null;
                }
                if (off < 0 || off + size > base.region().size()) {
                    throw new Rejection("The access falls outside the global data section.",
                            "invalid access to map value, value_size=" + base.region().size() + " off=" + off
                                    + " size=" + size, r + " min value is outside of the allowed memory range");
                }
                specialGlobal(base, off, size);
                return null;
            }
            case PTR_TO_BTF_ID: {
                if (base.is(Reg.MAYBE_NULL)) {
                    throw new Rejection("This pointer may be NULL: check it (if (!p) ...) before using it.",
                            r + " invalid mem access '" + base.typeNameForMessage() + "'");
                }
                int off = base.off() + insnOff;
                long objSize = sizeOf(base.btfId());
                if (off < 0 || off + size > objSize) {
                    throw new Rejection("The access falls outside the object.",
                            "access beyond struct " + base.typeName() + " at off " + off + " size " + size);
                }
                specialField(base, off, size);
                return null;
            }
            default:
                throw new Rejection(base.isScalar()
                        ? "This register holds a number, not a pointer (e.g. a non-owning reference that "
                        + "bpf_spin_unlock invalidated)."
                        : "This kind of pointer cannot be dereferenced.",
                        r + " invalid mem access '" + base.typeNameForMessage() + "'");
        }
    }

    /** check_mem_region_access for a map value with a variable offset, in the kernel's order and words. */
    private void varMapAccess(String r, Reg base, int off, int size, Scalar var) throws Rejection {
        int vs = base.region().size();
        if (var.smin() < 0 && (var.smin() == Long.MIN_VALUE || var.smin() + off < 0)) {
            throw new Rejection("The index may be negative: use an unsigned index or check index >= 0.",
                    r + " min value is negative, either use unsigned index or do a if (index >=0) check.");
        }
        if (var.smin() + off < 0 || var.smin() + off + size > vs) {
            throw new Rejection("The smallest possible offset already falls outside the global data.",
                    "invalid access to map value, value_size=" + vs + " off=" + (var.smin() + off) + " size=" + size,
                    r + " min value is outside of the allowed memory range");
        }
        if (Long.compareUnsigned(var.umax(), 1L << 29) >= 0) {
            throw new Rejection("The verifier cannot bound this offset: mask or compare the index first "
                    + "(e.g. i & 7, or if (i < 8)).",
                    r + " unbounded memory access, make sure to bounds check any such access");
        }
        if (var.umax() + off + size > vs) {
            throw new Rejection("The largest possible offset falls outside the global data: bound the index tighter.",
                    "invalid access to map value, value_size=" + vs + " off=" + (var.umax() + off) + " size=" + size,
                    r + " max value is outside of the allowed memory range");
        }
    }

    private Reg stackAccess(State s, Reg base, int insnOff, int size, boolean write, Reg value) throws Rejection {
        Frame f = s.frames.get(base.frameNo());
        int off = base.off() + insnOff;
        if (off < -Frame.STACK_SIZE || off + size > 0) {
            throw new Rejection("The stack is 512 bytes below r10.",
                    "invalid " + (write ? "write" : "read") + " to stack R10 off=" + off + " size=" + size);
        }
        int idx = Frame.STACK_SIZE + off;
        if (write) {
            if (size == 8 && idx % 8 == 0) {
                f.slotTypes[idx] = Frame.SPILL;
                for (int i = 1; i < 8; i++) {
                    f.slotTypes[idx + i] = Frame.SPILL;
                }
                f.spills[idx / 8] = value;
            } else {
                boolean zero = value.isScalar() && value.scalar().isConst() && value.scalar().constValue() == 0;
                for (int i = idx; i < idx + size; i++) {
                    if (f.slotTypes[i] == Frame.SPILL) {
                        int slot = i / 8 * 8;
                        for (int k = slot; k < slot + 8; k++) {
                            f.slotTypes[k] = Frame.MISC;
                        }
                        f.spills[i / 8] = null;
                    }
                    f.slotTypes[i] = zero ? Frame.ZERO : Frame.MISC;
                }
            }
            return null;
        }
        if (size == 8 && idx % 8 == 0 && f.slotTypes[idx] == Frame.SPILL) {
            return f.spills[idx / 8];
        }
        boolean allZero = true;
        for (int i = idx; i < idx + size; i++) {
            if (f.slotTypes[i] == Frame.INVALID) {
                throw new Rejection("This stack slot was never written.",
                        "invalid read from stack off " + off + "+" + (i - idx) + " size " + size);
            }
            allZero &= f.slotTypes[i] == Frame.ZERO;
        }
        return allZero ? Reg.constant(0) : Reg.unknown();
    }

    private void specialGlobal(Reg base, int off, int size) throws Rejection {
        for (GlobalVar v : base.region().vars()) {
            if (off < v.offset() + v.size() && v.offset() < off + size) {
                if (SpecialField.of(env.btf, v.btfTypeId()).orElse(null) == SpecialField.SPIN_LOCK) {
                    throw new Rejection("Only bpf_spin_lock/unlock may touch the lock.",
                            "bpf_spin_lock cannot be accessed directly by load/store");
                }
                for (CollectionRoot root : env.object.roots()) {
                    if (root.global() && root.container().equals(base.region().name()) && root.offset() == v.offset()) {
                        throw new Rejection("Lists and trees are only changed through their kfuncs.",
                                "direct access to " + root.kind().rootStruct() + " is disallowed");
                    }
                }
            }
        }
    }

    private void specialField(Reg base, int off, int size) throws Rejection {
        if (env.btf == null) {
            return;
        }
        try {
            if (env.btf.resolve(base.btfId()) instanceof dev.kptrviz.btf.BtfType.Struct st) {
                for (var m : st.members()) {
                    // only the kernel's special fields, not every struct whose name starts with bpf_
                    String n = SpecialField.of(env.btf, m.type()).map(SpecialField::structName).orElse(null);
                    if (n != null) {
                        long msize = env.btf.sizeOf(m.type());
                        if (off < m.byteOffset() + msize && m.byteOffset() < off + size) {
                            throw new Rejection("Special fields (list/rb nodes, refcount, lock) are managed by the "
                                    + "kernel; the program may not read or write them.",
                                    "direct access to " + n + " is disallowed");
                        }
                    }
                }
            }
        } catch (dev.kptrviz.LoadException e) {
            // the loader already validated the type; nothing to check here
        }
    }

    long sizeOf(int btfId) {
        try {
            return env.btf == null ? 0 : env.btf.sizeOf(btfId);
        } catch (dev.kptrviz.LoadException e) {
            return 0;
        }
    }

    static int bytes(Size s) {
        return s.bytes();
    }
}
