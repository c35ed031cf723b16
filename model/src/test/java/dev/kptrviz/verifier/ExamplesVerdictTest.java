package dev.kptrviz.verifier;

import dev.kptrviz.LoadException;
import dev.kptrviz.kfunc.Semantics;
import dev.kptrviz.program.BpfObject;
import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every row of src/examples.tsv under every semantics version: verdict and first error
 * message. The `current` columns are the running 6.18 kernel's own output (checked live by
 * ExamplesTableKernelTest); the 6.3 and 6.4 columns follow the rulebook.
 */
class ExamplesVerdictTest {

    static Stream<Arguments> rows() {
        return Examples.all().stream().flatMap(e -> Stream.of(
                Arguments.of(e.program(), Semantics.V6_3, e.verdictV63(), e.errorV63()),
                Arguments.of(e.program(), Semantics.V6_4, e.verdictV64(), e.errorV64()),
                Arguments.of(e.program(), Semantics.CURRENT, e.verdictCurrent(), e.errorCurrent())));
    }

    @ParameterizedTest(name = "{0} under {1}: {2}")
    @MethodSource("rows")
    void verdictAndFirstMessageMatch(String program, Semantics sem, String verdict, String error) throws LoadException {
        Example e = Examples.byProgram(program).orElseThrow();
        BpfObject obj = Examples.load(e.objectFile());
        Verdict v = Verifier.verify(obj, obj.program(program).orElseThrow(), sem);
        String got = v.error().map(Diagnostic::message).orElse(null);
        assertEquals(verdict + " / " + error, (v.accepted() ? "accepted" : "rejected") + " / " + got);
    }
}
