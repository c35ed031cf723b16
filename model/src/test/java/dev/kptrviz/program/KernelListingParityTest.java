package dev.kptrviz.program;

import dev.kptrviz.LoadException;
import dev.kptrviz.isa.Disassembler;
import dev.kptrviz.isa.Insn;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our listing against the running kernel's own disassembly of the same objects. The kernel
 * logs in src/kernel-logs were recorded with src/kernel-check.sh on Linux 6.18; their
 * "Live regs before insn" block lists every instruction of the linked program as the kernel
 * sees it, so this checks linking order, instruction indexes and the printed text at once.
 * Only two things legitimately differ: kfunc ids (ours come from the program BTF, the
 * kernel's from vmlinux BTF) and map-value addresses (the kernel prints a kernel pointer).
 */
class KernelListingParityTest {
    private static final Pattern LIVE = Pattern.compile("^\\s*(\\d+): [.0-9]{10} \\(([0-9a-f]{2})\\) (.*)$");

    @Test
    void everyInstructionMatchesTheKernelsDisassembly() throws IOException, LoadException {
        Path logs = Path.of(System.getProperty("kptrviz.repo", ".."), "src", "kernel-logs");
        List<Path> files;
        try (var s = Files.list(logs)) {
            files = s.filter(f -> f.toString().endsWith(".log")).sorted().toList();
        }
        assertTrue(files.size() >= 16, "kernel logs present: " + files.size());
        int compared = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path log : files) {
            String prog = log.getFileName().toString().replace(".log", "");
            Example ex = Examples.byProgram(prog).orElseThrow();
            Program p = Examples.load(ex.objectFile()).program(prog).orElseThrow();
            Disassembler.Names names = Listing.names(p);
            for (String line : Files.readAllLines(log)) {
                Matcher m = LIVE.matcher(line);
                if (!m.matches()) {
                    continue;
                }
                int idx = Integer.parseInt(m.group(1));
                Insn insn = p.insns().get(idx);
                String ours = Disassembler.format(insn, idx, names);
                String kernel = m.group(3);
                String opcode = String.format("%02x", insn.opcode());
                if (p.kfuncCalls().containsKey(idx)) {
                    ours = ours.replaceAll("#\\d+$", "#ID");
                    kernel = kernel.replaceAll("#\\d+$", "#ID");
                } else if (p.ldImm64Targets().get(idx) instanceof LdImm64Target.GlobalAddress) {
                    ours = ours.substring(0, ours.indexOf('=') + 1);
                    kernel = kernel.substring(0, kernel.indexOf('=') + 1);
                }
                if (!ours.equals(kernel) || !opcode.equals(m.group(2))) {
                    mismatches.add(prog + " insn " + idx + ": kernel (" + m.group(2) + ") " + kernel + " | ours ("
                            + opcode + ") " + ours);
                }
                compared++;
            }
        }
        assertEquals(List.of(), mismatches);
        assertTrue(compared > 500, "compared " + compared + " instructions");
    }
}
