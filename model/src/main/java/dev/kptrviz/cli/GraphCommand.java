package dev.kptrviz.cli;

import dev.kptrviz.export.DotExport;
import dev.kptrviz.export.GraphLayout;
import dev.kptrviz.export.MarkdownExport;
import dev.kptrviz.export.PngExport;
import dev.kptrviz.export.SvgExport;
import dev.kptrviz.export.TraceJson;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code graph FILE.o}: the ownership graph of one step (default: the last) as JSON (the snapshot schema),
 * Graphviz DOT, an SVG or PNG picture drawn as the app draws it, or the whole state at that step as Markdown
 * (registers, references, collections, objects). {@code --out FILE} writes the result to a file; PNG needs it.
 */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Print the ownership graph (heap objects, collections, pointers) at one step.",
                "Formats: json (the snapshot), dot (Graphviz), svg and png (the app's picture, with a legend), "
                        + "markdown (the state at that step as tables, for notes)."})
final class GraphCommand implements Callable<Integer> {
    static final List<String> FORMATS = List.of("dot", "json", "svg", "png", "markdown");

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

    @Option(names = "--format", paramLabel = "dot|json|svg|png|markdown", defaultValue = "json",
            description = "Output format (default: json); png needs --out")
    String format;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write to FILE instead of standard output")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!FORMATS.contains(format)) {
            err.println("kptrviz: --format must be one of " + String.join(", ", FORMATS) + ", not '" + format + "'");
            return Main.EXIT_BAD_INPUT;
        }
        if (format.equals("png") && out == null) {
            err.println("kptrviz: --format png writes an image; give the file with --out FILE.png");
            return Main.EXIT_BAD_INPUT;
        }
        if (step != null && step < 0) {
            err.println("kptrviz: --step must be 0 or more, not " + step);
            return Main.EXIT_BAD_INPUT;
        }
        Session s;
        try {
            s = CliInput.session(file, prog, Semantics.parse(semantics), 1, err);
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
        String name = s.program().name();
        String source = s.program().lineAt(g.pc()).map(SourceLine::text).orElse(null);
        try {
            if (format.equals("png")) {
                PngExport.write(PngExport.image(GraphLayout.of(g), name, source, PngExport.SCALE), out);
                return Main.EXIT_OK;
            }
            String text = switch (format) {
                case "json" -> TraceJson.pretty(g) + "\n";
                case "dot" -> DotExport.of(g);
                case "svg" -> SvgExport.of(GraphLayout.of(g), name, source);
                default -> MarkdownExport.of(s, file.getFileName() == null ? null : file.getFileName().toString());
            };
            if (out == null) {
                stdout.print(text);
                stdout.flush();
            } else {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            err.println("kptrviz: cannot write " + out + ": " + Main.reason(e));
            return Main.EXIT_BAD_INPUT;
        }
        return Main.EXIT_OK;
    }
}
