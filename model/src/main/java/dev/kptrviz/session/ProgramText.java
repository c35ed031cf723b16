package dev.kptrviz.session;

import dev.kptrviz.isa.Disassembler;
import dev.kptrviz.program.Listing;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;

/** How the session shows a program's instructions: the disassembled text and the C line of an instruction. */
final class ProgramText {
    private final Program program;
    private final Disassembler.Names names;

    ProgramText(Program program) {
        this.program = program;
        this.names = Listing.names(program);
    }

    /** The instruction text of {@code pc}, e.g. {@code r1 = r6}; empty outside the program. */
    String insnText(int pc) {
        return pc >= 0 && pc < program.size() ? Disassembler.format(program.insns().get(pc), pc, names) : "";
    }

    Integer line(int pc) {
        return program.lineAt(pc).map(SourceLine::line).orElse(null);
    }
}
