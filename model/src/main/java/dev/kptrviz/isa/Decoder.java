package dev.kptrviz.isa;

import dev.kptrviz.LoadException;
import dev.kptrviz.io.ByteView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Decodes a program section into {@link Insn}s, refusing every encoding the kernel's verifier
 * refuses before it starts reasoning about values: unknown opcodes, reserved fields that must be
 * zero, registers above r10, writes to r10, broken ld_imm64 pairs, and jumps that leave the
 * section or land on an ld_imm64's second slot.
 *
 * <p>The result is indexed by slot: {@code list.get(i)} is the instruction at byte offset
 * {@code 8 * i}, and the second slot of an ld_imm64 holds an {@link Insn.LdImm64Tail}. Targets
 * that come from relocations (helper/kfunc ids, bpf-to-bpf call offsets, ld_imm64 immediates)
 * are not checked; the loader resolves them.
 */
public final class Decoder {
    private Decoder() {
    }

    /** Decodes the whole window of {@code text}. */
    public static List<Insn> decode(ByteView text, String sectionName) throws LoadException {
        return decode(text.bytes(0, text.length()), sectionName);
    }

    /** Decodes {@code text} (the bytes of section {@code sectionName}); the list is unmodifiable. */
    public static List<Insn> decode(byte[] text, String sectionName) throws LoadException {
        int count = text.length / 8;
        if (text.length % 8 != 0) {
            throw new At(sectionName, count, text[count * 8] & 0xff).fail("section length " + text.length
                    + " is not a multiple of 8 (" + text.length % 8 + " trailing bytes)");
        }
        List<Insn> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long w = word(text, i);
            if ((w & 0xff) == Op.LD_IMM64) {
                if (i + 1 == count) {
                    throw new At(sectionName, i, Op.LD_IMM64).fail("ld_imm64 has no second slot: the section ends");
                }
                Insn.LdImm64 ld = decodeLdImm64(w, word(text, i + 1), sectionName, i);
                out.add(ld);
                out.add(new Insn.LdImm64Tail(ld.nextImm()));
                i++;
            } else {
                out.add(decodeWord(w, sectionName, i));
            }
        }
        checkTargets(out, sectionName);
        return Collections.unmodifiableList(out);
    }

    private static long word(byte[] b, int slot) {
        long w = 0;
        for (int k = 7; k >= 0; k--) {
            w = w << 8 | (b[slot * 8 + k] & 0xffL);
        }
        return w;
    }

    private static void checkTargets(List<Insn> insns, String section) throws LoadException {
        for (int i = 0; i < insns.size(); i++) {
            Insn insn = insns.get(i);
            if (!(insn instanceof Insn.Jump || insn instanceof Insn.Goto)) {
                continue;
            }
            long delta = insn instanceof Insn.Jump j ? j.off() : ((Insn.Goto) insn).delta();
            long target = i + delta + 1;
            At at = new At(section, i, insn.opcode());
            if (target < 0 || target >= insns.size()) {
                throw at.fail("jump target insn " + target + " is outside the section (insns 0.."
                        + (insns.size() - 1) + ")");
            }
            if (insns.get((int) target) instanceof Insn.LdImm64Tail) {
                throw at.fail("jump target insn " + target + " is the second slot of the ld_imm64 at insn "
                        + (target - 1));
            }
        }
    }

    private static Insn.LdImm64 decodeLdImm64(long w, long w2, String section, int i) throws LoadException {
        At at = new At(section, i, Op.LD_IMM64);
        int dst = (int) (w >>> 8) & 0xf;
        int src = (int) (w >>> 12) & 0xf;
        int off = (short) (w >>> 16);
        int imm = (int) (w >>> 32);
        int nextImm = (int) (w2 >>> 32);
        At tail = new At(section, i + 1, (int) w2 & 0xff);
        if ((w2 & 0xff) != 0) {
            throw tail.fail("second slot of the ld_imm64 at insn " + i + " has a non-zero opcode");
        }
        if ((w2 >>> 8 & 0xffffff) != 0) {
            throw tail.fail("second slot of the ld_imm64 at insn " + i + " has non-zero dst_reg/src_reg/off");
        }
        at.checkReg("dst_reg", dst);
        if (src > Insn.LdImm64.Kind.MAP_IDX_VALUE.src()) {
            throw at.fail("ld_imm64 src_reg " + src + " is not a known pseudo kind (0..6)");
        }
        if (off != 0) {
            throw at.reserved("ld_imm64", "off", off);
        }
        Insn.LdImm64.Kind kind = Insn.LdImm64.Kind.values()[src];
        if ((kind == Insn.LdImm64.Kind.MAP_FD || kind == Insn.LdImm64.Kind.MAP_IDX) && nextImm != 0) {
            throw tail.fail("ld_imm64 of kind " + kind + " must have imm 0 in its second slot, not " + nextImm);
        }
        at.checkWritable(dst);
        return new Insn.LdImm64(Op.LD_IMM64, kind, dst, imm, nextImm);
    }

    /**
     * Decodes one slot on its own (no jump-target check). An ld_imm64 opcode is refused here since
     * its second slot is not available.
     */
    static Insn decodeWord(long w, String section, int index) throws LoadException {
        int code = (int) w & 0xff;
        int dst = (int) (w >>> 8) & 0xf;
        int src = (int) (w >>> 12) & 0xf;
        int off = (short) (w >>> 16);
        int imm = (int) (w >>> 32);
        At at = new At(section, index, code);
        switch (Op.cls(code)) {
            case Op.LD:
                return decodeLd(at, code, dst, src, off, imm);
            case Op.LDX:
                return decodeLdx(at, code, dst, src, off, imm);
            case Op.ST:
            case Op.STX:
                return decodeStore(at, code, dst, src, off, imm);
            case Op.ALU:
            case Op.ALU64:
                return AluDecoder.decode(at, code, dst, src, off, imm);
            default:
                return decodeJmp(at, code, dst, src, off, imm);
        }
    }

    private static Insn decodeLd(At at, int code, int dst, int src, int off, int imm) throws LoadException {
        int mode = code & 0xe0;
        Size size = Size.ofOpcode(code);
        if (code == Op.LD_IMM64) {
            throw at.fail("ld_imm64 has no second slot");
        }
        if ((mode != Op.ABS && mode != Op.IND) || size == Size.DW) {
            throw at.unknown(String.format("class LD with mode 0x%02x and size %s", mode, size));
        }
        boolean indirect = mode == Op.IND;
        String kind = indirect ? "LD_IND" : "LD_ABS";
        at.checkReg("src_reg", src);
        if (dst != 0) {
            throw at.reserved(kind, "dst_reg", dst);
        }
        if (off != 0) {
            throw at.reserved(kind, "off", off);
        }
        if (!indirect && src != 0) {
            throw at.reserved(kind, "src_reg", src);
        }
        return new Insn.LegacyPacketLoad(code, size, indirect, src, imm);
    }

    private static Insn decodeLdx(At at, int code, int dst, int src, int off, int imm) throws LoadException {
        int mode = code & 0xe0;
        Size size = Size.ofOpcode(code);
        boolean sx = mode == Op.MEMSX;
        if (mode != Op.MEM && !(sx && size != Size.DW)) {
            throw at.unknown(String.format("class LDX with mode 0x%02x and size %s", mode, size));
        }
        at.checkReg("dst_reg", dst);
        at.checkReg("src_reg", src);
        if (imm != 0) {
            throw at.reserved(sx ? "LDX MEMSX" : "LDX MEM", "imm", imm);
        }
        at.checkWritable(dst);
        return new Insn.Load(code, size, sx, dst, src, off);
    }

    private static Insn decodeStore(At at, int code, int dst, int src, int off, int imm) throws LoadException {
        int mode = code & 0xe0;
        Size size = Size.ofOpcode(code);
        boolean stx = Op.cls(code) == Op.STX;
        if (mode == Op.MEM) {
            at.checkReg("dst_reg", dst);
            if (stx) {
                at.checkReg("src_reg", src);
                if (imm != 0) {
                    throw at.reserved("STX MEM", "imm", imm);
                }
            } else if (src != 0) {
                throw at.reserved("ST MEM", "src_reg", src);
            }
            return new Insn.Store(code, size, dst, src, off, imm);
        }
        if (!stx || mode != Op.ATOMIC) {
            throw at.unknown(String.format("class %s with mode 0x%02x", stx ? "STX" : "ST", mode));
        }
        AtomicOp op = AtomicOp.ofImm(imm);
        if (op == null) {
            throw at.fail(String.format("atomic operation imm 0x%x is not defined", imm));
        }
        if (op.readModifyWrite() && size != Size.W && size != Size.DW) {
            throw at.fail("atomic " + op + " must be of size W or DW, not " + size);
        }
        at.checkReg("dst_reg", dst);
        at.checkReg("src_reg", src);
        if (op == AtomicOp.LOAD_ACQUIRE) {
            at.checkWritable(dst);
        } else if (op.fetches() && op != AtomicOp.CMPXCHG) {
            at.checkWritable(src);
        }
        return new Insn.Atomic(code, op, size, dst, src, off);
    }

    private static Insn decodeJmp(At at, int code, int dst, int src, int off, int imm) throws LoadException {
        boolean jmp32 = Op.cls(code) == Op.JMP32;
        boolean x = (code & Op.X) != 0;
        int opBits = code & 0xf0;
        String cls = jmp32 ? "JMP32" : "JMP";
        at.checkReg("dst_reg", dst);
        switch (opBits) {
            case Op.JA:
                if (x) {
                    throw at.unknown(cls + " JA with BPF_X");
                }
                if (src != 0 || dst != 0) {
                    throw at.reserved(cls + " JA", src != 0 ? "src_reg" : "dst_reg", src != 0 ? src : dst);
                }
                if (jmp32 && off != 0) {
                    throw at.reserved("gotol", "off", off);
                }
                if (!jmp32 && imm != 0) {
                    throw at.reserved("goto", "imm", imm);
                }
                return jmp32 ? new Insn.Goto(code, Insn.Goto.Kind.GOTOL, imm) : new Insn.Goto(code, Insn.Goto.Kind.GOTO, off);
            case Op.CALL:
                if (jmp32 || x) {
                    throw at.unknown(cls + " CALL" + (x ? " with BPF_X" : ""));
                }
                if (dst != 0) {
                    throw at.reserved("CALL", "dst_reg", dst);
                }
                if (src > Insn.Call.Kind.KFUNC.src()) {
                    throw at.fail("CALL src_reg " + src + " is not a call kind (0 helper, 1 bpf-to-bpf, 2 kfunc)");
                }
                Insn.Call.Kind kind = Insn.Call.Kind.values()[src];
                if (off != 0 && kind != Insn.Call.Kind.KFUNC) {
                    throw at.reserved(kind == Insn.Call.Kind.HELPER ? "helper CALL" : "bpf-to-bpf CALL", "off", off);
                }
                return new Insn.Call(code, kind, imm, off);
            case Op.EXIT:
                if (jmp32 || x) {
                    throw at.unknown(cls + " EXIT" + (x ? " with BPF_X" : ""));
                }
                if (src != 0 || dst != 0 || imm != 0) {
                    throw at.reserved("EXIT", src != 0 ? "src_reg" : dst != 0 ? "dst_reg" : "imm",
                            src != 0 ? src : dst != 0 ? dst : imm);
                }
                return new Insn.Exit(code, off);
            case Op.JCOND:
                if (jmp32 || x) {
                    throw at.unknown(cls + " JCOND" + (x ? " with BPF_X" : ""));
                }
                if (src != 0) {
                    throw at.fail("JCOND src_reg " + src + " is not a known condition (0 may_goto)");
                }
                if (dst != 0 || imm != 0) {
                    throw at.reserved("may_goto", dst != 0 ? "dst_reg" : "imm", dst != 0 ? dst : imm);
                }
                return new Insn.Goto(code, Insn.Goto.Kind.MAY_GOTO, off);
            default:
                JumpOp op = JumpOp.ofBits(opBits);
                if (op == null) {
                    throw at.unknown(String.format("class %s with operation 0x%02x", cls, opBits));
                }
                if (x) {
                    at.checkReg("src_reg", src);
                    if (imm != 0) {
                        throw at.reserved(cls + " " + op + " (register)", "imm", imm);
                    }
                } else if (src != 0) {
                    throw at.reserved(cls + " " + op + " (immediate)", "src_reg", src);
                }
                return new Insn.Jump(code, op, dst, src, off, imm);
        }
    }
}
