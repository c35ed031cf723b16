package dev.kptrviz.bench;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
import dev.kptrviz.session.Breakpoint;
import dev.kptrviz.session.Session;
import dev.kptrviz.session.SessionInputs;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * The debugger over a ~1,000,000-step recording (arith_loop run 7 times): {@code marks} computes the
 * timeline's marks with no breakpoint, {@code marksLoopBreakpoint} with an instruction breakpoint inside the
 * loop (56,000 stops, bucketed under the cap), {@code marksConditional} with a conditional one (the first
 * candidates checked by replay); {@code reverseToConditionalStop} runs back from the end to a conditional
 * stop near the start (one seek per candidate on the way).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TimelineBench {

    @State(Scope.Thread)
    public static class LongTrace {
        Session session;

        @Setup(Level.Trial)
        public void load() throws LoadException {
            BpfObject obj = Examples.load("arith_loop.o");
            session = Session.open(obj, obj.program("arith_loop").orElseThrow(), Semantics.CURRENT,
                    SessionInputs.defaults().withRepeat(7));
            long steps = session.runToEnd();
            System.out.printf("%n[TimelineBench] %d steps recorded%n", steps);
        }
    }

    @Benchmark
    public int marks(LongTrace t) {
        t.session.clearBreakpoints();
        return t.session.marks().size();
    }

    @Benchmark
    public int marksLoopBreakpoint(LongTrace t) {
        t.session.clearBreakpoints();
        t.session.addBreakpoint(new Breakpoint.AtInsn(22));
        return t.session.marks().size();
    }

    @Benchmark
    public int marksConditional(LongTrace t) {
        t.session.clearBreakpoints();
        t.session.addBreakpoint(Breakpoint.When.parse(new Breakpoint.AtInsn(22), "r1 == 100"));
        return t.session.marks().size();
    }

    @Benchmark
    public long reverseToConditionalStop(LongTrace t) {
        t.session.clearBreakpoints();
        t.session.seek(t.session.recorded());
        t.session.addBreakpoint(Breakpoint.When.parse(new Breakpoint.AtInsn(22), "r1 == 7990"));
        return t.session.reverseToStop().position();
    }
}
