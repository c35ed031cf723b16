package dev.kptrviz.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code graph FILE.o}: the ownership graph of one step (default: the last) as JSON (the snapshot schema) or
 * Graphviz DOT: objects with refcounts, collections with membership edges, pointer edges solid for owning,
 * dashed for non-owning, dotted for invalidated.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Print the ownership graph (heap objects, collections, pointers) at one step.")
final class GraphCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE",
            description = "BPF object file (clang -g -target bpf), or a C source (compiled with clang first)")
    Path file;

    @Option(names = "--prog", paramLabel = "NAME", description = "The program (default: the first)")
    String prog;

    @Option(names = "--semantics", paramLabel = "6.3|6.4|current", defaultValue = "current",
            description = "Which kernel's rules (default: current)")
    String semantics;

    @Option(names = "--step", paramLabel = "N", description = "The step (default: the end of the run)")
    Long step;

    @Option(names = "--format", paramLabel = "dot|json", defaultValue = "json", description = "dot or json")
    String format;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!format.equals("dot") && !format.equals("json")) {
            err.println("kptrviz: --format must be dot or json");
            return Main.EXIT_BAD_INPUT;
        }
        Session s;
        try {
            s = TraceCommand.open(file, prog, Semantics.parse(semantics), 1, err);
        } catch (IllegalArgumentException e) {
            err.println("kptrviz: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (s == null) {
            return Main.EXIT_BAD_INPUT;
        }
        s.continueAnyway();
        if (step == null) {
            s.runToEnd();
        } else {
            s.seek(step);
        }
        OwnershipGraph g = s.snapshot();
        if (format.equals("json")) {
            try {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(g));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            out.print(dot(g));
        }
        out.flush();
        return Main.EXIT_OK;
    }

    static String dot(OwnershipGraph g) {
        StringBuilder b = new StringBuilder("digraph ownership {\n  rankdir=LR;\n  label=\"step " + g.step() + ": "
                + esc(g.insn()) + "\";\n");
        for (OwnershipGraph.ObjectNode o : g.objects()) {
            b.append("  o").append(o.id()).append(" [shape=record,label=\"#").append(o.id()).append(' ')
                    .append(esc(o.type())).append(o.refcount() == null ? "" : "\\nrefcount " + o.refcount())
                    .append(o.freed() ? "\\nFREED" : "").append('"').append(o.freed() ? ",style=dashed" : "")
                    .append("];\n");
        }
        int i = 0;
        for (OwnershipGraph.Root r : g.roots()) {
            String id = "root" + i++;
            b.append("  ").append(id).append(" [shape=box,label=\"").append(esc(r.name())).append(" (")
                    .append(r.kind()).append(r.lock().name() == null ? "" : ", " + esc(r.lock().name())
                            + (r.lock().held() ? " held" : "")).append(")\"];\n");
            for (int k = 0; k < r.members().size(); k++) {
                b.append("  ").append(id).append(" -> o").append(r.members().get(k)).append(" [color=blue,label=\"")
                        .append(r.kind().equals("list") ? "[" + k + "]" : "").append("\"];\n");
            }
        }
        for (OwnershipGraph.Pointer p : g.pointers()) {
            if (p.target() == null) {
                continue;
            }
            String id = "p" + p.frame() + "_" + p.slot().replace('-', '_');
            b.append("  ").append(id).append(" [shape=plaintext,label=\"").append(p.frame() > 0 ? p.frame() + ":" : "")
                    .append(p.slot()).append("\"];\n");
            String style = switch (p.abstractKind()) {
                case "owning" -> "solid";
                case "non_owning", "maybe_null" -> "dashed";
                default -> "dotted";
            };
            b.append("  ").append(id).append(" -> o").append(p.target()).append(" [style=").append(style)
                    .append(",label=\"").append(p.abstractKind()).append(p.offset() == 0 ? "" : " +" + p.offset())
                    .append("\"];\n");
        }
        return b.append("}\n").toString();
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
