package dev.kptrviz.isa;

import dev.kptrviz.LoadException;

/** Decoding of the ALU and ALU64 classes, with the verifier's reserved-field rules (check_alu_op). */
final class AluDecoder {
    private AluDecoder() {
    }

    static Insn decode(At at, int code, int dst, int src, int off, int imm) throws LoadException {
        boolean wide = Op.cls(code) == Op.ALU64;
        boolean x = (code & Op.X) != 0;
        int opBits = code & 0xf0;
        String cls = wide ? "ALU64" : "ALU";
        if (opBits > Op.END) {
            throw at.unknown(String.format("class %s with operation 0x%02x", cls, opBits));
        }
        if (opBits == Op.END && wide && x) {
            throw at.unknown("ALU64 END (bswap) must use BPF_TO_LE");
        }
        if (opBits == Op.NEG && x) {
            throw at.unknown(cls + " NEG with BPF_X");
        }
        at.checkReg("dst_reg", dst);
        if (x) {
            at.checkReg("src_reg", src);
        }
        Insn result;
        switch (opBits) {
            case Op.END:
                if (src != 0 || off != 0) {
                    throw at.reserved(cls + " END", src != 0 ? "src_reg" : "off", src != 0 ? src : off);
                }
                if (imm != 16 && imm != 32 && imm != 64) {
                    throw at.fail(cls + " END width imm " + imm + " is not 16, 32 or 64");
                }
                Insn.Endian.Kind kind = wide ? Insn.Endian.Kind.BSWAP
                        : x ? Insn.Endian.Kind.TO_BE : Insn.Endian.Kind.TO_LE;
                result = new Insn.Endian(code, kind, dst, imm);
                break;
            case Op.NEG:
                if (src != 0 || off != 0 || imm != 0) {
                    throw at.reserved(cls + " NEG", src != 0 ? "src_reg" : off != 0 ? "off" : "imm",
                            src != 0 ? src : off != 0 ? off : imm);
                }
                result = new Insn.Alu(code, AluOp.NEG, dst, 0, 0, 0);
                break;
            case Op.MOV:
                result = decodeMov(at, code, wide, x, dst, src, off, imm);
                break;
            default:
                result = decodeArith(at, code, cls, x, dst, src, off, imm);
                break;
        }
        at.checkWritable(dst);
        return result;
    }

    private static Insn decodeMov(At at, int code, boolean wide, boolean x, int dst, int src, int off, int imm)
            throws LoadException {
        String cls = wide ? "ALU64" : "ALU";
        if (!x) {
            if (src != 0 || off != 0) {
                throw at.reserved(cls + " MOV (immediate)", src != 0 ? "src_reg" : "off", src != 0 ? src : off);
            }
            return new Insn.Alu(code, AluOp.MOV, dst, 0, 0, imm);
        }
        if (wide && off == 1) {
            if (imm != 1 && imm != 1 << 16) {
                throw at.fail(String.format("addr_space_cast imm 0x%x does not convert between address spaces"
                        + " 0 and 1 (must be 0x1 or 0x10000)", imm));
            }
            return new Insn.AddrSpaceCast(code, dst, src, imm);
        }
        if (imm != 0) {
            throw at.reserved(cls + " MOV (register)", "imm", imm);
        }
        if (off != 0 && off != 8 && off != 16 && !(wide && off == 32)) {
            throw at.fail(cls + " MOV off " + off + " is not a sign-extension width ("
                    + (wide ? "8, 16 or 32" : "8 or 16") + ")");
        }
        return new Insn.Alu(code, off == 0 ? AluOp.MOV : AluOp.MOVSX, dst, src, off, 0);
    }

    private static Insn decodeArith(At at, int code, String cls, boolean x, int dst, int src, int off, int imm)
            throws LoadException {
        int opBits = code & 0xf0;
        AluOp op = null;
        for (AluOp candidate : AluOp.values()) {
            if (candidate.bits() == opBits) {
                op = candidate;
                break;
            }
        }
        if (x && imm != 0) {
            throw at.reserved(cls + " " + op + " (register)", "imm", imm);
        }
        if (!x && src != 0) {
            throw at.reserved(cls + " " + op + " (immediate)", "src_reg", src);
        }
        if (off != 0) {
            if (off != 1 || (op != AluOp.DIV && op != AluOp.MOD)) {
                throw at.fail(cls + " " + op + " off " + off + " is reserved (only DIV and MOD take off 1,"
                        + " for the signed forms)");
            }
            op = op == AluOp.DIV ? AluOp.SDIV : AluOp.SMOD;
        }
        return new Insn.Alu(code, op, dst, x ? src : 0, off, imm);
    }
}
