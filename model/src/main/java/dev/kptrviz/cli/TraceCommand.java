package dev.kptrviz.cli;

import dev.kptrviz.export.TraceJson;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Program;
import dev.kptrviz.session.FailingPathWalk;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.StepRecord;
import dev.kptrviz.verifier.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * {@code trace FILE.o}: runs a program in lockstep (machine and verifier) and prints one line per step:
 * step, instruction, C line, registers written (concrete value and abstract state), events, alarms. With
 * {@code --json}: JSON Lines {@code {"step","pc","insn","line","regs","events","alarms"}} and a last line
 * {@code {"summary":{"steps","verdict","retval","alarms"}}}; with {@code --json-document}: the same steps as one
 * JSON document ({@link TraceJson#document}). With {@code --failing-path}: the same lines for the verifier's own
 * path to its first error, registers with their abstract state only (no concrete run).
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = "Run a program with the verifier following along, one line per instruction.")
final class TraceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE",
            description = "BPF object file (clang -g -target bpf), or a C source (compiled with clang first)")
    Path file;

    @Option(names = "--prog", paramLabel = "NAME", description = "The program (default: the first)")
    String prog;

    @Option(names = "--semantics", paramLabel = "6.3|6.4|current", defaultValue = "current",
            description = "Which kernel's rules (default: current)")
    String semantics;

    @Option(names = "--until", paramLabel = "exit|error|STEP", defaultValue = "exit",
            description = "exit: to the end, past a verifier rejection; error: stop at the first rejection, alarm or "
                    + "runtime finding; STEP: stop after that many steps")
    String until;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of bpf_get_prandom_u32")
    long seed;

    @Option(names = "--json", description = "JSON Lines, one object per step and a summary line")
    boolean json;

    @Option(names = "--json-document", description = "One JSON document: program, file, semantics, verdict, the "
            + "steps (as --json prints them), the diagnostic and the summary")
    boolean jsonDocument;

    @Option(names = "--failing-path", description = "Walk the verifier's own path to its first error, abstract state "
            + "only (also where the concrete inputs never go)")
    boolean failingPath;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** With --json-document: the steps so far, and the rejection once met. */
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private Map<String, Object> rejection;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json && jsonDocument) {
            err.println("kptrviz: --json (JSON Lines) and --json-document (one document) exclude each other");
            return Main.EXIT_BAD_INPUT;
        }
        json |= jsonDocument;
        Semantics sem;
        long limit = Long.MAX_VALUE;
        try {
            sem = Semantics.parse(semantics);
            if (!until.equals("exit") && !until.equals("error")) {
                limit = Long.parseLong(until);
            }
        } catch (IllegalArgumentException e) {
            err.println("kptrviz: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (failingPath) {
            return failingPath(out, err, sem, limit);
        }
        Session s = CliInput.session(file, prog, sem, seed, err);
        if (s == null) {
            return Main.EXIT_BAD_INPUT;
        }
        boolean stopOnError = until.equals("error");
        if (!stopOnError) {
            s.continueAnyway();
        }
        if (s.rejection().isPresent() && s.position() == 0 && s.status() == Session.Status.REJECTED) {
            diagnostic(out, s);
        }
        while (s.position() < limit && s.step()) {
            StepRecord r = s.record(s.position());
            print(out, s::insnText, r);
            if (stopOnError && (!r.alarms().isEmpty() || r.events().stream().anyMatch(e -> e.kind().name()
                    .equals("FINDING")))) {
                break;
            }
        }
        if (s.status() == Session.Status.REJECTED && s.position() > 0) {
            diagnostic(out, s);
        }
        Map<String, Object> summary = TraceJson.summary(s);
        if (json) {
            summary(out, s.program().name(), s.semantics(), s.verdict().accepted(), summary);
        } else {
            out.printf("summary: %d steps, verdict %s, %s, %d alarm(s)%n", s.position(), summary.get("verdict"),
                    summary.get("retval") == null ? "status " + s.status().name().toLowerCase()
                            : "returned " + summary.get("retval"), s.alarms().size());
        }
        out.flush();
        return s.alarms().isEmpty() && s.verdict().accepted() ? Main.EXIT_OK : Main.EXIT_FINDINGS;
    }

    /** {@code --failing-path}: the verifier's failing path, one line per instruction, abstract state only. */
    private int failingPath(PrintWriter out, PrintWriter err, Semantics sem, long limit) {
        BpfObject obj = CliInput.load(file, err);
        Program p = obj == null ? null : CliInput.program(obj, prog, err);
        if (p == null) {
            return Main.EXIT_BAD_INPUT;
        }
        FailingPathWalk w = Session.openOnFailingPath(obj, p, sem);
        long taken = 0;
        for (FailingPathWalk.Step st : w.steps()) {
            if (taken >= limit) {
                break;
            }
            print(out, w::insnText, st.record());
            taken++;
        }
        boolean whole = taken == w.steps().size();
        if (whole && w.rejection().isPresent()) {
            diagnostic(out, w.rejection().get());
        } else if (whole && w.lostReason() != null) {
            err.println("kptrviz: " + w.lostReason());
        }
        String verdict = TraceJson.verdict(w.verdict().accepted());
        if (json) {
            summary(out, p.name(), sem, w.verdict().accepted(), TraceJson.summary(taken, w.verdict().accepted(), null, 0));
        } else {
            out.printf("summary: %d steps on the verifier's failing path, verdict %s, abstract state only%n", taken,
                    verdict);
        }
        out.flush();
        return w.verdict().accepted() ? Main.EXIT_OK : Main.EXIT_FINDINGS;
    }

    private void diagnostic(PrintWriter out, Session s) {
        diagnostic(out, s.rejection().orElseThrow());
    }

    private void diagnostic(PrintWriter out, Diagnostic d) {
        if (jsonDocument) {
            rejection = TraceJson.diagnostic(d);
        } else if (json) {
            out.println(TraceJson.write(Map.of("diagnostic", TraceJson.diagnostic(d))));
        } else {
            out.printf("verifier rejects insn %d: %s (%s)%n", d.insn(), d.message(), d.explanation());
        }
    }

    /** One step in the trace format; a register without a concrete value (failing path) shows its abstract state only. */
    private void print(PrintWriter out, IntFunction<String> insnText, StepRecord r) {
        if (jsonDocument) {
            steps.add(TraceJson.step(r, insnText));
            return;
        }
        if (json) {
            out.println(TraceJson.write(TraceJson.step(r, insnText)));
            return;
        }
        String regs = r.regs().stream().map(w -> (w.frame() > 0 ? w.frame() + ":" : "") + "r" + w.reg()
                + (w.concrete() == null ? "" : "=" + w.concrete())
                + (w.abstractState() == null ? "" : " [" + w.abstractState() + "]"))
                .collect(Collectors.joining(", "));
        String events = r.events().stream().map(e -> e.kind().name().toLowerCase()
                + (e.objectId() == null ? "" : " #" + e.objectId()) + (e.refId() == null ? "" : " ref " + e.refId())
                + (e.detail() == null || e.detail().isEmpty() ? "" : " " + e.detail()))
                .collect(Collectors.joining("; "));
        out.printf("%6d  %4d: %-40s%s%s%s%n", r.step(), r.pc(), insnText.apply(r.pc()),
                r.line() == null ? "" : "  line " + r.line(), regs.isEmpty() ? "" : "  " + regs,
                events.isEmpty() ? "" : "  {" + events + "}");
    }

    /** The summary line (JSON Lines), or the whole document with the steps collected so far. */
    private void summary(PrintWriter out, String program, Semantics sem, boolean accepted, Map<String, Object> summary) {
        if (jsonDocument) {
            out.println(TraceJson.pretty(TraceJson.document(program, fileName(), sem.name(), accepted, steps, rejection,
                    summary)));
        } else {
            out.println(TraceJson.write(Map.of("summary", summary)));
        }
    }

    private String fileName() {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }
}
