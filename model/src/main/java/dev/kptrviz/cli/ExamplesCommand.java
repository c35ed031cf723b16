package dev.kptrviz.cli;

import dev.kptrviz.program.Example;
import dev.kptrviz.program.Examples;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code examples}: the bundled example corpus with expected verdicts per semantics version. */
@Command(name = "examples", mixinStandardHelpOptions = true,
        description = "List the bundled example programs with their expected verdicts under 6.3, 6.4 and "
                + "current semantics (current = what the running 6.18 kernel said).")
final class ExamplesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-28s %-9s %-9s %-9s %s%n", "PROGRAM", "6.3", "6.4", "CURRENT", "DESCRIPTION");
        for (Example e : Examples.all()) {
            out.printf("%-28s %-9s %-9s %-9s %s%n", e.program(), e.verdictV63(), e.verdictV64(), e.verdictCurrent(),
                    e.description());
        }
        out.flush();
        return Main.EXIT_OK;
    }
}
