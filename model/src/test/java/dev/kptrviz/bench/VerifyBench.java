package dev.kptrviz.bench;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Examples;
import dev.kptrviz.program.Program;
import dev.kptrviz.verifier.Verdict;
import dev.kptrviz.verifier.Verifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Verification time per example under CURRENT semantics, after warm-up, to set beside the
 * kernel's own "verification time" for the same object (src/kernel-logs/*.log, last lines).
 * Run: mvn -q -pl model test-compile exec:java -Dexec.skip=false -Dexec.classpathScope=test
 *      -Dexec.mainClass=org.openjdk.jmh.Main "-Dexec.args=VerifyBench -f 0 -wi 3 -i 5 -r 1s -w 1s"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class VerifyBench {
    @Param({"motivating", "double_insert", "remove_checked", "drain_loop", "fill_list_and_tree", "stash_in_tree",
            "less_and_subprog", "pop_then_add", "use_after_unlock", "leak_owning", "arith_loop"})
    public String program;

    private BpfObject object;
    private Program prog;

    @Setup(Level.Trial)
    public void load() throws LoadException {
        object = Examples.load(program + ".o");
        prog = object.program(program).orElseThrow();
    }

    @Benchmark
    public Verdict verify() {
        return Verifier.verify(object, prog, Semantics.CURRENT, 0);
    }
}
