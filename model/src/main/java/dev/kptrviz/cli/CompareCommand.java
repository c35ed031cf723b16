package dev.kptrviz.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.session.Comparison;
import dev.kptrviz.session.Difference;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;
import dev.kptrviz.verifier.Diagnostic;
import dev.kptrviz.verifier.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code compare FILE.o --left 6.3 --right 6.4}: one program under two rule sets, run side by side in lockstep;
 * prints both verdicts, the first difference and every place the two part. Exit codes as diff(1): 0 the two
 * agree, 1 they differ, 2 the input could not be loaded. With {@code --json}:
 * {@code {"file","program","left":{"rules","verdict","error":{"atLoad","insn","line","message","explanation"}|null},"right":{…},"first":{…}|null,"differences":[…],
 * "truncated"}}, each difference {@code {"scope","position","pc","line","insn","category","left","right","summary",
 * "leftKeys","rightKeys"}}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run one program under two kernels' rules side by side and show where they first differ "
                + "(verdict, diagnostic, reference kinds, references, runtime behaviour).")
final class CompareCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE",
            description = "BPF object file (clang -g -target bpf), or a C source (compiled with clang first)")
    Path file;

    @Option(names = "--left", paramLabel = "6.3|6.4|current", defaultValue = "6.3",
            description = "The rules on the left (default: ${DEFAULT-VALUE})")
    String left;

    @Option(names = "--right", paramLabel = "6.3|6.4|current", defaultValue = "6.4",
            description = "The rules on the right (default: ${DEFAULT-VALUE})")
    String right;

    @Option(names = "--prog", paramLabel = "NAME", description = "The program (default: the first)")
    String prog;

    @Option(names = "--json", description = "One JSON object")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Semantics l;
        Semantics r;
        try {
            l = Semantics.parse(left);
            r = Semantics.parse(right);
        } catch (IllegalArgumentException e) {
            err.println("kptrviz: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        BpfObject obj = CliInput.load(file, err);
        Program p = obj == null ? null : CliInput.program(obj, prog, err);
        if (p == null) {
            return Main.EXIT_BAD_INPUT;
        }
        Comparison c = Comparison.open(obj, p, l, r, SessionInputs.defaults());
        List<Difference> all = c.differences();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", obj.fileName());
            m.put("program", p.name());
            m.put("left", side(c.left(), c.refusedAtLoad(c.left())));
            m.put("right", side(c.right(), c.refusedAtLoad(c.right())));
            m.put("first", all.isEmpty() ? null : all.get(0));
            m.put("differences", all);
            m.put("truncated", c.truncated());
            out.println(write(m));
        } else {
            text(out, obj, p, c, all);
        }
        out.flush();
        return all.isEmpty() ? Main.EXIT_OK : Main.EXIT_FINDINGS;
    }

    private static void text(PrintWriter out, BpfObject obj, Program p, Comparison c, List<Difference> all) {
        out.printf("%s: program %s%n", obj.fileName(), p.name());
        out.println(verdictLine("left ", c.left(), c.refusedAtLoad(c.left())));
        out.println(verdictLine("right", c.right(), c.refusedAtLoad(c.right())));
        String l = c.left().semantics().label();
        String r = c.right().semantics().label();
        if (all.isEmpty()) {
            out.printf("no difference: %s and %s agree on this run (verdicts, reference kinds, references, "
                    + "runtime)%n", l, r);
            return;
        }
        Difference d = all.get(0);
        out.printf("first difference: %s, %s%s%n", d.where(), d.category(), d.pc() < 0 ? "" : ": " + d.insn());
        out.printf("  %-8s %s%n", l + ":", d.left());
        out.printf("  %-8s %s%n", r + ":", d.right());
        out.println("  " + d.summary());
        out.printf("differences: %d%s%n", all.size(), c.truncated() ? " (more not shown)" : "");
        for (Difference x : all) {
            out.printf("  %-34s %-14s %s%n", x.where(), x.category(), x.pc() < 0 ? "" : x.insn());
        }
    }

    private static String verdictLine(String which, Session s, boolean atLoad) {
        Verdict v = s.verdict();
        String rules = s.semantics().label();
        if (v.accepted()) {
            return which + " " + rules + ": accepted";
        }
        Diagnostic d = v.error().orElse(null);
        String where = atLoad ? "at load" : d == null ? "" : "at insn " + d.insn()
                + (d.line() == null ? "" : " (line " + d.line().line() + ")");
        return which + " " + rules + ": rejected " + where + (d == null ? "" : ": " + d.message());
    }

    private static Map<String, Object> side(Session s, boolean atLoad) {
        Verdict v = s.verdict();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rules", s.semantics().name());
        m.put("verdict", v.accepted() ? "accepted" : "rejected");
        Map<String, Object> e = null;
        if (!v.accepted() && v.error().isPresent()) {
            Diagnostic d = v.error().get();
            e = new LinkedHashMap<>();
            e.put("atLoad", atLoad);
            e.put("insn", d.insn());
            e.put("line", d.line() == null ? null : d.line().line());
            e.put("message", d.message());
            e.put("explanation", d.explanation());
        }
        m.put("error", e);
        return m;
    }

    private static String write(Object o) {
        try {
            return new ObjectMapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
