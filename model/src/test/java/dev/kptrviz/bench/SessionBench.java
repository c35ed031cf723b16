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
 * time by {@link Trace#steps} for steps/s), {@code seek} jumps to a random step of that trace (replay).
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
            recorded = open();
            steps = recorded.runToEnd();
            System.out.println("\n[SessionBench] arith_loop trace: " + steps + " steps");
        }

        Session open() {
            return Session.open(obj, obj.program("arith_loop").orElseThrow(), Semantics.CURRENT,
                    SessionInputs.defaults());
        }
    }

    @Benchmark
    public long lockstep(Trace t) {
        Session s = t.open();
        return s.runToEnd();
    }

    @Benchmark
    public long seek(Trace t) {
        long n = t.random.nextLong(t.steps + 1);
        t.recorded.seek(n);
        return t.recorded.position();
    }
}
