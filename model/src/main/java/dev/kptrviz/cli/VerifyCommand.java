package dev.kptrviz.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Verdict;
import dev.kptrviz.verifier.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code verify}: the verifier model's verdict per program, in the kernel's words. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify every program of BPF objects with the verifier model and print the verdict, "
                + "the kernel's first error message, our explanation and statistics.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "BPF object files (clang -g -target bpf), or C sources (compiled with clang first)")
    List<Path> files;

    @Option(names = "--semantics", defaultValue = "current", paramLabel = "6.3|6.4|current",
            description = "Which kernel's rules (default: ${DEFAULT-VALUE})")
    String semantics;

    @Option(names = "--prog", paramLabel = "NAME", description = "Only this program")
    String prog;

    @Option(names = "--log-level", defaultValue = "0", paramLabel = "0|1|2",
            description = "Print the verifier log in the kernel's format (1: the path, 2: every state)")
    int logLevel;

    @Option(names = "--log", paramLabel = "FILE", description = "Write the verifier log to FILE instead (level 2 "
            + "unless --log-level says otherwise; with several programs each log is headed by '# FILE: PROGRAM')")
    Path logFile;

    @Option(names = "--json", description = "One JSON object per file")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Semantics sem;
        try {
            sem = Semantics.parse(semantics);
        } catch (IllegalArgumentException e) {
            err.println("kptrviz: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (logLevel < 0 || logLevel > 2) {
            err.println("kptrviz: --log-level must be 0, 1 or 2, not " + logLevel);
            return Main.EXIT_BAD_INPUT;
        }
        int level = logFile != null && logLevel == 0 ? 2 : logLevel;
        List<String[]> logs = new ArrayList<>();
        int exit = Main.EXIT_OK;
        ObjectMapper mapper = new ObjectMapper();
        for (Path f : files) {
            BpfObject obj = CliInput.load(f, err);
            if (obj == null) {
                exit = Main.EXIT_BAD_INPUT;
                continue;
            }
            ObjectNode fileNode = mapper.createObjectNode().put("file", f.toString());
            ArrayNode progs = fileNode.putArray("programs");
            for (Program p : obj.programs()) {
                if (prog != null && !prog.equals(p.name())) {
                    continue;
                }
                Verdict v = Verifier.verify(obj, p, sem, level);
                if (logFile != null) {
                    logs.add(new String[] {f.getFileName() + ": " + p.name(), v.log()});
                }
                if (!v.accepted() && exit == Main.EXIT_OK) {
                    exit = Main.EXIT_FINDINGS;
                }
                if (json) {
                    ObjectNode pn = progs.addObject().put("name", p.name()).put("section", p.section())
                            .put("verdict", v.accepted() ? "accepted" : "rejected");
                    v.error().ifPresent(d -> {
                        ObjectNode e = pn.putObject("error").put("insn", d.insn());
                        if (d.line() != null) {
                            e.put("line", d.line().line());
                        } else {
                            e.putNull("line");
                        }
                        e.put("message", d.message()).put("explanation", d.explanation());
                    });
                    pn.put("insns_processed", v.insnsProcessed()).put("states", v.states())
                            .put("time_us", v.timeMicros());
                } else {
                    print(out, f, p, v);
                }
            }
            if (json) {
                out.println(mapper.writeValueAsString(fileNode));
            }
        }
        out.flush();
        if (logFile != null && !writeLogs(logs, err)) {
            return Main.EXIT_BAD_INPUT;
        }
        return exit;
    }

    /** One program's log as it is; several, each after a {@code # FILE: PROGRAM} line. */
    private boolean writeLogs(List<String[]> logs, PrintWriter err) {
        StringBuilder text = new StringBuilder();
        for (String[] l : logs) {
            if (logs.size() > 1) {
                text.append("# ").append(l[0]).append('\n');
            }
            text.append(l[1]);
            if (!l[1].isEmpty() && !l[1].endsWith("\n")) {
                text.append('\n');
            }
        }
        try {
            Files.writeString(logFile, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            err.println("kptrviz: cannot write " + logFile + ": " + Main.reason(e));
            return false;
        }
    }

    private void print(PrintWriter out, Path f, Program p, Verdict v) {
        out.printf("%s: %s (%s semantics): %s%n", f.getFileName(), p.name(), v.semantics().name(),
                v.accepted() ? "accepted" : "REJECTED");
        if (logLevel > 0 && logFile == null && !v.log().isEmpty()) {
            out.print(v.log());
        }
        for (Diagnostic d : v.diagnostics()) {
            String at = d.insn() < 0 ? "at load" : "insn " + d.insn()
                    + (d.line() == null ? "" : " (" + d.line().location() + ": " + d.line().text().strip() + ")");
            out.printf("  %s%n", at);
            d.kernelLines().forEach(l -> out.printf("    kernel: %s%n", l));
            out.printf("    why:    %s%n", d.explanation());
            if (!d.path().isEmpty()) {
                out.printf("    path:   %s%n", String.join(", ", d.path().stream()
                        .map(b -> b.from() + "->" + b.to()).toList()));
            }
        }
        out.printf("  processed %d insns, %d states (peak %d), %d us%n", v.insnsProcessed(), v.states(),
                v.peakStates(), v.timeMicros());
    }
}
