package dev.kptrviz.tour;

import dev.kptrviz.LoadException;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
import dev.kptrviz.program.Loader;
import dev.kptrviz.program.Program;
import dev.kptrviz.program.SourceLine;
import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.OwnershipGraph;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;
import dev.kptrviz.tour.StopTarget.AtError;
import dev.kptrviz.tour.StopTarget.AtStep;
import dev.kptrviz.tour.StopTarget.RunTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs each stop of a tour in a lockstep {@link Session} (default inputs, as the app's session uses) to find its
 * position, and checks that every highlighted key exists there. Problems are collected over all stops, so a
 * teacher sees everything wrong with a tour at once.
 */
public final class TourResolver {
    private final Tour tour;
    private final Map<ExampleRef, Object> objects = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    private TourResolver(Tour tour) {
        this.tour = tour;
    }

    public static Resolution resolve(Tour tour) {
        return new TourResolver(tour).run();
    }

    private Resolution run() {
        List<ResolvedStop> out = new ArrayList<>();
        for (int i = 0; i < tour.stops().size(); i++) {
            int before = problems.size();
            ResolvedStop r;
            try {
                r = stop(i + 1, tour.stops().get(i));
            } catch (RuntimeException | StackOverflowError e) {
                problem(i + 1, null, "the session failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage()));
                r = null;
            }
            if (r != null && problems.size() == before) {
                out.add(r);
            }
        }
        return problems.isEmpty() ? new Resolution.Resolved(tour, out) : new Resolution.Failed(tour, problems);
    }

    private ResolvedStop stop(int n, TourStop s) {
        BpfObject obj = object(n, s.example());
        if (obj == null) {
            return null;
        }
        Program program = program(n, s.example(), obj);
        if (program == null) {
            return null;
        }
        Session session = Session.open(obj, program, s.semantics(), SessionInputs.defaults());
        if (!reach(n, s, session)) {
            return null;
        }
        OwnershipGraph graph = session.snapshot();
        Set<String> present = graph.elementsByKey().keySet();
        List<String> keys = new ArrayList<>();
        List<Integer> insns = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (String key : s.highlight()) {
            if (Highlights.isGraphKey(key)) {
                if (present.contains(key)) {
                    keys.add(key);
                } else {
                    problem(n, "highlight", "'" + key + "' is not in the graph at step " + session.position()
                            + " (it has: " + (present.isEmpty() ? "nothing" : String.join(", ", present)) + ")");
                }
            } else if (Highlights.insn(key) >= 0) {
                int insn = Highlights.insn(key);
                if (insn < program.size()) {
                    insns.add(insn);
                } else {
                    problem(n, "highlight", "'" + key + "' is not an instruction of " + program.name() + " (0.."
                            + (program.size() - 1) + ")");
                }
            } else {
                int line = Highlights.line(key);
                if (hasLine(program, line)) {
                    lines.add(line);
                } else {
                    problem(n, "highlight", "'" + key + "': no instruction of " + program.name()
                            + " comes from that C line");
                }
            }
        }
        return new ResolvedStop(n, s, program.name(), session.position(), graph, keys, insns, lines);
    }

    /** Moves the session to the stop's target; false (with a problem) when it cannot get there. */
    private boolean reach(int n, TourStop s, Session session) {
        String where = s.example().displayName() + " (" + session.program().name() + ")";
        if (s.target() instanceof AtStep a) {
            session.seek(a.step());
            if (session.position() != a.step()) {
                problem(n, "step", "the run " + end(session) + ", before step " + a.step());
                return false;
            }
            return true;
        }
        if (s.target() instanceof RunTo r) {
            session.addBreakpoint(r.breakpoint());
            for (int k = 1; k <= r.occurrence(); k++) {
                if (session.runToStop() == null) {
                    String what = describe(r.breakpoint());
                    problem(n, "runTo", k == 1 ? what + " is never reached (the run " + end(session) + ")"
                            : what + " is reached " + (k - 1) + " time(s), not " + r.occurrence()
                            + " (the run " + end(session) + ")");
                    return false;
                }
            }
            return true;
        }
        assert s.target() instanceof AtError;
        session.runToEnd();
        if (session.status() == Session.Status.REJECTED) {
            return true;
        }
        var error = session.verdict().error();
        if (error.isEmpty()) {
            problem(n, "runTo", where + " is accepted under " + s.semantics().name()
                    + " rules: there is no error to stop at");
        } else {
            problem(n, "runTo", "the verifier's error in " + where + " (insn " + error.get().insn()
                    + ") is on a path the concrete run does not take; stop at a \"step\" instead");
        }
        return false;
    }

    private static String end(Session session) {
        return session.status() == Session.Status.REJECTED
                ? "stops at step " + session.position() + ", where the verifier rejects the next instruction"
                : "ends at step " + session.position();
    }

    private static String describe(Breakpoint b) {
        if (b instanceof Breakpoint.AtInsn a) {
            return "insn " + a.pc();
        }
        if (b instanceof Breakpoint.AtLine l) {
            return "line " + l.line();
        }
        return "event " + ((Breakpoint.OnEvent) b).kind();
    }

    private static boolean hasLine(Program p, int line) {
        for (int i = 0; i < p.size(); i++) {
            if (p.lineAt(i).map(SourceLine::line).orElse(-1) == line) {
                return true;
            }
        }
        return false;
    }

    /** The stop's object, loaded once per tour; null (with a problem) when it cannot be loaded. */
    private BpfObject object(int n, ExampleRef ref) {
        Object o = objects.computeIfAbsent(ref, r -> {
            try {
                return r instanceof ExampleRef.OnDisk d ? Loader.load(d.path())
                        : Examples.load(((ExampleRef.Bundled) r).file());
            } catch (LoadException e) {
                return e;
            }
        });
        if (o instanceof LoadException e) {
            problem(n, ref instanceof ExampleRef.OnDisk ? "file" : "example", "cannot load " + ref.displayName()
                    + ": " + e.getMessage());
            return null;
        }
        return (BpfObject) o;
    }

    private Program program(int n, ExampleRef ref, BpfObject obj) {
        if (obj.programs().isEmpty()) {
            problem(n, ref instanceof ExampleRef.OnDisk ? "file" : "example", ref.displayName()
                    + " contains no BPF programs");
            return null;
        }
        if (ref.program() == null) {
            return obj.programs().get(0);
        }
        return obj.program(ref.program()).orElseGet(() -> {
            problem(n, "program", ref.displayName() + " has no program '" + ref.program() + "' (it has: "
                    + obj.programs().stream().map(Program::name).collect(Collectors.joining(", ")) + ")");
            return null;
        });
    }

    private void problem(int n, String field, String reason) {
        problems.add(TourLoadException.place(tour.source(), n, field) + reason);
    }
}
