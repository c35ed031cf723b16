package dev.kptrviz.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar kptrviz.jar COMMAND ...}: the command-line face of the model. */
@Command(name = "kptrviz", mixinStandardHelpOptions = true, version = "kptrviz 0.1.0",
        description = "Load clang-compiled BPF objects and show how the verifier's ownership rules for "
                + "local kptrs (bpf_obj_new, bpf_refcount, lists, rbtrees) apply to them.",
        subcommands = {DumpCommand.class, VerifyCommand.class, RunCommand.class, ExamplesCommand.class,
                TraceCommand.class, GraphCommand.class, CompareCommand.class})
public final class Main implements Runnable {
    /** Every program ran / was accepted. */
    public static final int EXIT_OK = 0;
    /** A verdict or run found a problem. */
    public static final int EXIT_FINDINGS = 1;
    /** The input could not be loaded. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("kptrviz: internal error: " + ex);
            return EXIT_BAD_INPUT;
        });
        setInvalidInputCode(cl);
        return cl.execute(args);
    }

    /** Why a file could not be written or read, in a few words (the path is said by the caller). */
    static String reason(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void setInvalidInputCode(CommandLine cl) {
        cl.getCommandSpec().exitCodeOnInvalidInput(EXIT_BAD_INPUT);
        cl.getSubcommands().values().forEach(Main::setInvalidInputCode);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
