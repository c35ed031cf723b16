package dev.kptrviz.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kptrviz.kfunc.FindingKind;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.verifier.Verdict;
import dev.kptrviz.verifier.Verifier;
import dev.kptrviz.program.Program;
import dev.kptrviz.runtime.FaultPlan;
import dev.kptrviz.runtime.Finding;
import dev.kptrviz.runtime.HeapReport;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.RunOptions;
import dev.kptrviz.runtime.RunResult;
import dev.kptrviz.runtime.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code run FILE.o...}: executes programs in the runtime emulator and prints, per run, the return
 * value, printk output, findings and the final heap. {@code --json} prints one object per file:
 * {@code {"file":…,"programs":[{"name":…,"retval":…,"printk":[…],"findings":[…],"heap":[…]}]}}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run BPF programs in the emulator (kernel runtime semantics for local kptrs) and show the "
                + "return value, printk output, runtime findings and the final heap.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "BPF object files (clang -g -target bpf), or C sources (compiled with clang first)")
    List<Path> files;

    @Option(names = "--prog", paramLabel = "NAME", description = "Only this program")
    String prog;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run each program N times on one machine (globals and the heap persist, like maps)")
    int repeat;

    @Option(names = "--anyway", description = "Also run programs the verifier rejects, and report what goes wrong")
    boolean anyway;

    @Option(names = "--json", description = "One JSON object per file")
    boolean json;

    @Option(names = "--semantics", paramLabel = "6.3|6.4|current", defaultValue = "current",
            description = "Which kernel's rules (default: current)")
    String semantics;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of bpf_get_prandom_u32")
    long seed;

    @Option(names = "--fail-alloc", paramLabel = "N", description = "The N-th bpf_obj_new returns NULL (repeatable)")
    List<Long> failAlloc = new ArrayList<>();

    @Option(names = "--fail", paramLabel = "KFUNC:N",
            description = "The N-th call of KFUNC returns NULL where it may, e.g. bpf_rbtree_remove:1 (repeatable)")
    List<String> fail = new ArrayList<>();

    @Option(names = "--step-limit", paramLabel = "N", defaultValue = "10000000",
            description = "Instructions a run may take before it is stopped (default 10M)")
    long stepLimit;

    @Option(names = "--teardown", description = "After the runs, free the maps as the kernel does and report")
    boolean teardown;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunOptions options;
        try {
            FaultPlan faults = FaultPlan.NONE;
            for (long n : failAlloc) {
                faults = faults.failing("bpf_obj_new_impl:" + n);
            }
            for (String f : fail) {
                faults = faults.failing(f);
            }
            options = new RunOptions(Semantics.parse(semantics), stepLimit, seed, faults);
        } catch (IllegalArgumentException e) {
            err.println("kptrviz: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (repeat < 1 || stepLimit < 1) {
            err.println("kptrviz: --repeat and --step-limit must be at least 1");
            return Main.EXIT_BAD_INPUT;
        }
        int exit = Main.EXIT_OK;
        for (Path f : files) {
            BpfObject obj = CliInput.load(f, err);
            List<Program> programs = obj == null ? List.of() : CliInput.programs(obj, prog, err);
            if (programs.isEmpty()) {
                exit = Main.EXIT_BAD_INPUT;
                continue;
            }
            List<Map<String, Object>> entries = new ArrayList<>();
            if (!json) {
                out.printf("%s (%s rules)%n", obj.fileName(), options.semantics());
            }
            for (Program p : programs) {
                boolean clean = runProgram(obj, p, options, entries, out);
                if (!clean && exit == Main.EXIT_OK) {
                    exit = Main.EXIT_FINDINGS;
                }
            }
            if (json) {
                Map<String, Object> file = new LinkedHashMap<>();
                file.put("file", obj.fileName());
                file.put("programs", entries);
                try {
                    out.println(new ObjectMapper().writeValueAsString(file));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        out.flush();
        return exit;
    }

    /** Runs one program (or reports why it is not run); returns true when every run was clean. */
    private boolean runProgram(BpfObject obj, Program p, RunOptions options, List<Map<String, Object>> entries,
                               PrintWriter out) {
        Optional<String> rejection = rejection(obj, p, options.semantics());
        if (rejection.isPresent() && !anyway) {
            String msg = "the verifier rejects " + p.name() + " under " + options.semantics() + " rules ("
                    + rejection.get() + "); use --anyway to run it";
            if (json) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("kind", FindingKind.REJECTED.name());
                f.put("insn", null);
                f.put("line", null);
                f.put("message", msg);
                entries.add(entry(p.name(), null, List.of(), List.of(f), List.of()));
            } else {
                out.printf("%nprogram %s: not run: %s%n", p.name(), msg);
            }
            return false;
        }
        Machine m = new Machine(obj, p, options);
        boolean clean = true;
        for (int i = 0; i < repeat; i++) {
            RunResult r = m.run();
            clean &= r.clean();
            report(p.name(), m, r, r.findings(), entries, out);
        }
        if (teardown) {
            int before = m.findings().size();
            m.teardown();
            List<Finding> fs = m.findings().subList(before, m.findings().size());
            clean &= fs.isEmpty();
            if (!json) {
                out.printf("%nafter freeing the maps:%n");
            }
            report(p.name(), m, m.result(), fs, entries, out);
        }
        return clean;
    }

    /** Why the verifier model rejects this program under these rules, if it does. */
    static Optional<String> rejection(BpfObject obj, Program p, Semantics sem) {
        Verdict v = Verifier.verify(obj, p, sem);
        return v.accepted() ? Optional.empty()
                : Optional.of(v.error().map(d -> d.message() + (d.insn() >= 0 ? " at insn " + d.insn() : ""))
                .orElse("rejected"));
    }

    private void report(String name, Machine m, RunResult r, List<Finding> findings, List<Map<String, Object>> entries,
                        PrintWriter out) {
        HeapReport heap = HeapReport.of(m);
        Integer retval = r.status() == Status.EXITED ? r.retval() : null;
        if (json) {
            List<Map<String, Object>> fs = findings.stream().map(RunCommand::finding).toList();
            entries.add(entry(name, retval, r.printk(), fs, heap.objects().stream().map(RunCommand::object).toList()));
            return;
        }
        out.printf("%nprogram %s, run %d: %s after %d instructions%n", name, r.run(), status(r), r.steps());
        if (retval != null) {
            out.printf("  return value: %d%s%n", retval, r.r0() == retval ? "" : "  (r0 = " + r.r0() + ")");
        }
        out.printf("  printk:%s%n", r.printk().isEmpty() ? " none" : "");
        r.printk().forEach(l -> out.printf("    %s%n", l));
        out.printf("  findings:%s%n", findings.isEmpty() ? " none" : "");
        findings.forEach(f -> out.printf("    %s at insn %d%s: %s%n", f.kind(), f.insn(),
                f.line() == null ? "" : " (line " + f.line() + ")", f.message()));
        out.printf("  heap:%s%n", heap.objects().isEmpty() ? " empty" : "");
        for (HeapReport.ObjectEntry o : heap.objects()) {
            String fields = o.fields().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "));
            String owners = o.owners().stream().map(RunCommand::membership).collect(Collectors.joining(", "));
            out.printf("    #%d %s  %s%s%s%s%s%n", o.id(), o.type(), fields,
                    o.refcount() == null ? "" : "  refcount " + o.refcount(), o.freed() ? "  FREED" : "",
                    owners.isEmpty() ? "" : "  in " + owners,
                    o.stashedIn().isEmpty() ? "" : "  stashed in " + String.join(", ", o.stashedIn()));
        }
        for (HeapReport.CollectionEntry c : heap.collections()) {
            out.printf("  %-6s %-10s (%s%s): [%s]%s%n", c.kind(), c.name(), c.container(),
                    c.freed() ? ", freed" : "", c.members().stream().map(i -> "#" + i).collect(Collectors.joining(", ")),
                    c.shape() == null ? "" : "  shape " + c.shape());
        }
    }

    private static String status(RunResult r) {
        return switch (r.status()) {
            case EXITED -> "returned";
            case HALTED -> "stopped by a fatal finding";
            case STEP_LIMIT -> "stopped at the step limit";
            default -> r.status().name().toLowerCase();
        };
    }

    private static String membership(HeapReport.Membership m) {
        if (m.stale()) {
            return m.root() + " (stale owner word, not linked)";
        }
        if (m.kind().equals("list")) {
            return m.root() + "[" + m.index() + "]";
        }
        return m.root() + " (" + m.color() + (m.parent() == null ? ", root" : ", parent #" + m.parent()) + ")";
    }

    private static Map<String, Object> entry(String name, Integer retval, List<String> printk,
                                             List<Map<String, Object>> findings, List<Map<String, Object>> heap) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("retval", retval);
        e.put("printk", printk);
        e.put("findings", findings);
        e.put("heap", heap);
        return e;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().name());
        m.put("insn", f.insn());
        m.put("line", f.line());
        m.put("message", f.message());
        return m;
    }

    private static Map<String, Object> object(HeapReport.ObjectEntry o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", o.id());
        m.put("type", o.type());
        m.put("fields", o.fields());
        m.put("refcount", o.refcount());
        m.put("freed", o.freed());
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("insn", o.allocInsn());
        at.put("line", o.allocLine());
        m.put("allocatedAt", at);
        List<Map<String, Object>> owners = new ArrayList<>();
        for (HeapReport.Membership ms : o.owners()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("root", ms.root());
            x.put("kind", ms.kind());
            x.put("field", ms.field());
            x.put("index", ms.index());
            if (ms.kind().equals("rbtree")) {
                x.put("parent", ms.parent());
                x.put("left", ms.left());
                x.put("right", ms.right());
                x.put("color", ms.color());
            }
            x.put("stale", ms.stale());
            owners.add(x);
        }
        m.put("owners", owners);
        m.put("stashedIn", o.stashedIn());
        return m;
    }
}
