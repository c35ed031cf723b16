package dev.kptrviz.program;

import dev.kptrviz.isa.Disassembler;
import dev.kptrviz.isa.Insn;

import java.util.ArrayList;
import java.util.List;

/**
 * A program as text in the kernel verifier log's syntax: {@code 12: (85) call ...} lines, the C
 * line before the first instruction generated from it ({@code ; text @ file:line}), and a label
 * at the start of each function.
 */
public final class Listing {
    private Listing() {
    }

    public static List<ListingLine> of(Program p) {
        List<ListingLine> out = new ArrayList<>();
        Disassembler.Names names = names(p);
        for (int i = 0; i < p.insns().size(); i++) {
            int at = i;
            p.functionStartingAt(i).ifPresent(f -> out.add(new ListingLine(ListingLine.Kind.LABEL, at,
                    f.name() + ":" + (f.kind() == Function.Kind.MAIN ? "" : "  ; " + f.kind().name().toLowerCase()))));
            if (p.lines().startsAt(i)) {
                SourceLine s = p.lines().at(i).orElseThrow();
                out.add(new ListingLine(ListingLine.Kind.SOURCE, i, "; " + s.text().strip() + " @ " + s.location()));
            }
            Insn insn = p.insns().get(i);
            if (insn.slots() == 0) {
                continue; // second slot of an ld_imm64: printed with its first half
            }
            out.add(new ListingLine(ListingLine.Kind.INSN, i, insnText(p, i, names)));
        }
        return List.copyOf(out);
    }

    /** One instruction as the kernel log prints it: {@code index: (opcode) text}. */
    public static String insnText(Program p, int i, Disassembler.Names names) {
        Insn insn = p.insns().get(i);
        String text = String.format("%4d: (%02x) %s", i, insn.opcode() & 0xff, Disassembler.format(insn, i, names));
        Integer target = p.callTargets().get(i);
        if (target != null) {
            text += "  ; " + p.functionStartingAt(target).map(Function::name).orElse("?");
        }
        return text;
    }

    public static Disassembler.Names names(Program p) {
        return new Disassembler.Names() {
            @Override
            public String kfuncName(int index) {
                KfuncCall k = p.kfuncCalls().get(index);
                return k == null ? null : k.name();
            }

            @Override
            public String ldImm64Operand(int index) {
                LdImm64Target t = p.ldImm64Targets().get(index);
                return t == null ? null : t.render();
            }
        };
    }
}
