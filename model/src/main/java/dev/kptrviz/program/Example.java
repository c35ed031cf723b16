package dev.kptrviz.program;

/**
 * One row of {@code src/examples.tsv}: a bundled example program and what the kernel (for
 * {@code current}) and the rulebook (for 6.3 / 6.4) say about it. {@code retval} is null where
 * the program is not run; error texts are null where the program is accepted.
 */
public record Example(String file, String program, String verdictV63, String verdictV64, String verdictCurrent,
                      String errorV63, String errorV64, String errorCurrent, Long retval, String description) {

    /** The object file name, e.g. {@code motivating.o}. */
    public String objectFile() {
        return file.endsWith(".c") ? file.substring(0, file.length() - 2) + ".o" : file;
    }

    /** The C source file name, e.g. {@code motivating.c}. */
    public String sourceFile() {
        return objectFile().substring(0, objectFile().length() - 2) + ".c";
    }
}
