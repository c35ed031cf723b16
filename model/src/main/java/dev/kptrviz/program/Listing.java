package dev.kptrviz.program;

import dev.kptrviz.isa.Disassembler;
import dev.kptrviz.isa.Insn;

import java.util.ArrayList;
import java.util.List;

/**
 * A program as text in the kernel verifier log's syntax: {@code 12: (85) call ...} lines, the C
 * line before the first instruction generated from it ({@code ; text @ file:line}), and a label
 * at the start of each function. Our own remarks (which global, which callback) follow the
 * kernel's text after {@code " ; "} so the kernel part can still be diffed against a real log.
 */
public final class Listing {
    private Listing() {
    }

    public static List<ListingLine> of(Program p) {
        List<ListingLine> out = new ArrayList<>();
        Disassembler.Names names = names(p);
        String lastSource = null;
        for (int i = 0; i < p.insns().size(); i++) {
            Insn insn = p.insns().get(i);
            if (insn.slots() == 0) {
                continue; // second slot of an ld_imm64: printed with its first half
            }
            int at = i;
            p.functionStartingAt(i).ifPresent(f -> out.add(new ListingLine(ListingLine.Kind.LABEL, at,
                    f.name() + ":" + (f.kind() == Function.Kind.MAIN ? "" : "  ; " + f.kind().name().toLowerCase()))));
            if (p.lines().startsAt(i)) {
                SourceLine s = p.lines().at(i).orElseThrow();
                // Like the kernel log, a C line is shown once even when several line_info
                // records (different columns) repeat it.
                String text = "; " + s.text().strip() + " @ " + s.location();
                if (!text.equals(lastSource)) {
                    out.add(new ListingLine(ListingLine.Kind.SOURCE, i, text));
                    lastSource = text;
                }
            }
            out.add(new ListingLine(ListingLine.Kind.INSN, i, insnText(p, i, names)));
        }
        return List.copyOf(out);
    }

    /** One instruction as the kernel log prints it ({@code index: (opcode) text}) plus our remark. */
    public static String insnText(Program p, int i, Disassembler.Names names) {
        Insn insn = p.insns().get(i);
        String text = i + ": " + Disassembler.formatWithOpcode(insn, i, names);
        String remark = remark(p, i, names);
        return remark == null ? text : text + "  ; " + remark;
    }

    /** Our remark for instruction {@code i}, or null. */
    public static String remark(Program p, int i, Disassembler.Names names) {
        LdImm64Target t = p.ldImm64Targets().get(i);
        if (t != null) {
            return t.annotation();
        }
        return Disassembler.annotation(p.insns().get(i), i, names);
    }

    public static Disassembler.Names names(Program p) {
        return new Disassembler.Names() {
            @Override
            public String kfuncName(int index) {
                KfuncCall k = p.kfuncCalls().get(index);
                return k == null ? null : k.name();
            }

            @Override
            public String subprogName(int index) {
                Integer target = p.callTargets().get(index);
                return target == null ? null : p.functionStartingAt(target).map(Function::name).orElse(null);
            }

            @Override
            public String ldImm64Operand(int index) {
                LdImm64Target t = p.ldImm64Targets().get(index);
                return t == null ? null : t.operand();
            }
        };
    }
}
