package dev.kptrviz.runtime;

import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example the running kernel accepts returns, in the emulator, what BPF_PROG_TEST_RUN returned. */
class ExampleRunTest {
    @TestFactory
    Stream<DynamicTest> acceptedExamplesReturnTheKernelsValue() {
        return Examples.all().stream().filter(e -> e.verdictCurrent().equals("accepted")).map(e ->
                DynamicTest.dynamicTest(e.program(), () -> {
                    BpfObject obj = Examples.load(e.objectFile());
                    Machine m = Machine.of(obj, e.program(), RunOptions.defaults().withSemantics(Semantics.CURRENT));
                    RunResult r = m.run();
                    assertEquals(Status.EXITED, r.status(), () -> r.findings().toString());
                    assertTrue(r.findings().isEmpty(), () -> r.findings().toString());
                    assertEquals(e.retval().longValue(), r.retval(), e.program());
                }));
    }

    static Example example(String program) {
        return Examples.byProgram(program).orElseThrow();
    }
}
