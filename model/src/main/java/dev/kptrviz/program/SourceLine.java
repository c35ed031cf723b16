package dev.kptrviz.program;

/** A C source position from BTF line_info, with the text of that line as clang recorded it. */
public record SourceLine(String file, int line, int column, String text) {
    /** {@code motivating.c:42}. */
    public String location() {
        return file + ":" + line;
    }
}
