package dev.kptrviz.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.ClangBuild;
import dev.kptrviz.program.Program;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Verdict;
import dev.kptrviz.verifier.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--log-level", defaultValue = "0", paramLabel = "0|1|2", description = "Print the verifier log")
    int logLevel;

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
        int exit = Main.EXIT_OK;
        ObjectMapper mapper = new ObjectMapper();
        for (Path f : files) {
            BpfObject obj;
            try {
                obj = ClangBuild.find().open(f);
            } catch (LoadException e) {
                err.println("kptrviz: cannot load " + e.getMessage());
                exit = Main.EXIT_BAD_INPUT;
                continue;
            }
            ObjectNode fileNode = mapper.createObjectNode().put("file", f.toString());
            ArrayNode progs = fileNode.putArray("programs");
            for (Program p : obj.programs()) {
                if (prog != null && !prog.equals(p.name())) {
                    continue;
                }
                Verdict v = Verifier.verify(obj, p, sem, logLevel);
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
        return exit;
    }

    private void print(PrintWriter out, Path f, Program p, Verdict v) {
        out.printf("%s: %s (%s semantics): %s%n", f.getFileName(), p.name(), v.semantics().name(),
                v.accepted() ? "accepted" : "REJECTED");
        if (logLevel > 0 && !v.log().isEmpty()) {
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
