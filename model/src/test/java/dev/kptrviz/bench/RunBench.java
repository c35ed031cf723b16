package dev.kptrviz.bench;

import dev.kptrviz.LoadException;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
import dev.kptrviz.runtime.Machine;
import dev.kptrviz.runtime.RunOptions;
import dev.kptrviz.runtime.RunResult;
import dev.kptrviz.runtime.event.StepEvent;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Emulator throughput in BPF instructions per second: the {@code insns} counter of each result is
 * what to read (the primary score counts runs). {@code arithLoop*} keep one machine and run the
 * arith_loop example again and again (its globals persist, like maps); {@code fillListAndTree}
 * loads a fresh machine per run, so it includes setting up a machine for a kfunc-heavy program.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RunBench {

    /** Counts executed instructions; JMH reports it per second next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Insns {
        public long insns;

        @Setup(Level.Iteration)
        public void clear() {
            insns = 0;
        }
    }

    @State(Scope.Thread)
    public static class Loop {
        Machine untraced;
        Machine traced;
        BpfObject fill;

        @Setup(Level.Trial)
        public void load(Blackhole bh) throws LoadException {
            BpfObject arith = Examples.load("arith_loop.o");
            untraced = Machine.of(arith, "arith_loop", RunOptions.defaults());
            traced = Machine.of(arith, "arith_loop", RunOptions.defaults());
            traced.setListener((StepEvent e) -> bh.consume(e));
            fill = Examples.load("fill_list_and_tree.o");
        }
    }

    @Benchmark
    public int arithLoopUntraced(Loop s, Insns c) {
        RunResult r = s.untraced.run();
        c.insns += r.steps();
        return r.retval();
    }

    @Benchmark
    public int arithLoopTraced(Loop s, Insns c) {
        RunResult r = s.traced.run();
        c.insns += r.steps();
        return r.retval();
    }

    @Benchmark
    public int fillListAndTree(Loop s, Insns c) {
        RunResult r = Machine.of(s.fill, "fill_list_and_tree", RunOptions.defaults()).run();
        c.insns += r.steps();
        return r.retval();
    }
}
