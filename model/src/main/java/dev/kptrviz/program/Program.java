package dev.kptrviz.program;

import dev.kptrviz.isa.Insn;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One BPF program linked the way libbpf links it before loading: the entry function's
 * instructions followed by every {@code .text} subprogram it reaches (depth first, in call
 * order), with call and ld_imm64 targets resolved. Instruction indexes are the kernel's.
 *
 * @param insns           by slot; the second slot of an ld_imm64 holds the decoder's tail marker
 * @param kfuncCalls      slot of each kfunc call to the kfunc it calls
 * @param ldImm64Targets  slot of each relocated ld_imm64 to what it loads
 * @param callTargets     slot of each bpf-to-bpf call to the called function's first slot
 */
public record Program(String name, String section, List<Insn> insns, List<Function> functions,
                      Map<Integer, KfuncCall> kfuncCalls, Map<Integer, LdImm64Target> ldImm64Targets,
                      Map<Integer, Integer> callTargets, LineTable lines) {

    public Function main() {
        return functions.get(0);
    }

    /** The function whose body contains {@code insn}. */
    public Optional<Function> functionAt(int insn) {
        return functions.stream().filter(f -> f.contains(insn)).findFirst();
    }

    public Optional<Function> functionStartingAt(int insn) {
        return functions.stream().filter(f -> f.start() == insn).findFirst();
    }

    public Optional<SourceLine> lineAt(int insn) {
        return lines.at(insn);
    }

    public int size() {
        return insns.size();
    }
}
