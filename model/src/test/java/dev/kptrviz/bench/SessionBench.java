package dev.kptrviz.bench;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The lockstep session: {@code lockstep} traces arith_loop to its end (recording, monitor on; divide the
 * time by {@link Trace#steps} for steps/s), {@code seek} jumps to a random step of that trace (checkpoint restore plus a short replay);
 * {@code seekLong} does the same on a ~1,000,000-step trace (arith_loop repeated 7 times).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SessionBench {

    @State(Scope.Thread)
    public static class Trace {
        BpfObject obj;
        Session recorded;
        long steps;
        final SplittableRandom random = new SplittableRandom(7);

        @Setup(Level.Trial)
        public void load() throws LoadException {
            obj = Examples.load("arith_loop.o");
            recorded = open(1);
            steps = recorded.runToEnd();
            System.out.printf("%n[SessionBench] arith_loop trace: %d steps, %.1f recorded bytes/step%n", steps,
                    recorded.recordedBytesPerStep());
        }

        Session open(int repeat) {
            return Session.open(obj, obj.program("arith_loop").orElseThrow(), Semantics.CURRENT,
                    SessionInputs.defaults().withRepeat(repeat));
        }
    }

    /** arith_loop run 7 times in one session: a trace of about 1,000,000 steps. */
    @State(Scope.Thread)
    public static class LongTrace {
        Session recorded;
        long steps;
        final SplittableRandom random = new SplittableRandom(11);

        @Setup(Level.Trial)
        public void load() throws LoadException {
            BpfObject obj = Examples.load("arith_loop.o");
            recorded = Session.open(obj, obj.program("arith_loop").orElseThrow(), Semantics.CURRENT,
                    SessionInputs.defaults().withRepeat(7));
            long t0 = System.nanoTime();
            steps = recorded.runToEnd();
            long ns = System.nanoTime() - t0;
            System.out.printf("%n[SessionBench] long trace: %d steps in %.0f ms (%.2f M steps/s), %.1f recorded "
                    + "bytes/step%n", steps, ns / 1e6, steps * 1e3 / ns, recorded.recordedBytesPerStep());
        }
    }

    @Benchmark
    public long lockstep(Trace t) {
        Session s = t.open(1);
        return s.runToEnd();
    }

    /** Seek to a random step of the ~1M-step trace (from wherever the previous seek left it). */
    @Benchmark
    public long seekLong(LongTrace t) {
        long n = t.random.nextLong(t.steps + 1);
        t.recorded.seek(n);
        return t.recorded.position();
    }

    @Benchmark
    public long seek(Trace t) {
        long n = t.random.nextLong(t.steps + 1);
        t.recorded.seek(n);
        return t.recorded.position();
    }
}
