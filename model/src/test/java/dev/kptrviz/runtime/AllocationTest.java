package dev.kptrviz.runtime;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without a listener, executing instructions allocates nothing: only a run's setup does. */
class AllocationTest {
    @Test
    void untracedRunsAllocateOnlyPerRunNotPerInstruction() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        Machine m = Runs.machine("arith_loop");
        for (int i = 0; i < 200; i++) {
            m.run(); // warm up (JIT)
        }
        long before = bean.getThreadAllocatedBytes(id);
        int runs = 50;
        long insns = 0;
        for (int i = 0; i < runs; i++) {
            insns += m.run().steps();
        }
        long perRun = (bean.getThreadAllocatedBytes(id) - before) / runs;
        assertEquals(144_011, insns / runs, "instructions per run of arith_loop (18 per iteration)");
        assertTrue(perRun < 8_192, "bytes allocated per run of 144k instructions: " + perRun);
    }
}
