package dev.kptrviz.program;

import java.util.Arrays;
import java.util.Optional;

/**
 * Instruction slot to C source line, from BTF line_info. A line_info record covers its
 * instruction and every later one up to the next record, as in the kernel's verifier log;
 * {@link #startsAt} tells where a record begins (where the log prints the source line).
 */
public final class LineTable {
    private final SourceLine[] lines;
    private final boolean[] starts;

    public LineTable(SourceLine[] lines, boolean[] starts) {
        this.lines = lines.clone();
        this.starts = starts.clone();
    }

    public static LineTable empty(int size) {
        return new LineTable(new SourceLine[size], new boolean[size]);
    }

    public Optional<SourceLine> at(int insn) {
        return insn >= 0 && insn < lines.length ? Optional.ofNullable(lines[insn]) : Optional.empty();
    }

    public boolean startsAt(int insn) {
        return insn >= 0 && insn < starts.length && starts[insn];
    }

    public int size() {
        return lines.length;
    }

    @Override
    public String toString() {
        return "LineTable" + Arrays.toString(lines);
    }
}
